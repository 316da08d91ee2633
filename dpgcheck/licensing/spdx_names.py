"""Licence names and URLs as non-SPDX metadata writes them (a POM, a trove classifier, an R
DESCRIPTION, an Odoo manifest, a licence link) mapped to SPDX ids, and the SPDX licence data
shipped with the policies that the mapping and the expression analysis read."""
from __future__ import annotations

import json
import re
from typing import Any

from dpgcheck.patterns import lazy

#: Licence names as they appear in metadata that is not SPDX (POM, trove classifiers,
#: R DESCRIPTION, Odoo manifests), lower-case, to SPDX ids. Only unambiguous names.
NAME_ALIASES = {
    "apache license, version 2.0": "Apache-2.0",
    "apache license version 2.0": "Apache-2.0",
    "apache license 2.0": "Apache-2.0",
    "apache 2.0": "Apache-2.0",
    "apache-2": "Apache-2.0",
    "apache 2": "Apache-2.0",
    "the apache software license, version 2.0": "Apache-2.0",
    "the apache license, version 2.0": "Apache-2.0",
    "apache software license": "Apache-2.0",
    "apache license (== 2.0)": "Apache-2.0",
    "mit license": "MIT",
    "the mit license": "MIT",
    "mit": "MIT",
    "bsd license": None,  # which BSD? say so rather than guess
    "bsd 3-clause license": "BSD-3-Clause",
    "bsd-3-clause license": "BSD-3-Clause",
    "the bsd 3-clause license": "BSD-3-Clause",
    "new bsd license": "BSD-3-Clause",
    "revised bsd license": "BSD-3-Clause",
    "bsd 2-clause license": "BSD-2-Clause",
    "simplified bsd license": "BSD-2-Clause",
    "bsd_3_clause": "BSD-3-Clause",
    "bsd_2_clause": "BSD-2-Clause",
    "isc license": "ISC",
    "isc license (iscl)": "ISC",
    "eclipse public license - v 2.0": "EPL-2.0",
    "eclipse public license 2.0": "EPL-2.0",
    "eclipse public license v2.0": "EPL-2.0",
    "eclipse public license - v 1.0": "EPL-1.0",
    "eclipse public license 1.0": "EPL-1.0",
    "mozilla public license 2.0": "MPL-2.0",
    "mozilla public license, version 2.0": "MPL-2.0",
    "mozilla public license 2.0 (mpl 2.0)": "MPL-2.0",
    "mpl 2.0": "MPL-2.0",  # MOSIP's pom.xml files (issue 17)
    "mpl v2.0": "MPL-2.0",
    "gnu general public license v3 (gplv3)": "GPL-3.0-only",
    "gnu general public license v3 or later (gplv3+)": "GPL-3.0-or-later",
    "gnu general public license v2 (gplv2)": "GPL-2.0-only",
    "gnu general public license v2 or later (gplv2+)": "GPL-2.0-or-later",
    "gnu general public license, version 2": "GPL-2.0-only",
    "gnu general public license, version 3": "GPL-3.0-only",
    "gnu affero general public license v3": "AGPL-3.0-only",
    "gnu affero general public license v3 or later (agplv3+)": "AGPL-3.0-or-later",
    "gnu lesser general public license v3 (lgplv3)": "LGPL-3.0-only",
    "gnu lesser general public license v3 or later (lgplv3+)": "LGPL-3.0-or-later",
    "gnu lesser general public license v2 (lgplv2)": "LGPL-2.0-only",
    "gnu lesser general public license v2 or later (lgplv2+)": "LGPL-2.0-or-later",
    "gnu library or lesser general public license (lgpl)": None,
    "european union public licence 1.2 (eupl 1.2)": "EUPL-1.2",
    "european union public licence 1.1 (eupl 1.1)": "EUPL-1.1",
    "european union public license 1.2": "EUPL-1.2",
    "the unlicense (unlicense)": "Unlicense",
    "the unlicense": "Unlicense",
    "python software foundation license": "PSF-2.0",
    "zope public license": None,
    "academic free license (afl)": None,
    "boost software license 1.0 (bsl-1.0)": "BSL-1.0",
    "cc0 1.0 universal (cc0 1.0) public domain dedication": "CC0-1.0",
    "cc0": "CC0-1.0",
    "cc by 4.0": "CC-BY-4.0",
    "cc by-sa 4.0": "CC-BY-SA-4.0",
    "common development and distribution license 1.0 (cddl-1.0)": "CDDL-1.0",
    "university of illinois/ncsa open source license": "NCSA",
    "zlib license": "Zlib",
    "the zlib/libpng license": "Zlib",
    # R DESCRIPTION short names (share/licenses/license.db)
    "gpl-2": "GPL-2.0-only",
    "gpl-3": "GPL-3.0-only",
    "gpl (>= 2)": "GPL-2.0-or-later",
    "gpl (>= 2.0)": "GPL-2.0-or-later",
    "gpl (>= 3)": "GPL-3.0-or-later",
    "gpl (>= 3.0)": "GPL-3.0-or-later",
    "gpl": "GPL-2.0-only OR GPL-3.0-only",
    "gpl-2 | gpl-3": "GPL-2.0-only OR GPL-3.0-only",
    "lgpl-2": "LGPL-2.0-only",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3": "LGPL-3.0-only",
    "lgpl (>= 2)": "LGPL-2.0-or-later",
    "lgpl (>= 2.1)": "LGPL-2.1-or-later",
    "lgpl (>= 3)": "LGPL-3.0-or-later",
    "agpl-3": "AGPL-3.0-only",
    "agpl (>= 3)": "AGPL-3.0-or-later",
    "artistic-2.0": "Artistic-2.0",
    "mpl-2.0": "MPL-2.0",
    "eupl-1.2": "EUPL-1.2",
    "eupl": "EUPL-1.2",
    # Odoo manifest values (odoo/modules/module.py)
    "gpl-2 or any later version": "GPL-2.0-or-later",
    "gpl-3 or any later version": "GPL-3.0-or-later",
    "oeel-1": "LicenseRef-Odoo-OEEL-1",
    "opl-1": "LicenseRef-Odoo-OPL-1",
    "other proprietary": "LicenseRef-proprietary",
}

#: URLs (scheme and trailing slash stripped, lower case) that name one licence.
URL_ALIASES = {
    "www.apache.org/licenses/license-2.0": "Apache-2.0",
    "www.apache.org/licenses/license-2.0.txt": "Apache-2.0",
    "apache.org/licenses/license-2.0": "Apache-2.0",
    "opensource.org/licenses/mit": "MIT",
    "www.opensource.org/licenses/mit-license.php": "MIT",
    "opensource.org/licenses/mit-license.php": "MIT",
    "opensource.org/licenses/bsd-3-clause": "BSD-3-Clause",
    "opensource.org/licenses/bsd-2-clause": "BSD-2-Clause",
    "www.eclipse.org/legal/epl-2.0": "EPL-2.0",
    "www.eclipse.org/legal/epl-v20.html": "EPL-2.0",
    "www.eclipse.org/legal/epl-v10.html": "EPL-1.0",
    "www.mozilla.org/mpl/2.0": "MPL-2.0",
    "www.mozilla.org/en-us/mpl/2.0": "MPL-2.0",
    "mozilla.org/mpl/2.0": "MPL-2.0",
    "www.gnu.org/licenses/gpl-3.0.html": "GPL-3.0-only",
    "www.gnu.org/licenses/gpl-2.0.html": "GPL-2.0-only",
    "www.gnu.org/licenses/lgpl-3.0.html": "LGPL-3.0-only",
    "www.gnu.org/licenses/agpl-3.0.html": "AGPL-3.0-only",
}

_SPDX_NAMES: dict[str, str] | None = None
_EXPRESSION = lazy(r"[A-Za-z0-9.+\-:()]+(\s+(AND|OR|WITH)\s+[A-Za-z0-9.+\-:()]+)*", re.IGNORECASE)


def spdx_license_data() -> dict[str, Any]:
    """The generated SPDX licence data shipped with the policies (``data.dpgcheck.licenses.spdx``)."""
    from dpgcheck.resources import builtin_policies

    node = builtin_policies() / "dpgcheck" / "licenses" / "spdx" / "data.json"
    return json.loads(node.read_text(encoding="utf-8"))


def _spdx_names() -> dict[str, str]:
    """SPDX full names (lower case) to ids; built once."""
    global _SPDX_NAMES
    if _SPDX_NAMES is None:
        names: dict[str, str] = {}
        try:
            for identifier, lic in sorted(spdx_license_data()["licenses"].items()):
                if not lic.get("deprecated"):
                    names.setdefault(str(lic.get("name", "")).lower(), identifier)
        except (OSError, ValueError, KeyError):
            pass
        _SPDX_NAMES = names
    return _SPDX_NAMES


def _looks_like_expression(text: str) -> bool:
    return bool(_EXPRESSION.fullmatch(text.strip()))


def name_to_expression(name: str | None, url: str | None = None) -> str | None:
    """An SPDX expression for a licence name or URL as found in non-SPDX metadata, or None."""
    if name:
        cleaned = " ".join(name.split())
        lower = cleaned.lower()
        if lower in NAME_ALIASES:
            return NAME_ALIASES[lower]
        if lower in _spdx_names():
            return _spdx_names()[lower]
        if _looks_like_expression(cleaned):
            return cleaned
    if url and len(url) <= 500:
        key = re.sub(r"^[a-z]+://", "", url.strip().lower()).rstrip("/")
        if key in URL_ALIASES:
            return URL_ALIASES[key]
        match = re.search(r"spdx\.org/licenses/([A-Za-z0-9.+\-]+?)(\.html|\.json)?$", key)
        if match:
            for identifier in _spdx_names().values():
                if identifier.lower() == match.group(1):
                    return identifier
    return None
