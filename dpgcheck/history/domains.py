"""From a contributor's e-mail address to an organisation, without keeping the address.

* Sub-domains collapse to the registrable domain (``eng.mail.example.org`` →
  ``example.org``), using a small embedded subset of the Public Suffix List for
  multi-label suffixes (``co.uk``, ``gov.in``, ``gov.br``, ``ac.ke``, ``org.za``,
  ``com.au`` …) and the common pattern ``<generic label>.<country code>``.
* Webmail and forge no-reply domains (``gmail.com``, ``users.noreply.github.com``
  …) say nothing about an employer: they map to ``unknown``.
* An affiliation map (``--affiliations``, YAML or JSON) names the organisation of
  an e-mail address or of a domain (and its sub-domains); it wins over the domain.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dpgcheck.resources import package_file

UNKNOWN = "unknown"

#: Multi-label public suffixes (a subset of the Public Suffix List) that do not
#: follow the ``<generic>.<cc>`` pattern below, or that are worth listing anyway.
PUBLIC_SUFFIXES = frozenset(
    {
        "co.uk", "org.uk", "gov.uk", "ac.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "nhs.uk", "police.uk", "sch.uk",
        "gov.in", "nic.in", "co.in", "ac.in", "res.in", "org.in", "net.in", "edu.in", "ernet.in",
        "gov.br", "com.br", "org.br", "edu.br", "net.br", "leg.br", "jus.br", "mil.br",
        "ac.ke", "go.ke", "co.ke", "or.ke", "ne.ke", "sc.ke",
        "org.za", "co.za", "gov.za", "ac.za", "net.za", "web.za",
        "com.au", "gov.au", "org.au", "edu.au", "net.au", "asn.au", "id.au",
        "co.nz", "govt.nz", "org.nz", "ac.nz", "net.nz",
        "gouv.fr", "gov.it", "gob.mx", "gob.es", "gob.ar", "gob.cl", "gob.pe", "gov.co", "gov.ph", "gov.sg",
        "gov.ng", "gov.gh", "go.ug", "go.tz", "gov.rw", "gov.et", "gov.sl", "gov.bd", "gov.pk", "gov.lk", "gov.np",
        "go.id", "go.jp", "go.kr", "go.th", "gov.my", "gov.vn", "gov.cn", "gov.tw", "gov.hk", "gov.eg", "gov.ma",
        "gc.ca", "canada.ca", "gv.at", "admin.ch", "gov.pl", "gov.ua", "gov.ru", "gov.tr",
        "ac.jp", "co.jp", "or.jp", "ne.jp", "ac.kr", "co.kr", "or.kr", "ac.il", "co.il", "org.il", "gov.il",
        "com.cn", "edu.cn", "org.cn", "net.cn", "com.hk", "com.tw", "com.sg", "edu.sg", "com.my",
        "com.mx", "com.ar", "com.co", "com.pe", "com.tr", "com.ua", "com.pl", "com.ng", "com.gh", "com.pk",
        "com.bd", "com.eg", "com.ph", "com.vn", "co.th", "co.id", "or.id", "ac.id", "co.tz", "co.ug", "co.rw",
        "github.io", "gitlab.io", "herokuapp.com", "netlify.app", "vercel.app", "pages.dev", "blogspot.com",
    }
)

#: Where the public top-level labels are kept (see that file's header for provenance).
TLDS_FILE = "tlds.txt"
#: RFC 2606's label for documentation: the examples' fictional organisations live under it.
DOCUMENTATION_TLDS = frozenset({"example"})


@functools.cache
def public_tlds() -> frozenset[str]:
    """The public top-level labels (ICANN section of the Public Suffix List).

    A domain under any other label — ``pauls-laptop.local``, ``desktop-7q2x.localdomain``,
    ``someone.notebook``, an IP address — names a machine, often after its owner, never an
    organisation (issue 17: real histories). Regenerate the file from a newer list with
    the ICANN section's last labels, one a line.
    """
    text = package_file("dpgcheck.history", TLDS_FILE).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")) | DOCUMENTATION_TLDS


#: Second-level labels that, under a two-letter country code, form a public suffix.
GENERIC_SECOND_LEVEL = frozenset(
    {"ac", "co", "com", "edu", "go", "gob", "gouv", "gov", "govt", "gv", "mil", "ne", "net", "nic", "or", "org", "sch"}
)

#: Webmail, ISP mail and forge no-reply domains: the address says nothing about an employer.
WEBMAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "windowslive.com",
        "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "icloud.com", "me.com", "mac.com",
        "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com", "tuta.io", "fastmail.com",
        "fastmail.fm", "hey.com", "zoho.com", "mail.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "posteo.de",
        "posteo.net", "mailbox.org", "riseup.net", "hushmail.com", "yandex.ru", "yandex.com", "ya.ru", "mail.ru",
        "inbox.ru", "list.ru", "bk.ru", "rambler.ru", "qq.com", "foxmail.com", "163.com", "126.com", "sina.com",
        "sohu.com", "aliyun.com", "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "libero.it",
        "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "btinternet.com", "comcast.net", "verizon.net",
        "att.net", "sbcglobal.net", "uol.com.br", "bol.com.br", "terra.com.br", "seznam.cz", "wp.pl", "o2.pl",
        "interia.pl", "t-online.de", "freenet.de", "arcor.de", "bigpond.com", "optusnet.com.au",
        "users.noreply.github.com", "noreply.github.com", "github.com", "users.noreply.gitlab.com",
        "noreply.gitlab.com", "users.noreply.codeberg.org", "localhost", "localdomain", "example.com",
        "example.org", "example.net", "none", "unknown",
    }
)

#: Webmail brands that exist under many country domains (yahoo.co.uk, hotmail.fr, gmx.at …).
WEBMAIL_BRANDS = frozenset({"yahoo", "hotmail", "outlook", "live", "gmx", "gmail", "aol", "yandex", "msn"})

#: Addresses and names of bots: their commits are counted apart, never as contributors.
BOT_ADDRESSES = frozenset(
    {
        "noreply@github.com", "actions@github.com", "action@github.com", "github-actions@github.com",
        "bot@renovateapp.com", "support@dependabot.com", "dependabot@github.com", "noreply@weblate.org",
        "hosted@weblate.org", "bot@greenkeeper.io", "tx-robot@transifex.com", "ci@gitlab.com",
        "snyk-bot@snyk.io", "pre-commit-ci@users.noreply.github.com",
    }
)


def _labels(domain: str) -> list[str]:
    return [label for label in domain.strip().strip(".").lower().split(".") if label]


def registrable_domain(domain: str) -> str | None:
    """The registrable domain (public suffix plus one label), or None when there is none."""
    labels = _labels(domain)
    if len(labels) < 2 or any(not _valid_label(label) for label in labels) or labels[-1] not in public_tlds():
        return None
    suffix_length = 1
    if ".".join(labels[-2:]) in PUBLIC_SUFFIXES:
        suffix_length = 2
    elif len(labels[-1]) == 2 and labels[-2] in GENERIC_SECOND_LEVEL:
        suffix_length = 2
    if len(labels) <= suffix_length:
        return None  # the address's domain is itself a public suffix
    return ".".join(labels[-(suffix_length + 1):])


def _valid_label(label: str) -> bool:
    return len(label) <= 63 and all(c.isalnum() or c == "-" for c in label)


def is_webmail(domain: str) -> bool:
    labels = _labels(domain)
    full = ".".join(labels)
    if full in WEBMAIL_DOMAINS:
        return True
    if any(full.endswith("." + known) for known in ("users.noreply.github.com", "noreply.github.com", "users.noreply.gitlab.com")):
        return True
    registrable = registrable_domain(full)
    if registrable is None:
        return False
    return registrable in WEBMAIL_DOMAINS or registrable.split(".", 1)[0] in WEBMAIL_BRANDS


def is_bot(email: str, name: str = "") -> bool:
    email = email.strip().lower()
    local = email.partition("@")[0]
    return (
        email in BOT_ADDRESSES
        or local.endswith("[bot]")
        or local.endswith("-bot")
        or name.strip().lower().endswith("[bot]")
        or "+dependabot" in local
    )


class AffiliationMap:
    """``{"person@x.org": "Org", "x.org": "Org"}``: address first, then the domain and its parents."""

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self._addresses: dict[str, str] = {}
        self._domains: dict[str, str] = {}
        for key, organisation in (mapping or {}).items():
            key = key.strip().lower()
            if "@" in key.lstrip("@"):
                self._addresses[key] = organisation
            else:
                self._domains[key.lstrip("@").strip(".")] = organisation

    def __len__(self) -> int:
        return len(self._addresses) + len(self._domains)

    def lookup(self, email: str) -> str | None:
        email = email.strip().lower()
        if email in self._addresses:
            return self._addresses[email]
        labels = _labels(email.rpartition("@")[2])
        for start in range(len(labels)):
            found = self._domains.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


MAX_AFFILIATION_BYTES = 4 * 1024 * 1024


def load_affiliations(path: Path) -> AffiliationMap:
    """Read an affiliation map; raise ValueError with a one-line reason when it is unusable.

    Accepted shapes: a mapping of e-mail address or domain to organisation name, or
    the same mapping under a top-level ``affiliations`` key. A ``.json`` file is read as
    JSON proper (NaN, Infinity and 1e400 are refused, as JSON refuses them); any other
    file with the one bounded YAML loader (size, aliases, depth, binary).
    """
    from dpgcheck.untrusted.yaml import YamlRefused, load
    from dpgcheck.untrusted import Refused, check_value, decode_utf8, parse_json, read_regular

    try:
        raw = read_regular(path, max_bytes=MAX_AFFILIATION_BYTES)
    except Refused as exc:
        raise ValueError(f"cannot read the affiliation map: {exc.message}" if not exc.message.startswith("is ") else f"the affiliation map {exc.message}") from None
    data: Any
    try:
        if path.suffix.lower() == ".json":
            data = parse_json(decode_utf8(raw))
        else:
            data = load(raw, max_bytes=MAX_AFFILIATION_BYTES, max_nodes=200_000).value
            check_value(data)
    except YamlRefused as exc:
        raise ValueError(f"the affiliation map is not usable: {exc.message}") from None
    except Refused as exc:
        raise ValueError(f"the affiliation map {exc.message}") from None
    if isinstance(data, dict) and isinstance(data.get("affiliations"), dict):
        data = data["affiliations"]
    if data is None:
        data = {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in data.items()):
        raise ValueError("the affiliation map must map e-mail addresses or domains (strings) to organisation names (strings)")
    return AffiliationMap({k: v.strip() for k, v in data.items()})


def organisation_of(email: str, affiliations: AffiliationMap | None = None) -> str:
    """The organisation an address belongs to: mapped name, registrable domain, or ``unknown``."""
    email = email.strip().lower()
    if affiliations is not None:
        mapped = affiliations.lookup(email)
        if mapped is not None:
            return mapped
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain or is_webmail(domain):
        return UNKNOWN
    return registrable_domain(domain) or UNKNOWN
