"""Property-based fuzzing (Hypothesis) of the three kinds of document dpgcheck is handed: facts
documents, DPG registry records and SBOMs. Whatever they hold: no exit 3, no traceback, ever.
In process and bounded (examples per property, no shrinking database), so it stays fast."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpgcheck.cli import cli
from dpgcheck.errors import DpgcheckError

FUZZ = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])

SCALARS = st.one_of(
    st.none(), st.booleans(), st.text(max_size=30),
    st.integers(min_value=-(10**40), max_value=10**40), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["Yes", "No", "Unknown", "", "MIT", "GPL-3.0-or-later OR", "NOASSERTION", "1.1", "https://example.org"]),
)
JSON = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)), max_leaves=25)


def _dump(value: object) -> str:
    return json.dumps(value, allow_nan=True, default=str)


def _no_crash(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output and "internal error" not in result.output


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@FUZZ
@given(data=st.data())
def test_fuzzed_facts_documents_never_crash(facts_document: dict, runner: CliRunner, tmp_path_factory, data) -> None:
    document = json.loads(json.dumps(facts_document))
    for _ in range(data.draw(st.integers(1, 4))):
        section = data.draw(st.sampled_from(sorted(document)))
        if isinstance(document[section], dict) and document[section] and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(document[section])))
            document[section][key] = data.draw(JSON)
        else:
            document[section] = data.draw(JSON)
    text = data.draw(st.one_of(st.just(_dump(document)), st.text(max_size=200), st.just(_dump(document)[: data.draw(st.integers(0, 500))])))
    path = tmp_path_factory.mktemp("facts") / "facts.json"
    path.write_text(text, encoding="utf-8")
    _no_crash(runner.invoke(cli, ["check", "--facts", str(path), "--now", "2026-01-31T00:00:00Z", "--format", "json"]))


RECORD_KEYS = ["name", "aliases", "description", "website", "license", "SDGs", "type", "repositories", "organizations",
               "stage", "clearOwnership", "platformIndependence", "documentation", "NonPII", "privacy", "standards",
               "doNoHarm", "locations", "sectors"]


@FUZZ
@given(record=st.dictionaries(st.sampled_from(RECORD_KEYS), JSON, max_size=10), screening=st.none() | st.dictionaries(st.sampled_from(RECORD_KEYS), JSON, max_size=8))
def test_fuzzed_registry_records_never_crash(tmp_path_factory, runner: CliRunner, record: dict, screening: dict | None) -> None:
    folder = tmp_path_factory.mktemp("record")
    (folder / "nominee.json").write_text(_dump(record), encoding="utf-8")
    args = ["check", "--record", str(folder / "nominee.json"), "--now", "2026-01-31T00:00:00Z", "--format", "json"]
    if screening is not None:
        (folder / "screening.json").write_text(_dump(screening), encoding="utf-8")
        args += ["--screening", str(folder / "screening.json")]
    _no_crash(runner.invoke(cli, args))


SPDX_KEYS = ["spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace", "creationInfo", "packages", "files",
             "relationships", "licenseConcluded", "licenseDeclared", "hasExtractedLicensingInfos", "versionInfo"]
TAG_LINES = st.lists(st.tuples(st.sampled_from(["SPDXVersion", "DataLicense", "SPDXID", "DocumentName", "DocumentNamespace",
                                                "Creator", "Created", "PackageName", "PackageLicenseDeclared",
                                                "PackageLicenseConcluded", "FileName", "Relationship", "LicenseID"]),
                               st.text(max_size=40)), max_size=15)


@FUZZ
@given(kind=st.sampled_from(["json", "tag-value", "yaml"]), doc=st.dictionaries(st.sampled_from(SPDX_KEYS), JSON, max_size=8), lines=TAG_LINES)
def test_fuzzed_sboms_never_crash(kind: str, doc: dict, lines: list[tuple[str, str]]) -> None:
    from dpgcheck.licensing import sbom

    if kind == "json":
        data, name = _dump(doc).encode(), "bom.spdx.json"
    elif kind == "yaml":
        import yaml

        data, name = yaml.safe_dump(json.loads(_dump(doc).replace("NaN", "0").replace("Infinity", "0"))).encode(), "bom.spdx.yaml"
    else:
        data, name = "\n".join(f"{tag}: {value}" for tag, value in lines).encode("utf-8", "replace"), "bom.spdx"
    try:
        facts = sbom.read_document(data, name)
    except DpgcheckError:
        return
    assert isinstance(facts, dict) and "readable" in facts
    json.dumps(facts)  # JSON-able, so a facts document can hold it


def test_fuzz_strategies_produce_the_values_that_broke_the_cli() -> None:
    """The value strategy reaches NaN, infinities and 40-digit integers (the failures of issue 9)."""
    found = set()

    @settings(max_examples=300, database=None, derandomize=True)
    @given(SCALARS)
    def collect(value) -> None:
        if isinstance(value, float) and math.isnan(value):
            found.add("nan")
        elif isinstance(value, float) and math.isinf(value):
            found.add("inf")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
            found.add("huge")

    collect()
    assert found == {"nan", "inf", "huge"}
