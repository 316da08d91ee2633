"""Offline validation of a parsed publiccode.yml against the standard (v0 rules, as of v0.7).

The rules follow the standard's reference (``schema.core.rst``) and what the
reference parser (italia/publiccode-parser-go) enforces: every supported
``publiccodeYmlVersion`` is checked against the newest v0 rules, and a version
other than the latest gives a warning. Each result carries the key path
(``description.en.features``, ``maintenance.contacts[0].name``), a stable code and
the line. Messages never repeat the values of contact fields (names, e-mail
addresses, telephone numbers of people).
"""
from __future__ import annotations

import datetime as _dt
import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from dpgcheck.patterns import lazy
from dpgcheck.publiccode.standard import countries, languages, standard
from dpgcheck.shapes import LicenceAnalysis

Issue = dict[str, Any]

TOP_KEYS = {
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn", "softwareVersion",
    "releaseDate", "logo", "monochromeLogo", "inputTypes", "outputTypes", "platforms", "categories", "usedBy",
    "fundedBy", "roadmap", "developmentStatus", "softwareType", "supports", "organisation", "intendedAudience",
    "description", "legal", "maintenance", "localisation", "dependsOn", "IT", "it",
}
ORGANISATION_KEYS = {"uri", "name"}
SUPPORTS_KEYS = {"id"}
AUDIENCE_KEYS = {"countries", "unsupportedCountries", "scope"}
DESCRIPTION_KEYS = {
    "localisedName", "genericName", "shortDescription", "longDescription", "documentation", "apiDocumentation",
    "features", "screenshots", "videos", "awards",
}
LEGAL_KEYS = {"license", "mainCopyrightOwner", "repoOwner", "authorsFile"}
MAINTENANCE_KEYS = {"type", "contractors", "contacts"}
CONTRACTOR_KEYS = {"name", "until", "email", "website"}
CONTACT_KEYS = {"name", "email", "phone", "affiliation"}
LOCALISATION_KEYS = {"localisationReady", "availableLanguages"}
DEPENDS_KEYS = {"open", "proprietary", "hardware"}
DEPENDENCY_KEYS = {"name", "versionMin", "versionMax", "version", "optional"}
IT_KEYS = {"countryExtensionVersion", "conforme", "piattaforme", "riuso"}
IT_CONFORME_KEYS = {"lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr"}
IT_PIATTAFORME_KEYS = {"spid", "cie", "anpr", "pagopa", "io"}
IT_RIUSO_KEYS = {"codiceIPA"}

_DATE = lazy(r"^\d{4}-\d{2}-\d{2}$")
_MIME = lazy(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")
_EMAIL = lazy(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URN = lazy(r"^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$", re.IGNORECASE)
_SCHEME = lazy(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_BCP47 = lazy(
    r"^(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})"
    r"(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$"
)
#: Values of these fields are never repeated in messages or facts.
_SHOW_MAX = 60


def _show(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= _SHOW_MAX else text[:_SHOW_MAX] + "…")


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def valid_language_tag(tag: str) -> bool:
    """A well-formed BCP 47 tag whose primary language and region subtags are known codes."""
    if len(tag) > 64:  # real tags are short; the bound also keeps the pattern linear
        return False
    match = _BCP47.match(tag)
    if not match:
        return False
    alpha2, alpha3 = languages()
    primary = match.group("language").split("-", 1)[0].lower()
    if len(primary) == 2 and primary not in alpha2:
        return False
    if len(primary) == 3 and primary not in alpha3:
        return False
    if len(primary) > 3:
        return False  # reserved or registered-only subtags: not used by real publiccode.yml files
    region = match.group("region")
    if region and region.isalpha() and region.upper() not in countries():
        return False
    return True


def is_url(value: str, *, http_only: bool = False) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    schemes = ("http", "https") if http_only else None
    if not parts.scheme or not parts.netloc:
        return False
    return schemes is None or parts.scheme.lower() in schemes


def is_uri(value: str) -> bool:
    """A URL with a scheme and a host, or an RFC 2141 URN."""
    return is_url(value) or bool(isinstance(value, str) and _URN.match(value))


def valid_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class Validator:
    def __init__(self, lines: dict[str, int], exists: Callable[[str], bool] | None = None, analyse_license: Callable[[str], LicenceAnalysis] | None = None) -> None:
        self.lines = lines
        self.exists = exists
        self.analyse_license = analyse_license
        self.issues: list[Issue] = []
        self.std = standard()

    # --- results ---------------------------------------------------------------------------------
    def line(self, key: str) -> int:
        probe = key
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = re.sub(r"(\[\d+\]|\.[^.\[]*)$", "", probe) if re.search(r"(\[\d+\]|\.[^.\[]*)$", probe) else ""
        return 1

    def add(self, severity: str, key: str, code: str, message: str) -> None:
        self.issues.append({"severity": severity, "key": key, "code": code, "message": message, "line": self.line(key)})

    def error(self, key: str, code: str, message: str) -> None:
        self.add("error", key, code, message)

    def warning(self, key: str, code: str, message: str) -> None:
        self.add("warning", key, code, message)

    # --- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def join(parent: str, key: str | int) -> str:
        if isinstance(key, int):
            return f"{parent}[{key}]"
        return f"{parent}.{key}" if parent else key

    def mapping(self, value: Any, key: str, allowed: set[str] | None) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(key, "wrong-type", f"{key} must be a mapping, not a {type_name(value)}")
            return None
        if allowed is not None:
            for name in sorted(value):
                if name not in allowed:
                    self.error(self.join(key, name), "unknown-key", f"unknown key {_show(name)} (not in the publiccode.yml standard)")
        return value

    def required(self, mapping: dict[str, Any], name: str, parent: str) -> bool:
        key = self.join(parent, name)
        if name not in mapping or mapping[name] is None or mapping[name] == "" or mapping[name] == [] or mapping[name] == {}:
            self.error(key, "missing", f"{key} is required")
            return False
        return True

    def string(self, value: Any, key: str) -> str | None:
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # a plain number where text is expected is read as text, as the reference parser does
        self.error(key, "wrong-type", f"{key} must be a string, not a {type_name(value)}")
        return None

    def string_list(self, value: Any, key: str, *, allow_single: bool = False) -> list[tuple[str, str]]:
        if allow_single and isinstance(value, str):
            return [(key, value)]
        if not isinstance(value, list):
            self.error(key, "wrong-type", f"{key} must be a list, not a {type_name(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            item_key = self.join(key, index)
            text = self.string(item, item_key)
            if text is not None:
                out.append((item_key, text))
        return out

    def url(self, value: Any, key: str, *, http_only: bool = True) -> None:
        text = self.string(value, key)
        if text is not None and not is_url(text, http_only=http_only):
            kind = "an http(s) URL" if http_only else "a URL with a scheme and a host"
            self.error(key, "invalid-url", f"{key} must be {kind}")

    def date(self, value: Any, key: str) -> None:
        if not valid_date(value):
            self.error(key, "invalid-date", f"{key} must be a date written YYYY-MM-DD")

    def boolean(self, value: Any, key: str) -> None:
        if not isinstance(value, bool):
            self.error(key, "wrong-type", f"{key} must be true or false (YAML 1.2), not a {type_name(value)}")

    def enum(self, value: Any, key: str, allowed: list[str]) -> None:
        text = self.string(value, key)
        if text is not None and text not in allowed:
            self.error(key, "invalid-value", f"{key} is {_show(text)}; allowed: {', '.join(allowed)}")

    def local_file(self, value: str, key: str, extensions: list[str]) -> None:
        lower = value.lower()
        if lower.startswith("file:") or value.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", value):
            self.error(key, "absolute-path", f"{key} must be a path relative to the repository or an http(s) URL")
            return
        if _SCHEME.match(value):
            if not is_url(value, http_only=True):
                self.error(key, "invalid-url", f"{key} must be a relative path or an http(s) URL")
            elif not lower.split("?", 1)[0].endswith(tuple(extensions)):
                self.error(key, "invalid-extension", f"{key} must end in {', '.join(extensions)}")
            return
        if not lower.endswith(tuple(extensions)):
            self.error(key, "invalid-extension", f"{key} must end in {', '.join(extensions)}")
            return
        normal = posixpath.normpath(value)
        if normal.startswith("../") or normal == "..":
            self.error(key, "outside-repository", f"{key} points outside the repository")
            return
        if self.exists is not None and not self.exists(normal):
            self.error(key, "file-not-found", f"{key} names a file that is not in the repository")

    # --- the document ----------------------------------------------------------------------------
    def run(self, doc: Any) -> list[Issue]:
        if not isinstance(doc, dict):
            self.error("", "not-a-mapping", f"publiccode.yml must be a YAML mapping, not a {type_name(doc)}")
            return self.issues
        self.mapping(doc, "", TOP_KEYS)
        self.version(doc)
        for name in ("name", "url", "platforms", "developmentStatus", "softwareType", "description"):
            self.required(doc, name, "")
        for name in ("legal", "maintenance", "localisation"):  # an empty section reports its own missing keys
            if doc.get(name) is None:
                self.error(name, "missing", f"{name} is required")
        get = doc.get
        if get("name") is not None:
            self.string(doc["name"], "name")
        if get("applicationSuite") is not None:
            self.string(doc["applicationSuite"], "applicationSuite")
        if get("url") is not None:
            self.url(doc["url"], "url", http_only=False)
        if get("landingURL") is not None:
            self.url(doc["landingURL"], "landingURL")
        if get("isBasedOn") is not None:
            for key, text in self.string_list(doc["isBasedOn"], "isBasedOn", allow_single=True):
                if not is_url(text):
                    self.error(key, "invalid-url", f"{key} must be a URL with a scheme and a host")
        if get("softwareVersion") is not None:
            self.string(doc["softwareVersion"], "softwareVersion")
        if get("releaseDate") is not None:
            self.date(doc["releaseDate"], "releaseDate")
        if get("logo") is not None:
            logo = self.string(doc["logo"], "logo")
            if logo:
                self.local_file(logo, "logo", self.std["logo_extensions"])
        if "monochromeLogo" in doc:
            self.warning("monochromeLogo", "deprecated", "monochromeLogo is deprecated; remove it")
            monochrome = self.string(doc["monochromeLogo"], "monochromeLogo") if doc["monochromeLogo"] is not None else None
            if monochrome:
                self.local_file(monochrome, "monochromeLogo", self.std["logo_extensions"])
        for name in ("inputTypes", "outputTypes"):
            if name in doc:
                self.warning(name, "deprecated", f"{name} is deprecated; remove it")
                for key, text in self.string_list(doc[name] or [], name):
                    if not _MIME.match(text):
                        self.error(key, "invalid-mime-type", f"{key} must be a MIME type (type/subtype)")
        if get("platforms") is not None:
            self.string_list(doc["platforms"], "platforms", allow_single=True)
        if get("categories") is not None:
            for key, text in self.string_list(doc["categories"], "categories"):
                if text not in self.std["categories"]:
                    self.error(key, "invalid-value", f"{key} is {_show(text)}, not a category of the standard's list")
        if get("usedBy") is not None:
            self.string_list(doc["usedBy"], "usedBy")
        if get("fundedBy") is not None:
            self.organisations(doc["fundedBy"], "fundedBy")
        if get("roadmap") is not None:
            self.url(doc["roadmap"], "roadmap")
        if get("developmentStatus") is not None:
            self.enum(doc["developmentStatus"], "developmentStatus", self.std["development_status"])
        if get("softwareType") is not None:
            self.enum(doc["softwareType"], "softwareType", self.std["software_type"])
        if get("supports") is not None:
            self.supports(doc["supports"])
        if get("organisation") is not None:
            organisation = self.mapping(doc["organisation"], "organisation", ORGANISATION_KEYS)
            if organisation is not None:
                self.organisation(organisation, "organisation")
        if get("intendedAudience") is not None:
            self.audience(doc["intendedAudience"])
        if get("description") is not None:
            self.descriptions(doc["description"])
        if get("legal") is not None:
            self.legal(doc["legal"])
        if get("maintenance") is not None:
            self.maintenance(doc["maintenance"])
        if get("localisation") is not None:
            self.localisation(doc["localisation"])
        if get("dependsOn") is not None:
            self.depends_on(doc["dependsOn"])
        self.country_section(doc)
        return self.issues

    def version(self, doc: dict[str, Any]) -> None:
        key = "publiccodeYmlVersion"
        if key not in doc or doc[key] is None:
            self.error(key, "missing", f"{key} is required")
            return
        value = doc[key]
        if not isinstance(value, str):
            self.error(key, "wrong-type", f"{key} must be a quoted string such as \"0\", not a {type_name(value)}")
            return
        if value not in self.std["versions"]:
            self.error(key, "unsupported-version", f"{key} {_show(value)} is not a supported version ({', '.join(self.std['versions'])})")
        elif value not in self.std["latest_versions"]:
            self.warning(key, "old-version", f"{key} {_show(value)} is not the latest version; use \"0\"")

    def organisation(self, organisation: dict[str, Any], key: str) -> None:
        if self.required(organisation, "uri", key):
            text = self.string(organisation["uri"], self.join(key, "uri"))
            if text is not None and not is_uri(text):
                self.error(self.join(key, "uri"), "invalid-uri", f"{key}.uri must be a URL with a scheme and a host, or a URN")
        if organisation.get("name") is not None:
            self.string(organisation["name"], self.join(key, "name"))

    def organisations(self, value: Any, key: str) -> None:
        if not isinstance(value, list):
            self.error(key, "wrong-type", f"{key} must be a list, not a {type_name(value)}")
            return
        for index, item in enumerate(value):
            item_key = self.join(key, index)
            organisation = self.mapping(item, item_key, ORGANISATION_KEYS)
            if organisation is not None:
                self.organisation(organisation, item_key)

    def supports(self, value: Any) -> None:
        if not isinstance(value, list):
            self.error("supports", "wrong-type", f"supports must be a list, not a {type_name(value)}")
            return
        for index, item in enumerate(value):
            item_key = self.join("supports", index)
            entry = self.mapping(item, item_key, SUPPORTS_KEYS)
            if entry is None or not self.required(entry, "id", item_key):
                continue
            id_key = self.join(item_key, "id")
            text = self.string(entry["id"], id_key)
            if text is None:
                continue
            if text.startswith("alias:"):
                if text[len("alias:"):] not in self.std["supports_aliases"]:
                    self.error(id_key, "invalid-value", f"{id_key} {_show(text)} is not a known alias ({', '.join(self.std['supports_aliases'])})")
            elif not _SCHEME.match(text) or any(c.isspace() for c in text):
                self.error(id_key, "invalid-uri", f"{id_key} must be alias:<name> or a URI")

    def audience(self, value: Any) -> None:
        audience = self.mapping(value, "intendedAudience", AUDIENCE_KEYS)
        if audience is None:
            return
        for name in ("countries", "unsupportedCountries"):
            if audience.get(name) is None:
                continue
            for key, text in self.string_list(audience[name], f"intendedAudience.{name}"):
                if text in countries():
                    continue
                if text.upper() in countries() and len(text) == 2:
                    self.warning(key, "lowercase-country", f"{key} {_show(text)} must be upper case ({text.upper()})")
                else:
                    self.error(key, "invalid-country", f"{key} {_show(text)} is not an ISO 3166-1 alpha-2 country code")
        if audience.get("scope") is not None:
            for key, text in self.string_list(audience["scope"], "intendedAudience.scope"):
                if text not in self.std["scope"]:
                    self.error(key, "invalid-value", f"{key} {_show(text)} is not a scope of the standard's list")

    def descriptions(self, value: Any) -> None:
        descriptions = self.mapping(value, "description", None)
        if descriptions is None:
            return
        for language in sorted(descriptions):
            key = self.join("description", language)
            if not valid_language_tag(language):
                self.error(key, "invalid-language", f"description language {_show(language)} is not a valid BCP 47 language tag")
            text = self.mapping(descriptions[language], key, DESCRIPTION_KEYS)
            if text is not None:
                self.description(text, key)

    def description(self, text: dict[str, Any], key: str) -> None:
        std = self.std
        if self.required(text, "shortDescription", key):
            short = self.string(text["shortDescription"], self.join(key, "shortDescription"))
            if short is not None and len(short) > std["short_description_max"]:
                self.error(self.join(key, "shortDescription"), "too-long", f"{key}.shortDescription has {len(short)} characters; at most {std['short_description_max']}")
        if self.required(text, "longDescription", key):
            long = self.string(text["longDescription"], self.join(key, "longDescription"))
            if long is not None and len(long) < std["long_description_min"]:
                self.error(self.join(key, "longDescription"), "too-short", f"{key}.longDescription has {len(long)} characters; at least {std['long_description_min']}")
            elif long is not None and len(long) > std["long_description_max"]:
                self.error(self.join(key, "longDescription"), "too-long", f"{key}.longDescription has {len(long)} characters; at most {std['long_description_max']}")
        if self.required(text, "features", key):
            self.string_list(text["features"], self.join(key, "features"))
        for name in ("localisedName",):
            if text.get(name) is not None:
                self.string(text[name], self.join(key, name))
        if "genericName" in text:
            self.warning(self.join(key, "genericName"), "deprecated", "genericName is deprecated; remove it")
            generic = self.string(text["genericName"], self.join(key, "genericName")) if text["genericName"] is not None else None
            if generic is not None and len(generic) > std["generic_name_max"]:
                self.error(self.join(key, "genericName"), "too-long", f"{key}.genericName has {len(generic)} characters; at most {std['generic_name_max']}")
        for name in ("documentation", "apiDocumentation"):
            if text.get(name) is not None:
                self.url(text[name], self.join(key, name))
        if text.get("screenshots") is not None:
            for item_key, item in self.string_list(text["screenshots"], self.join(key, "screenshots")):
                self.local_file(item, item_key, std["screenshot_extensions"])
        if text.get("videos") is not None:
            for item_key, item in self.string_list(text["videos"], self.join(key, "videos")):
                if not is_url(item, http_only=True):
                    self.error(item_key, "invalid-url", f"{item_key} must be an http(s) URL")
        if text.get("awards") is not None:
            self.string_list(text["awards"], self.join(key, "awards"))

    def legal(self, value: Any) -> None:
        legal = self.mapping(value, "legal", LEGAL_KEYS)
        if legal is None:
            return
        if self.required(legal, "license", "legal"):
            expression = self.string(legal["license"], "legal.license")
            if expression is not None and self.analyse_license is not None:
                analysed = self.analyse_license(expression)
                if not analysed["valid"]:
                    reason = f"unknown licence ids {', '.join(analysed['unknown'])}" if analysed.get("unknown") else (analysed.get("error") or "not valid")
                    self.error("legal.license", "invalid-spdx", f"legal.license is not a valid SPDX licence expression: {reason[:200]}")
        if legal.get("mainCopyrightOwner") is not None:
            self.string(legal["mainCopyrightOwner"], "legal.mainCopyrightOwner")
        if "repoOwner" in legal:
            self.warning("legal.repoOwner", "deprecated", "legal.repoOwner is deprecated; use organisation.name")
        if "authorsFile" in legal:
            self.warning("legal.authorsFile", "deprecated", "legal.authorsFile is deprecated; remove it")
            path = self.string(legal["authorsFile"], "legal.authorsFile") if legal["authorsFile"] is not None else None
            if path and self.exists is not None and not self.exists(posixpath.normpath(path)):
                self.error("legal.authorsFile", "file-not-found", "legal.authorsFile names a file that is not in the repository")

    def maintenance(self, value: Any) -> None:
        maintenance = self.mapping(value, "maintenance", MAINTENANCE_KEYS)
        if maintenance is None:
            return
        kind = None
        if self.required(maintenance, "type", "maintenance"):
            self.enum(maintenance["type"], "maintenance.type", self.std["maintenance_type"])
            kind = maintenance["type"] if isinstance(maintenance["type"], str) else None
        contractors = maintenance.get("contractors")
        if kind == "contract":
            if not contractors:
                self.error("maintenance.contractors", "missing", "maintenance.contractors is required when maintenance.type is contract")
        elif contractors is not None and kind is not None:
            self.error("maintenance.contractors", "not-allowed", "maintenance.contractors is allowed only when maintenance.type is contract")
        if contractors:
            self.people(contractors, "maintenance.contractors", CONTRACTOR_KEYS, contractor=True)
        contacts = maintenance.get("contacts")
        if kind in ("internal", "community") and not contacts:
            self.error("maintenance.contacts", "missing", f"maintenance.contacts is required when maintenance.type is {kind}")
        if contacts:
            self.people(contacts, "maintenance.contacts", CONTACT_KEYS, contractor=False)

    def people(self, value: Any, key: str, allowed: set[str], *, contractor: bool) -> None:
        if not isinstance(value, list):
            self.error(key, "wrong-type", f"{key} must be a list, not a {type_name(value)}")
            return
        for index, item in enumerate(value):
            item_key = self.join(key, index)
            person = self.mapping(item, item_key, allowed)
            if person is None:
                continue
            if self.required(person, "name", item_key):
                self.string(person["name"], self.join(item_key, "name"))
            if contractor:
                if self.required(person, "until", item_key):
                    self.date(person["until"], self.join(item_key, "until"))
                if person.get("website") is not None:
                    self.url(person["website"], self.join(item_key, "website"))
            else:
                for name in ("phone", "affiliation"):
                    if person.get(name) is not None:
                        self.string(person[name], self.join(item_key, name))
            if person.get("email") is not None:
                email = self.string(person["email"], self.join(item_key, "email"))
                if email is not None and (len(email) > 254 or not _EMAIL.match(email)):
                    self.error(self.join(item_key, "email"), "invalid-email", f"{item_key}.email is not an e-mail address")

    def localisation(self, value: Any) -> None:
        localisation = self.mapping(value, "localisation", LOCALISATION_KEYS)
        if localisation is None:
            return
        if "localisationReady" not in localisation or localisation["localisationReady"] is None:
            self.error("localisation.localisationReady", "missing", "localisation.localisationReady is required")
        else:
            self.boolean(localisation["localisationReady"], "localisation.localisationReady")
        if self.required(localisation, "availableLanguages", "localisation"):
            for key, text in self.string_list(localisation["availableLanguages"], "localisation.availableLanguages"):
                if not valid_language_tag(text):
                    self.error(key, "invalid-language", f"{key} {_show(text)} is not a valid BCP 47 language tag")

    def depends_on(self, value: Any) -> None:
        depends = self.mapping(value, "dependsOn", DEPENDS_KEYS)
        if depends is None:
            return
        for group in sorted(k for k in depends if k in DEPENDS_KEYS):
            key = self.join("dependsOn", group)
            items = depends[group]
            if items is None:
                continue
            if not isinstance(items, list):
                self.error(key, "wrong-type", f"{key} must be a list, not a {type_name(items)}")
                continue
            for index, item in enumerate(items):
                item_key = self.join(key, index)
                dependency = self.mapping(item, item_key, DEPENDENCY_KEYS)
                if dependency is None:
                    continue
                if self.required(dependency, "name", item_key):
                    self.string(dependency["name"], self.join(item_key, "name"))
                for name in ("versionMin", "versionMax", "version"):
                    if dependency.get(name) is not None:
                        self.string(dependency[name], self.join(item_key, name))
                if dependency.get("optional") is not None:
                    self.boolean(dependency["optional"], self.join(item_key, "optional"))

    def country_section(self, doc: dict[str, Any]) -> None:
        if "IT" in doc and "it" in doc:
            self.error("it", "duplicate-section", "both IT and it are present; keep only IT")
        for name in ("IT", "it"):
            if name not in doc:
                continue
            if name == "it":
                self.warning("it", "deprecated", "the lowercase it section is deprecated; the whole country section is deprecated since 0.7")
            else:
                self.warning("IT", "deprecated", "the IT section is deprecated since 0.7; use supports and organisation")
            section = self.mapping(doc[name], name, IT_KEYS)
            if section is None:
                continue
            if section.get("countryExtensionVersion") is not None:
                self.enum(section["countryExtensionVersion"], f"{name}.countryExtensionVersion", self.std["it_country_extension_versions"])
            if "conforme" in section:
                self.warning(f"{name}.conforme", "deprecated", f"{name}.conforme is deprecated; remove it")
            for sub, allowed in (("conforme", IT_CONFORME_KEYS), ("piattaforme", IT_PIATTAFORME_KEYS)):
                if section.get(sub) is None:
                    continue
                part = self.mapping(section[sub], f"{name}.{sub}", allowed) or {}
                for flag in sorted(k for k in part if k in allowed):
                    if part[flag] is not None:
                        self.boolean(part[flag], f"{name}.{sub}.{flag}")
            if section.get("riuso") is not None:
                riuso = self.mapping(section["riuso"], f"{name}.riuso", IT_RIUSO_KEYS)
                if riuso and "codiceIPA" in riuso:
                    self.warning(f"{name}.riuso.codiceIPA", "deprecated", "riuso.codiceIPA is deprecated; use organisation.uri urn:x-italian-pa:<code>")
                    if riuso["codiceIPA"] is not None:
                        self.string(riuso["codiceIPA"], f"{name}.riuso.codiceIPA")


def validate(
    doc: Any,
    lines: dict[str, int] | None = None,
    *,
    exists: Callable[[str], bool] | None = None,
    analyse_license: Callable[[str], LicenceAnalysis] | None = None,
) -> list[Issue]:
    """Errors and warnings for a parsed publiccode.yml, sorted by line then key."""
    issues = Validator(lines or {}, exists, analyse_license).run(doc)
    unique = {(i["severity"], i["key"], i["code"], i["message"]): i for i in issues}
    return sorted(unique.values(), key=lambda i: (i["line"], i["key"], i["severity"], i["code"], i["message"]))
