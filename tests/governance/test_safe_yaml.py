"""The bounded YAML loader: hostile documents are refused quickly, ordinary YAML loads as YAML 1.2."""
from __future__ import annotations

import time

import pytest

from dpgcheck.untrusted.yaml import MAX_BYTES, YamlRefused, load
from tests.governance.helpers import billion_laughs


def refused(data: bytes, **limits: int) -> tuple[str, int | None]:
    with pytest.raises(YamlRefused) as caught:
        load(data, **limits)
    return caught.value.code, caught.value.line


def test_billion_laughs_refused_quickly() -> None:
    started = time.perf_counter()
    assert refused(billion_laughs()) == ("alias-bomb", 5)  # a4 alone expands to 66,430 nodes
    assert time.perf_counter() - started < 0.5


def test_quadratic_blowup_refused() -> None:
    # one anchored list of 2,000 items, aliased 100 times: 200,000 nodes
    data = b"base: &b [" + b",".join(b"x" for _ in range(2000)) + b"]\nuse: [" + b",".join(b"*b" for _ in range(100)) + b"]\n"
    assert refused(data)[0] == "alias-bomb"


def test_many_aliases_refused() -> None:
    data = b"a: &a x\nb: [" + b",".join(b"*a" for _ in range(101)) + b"]\n"
    assert refused(data) == ("too-many-aliases", 2)


def test_few_aliases_are_fine() -> None:
    loaded = load(b"a: &a {k: v}\nb: *a\nc: *a\n")
    assert loaded.value == {"a": {"k": "v"}, "b": {"k": "v"}, "c": {"k": "v"}}


def test_recursive_alias_refused() -> None:
    assert refused(b"a: &a [1, *a]\n") == ("recursive-alias", 1)


def test_deep_nesting_refused() -> None:
    assert refused(b"[" * 65 + b"]" * 65)[0] == "too-deep"
    assert load(b"[" * 10 + b"]" * 10).value == [[[[[[[[[[]]]]]]]]]]


def test_too_many_nodes_refused() -> None:
    assert refused(b"[" + b",".join(b"1" for _ in range(101)) + b"]", max_nodes=100)[0] == "too-many-nodes"


def test_size_limit() -> None:
    assert refused(b"a: b\n" * (MAX_BYTES // 5 + 1))[0] == "file-too-large"


def test_binary_refused() -> None:
    assert refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == ("binary-file", None)


def test_not_utf8_refused() -> None:
    assert refused("name: caf\u00e9\n".encode("latin-1")) == ("not-utf8", None)


def test_several_documents_refused() -> None:
    assert refused(b"a: 1\n---\nb: 2\n") == ("multiple-documents", 2)


def test_python_tags_refused() -> None:
    assert refused(b"a: !!python/object/apply:os.system ['true']\n") == ("unsupported-tag", 1)
    assert refused(b"a: !custom x\n") == ("unsupported-tag", 1)


def test_syntax_error_has_a_line() -> None:
    assert refused(b"a: 1\nb: [\n") == ("yaml-syntax", 3)


def test_yaml_12_core_scalars() -> None:
    loaded = load(
        b"on: on\nyes: yes\nno: No\nt: true\nf: False\nn: ~\ne:\ni: 12\no: 0o17\nh: 0x1F\nfl: 1.5\nv: 0.5\n"
        b"d: 2026-01-15\ns: '1.0'\ntag: !!str 12\ninf: .inf\n"
    )
    assert loaded.value == {
        "on": "on", "yes": "yes", "no": "No", "t": True, "f": False, "n": None, "e": None, "i": 12, "o": 15, "h": 31,
        "fl": 1.5, "v": 0.5, "d": "2026-01-15", "s": "1.0", "tag": "12", "inf": float("inf"),
    }


def test_huge_integer_stays_text() -> None:
    assert load(b"n: " + b"9" * 5000 + b"\n").value == {"n": "9" * 5000}


def test_merge_keys_and_explicit_keys_win() -> None:
    loaded = load(b"base: &b {x: 1, y: 2}\nitem:\n  y: 3\n  <<: *b\n")
    assert loaded.value["item"] == {"y": 3, "x": 1}


def test_duplicate_keys_reported_with_path_and_line() -> None:
    loaded = load(b"a:\n  b: 1\n  b: 2\n")
    assert loaded.value == {"a": {"b": 2}}
    assert loaded.issues == [("duplicate-key", "a.b", "key appears more than once", 3)]


def test_lines_of_key_paths() -> None:
    loaded = load(b"a:\n  - x: 1\n    y: [1, 2]\n  - z\nb: c\n")
    assert loaded.lines == {"a": 1, "a[0]": 2, "a[0].x": 2, "a[0].y": 3, "a[0].y[0]": 3, "a[0].y[1]": 3, "a[1]": 4, "b": 5}


def test_complex_keys_refused() -> None:
    assert refused(b"? [a, b]\n: c\n")[0] == "complex-key"


def test_empty_document() -> None:
    assert load(b"").value is None
    assert load(b"# only a comment\n").value is None


def test_wide_document_refused_at_the_default_node_limit() -> None:
    started = time.perf_counter()
    assert refused(b"features: [" + b",".join(b"x" for _ in range(30_000)) + b"]\n") == ("too-many-nodes", 1)
    assert time.perf_counter() - started < 1


def test_pure_python_parser_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from dpgcheck.untrusted import yaml as safe_yaml

    document = b"a: &a {k: [1, yes, '2']}\nb: *a\nc:\n  - d: 2026-01-15\n"
    with_c = load(document)
    monkeypatch.setattr(safe_yaml, "_Loader", yaml.SafeLoader)
    pure = load(document)
    assert (pure.value, pure.lines, pure.issues) == (with_c.value, with_c.lines, with_c.issues)
    assert refused(billion_laughs()) == ("alias-bomb", 5)
