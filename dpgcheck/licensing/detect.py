"""Identify the licence a licence file holds, offline and in milliseconds.

Built on PyPI ``licenseclassifier`` (a pure-Python port of google/licensecheck with the
SPDX matching templates): it finds whole-licence patterns in a text and says which part
of the text they cover. On top of it this module tells apart

* ``full``: the text is a licence text (maybe with a title and copyright lines);
* ``with_additional_terms``: a full licence text plus terms appended, prepended or
  inserted into it (found by leaving out one paragraph, then one sentence, at a time);
* ``notice``: the short "licensed under ..." notice of a long licence (GPL, Apache ...),
  or a short text that names a licence or carries an ``SPDX-License-Identifier``;
* ``multiple``: several licence texts in one file;
* ``unknown``: licence-like text nobody recognises; ``empty``.

GPL-family full texts do not say whether "-only" or "-or-later" is meant, so the result
lists every id the text is consistent with (``candidates``); a notice saying "or (at your
option) any later version" in another file settles it. How several files combine (that
notice widening a GNU text to ``-or-later``, an LGPL text incorporating the GPL one) is
policy, decided in Rego (``policies/lib/combined.rego``); see docs/licensing.md.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import time
from pathlib import Path
from typing import Any

from dpgcheck.patterns import lazy

#: Texts longer than this are not scanned (a licence text is at most ~100 KB).
MAX_SCAN_CHARS = 400_000
#: Leave-one-out search for inserted clauses: only on texts up to this size, within this time.
MAX_LEAVE_OUT_CHARS = 16_000
LEAVE_OUT_BUDGET_SECONDS = 0.3
#: Uncovered words below this count are titles, copyright lines and the like, not terms.
EXTRA_WORDS_THRESHOLD = 12

#: Families whose full text is long and which have a short standard notice.
LONG_FAMILIES = lazy(
    r"^(A?GPL|LGPL|GFDL|Apache-2\.0|MPL|EPL|EUPL|CDDL|CECILL|OSL|AFL-3|Artistic-2|CC-BY|CC0|ODbL|ODC|PDDL|MS-RL|CPAL|OFL)"
)
NOTICE_MAX_WORDS = 450

#: licensecheck reports the GNU full texts under their deprecated ids: the text alone
#: cannot say which of -only / -or-later the licensor meant.
_VERSIONED = lazy(r"^(A?GPL|LGPL|GFDL)-(\d\.\d)$")
_ONLY_OR_LATER = lazy(r"^(?P<family>(A?GPL|LGPL|GFDL)-\d\.\d)-(?P<kind>only|or-later)$")

_NORMATIVE = lazy(
    r"\b(shall|must|may\s+not|may\s+only|not\s+permitted|prohibit\w*|forbid\w*|restrict\w*|condition\w*|"
    r"permission|grant\w*|waive\w*|requir\w*|not\s+be\s+used|exception|provided\s+that|in\s+addition)\b",
    re.IGNORECASE,
)
_WORD = lazy(r"[A-Za-z0-9]+")
# REUSE-IgnoreStart (a pattern, not this file's licence)
_SPDX_TAG = "SPDX-License-Identifier:"


def spdx_line_value(line: str) -> str | None:
    """The expression after ``SPDX-License-Identifier:`` on one line, without a closing ``*/`` or ``-->``.

    Plain string work, linear in the line: the lazy pattern it replaces took 0.7 s on
    one 500-character line of spaces, so a file of such lines could hang the header scan.
    """
    start = line.find(_SPDX_TAG)
    if start < 0:
        return None
    rest = line[start + len(_SPDX_TAG):].strip()
    for terminator in ("*/", "-->"):
        if rest.endswith(terminator):
            rest = rest[: -len(terminator)].rstrip()
            break
    if not rest or "*" in rest:
        return None
    return rest
# REUSE-IgnoreEnd
_OR_LATER = lazy(r"(or\s*\(?\s*at\s+your\s+option\s*\)?\s*any\s+later\s+version|or\s+any\s+later\s+version)", re.IGNORECASE)

#: Phrases of short notices that name a licence without quoting it, to SPDX ids.
_NAMED = [
    (lazy(r"\bApache\s+License,?\s+(Version\s+)?2(\.0)?\b", re.I), "Apache-2.0"),
    (lazy(r"\bMIT\s+Licen[cs]e\b|\blicen[cs]ed\s+under\s+(the\s+)?MIT\b", re.I), "MIT"),
    (lazy(r"\bBSD[\s-]+3[\s-]+Clause\b", re.I), "BSD-3-Clause"),
    (lazy(r"\bBSD[\s-]+2[\s-]+Clause\b", re.I), "BSD-2-Clause"),
    (lazy(r"\bMozilla\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+)?2\.0\b", re.I), "MPL-2.0"),
    (lazy(r"\bGNU\s+Affero\s+General\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+)?3\b|\bAGPL-?v?3\b", re.I), "AGPL-3.0"),
    (lazy(r"\bGNU\s+Lesser\s+General\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+)?3\b|\bLGPL-?v?3\b", re.I), "LGPL-3.0"),
    (lazy(r"\bGNU\s+Lesser\s+General\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+)?2\.1\b|\bLGPL-?v?2\.1\b", re.I), "LGPL-2.1"),
    (lazy(r"\bGNU\s+General\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+)?3\b|\bGPL-?v?3\b", re.I), "GPL-3.0"),
    (lazy(r"\bGNU\s+General\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+)?2\b|\bGPL-?v?2\b", re.I), "GPL-2.0"),
    (lazy(r"\bEuropean\s+Union\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+)?1\.2\b|\bEUPL-?v?1\.2\b", re.I), "EUPL-1.2"),
    (lazy(r"\bEclipse\s+Public\s+Licen[cs]e,?\s+(v\.?|version\s+|-\s+v\s+)?2\.0\b", re.I), "EPL-2.0"),
    (lazy(r"\bCreative\s+Commons\s+Attribution[\s-]+Share\s*Alike\s+4\.0\b|\bCC[\s-]BY[\s-]SA[\s-]4\.0\b", re.I), "CC-BY-SA-4.0"),
    (lazy(r"\bCreative\s+Commons\s+Attribution\s+4\.0\b|\bCC[\s-]BY[\s-]4\.0\b", re.I), "CC-BY-4.0"),
    (lazy(r"\bCC0\b|\bCreative\s+Commons\s+Zero\b", re.I), "CC0-1.0"),
    (lazy(r"\bThe\s+Unlicen[cs]e\b", re.I), "Unlicense"),
    (lazy(r"\bISC\s+Licen[cs]e\b", re.I), "ISC"),
]
#: A short text must read like a licence statement before a named licence counts.
_URL = lazy(r"https?://[^\s<>\"')\]]+", re.I)
#: Wording that makes several named licences a choice (dual licensing).
_CHOICE = lazy(r"\bdual[\s-]+licen[cs]ed\b|\bat\s+your\s+(option|choice)\b|\beither\s+(of\s+)?(the\s+)?(MIT|Apache|GNU|BSD|Mozilla)", re.I)
_STATEMENT = lazy(r"\blicen[cs](e|es|ed|ing)\b|\bSPDX\b|\bdistributed\s+under\b|\breleased\s+under\b", re.I)


def _scanner_scan(text: str) -> Any:
    from licenseclassifier._engine import scan

    return scan(text)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _candidates(identifier: str) -> list[str]:
    """SPDX ids a detected id is consistent with (the -only/-or-later pair for GNU texts)."""
    versioned = _VERSIONED.match(identifier)
    if versioned:
        family = identifier
        return [f"{family}-only", f"{family}-or-later"]
    if identifier == "GPL-2.0-or-3.0":
        return ["GPL-2.0-only", "GPL-3.0-only"]
    return [identifier]


def _canonical(identifier: str) -> str:
    """The id to report: GNU full texts as -only (what the text grants by itself)."""
    if _VERSIONED.match(identifier):
        return f"{identifier}-only"
    return identifier


def _family(identifier: str) -> str:
    match = _ONLY_OR_LATER.match(identifier)
    return match.group("family") if match else identifier


#: Text that accompanies some official licence texts without being terms: Creative Commons'
#: preamble and trailer, the PSF licence's history section, and the list of bundled
#: third-party components and their licences that ASF projects append (Fineract, issue 17).
_BOILERPLATE = [
    lazy(r"\bLICEN[CS]ES?\s+(?:FOR|OF)\s+(?:INCLUDED|BUNDLED|THIRD[- ]PARTY)\s+(?:DEPENDENCIES|COMPONENTS|SOFTWARE|FILES)\b.*\Z", re.S),
    lazy(r"Creative\s+Commons\s+Corporation\s+\(\"Creative\s+Commons\"\)\s+is\s+not\s+a\s+law\s+firm.{0,12000}?(?=Creative\s+Commons\s+[A-Za-z -]{0,80}?\d\.\d\s+International\s+Public\s+License|\Z)", re.S | re.I),
    lazy(r"Creative\s+Commons\s+is\s+not\s+a\s+party\s+to\s+its\s+public\s+licen[cs]es.*\Z", re.S | re.I),
    lazy(r"Also\s+add\s+information\s+on\s+how\s+to\s+contact\s+you\s+by\s+electronic\s+and\s+paper\s+mail\..{0,6000}?(That's\s+all\s+there\s+is\s+to\s+it!|instead\s+of\s+this\s+License\.|why-not-lgpl\.html>?\.)", re.S),
    lazy(r"A\.\s+HISTORY\s+OF\s+THE\s+SOFTWARE.*?(?=B\.\s+TERMS\s+AND\s+CONDITIONS|\Z)", re.S),
]


_HEADING = lazy(r"^[^a-z\n]*$", re.M)


def _strip_boilerplate(text: str) -> str:
    for pattern in _BOILERPLATE:
        text = pattern.sub(" ", text)
    # Headings (lines without a lower-case letter, shorter than a sentence) are titles.
    return _HEADING.sub(lambda m: m.group(0) if _words(m.group(0)) >= 12 else "", text)


_PLACEHOLDER = lazy(r"<[^>\n]*(name\s+of\s+author|year|program)[^>\n]*>|\b19yy\b|\byyyy\b", re.I)


def _merge_gnu_notice(text: str, matches: list[Any]) -> tuple[list[Any], bool | None]:
    """A GNU full text plus a notice of the same licence in one file.

    The notice inside the text's own "How to Apply These Terms" appendix (with its
    <name of author> placeholders) is part of the template: dropped. A real notice (the
    project's own "either version 3 ... or any later version" above the text) settles
    -only vs -or-later.
    """
    fulls = [m.id for m in matches if _VERSIONED.match(m.id)]
    if not fulls:
        return matches, None
    family = fulls[0]
    kept, or_later = [], None
    for m in matches:
        notice = _ONLY_OR_LATER.match(m.id)
        if notice and notice.group("family") == family:
            if not _PLACEHOLDER.search(text[max(0, m.start - 400):m.end]):
                or_later = notice.group("kind") == "or-later"
            continue
        kept.append(m)
    return kept, or_later


def _uncovered(text: str, matches: list[Any]) -> tuple[str, str, str]:
    """The text before the first match, between matches, and after the last one."""
    ordered = sorted(matches, key=lambda m: m.start)
    between, last = [], ordered[0].end
    for m in ordered[1:]:
        if m.start > last:
            between.append(text[last:m.start])
        last = max(last, m.end)
    return text[: ordered[0].start], "\n".join(between), text[last:]


def _excerpt(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _result(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "spdx_id": None,
        "candidates": [],
        "ids": [],
        "match": "unknown",
        "confidence": 0.0,
        "coverage": 0.0,
        "or_later": None,
        "additional_terms": None,
        "notice_kind": None,
        "extra_words": 0,
    }
    base.update(fields)
    return base


def _split_units(text: str, kind: str) -> list[tuple[int, int]]:
    """(start, end) spans of paragraphs (blank-line separated) or sentences."""
    pattern = r"\n\s*\n" if kind == "paragraph" else r"(?<=[.;:])\s+"
    spans, start = [], 0
    for sep in re.finditer(pattern, text):
        if text[start:sep.start()].strip():
            spans.append((start, sep.end()))
        start = sep.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _leave_one_out(text: str, deadline: float) -> tuple[Any, str] | None:
    """Find the smallest unit (paragraph or sentence) whose removal lets a whole licence match.

    The smallest wins so that an inserted sentence is not mistaken for a missing clause
    (removing MIT's whole attribution paragraph leaves MIT-0).
    """
    best: tuple[Any, str] | None = None
    for kind in ("paragraph", "sentence"):
        spans = _split_units(text, kind)
        if len(spans) < 3 or len(spans) > 120:
            continue
        for start, end in spans:
            if time.perf_counter() > deadline:
                return best
            removed = text[start:end]
            removed_words = _words(removed)
            if removed_words < 3 or (best is not None and removed_words >= _words(best[1])):
                continue
            coverage = _scanner_scan(text[:start] + text[end:])
            if coverage.match and coverage.percent >= 90.0:
                best = (coverage, removed)
    return best


def _named_notice(text: str) -> dict[str, Any] | None:
    """A short text that carries an SPDX-License-Identifier or names a licence."""
    # Line by line, and only short lines: a lazy pattern on a 400 KB line would be quadratic.
    spdx_lines = [
        found
        for line in text.splitlines()
        if len(line) <= 500 and _SPDX_TAG in line and (found := spdx_line_value(line)) is not None
    ]
    if spdx_lines:
        from dpgcheck.licensing.expression import analyse

        analysis = analyse(spdx_lines[0])
        if analysis["valid"] and analysis["ids"]:
            ids = analysis["ids"]
            return _result(
                spdx_id=analysis["normalized"] if len(ids) > 1 else ids[0],
                candidates=ids,
                ids=ids,
                match="notice",
                confidence=0.95,
                or_later=any(i.endswith("-or-later") for i in ids) or None,
                notice_kind="spdx-identifier",
            )
    found = []
    for pattern, identifier in _NAMED:
        if pattern.search(text) and identifier not in found:
            found.append(identifier)
    for url in _URL.findall(text):
        from dpgcheck.licensing.spdx_names import name_to_expression

        mapped = name_to_expression(None, url.rstrip(".,;:)>]'\""))
        if mapped and " " not in mapped and _family(mapped) not in found:
            found.append(_family(mapped))
    if not found or not (_STATEMENT.search(text) or _URL.search(text)):
        return None
    if len(found) > 1:
        if not _CHOICE.search(text):
            return None  # naming several licences is a discussion, not a notice
        ids = sorted(found)
        return _result(
            spdx_id=" OR ".join(_canonical(i) for i in ids),
            candidates=sorted({c for i in ids for c in _candidates(i)}),
            ids=ids,
            match="notice",
            confidence=0.6,
            notice_kind="names-licence",
        )
    identifier = found[0]
    or_later = bool(_OR_LATER.search(text)) if _VERSIONED.match(identifier) else None
    if _VERSIONED.match(identifier):
        candidates = [f"{identifier}-or-later"] if or_later else _candidates(identifier)
        spdx_id = candidates[0]
    else:
        candidates, spdx_id = [identifier], identifier
    return _result(
        spdx_id=spdx_id,
        candidates=candidates,
        ids=[identifier],
        match="notice",
        confidence=0.7,
        or_later=or_later,
        notice_kind="names-licence",
    )


#: Bump when detection changes, so cached results of an older detector are not reused.
DETECT_VERSION = "1"


@functools.lru_cache(maxsize=1)
def _cache_dir() -> Path | None:
    """Results cached by content hash (see :mod:`dpgcheck.cache`): loading
    licenseclassifier's scanner costs ~0.3 s, a cached answer a file read."""
    from dpgcheck.cache import versioned_dir

    directory = versioned_dir("license-detect", "licenseclassifier", __file__)
    return directory / f"v{DETECT_VERSION}" if directory is not None else None


def _cache_read(key: str) -> dict[str, Any] | None:
    from dpgcheck.cache import read_json

    directory = _cache_dir()
    data = read_json(directory / f"{key}.json") if directory is not None else None
    return data if isinstance(data, dict) and "match" in data else None


def _cache_write(key: str, result: dict[str, Any]) -> None:
    from dpgcheck.cache import write_json

    directory = _cache_dir()
    if directory is not None:
        write_json(directory / f"{key}.json", result)


@functools.lru_cache(maxsize=256)
def _detect_cached(digest: str, text: str) -> dict[str, Any]:  # noqa: ARG001 - digest is the cache key
    cached = _cache_read(digest)
    if cached is not None:
        return cached
    result = _detect(text)
    _cache_write(digest, result)
    return result


def detect(text: str) -> dict[str, Any]:
    """What licence ``text`` holds: see the module docstring for the fields."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return json.loads(json.dumps(_detect_cached(digest, text)))


def _detect(text: str) -> dict[str, Any]:
    words = _words(text)
    if words == 0:
        return _result(match="empty")
    if len(text) > MAX_SCAN_CHARS:
        return _result(match="not_scanned")
    coverage = _scanner_scan(text)
    matches = [m for m in coverage.match if not m.is_url]
    inserted = None
    if not matches and len(text) <= MAX_LEAVE_OUT_CHARS:
        found = _leave_one_out(text, time.perf_counter() + LEAVE_OUT_BUDGET_SECONDS)
        if found is not None:
            coverage, removed = found
            matches = [m for m in coverage.match if not m.is_url]
            inserted = removed
    if not matches:
        url_ids = sorted({m.id for m in coverage.match if m.is_url})
        notice = _named_notice(text) if words <= 400 else None
        if notice is not None:
            return notice
        if url_ids and words <= 200:
            return _result(
                spdx_id=_canonical(url_ids[0]) if len(url_ids) == 1 else None,
                candidates=sorted({c for i in url_ids for c in _candidates(i)}),
                ids=url_ids,
                match="reference",
                confidence=0.6,
                coverage=round(coverage.percent, 1),
            )
        return _result(coverage=round(coverage.percent, 1))

    all_matches = matches
    matches, own_notice = _merge_gnu_notice(text, matches)
    ids = []
    for m in matches:
        if m.id not in ids:
            ids.append(m.id)
    percent = round(coverage.percent, 1)
    if len(ids) > 1:
        candidates = sorted({c for i in ids for c in _candidates(i)})
        return _result(
            spdx_id=None,
            candidates=candidates,
            ids=ids,
            match="multiple",
            confidence=round(min(percent, 100.0) / 100 * 0.9, 2),
            coverage=percent,
        )

    identifier = ids[0]
    matched_words = sum(_words(text[m.start:m.end]) for m in all_matches)
    or_later: bool | None = None
    only_or_later = _ONLY_OR_LATER.match(identifier)
    if only_or_later:
        or_later = only_or_later.group("kind") == "or-later"
    is_notice = bool(LONG_FAMILIES.match(identifier)) and matched_words <= NOTICE_MAX_WORDS
    if is_notice:
        if _VERSIONED.match(identifier) or only_or_later:
            family = _family(identifier) if only_or_later else identifier
            or_later = bool(_OR_LATER.search(text))
            candidates = [f"{family}-or-later"] if or_later else [f"{family}-only"]
        else:
            candidates = _candidates(identifier)
        return _result(
            spdx_id=candidates[0],
            candidates=candidates,
            ids=ids,
            match="notice",
            confidence=0.9,
            coverage=percent,
            or_later=or_later,
            notice_kind="standard-notice",
        )

    candidates = _candidates(identifier)
    spdx_id = _canonical(identifier)
    if own_notice is not None:
        or_later = own_notice
        spdx_id = f"{identifier}-or-later" if own_notice else f"{identifier}-only"
        candidates = [spdx_id]
    if inserted is not None:
        position, extra = "inserted", inserted
    else:
        before, between, after = (_strip_boilerplate(part) for part in _uncovered(text, all_matches))
        # Several copies of one licence (a bundle of components under it): the text
        # between them names the components; it is not terms.
        parts = {"prepended": before, "appended": after}
        if len(all_matches) == 1:
            parts["inserted"] = between
        position = max(parts, key=lambda k: _words(parts[k]))
        extra = "\n".join(p for p in parts.values() if p.strip())
    extra_words = _words(extra)
    additional = None
    if inserted is not None or (extra_words >= EXTRA_WORDS_THRESHOLD and _NORMATIVE.search(extra)):
        additional = {"position": position, "words": extra_words, "excerpt": _excerpt(parts[position] if inserted is None else extra)}
        share = matched_words / max(matched_words + extra_words, 1)
        return _result(
            spdx_id=spdx_id,
            candidates=candidates,
            ids=ids,
            match="with_additional_terms",
            confidence=round(0.6 + 0.3 * share, 2),
            coverage=percent,
            or_later=or_later,
            additional_terms=additional,
        )
    confidence = 1.0 if percent >= 98.0 else round(0.8 + 0.2 * percent / 100, 2)
    return _result(
        spdx_id=spdx_id,
        candidates=candidates,
        ids=ids,
        match="full",
        confidence=confidence,
        coverage=percent,
        or_later=or_later,
        extra_words=extra_words,
    )
