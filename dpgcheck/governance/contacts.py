"""The kinds of private contact a text gives (e-mail, forge advisory, bug-bounty platform, web form).

Only kinds are returned, never an address or a name."""
from __future__ import annotations

import re

from dpgcheck.patterns import lazy

_EMAIL = lazy(r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b")
URL = lazy(r"https?://[^\s<>()\"'`\]]+", re.IGNORECASE)
_ADVISORY = lazy(r"/security/advisories(?:/new)?\b|private vulnerability report|report a vulnerability\b.{0,80}\b(?:security tab|advisor)|\bsecurity advisor(?:y|ies)\b|\bsecurity tab\b|/-/issues/new\?[^\s]{0,200}confidential|confidential issue", re.IGNORECASE)
_PLATFORM = lazy(r"hackerone\.com|bugcrowd\.com|huntr\.(?:dev|com)|intigriti\.com|yeswehack\.com|openbugbounty\.org|security\.txt", re.IGNORECASE)
_FORM_URL = lazy(r"(?:form|report|contact|disclos|vulnerab|security|servicedesk|service-desk|helpdesk|help-desk|portal|ticket)", re.IGNORECASE)
#: A bug-bounty or vulnerability-reward programme, named in words (its page may be on any host).
_BOUNTY = lazy(r"\bbug[- ]?bount(?:y|ies)\b|\bvulnerability rewards? program", re.IGNORECASE)
_NEGATION = lazy(r"\b(?:no|not|never|without)\b|n't\b", re.IGNORECASE)
#: Words before a link that say the link is a private route (``reported privately to the [service desk](…)``).
#: ("private information", as in the Contributor Covenant, is not such a word.)
_PRIVATELY = lazy(r"\bprivately\b|\bconfidential(?:ly)?\b|\bnon-public\b|\bprivate (?:report|channel|disclosure|submission|ticket|message)", re.IGNORECASE)
_LINK_CONTEXT = 160
#: ``info AT registry.example.org``: an address with only its ``@`` spelled out, in capitals
#: (in lower case, "at" is ordinary prose: "look at example.org").
_SHOUTED_AT = lazy(r"[\w.+-] AT [\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.[A-Za-z]{2,24}\b")
_FORM_HOSTS = {"forms.gle", "typeform.com", "jotform.com", "airtable.com", "tally.so", "forms.office.com"}
_OBFUSCATED_EMAIL = lazy(r"(?<=[\w.+-])(?:\s?\[at\]\s?|\s?\(at\)\s?|\s?\{at\}\s?|\sat\s)[\w-]{1,63}(?:\s?\[dot\]\s?|\s?\(dot\)\s?|\s?\{dot\}\s?|\sdot\s)\w|\bmailto:", re.IGNORECASE)
PLACEHOLDER = lazy(r"\[\s{0,5}insert (?:contact|email)[^\]]{0,100}\]|\[INSERT [A-Z ]{1,60}\]|<\s*(?:insert )?(?:email|contact)(?: address)?\s*>|\byour-?email@|\bexample@example\b", re.IGNORECASE)


def contact_kinds(text: str) -> list[str]:
    """Kinds of contact a text gives: email, advisory, platform, form. Never the contact itself."""
    kinds = set()
    if any(not PLACEHOLDER.match(m.group(0)) for m in _EMAIL.finditer(text)) or _OBFUSCATED_EMAIL.search(text) or _SHOUTED_AT.search(text):
        kinds.add("email")
    if _ADVISORY.search(text):
        kinds.add("advisory")
    if _PLATFORM.search(text) or any(not _NEGATION.search(text[max(0, m.start() - 40):m.start()]) for m in _BOUNTY.finditer(text)):
        kinds.add("platform")
    for match in URL.finditer(text):
        lower = match.group(0).lower()
        host, _, path = lower.split("://", 1)[-1].partition("/")
        if "/issues" in lower and "confidential" not in lower:
            continue  # a public issue tracker is not a private channel
        if "/security/advisories" in lower or "/security/policy" in lower or path.endswith((".md", ".rst", ".txt")):
            continue
        if host.split(":", 1)[0] in _FORM_HOSTS or host.startswith(("forms.", "servicedesk.", "helpdesk.")) or _FORM_URL.search(path):
            kinds.add("form")
        elif _PRIVATELY.search(text[max(0, match.start() - _LINK_CONTEXT):match.start()]):
            kinds.add("form")  # the words before the link say reports go through it privately
    return sorted(kinds)
