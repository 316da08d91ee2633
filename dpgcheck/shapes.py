"""The shapes of the documents dpgcheck passes around, for the type checker.

The facts sections whose fields are fixed (their JSON Schemas in ``dpgcheck/schemas/facts/``
say the same, and are what governments rely on), the findings and decision the policies
return (``policies/lib/result.rego``, ``policies/decision/decision.rego``; normalised by
``dpgcheck/engine/normalise.py``) and the report the formatters render
(``dpgcheck/schemas/report.schema.json``). Only ``typing`` is imported here, so any layer
may use them. Values that come from the policies are typed by what the policies promise:
a bundle's own rule can put anything in ``evidence``, so that stays a plain mapping.

The annotations here are evaluated, not postponed (no ``from __future__ import
annotations``), so a class may only name those defined above it: with postponed ones,
``TypedDict`` compiles every field's annotation string at import, which made this module
cost 13-25 ms of every run's start instead of 5-7.
"""
from typing import Any, TypedDict

# --- facts: repository --------------------------------------------------------------------


class GitFacts(TypedDict):
    commit: str | None
    commit_time: str | None
    branch: str | None
    remote: str | None  # credentials stripped
    shallow: bool


class RepositoryFacts(TypedDict):
    name: str
    path: str
    git: GitFacts | None


# --- facts: files -------------------------------------------------------------------------


class InventoryEntry(TypedDict):
    path: str
    location: str  # root, docs, .github, ... (see dpgcheck/collect/file_kinds.py)
    size: int


class FilesFacts(TypedDict):
    count: int
    total_bytes: int
    directories: dict[str, int]
    inventory: dict[str, list[InventoryEntry]]  # by file kind, every kind present
    symlinks_outside: list[str]


# --- facts: history -----------------------------------------------------------------------


class OrganisationShare(TypedDict):
    name: str
    commits: int
    share: float  # of the commits by known organisations
    contributors: int


class CommitGroup(TypedDict):
    """``members`` organisations (or people) made ``commits`` commits each."""

    commits: int
    members: int


class WindowCounts(TypedDict):
    """Commits of people (merges and bots apart) in one stretch of history: ``lifetime``."""

    commits: int
    merges: int
    bot_commits: int
    contributors: int
    contributors_unknown_organisation: int
    organisations_count: int
    organisations: list[OrganisationShare]
    unknown_organisation_commits: int
    unknown_organisation_share: float | None
    top_organisation_share: float | None
    commits_per_organisation: list[CommitGroup]
    commits_per_contributor: list[CommitGroup]


class HistoryWindow(WindowCounts):
    """One entry of ``history.windows`` (facts 3.0): the counts in the ``days`` up to HEAD."""

    days: int
    active_months: int
    version_tags: int


class LatestTag(TypedDict):
    name: str
    time: str


class TagFacts(TypedDict):
    count: int
    version_tags: int
    schemes: dict[str, int]  # semver, calver, numeric, other
    latest_version_tag: LatestTag | None


class DeclaredMaintainers(TypedDict):
    files: list[str]
    addresses: int
    handles: int
    organisations: list[str]
    unknown_organisation: int


class AffiliationMapFacts(TypedDict):
    given: bool
    entries: int


class GitDirFacts(TypedDict):
    kind: str  # directory, file (gitdir:) or symlink
    path: str
    outside: bool


class _HistoryAlways(TypedDict):
    available: bool
    reason: str | None
    shallow: bool
    commit_cap: int
    cap_reached: bool
    mailmap: bool
    affiliation_map: AffiliationMapFacts
    maintainers: DeclaredMaintainers
    git_dir: GitDirFacts | None


class HistoryFacts(_HistoryAlways, total=False):
    """The ``history`` section; the fields below are there when the history was read."""

    reference_time: str | None
    first_commit_time: str | None
    last_commit_time: str | None
    commits_total: int
    commits_read: int
    lifetime: WindowCounts
    windows: list[HistoryWindow]
    tags: TagFacts


# --- licence expressions (any section that holds one) ---------------------------------------


class DeprecatedId(TypedDict):
    id: str  # as written
    replacement: str


class LicenceAnalysis(TypedDict):
    """One SPDX expression parsed (``dpgcheck.licensing.expression.analyse``)."""

    expression: str
    normalized: str | None
    valid: bool
    error: str | None
    ids: list[str]
    exceptions: list[str]
    unknown: list[str]
    license_refs: list[str]
    deprecated: list[DeprecatedId]
    dnf: list[list[str]]  # alternatives, each the ids that must all hold


# --- facts: DPG records -------------------------------------------------------------------


class _DpgaErrorAlways(TypedDict):
    document: str  # nominee or screening
    file: str
    path: str  # a JSON path, never the value
    message: str


class DpgaError(_DpgaErrorAlways, total=False):
    keyword: str  # the JSON Schema keyword that failed; absent for a parse error


class DpgLicence(TypedDict):
    spdx: str | None  # the expression as written
    url: bool  # a licenseURL is given
    analysis: LicenceAnalysis


class DpgSdg(TypedDict):
    number: int | None
    evidence_text: bool
    evidence_url: bool


class DpgOrganisation(TypedDict):
    name: str | None
    role: str | None  # owner, funder, implementer, ...
    website: bool


class DpgNominee(TypedDict):
    """What ``dpg`` holds of a nominee record (no contact field, no free text but the name)."""

    name: str | None
    stage: str | None
    types: list[str]
    licenses: list[DpgLicence]
    sdgs: list[DpgSdg]
    organizations: list[DpgOrganisation]
    owners: list[str]
    repositories: int
    website: bool


class DpgFacts(DpgNominee):
    """The ``dpg`` section: the record's facts, where they came from and what breaks the DPGA schemas."""

    present: bool
    files: list[str]
    schema: str  # the upstream snapshot of the schemas
    valid: bool
    errors: list[DpgaError]
    screening: dict[str, Any]  # every answer of the screening record, "missing" when not given


# --- facts: security ----------------------------------------------------------------------


class Permissions(TypedDict):
    """A ``permissions:`` block: the level and the scopes it grants."""

    line: int
    level: str  # read-all, write-all, none, scoped or unknown
    write: list[str]
    read: list[str]


class WorkflowJob(TypedDict):
    id: str
    line: int
    permissions: Permissions | None
    reusable: bool  # jobs.<id>.uses calls a reusable workflow


class _WorkflowProblemAlways(TypedDict):
    code: str
    message: str


class WorkflowProblem(_WorkflowProblemAlways, total=False):
    line: int


class _WorkflowAlways(TypedDict):
    path: str
    system: str  # github-actions or gitlab-ci
    readable: bool
    triggers: list[str]
    permissions: Permissions | None  # the top-level block; GitLab CI has none
    jobs: list[WorkflowJob]


class Workflow(_WorkflowAlways, total=False):
    """One entry of ``security.workflows``; ``problem`` says why a file could not be read."""

    problem: WorkflowProblem


class ActionUse(TypedDict):
    path: str
    line: int
    job: str
    ref: str  # the uses: value, shortened
    kind: str  # action, reusable-workflow, docker or local
    github_owned: bool
    pinned: bool


class ImageUse(TypedDict):
    path: str
    line: int
    image: str
    source: str  # dockerfile, github-actions or gitlab-ci
    pinned: bool  # by sha256 digest
    variable: bool  # chosen at build time


class PipedDownload(TypedDict):
    """A download piped into an interpreter."""

    path: str
    line: int
    source: str  # dockerfile, github-actions, gitlab-ci or shell
    command: str


class Checkout(TypedDict):
    path: str
    line: int
    job: str
    ref: str  # actions/checkout with.ref
    contexts: list[str]  # github.* contexts in the ref
    triggers: list[str]


class ScriptExpression(TypedDict):
    """A ``github.*`` context expanded into a ``run:`` or github-script ``script``."""

    path: str
    line: int
    job: str
    field: str  # run or script
    context: str


class UpdateTool(TypedDict):
    path: str
    tool: str  # dependabot, renovate, pyup or scala-steward


class BinaryArtefact(TypedDict):
    path: str
    kind: str  # elf, pe, java-class, ... (see dpgcheck/security/binaries.py)
    place: str  # source, vendored, test-fixture or wrapper
    size: int


class FuzzingSetup(TypedDict):
    path: str
    kind: str
    line: int | None  # None when the path alone tells


class SecurityFacts(TypedDict):
    """The ``security`` section: the supply-chain facts Scorecard's offline checks look at."""

    workflow_count: int
    workflows: list[Workflow]
    actions: list[ActionUse]
    images: list[ImageUse]
    downloads: list[PipedDownload]
    checkouts: list[Checkout]
    expressions: list[ScriptExpression]
    dependency_update_tools: list[UpdateTool]
    binaries: list[BinaryArtefact]
    fuzzing: list[FuzzingSetup]


# --- facts: governance --------------------------------------------------------------------


class GovernanceDocument(TypedDict):
    path: str
    location: str  # root, .github, docs, doc or the folder (governance)
    size: int
    topics: list[str]  # the topics a text document covers; [] for the others


class SecurityPolicyFacts(TypedDict):
    """``governance.security``: the first security policy read; only kinds, never an address."""

    path: str | None
    private_channels: list[str]  # advisory, email, form, platform
    pgp: bool
    disclosure_timeline: bool
    supported_versions: bool


class CodeOfConductFacts(TypedDict):
    path: str | None
    enforcement_section: bool
    enforcement_contacts: list[str]  # kinds of contact, as for the security policy
    placeholder: bool  # a template's placeholder left in


class FundingFacts(TypedDict):
    path: str | None
    parsed: bool
    platforms: list[str]  # FUNDING.yml keys with a value


class CodeownersFacts(TypedDict):
    path: str | None
    rules: int
    owners: int  # counted, never named
    teams: int


class _ChangelogFactsAlways(TypedDict):
    path: str | None
    entries: int  # headings that name a version
    latest_version: str | None
    unreleased_section: bool


class ChangelogFacts(_ChangelogFactsAlways, total=False):
    release_notes_link: bool  # no version of its own, but a link to release notes elsewhere


class GovernanceFacts(TypedDict):
    """The ``governance`` section: the documents found by kind and what they cover."""

    documents: dict[str, list[GovernanceDocument]]  # by kind, every kind present
    topics: dict[str, list[str]]  # topic -> sorted paths covering it, every topic present
    security: SecurityPolicyFacts
    code_of_conduct: CodeOfConductFacts
    funding: FundingFacts
    codeowners: CodeownersFacts
    changelog: ChangelogFacts


# --- facts: publiccode.yml ----------------------------------------------------------------


class PubliccodeIssue(TypedDict):
    key: str  # the key path in the file, "" for the whole file
    code: str
    message: str
    line: int


class PubliccodeFields(TypedDict):
    """What the file says, normalised for the rules; contacts and contractors only counted."""

    name: str | None
    url: str | None
    landing_url: str | None
    roadmap: str | None
    software_version: str | None
    release_date: str | None
    development_status: str | None
    software_type: str | None
    platforms: list[str]
    categories: list[str]
    description_languages: list[str]
    available_languages: list[str]
    localisation_ready: bool | None
    license: LicenceAnalysis | None  # legal.license parsed
    has_main_copyright_owner: bool
    maintenance_type: str | None
    contractor_count: int
    contractors_until: list[str]  # dates, YYYY-MM-DD
    contact_count: int
    organisation: bool  # organisation.uri is given
    funded_by_count: int
    used_by_count: int
    is_based_on_count: int
    supports: list[str]


class PubliccodeFacts(TypedDict):
    """The ``publiccode`` section: the root publiccode.yml and what breaks the standard in it."""

    present: bool
    path: str | None
    candidates: list[str]  # at the root; the first is read
    elsewhere: list[str]  # below the root, not read
    parsed: bool
    valid: bool
    version: str | None
    version_supported: bool
    version_latest: bool
    network_checked: bool
    error_count: int
    warning_count: int
    errors: list[PubliccodeIssue]
    warnings: list[PubliccodeIssue]
    fields: PubliccodeFields | None


# --- facts: licenses ----------------------------------------------------------------------


class DeclaredLicence(TypedDict):
    """A licence statement in package metadata, publiccode.yml or the DPG record."""

    source: str  # pyproject, package.json, cargo, publiccode, dpg-record, ...
    path: str
    field: str  # where in the file, e.g. project.license
    value: str  # as written (JSON text when not a string)
    kind: str  # spdx, name or file
    expression: str | None  # the SPDX expression it means, None when it names none dpgcheck maps
    analysis: LicenceAnalysis | None


class AdditionalTerms(TypedDict):
    position: str  # appended, prepended or inserted
    words: int
    excerpt: str


class LicenceMatch(TypedDict):
    """What licence a text holds (``dpgcheck.licensing.detect.detect``)."""

    spdx_id: str | None
    candidates: list[str]  # every id the text is consistent with
    ids: list[str]  # as the matcher reported them
    match: str  # full, with_additional_terms, notice, reference, multiple, unknown, empty, not_scanned, not_read
    confidence: float
    coverage: float  # per cent of the words
    or_later: bool | None
    additional_terms: AdditionalTerms | None
    notice_kind: str | None  # standard-notice, names-licence or spdx-identifier
    extra_words: int


class LicenceFile(TypedDict):
    path: str
    location: str  # root, .github, docs, doc or LICENSES
    size: int
    named_id: str | None  # the id a LICENSES/<id>.txt name gives
    third_party: bool  # the name says it covers other people's code


class DetectedLicence(LicenceFile, LicenceMatch):
    """One entry of ``licenses.detected``: a licence file and what its text holds."""


class LicensesSummary(TypedDict):
    declared_count: int
    declared_sources: list[str]
    declared_ids: list[str]
    license_files: int
    detected_ids: list[str]
    unrecognised: list[str]  # licence files whose text was not recognised


class LicensesFacts(TypedDict):
    """The ``licenses`` section (facts 2.0 on; 1.x also had ``combined``)."""

    declared: list[DeclaredLicence]
    detected: list[DetectedLicence]
    summary: LicensesSummary


# --- facts: REUSE -------------------------------------------------------------------------


class PathSample(TypedDict):
    count: int  # how many files
    paths: list[str]  # the first 100 of them, sorted


class InvalidExpression(TypedDict):
    path: str
    expression: str
    source: str  # file-header, dot-license, reuse-toml or dep5


class LicenceText(TypedDict):
    """A licence text in ``LICENSES/``."""

    id: str
    path: str
    extension: str  # "" or with its dot


class ReuseFacts(TypedDict):
    """The ``reuse`` section: per-file licensing after the REUSE specification (facts 2.0 on)."""

    covered_files: int
    with_copyright: int
    with_licensing: int
    with_both: int
    sources: dict[str, int]  # covered files by kind of source, every kind present
    missing_copyright: PathSample
    missing_licensing: PathSample
    not_scanned: list[str]
    invalid_expressions: list[InvalidExpression]
    licenses_dir: list[LicenceText]
    used_licenses: list[str]
    missing_licenses: list[str]
    unused_licenses: list[str]
    reuse_toml: list[str]
    dep5: bool


# --- facts: SBOMs --------------------------------------------------------------------------


class SbomProblem(TypedDict):
    """A document's problems of one code, grouped."""

    code: str
    kind: str  # parse, validation, recovered or unsupported
    message: str
    count: int
    examples: list[str]  # at most 10


class MissingSample(TypedDict):
    count: int
    examples: list[str]  # at most 10


class SpecialValues(TypedDict):
    """Packages whose licence field is NOASSERTION, NONE or not there."""

    noassertion: int
    none: int
    absent: int


class CreatorTypes(TypedDict):
    person: int  # counted, never named
    organization: int
    tool: int


class CreatorContacts(TypedDict):
    email: int  # creators given with an address; the address is not kept
    url: int


class SbomCounts(TypedDict):
    packages: int
    files: int
    snippets: int
    relationships: int


class _PackagesMissingAlways(TypedDict):
    name: MissingSample
    version: MissingSample
    supplier: MissingSample
    external_id: MissingSample
    checksum: MissingSample
    license: MissingSample


class PackagesMissing(_PackagesMissingAlways, total=False):
    """Packages lacking each element (the last three since facts 1.1)."""

    supplier_contact: MissingSample
    filename: MissingSample
    dependencies: MissingSample


class LicenceValues(TypedDict):
    declared: SpecialValues
    concluded: SpecialValues
    effective: SpecialValues  # concluded when it is an expression, else declared


class SbomLicence(TypedDict):
    """One distinct licence expression the packages use, and how many use it."""

    expression: str
    declared: int
    concluded: int
    effective: int
    examples: list[str]
    analysis: LicenceAnalysis


class Reachable(TypedDict):
    """What can be reached from the described package, as ntia-conformance-checker follows it."""

    packages: int
    floating: MissingSample
    missing: dict[str, MissingSample]  # packages_missing over the reachable packages


class _SbomReadingAlways(TypedDict):
    format: str  # json, yaml, xml, rdf, tag-value, json-ld, cyclonedx or unknown
    spdx: bool
    readable: bool
    problems: list[SbomProblem]


class SbomReading(_SbomReadingAlways, total=False):
    """What one SBOM file says (``dpgcheck.licensing.sbom.read_document``); most only when readable."""

    spec_version: str | None
    name: str | None
    namespace: str | None
    created: str | None
    creators: list[str]  # tools and organisations, never people
    creator_types: CreatorTypes
    counts: SbomCounts
    describes: list[str | None]
    describes_package: bool
    relationship_types: dict[str, int]
    packages_missing: PackagesMissing
    license_values: LicenceValues
    licenses: list[SbomLicence]
    standard: str | None  # spdx-2, spdx-3 or cyclonedx
    serialisation: str
    creator_contacts: CreatorContacts
    tools: list[str]
    lifecycles: list[str]
    completeness: dict[str, int]
    not_recorded: list[str]  # packages_missing fields the format has no field for
    hash_algorithms: dict[str, int]
    property_names: dict[str, int]
    purposes: dict[str, int]
    reachable: Reachable


class _SbomPlace(TypedDict):
    path: str
    origin: str  # repository or command-line
    size: int


class SbomDocument(_SbomPlace, SbomReading):
    """One entry of ``sbom.documents``: where the file is and what it says."""


class SbomFacts(TypedDict):
    """The ``sbom`` section: the SBOMs found or given with ``--sbom``."""

    count: int
    spdx_count: int
    readable_count: int
    documents: list[SbomDocument]


# --- what a run adds to the facts: input.options ----------------------------------------------


class RunInput(TypedDict, total=False):
    """``input.options``: what the command line passes with the facts (see dpgcheck.evaluate.RunOptions)."""

    profile: str
    fail_on: str
    disabled: list[str]
    severity: dict[str, str]
    thresholds: dict[str, Any]
    now: str
    staged: bool
    hook_history_rules: str
    waivers: list[dict[str, Any]]
    scorecard: bool


# --- the policies' answer -----------------------------------------------------------------


class _LocationAlways(TypedDict):
    path: str


class Location(_LocationAlways, total=False):
    line: int


class _FindingAlways(TypedDict):
    rule_id: str
    area: str
    severity: str
    indicator: str | None
    outcome: str  # fail, insufficient_evidence or waived
    message: str
    evidence: dict[str, Any]
    location: Location | None


class Finding(_FindingAlways, total=False):
    """A finding of the decision: what a rule said, with what the catalogue adds."""

    waiver: dict[str, Any]


class ReportFinding(Finding):
    id: str  # the rule, the file and the kind of finding, not its wording


class Summary(TypedDict):
    findings: int
    blocking: int
    rules_evaluated: int
    rules_by_status: dict[str, int]
    by_severity: dict[str, int]
    by_area: dict[str, int]
    by_indicator: dict[str, Any]


class _DecisionAlways(TypedDict):
    verdict: str  # pass, fail or error
    errors: list[str]
    findings: list[Finding]


class Decision(_DecisionAlways, total=False):
    """``data.dpgcheck.decision`` after normalisation (an error decision has little more)."""

    profile: str
    fail_on: str
    warnings: list[str]
    summary: Summary
    indicators: dict[str, str]
    rules: dict[str, dict[str, Any]]
    bundles: list[dict[str, Any]]
    scorecard: dict[str, Any] | None
    titles: dict[str, dict[str, str]]


class Evaluation(TypedDict):
    clock: str | None  # input.options.now
    started_at: str | None
    finished_at: str | None
    duration_seconds: float | None


class Artifacts(TypedDict):
    anchor: str | None  # the file findings about the whole subject are shown at
    missing: list[str]  # paths findings name that are not files


class _ReportAlways(TypedDict):
    report_version: str
    tool: dict[str, str]
    dpg_standard_version: str
    policy: dict[str, Any]
    engine: str
    facts_version: str | None
    subject: dict[str, Any]
    profile: str
    fail_on: str
    verdict: str
    errors: list[str]
    summary: Summary
    indicators: dict[str, str]
    findings: list[ReportFinding]
    rules: dict[str, dict[str, Any]]
    evaluation: Evaluation
    artifacts: Artifacts


class Report(_ReportAlways, total=False):
    """What every formatter renders (``dpgcheck/schemas/report.schema.json``)."""

    warnings: list[str]
    scorecard: dict[str, Any] | None
    titles: dict[str, dict[str, str]]


def location_of(finding: Finding) -> dict[str, Any]:
    """A finding's location as a plain mapping: ``{}`` for a finding about the whole subject."""
    return dict(finding.get("location") or {})
