"""Signed bundles in OPA's format: dpgcheck signs and verifies, and agrees with OPA's documented format."""
from __future__ import annotations

import hashlib
import io
import json
import tarfile

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from tests.conftest import ENGINES, ROOT, run_dpgcheck, run_json

NOW = "2026-06-01T00:00:00Z"
COMPLIANT = ROOT / "examples" / "compliant"


_KEYS: dict[tuple[str, str], object] = {}


def _key(kind, name):
    """One private key per kind and name for the whole module (a 2048-bit RSA key takes a tenth of a second or more to make)."""
    if (kind, name) not in _KEYS:
        _KEYS[kind, name] = rsa.generate_private_key(public_exponent=65537, key_size=2048) if kind == "rsa" else ec.generate_private_key(ec.SECP256R1())
    return _KEYS[kind, name]


def rsa_keys(tmp_path, name):
    return _write_pair(tmp_path, name, _key("rsa", name))


def ec_keys(tmp_path, name):
    return _write_pair(tmp_path, name, _key("ec", name))


def _write_pair(tmp_path, name, key):
    private = tmp_path / f"{name}.key"
    public = tmp_path / f"{name}.pub"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


@pytest.fixture
def overlay(tmp_path):
    """`bundle init`'s scaffold, with its rule raised to error in its profile."""
    return make_overlay(tmp_path)


def make_overlay(tmp_path):
    bundle = tmp_path / "gov"
    assert run_dpgcheck("bundle", "init", bundle, "--namespace", "gov", "--publisher", "Ministry of Examples").returncode == 0
    profile_file = bundle / "dpgcheck" / "profiles" / "gov-example" / "data.json"
    profile = json.loads(profile_file.read_text())
    profile["severity"] = {"gov.codeowners": "error"}
    profile_file.write_text(json.dumps(profile, indent=2))
    return bundle


def build_signed(tmp_path, overlay, private, *extra):
    output = tmp_path / "gov.tar.gz"
    result = run_dpgcheck("bundle", "build", "--overlay", overlay, "-o", output, "--signing-key", private, "--key-id", "ministry-2026", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"wrote {output}: 5 files, 2 bundle tests passed, signed\n"
    return output


@pytest.fixture(scope="module")
def built_by_ministry(tmp_path_factory):
    """The overlay built and signed with the ministry's key, once for the module (a build runs the bundle's tests)."""
    base = tmp_path_factory.mktemp("ministry")
    private, public = rsa_keys(base, "ministry")
    return private, public, build_signed(base, make_overlay(base), private)


@pytest.fixture
def signed_by_ministry(built_by_ministry, tmp_path):
    """A copy of that signed bundle and the ministry's key pair in this test's folder: ``(private, public, gov.tar.gz)``."""
    copies = []
    for path in built_by_ministry:
        copies.append(tmp_path / path.name)
        copies[-1].write_bytes(path.read_bytes())
    return tuple(copies)


def archive_files(path):
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def repack(path, files):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def check(bundle, *args, engine="regorus"):
    return run_dpgcheck("check", COMPLIANT, "--bundle", bundle, "--profile", "gov-example", "--now", NOW, "--engine", engine, "--format", "json", *args)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_untouched_signed_bundle_changes_the_verdict_as_its_profile_says(signed_by_ministry, engine):
    private, public, signed = signed_by_ministry
    code, base = run_json("check", COMPLIANT, "--profile", "procurement-minimum", "--now", NOW, "--engine", engine, "--format", "json")
    result = check(signed, "--verification-key", public, "--require-signature", engine=engine)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    # the profile: all of procurement-minimum, plus the bundle's rule at error
    assert sorted(report["rules"]) == sorted([*base["rules"], "gov.codeowners"])
    added = [f for f in report["findings"] if f not in base["findings"]]
    assert [(f["rule_id"], f["severity"], f["message"]) for f in added] == [("gov.codeowners", "error", "No CODEOWNERS file: name who owns the code")]
    assert len(report["findings"]) == len(base["findings"]) + 1
    assert report["summary"]["blocking"] == base["summary"]["blocking"] + 1
    assert report["policy"]["loaded"][1]["signature"] == "verified (key ministry)"


def test_a_bundle_changed_by_one_byte_is_refused_before_any_rule_runs(tmp_path, signed_by_ministry):
    private, public, signed = signed_by_ministry
    files = archive_files(signed)
    name = "rules/gov_community/codeowners/rule.rego"
    files[name] = files[name].replace(b"severity: warning", b"severity: warnin ")
    tampered = repack(tmp_path / "tampered.tar.gz", files)
    result = check(tampered, "--verification-key", public, "--require-signature")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"dpgcheck: error: {tampered}: file '{name}' does not match its signed hash (changed after signing); refused\n"
    result = run_dpgcheck("bundle", "verify", tampered, "--verification-key", public)
    assert result.returncode == 2 and "does not match its signed hash" in result.stderr


def test_a_file_added_or_removed_after_signing_is_refused(tmp_path, signed_by_ministry):
    private, public, signed = signed_by_ministry
    files = archive_files(signed)
    added = repack(tmp_path / "added.tar.gz", {**files, "dpgcheck/config/data.json": b'{"fail_on": "never"}'})
    assert check(added, "--verification-key", public, "--require-signature").stderr == (
        f"dpgcheck: error: {added}: file 'dpgcheck/config/data.json' is in the bundle but not in its signature; refused\n"
    )
    del files["rules/gov_community/codeowners/rule_test.rego"]
    removed = repack(tmp_path / "removed.tar.gz", files)
    assert check(removed, "--verification-key", public, "--require-signature").stderr == (
        f"dpgcheck: error: {removed}: signed file 'rules/gov_community/codeowners/rule_test.rego' is missing from the bundle; refused\n"
    )


def test_an_unsigned_bundle_is_refused_when_a_signature_is_required(tmp_path, overlay):
    _, public = rsa_keys(tmp_path, "ministry")
    result = check(overlay, "--verification-key", public, "--require-signature")
    assert result.returncode == 2
    assert result.stderr == f"dpgcheck: error: {overlay}: the bundle is not signed (no .signatures.json) and a signature is required; refused\n"
    # Without --require-signature it loads, and every report says it is unsigned.
    result = check(overlay, "--verification-key", public)
    assert json.loads(result.stdout)["policy"]["loaded"][1]["signature"] == "unsigned"


def test_a_bundle_signed_with_another_key_is_refused(tmp_path, overlay):
    private, _ = rsa_keys(tmp_path, "intruder")
    _, public = rsa_keys(tmp_path, "ministry")
    signed = build_signed(tmp_path, overlay, private)
    result = check(signed, "--verification-key", public, "--require-signature")
    assert result.returncode == 2
    assert result.stderr == (
        f"dpgcheck: error: {signed}: the bundle signature (RS256, kid 'ministry-2026') verifies with none of the pinned keys; refused\n"
    )


def test_key_rotation_several_pinned_keys(tmp_path, overlay):
    old_private, old_public = rsa_keys(tmp_path, "old")
    _, new_public = ec_keys(tmp_path, "new")
    signed = build_signed(tmp_path, overlay, old_private)
    result = check(signed, "--verification-key", new_public, "--verification-key", old_public, "--require-signature")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["policy"]["loaded"][1]["signature"] == "verified (key old)"


@pytest.mark.parametrize("algorithm", ["ES256", "HS256", "RS256"])
def test_sign_and_verify_a_directory_with_each_algorithm(tmp_path, overlay, algorithm):
    if algorithm == "HS256":
        private = public = tmp_path / "secret.txt"
        private.write_text("a shared secret of the ministry, at least 32 bytes long\n")
    elif algorithm == "ES256":
        private, public = ec_keys(tmp_path, "ec")
    else:
        private, public = rsa_keys(tmp_path, "rsa")
    result = run_dpgcheck("bundle", "sign", overlay, "--signing-key", private, "--signing-alg", algorithm)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"signed {overlay}: 4 files, {algorithm}\n"
    header = jwt.get_unverified_header(json.loads((overlay / ".signatures.json").read_text())["signatures"][0])
    assert header["alg"] == algorithm
    verified = run_dpgcheck("bundle", "verify", overlay, "--verification-key", public)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout == f"verified {overlay}: 4 files match their signed hashes; signed with key {public.stem}\n"


def test_a_public_key_is_never_accepted_as_an_hmac_secret(tmp_path, overlay):
    """The classic JWT algorithm confusion: an HS256 token whose secret is the pinned public key."""
    import base64
    import hmac

    _, public = rsa_keys(tmp_path, "ministry")
    files = {p.relative_to(overlay).as_posix(): p.read_bytes() for p in sorted(overlay.rglob("*")) if p.is_file()}
    claims = {"files": [{"name": name, "hash": opa_hash(name, data), "algorithm": "SHA-256"} for name, data in files.items()]}

    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    signing_input = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + b"." + b64(json.dumps(claims).encode())
    forged = signing_input + b"." + b64(hmac.new(public.read_bytes(), signing_input, hashlib.sha256).digest())
    (overlay / ".signatures.json").write_text(json.dumps({"signatures": [forged.decode()]}))
    result = run_dpgcheck("bundle", "verify", overlay, "--verification-key", public)
    assert result.returncode == 2
    assert "verifies with none of the pinned keys" in result.stderr


def opa_hash(name, data):
    """A file's hash as OPA's bundle signing documentation describes it, written from that description."""
    if name.rsplit("/", 1)[-1] in (".manifest", "data.json"):
        canonical = json.dumps(json.loads(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()
    return hashlib.sha256(data).hexdigest()


def test_a_bundle_signed_by_pyjwt_in_opas_documented_format_verifies(tmp_path, overlay):
    private, public = rsa_keys(tmp_path, "ministry")
    files = {p.relative_to(overlay).as_posix(): p.read_bytes() for p in sorted(overlay.rglob("*")) if p.is_file()}
    claims = {"files": [{"name": name, "hash": opa_hash(name, data), "algorithm": "SHA-256"} for name, data in files.items()],
              "iss": "ministry", "scope": "write"}
    token = jwt.encode(claims, private.read_bytes(), algorithm="RS256", headers={"kid": "ministry"})
    (overlay / ".signatures.json").write_text(json.dumps({"signatures": [token]}))
    assert run_dpgcheck("bundle", "verify", overlay, "--verification-key", public).returncode == 0
    # JSON is hashed after parsing: re-indenting a data file keeps the signature valid ...
    profile = overlay / "dpgcheck" / "profiles" / "gov-example" / "data.json"
    profile.write_text(json.dumps(json.loads(profile.read_text()), indent=8))
    assert run_dpgcheck("bundle", "verify", overlay, "--verification-key", public).returncode == 0
    # ... while a Rego file is hashed byte for byte.
    rule = overlay / "rules" / "gov_community" / "codeowners" / "rule.rego"
    rule.write_text(rule.read_text() + "\n")
    assert run_dpgcheck("bundle", "verify", overlay, "--verification-key", public).returncode == 2


def test_dpgchecks_signature_decodes_to_opas_documented_claims(signed_by_ministry):
    private, public, signed = signed_by_ministry
    files = archive_files(signed)
    document = json.loads(files.pop(".signatures.json"))
    assert list(document) == ["signatures"] and len(document["signatures"]) == 1
    token = document["signatures"][0]
    assert jwt.get_unverified_header(token) == {"alg": "RS256", "typ": "JWT", "kid": "ministry-2026"}
    claims = jwt.decode(token, public.read_bytes(), algorithms=["RS256"])
    assert claims == {
        "files": [{"name": name, "hash": opa_hash(name, data), "algorithm": "SHA-256"} for name, data in sorted(files.items())],
        "keyid": "ministry-2026",
    }


def test_a_signed_bundle_without_a_key_loads_marked_not_verified(signed_by_ministry):
    private, _, signed = signed_by_ministry
    result = check(signed)
    assert json.loads(result.stdout)["policy"]["loaded"][1]["signature"] == "signed, not verified (no key given)"
    assert run_dpgcheck("check", COMPLIANT, "--bundle", signed, "--require-signature").stderr == (
        "dpgcheck: error: --require-signature needs at least one --verification-key to check signatures with\n"
    )


def test_inspect_shows_manifest_rules_profiles_data_and_signature(signed_by_ministry):
    private, public, signed = signed_by_ministry
    code, report = run_json("bundle", "inspect", signed, "--verification-key", public, "--json")
    assert code == 0
    assert {k: report[k] for k in ("name", "namespace", "signature", "rules_added", "profiles_added", "data_paths", "overrides")} == {
        "name": "gov", "namespace": "gov", "signature": "verified (key ministry)", "rules_added": ["gov.codeowners"],
        "profiles_added": ["gov-example"], "data_paths": ["dpgcheck.profiles.gov-example"], "overrides": [],
    }
    assert report["manifest"]["metadata"]["publisher"] == "Ministry of Examples"
    text = run_dpgcheck("bundle", "inspect", signed).stdout
    assert "  signature: signed, not verified (no key given)\n" in text


def test_build_refuses_an_overlay_whose_tests_fail(tmp_path, overlay):
    test = overlay / "rules" / "gov_community" / "codeowners" / "rule_test.rego"
    test.write_text(test.read_text().replace("No CODEOWNERS file", "No CODEOWNERS"))
    output = tmp_path / "out.tar.gz"
    result = run_dpgcheck("bundle", "build", "--overlay", overlay, "-o", output)
    assert result.returncode == 1
    assert result.stdout.endswith("1 of 2 bundle tests failed; nothing written\n")
    assert not output.exists()


def test_build_of_an_overlay_is_reproducible(tmp_path, overlay, built_by_ministry):
    private, _, first = built_by_ministry  # the same scaffold and key, built earlier in another folder
    # RS256 (PKCS#1 v1.5) is deterministic
    assert build_signed(tmp_path, overlay, private).read_bytes() == first.read_bytes()


def test_a_signed_bundle_whose_rule_never_ends_is_stopped_and_the_rule_named(tmp_path):
    """A run that verifies its bundles loads them first and judges on the engine that keeps the budget, as every other run."""
    from tests.hostile.helpers import assert_input_error, run_cli, write_rule_bundle
    from tests.hostile.test_policies import SLOW

    private, public = rsa_keys(tmp_path, "ministry")
    overlay = write_rule_bundle(tmp_path / "hostile", "slow", SLOW)
    signed = tmp_path / "hostile.tar.gz"
    built = run_dpgcheck("bundle", "build", "--overlay", overlay, "-o", signed, "--signing-key", private, "--key-id", "ministry-2026")
    assert built.returncode == 0, built.stdout + built.stderr
    result = run_cli("check", COMPLIANT, "--bundle", signed, "--verification-key", public, "--require-signature", "--now", NOW,
                     "--eval-timeout", "0.5")
    assert_input_error(result, "rules/hostile/slow/rule.rego: policy evaluation ran past its time budget of 0.5 s in rule hostile.slow; ")
