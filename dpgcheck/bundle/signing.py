"""Sign and verify bundles in OPA's format (``.signatures.json``).

The file holds ``{"signatures": [<JWT>]}``: one JWT whose payload lists every file of the
bundle (``files: [{name, hash, algorithm}]``) and whose header names the algorithm and
the key id. As in OPA, ``.manifest``, ``data.json`` and ``data.yaml`` are hashed after
parsing, over a canonical serialisation with object keys sorted (so reformatting them
does not break a signature); every other file is hashed byte for byte. Verification
checks the JWT against the pinned keys (several may be given: key rotation), that the
bundle holds exactly the files listed, and every hash. JWTs are made and checked with
PyJWT and cryptography, never by hand.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dpgcheck.errors import DpgcheckError

SIGNATURES_FILE = ".signatures.json"
STRUCTURED_FILES = (".manifest", "data.json", "data.yaml", "data.yml")
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512")
HASH_ALGORITHMS = {
    "MD5": "md5", "SHA-1": "sha1", "SHA-224": "sha224", "SHA-256": "sha256", "SHA-384": "sha384",
    "SHA-512": "sha512", "SHA-512-224": "sha512_224", "SHA-512-256": "sha512_256",
}
MAX_SIGNATURES_BYTES = 1024 * 1024


class _Number(str):
    """A JSON number kept as written, as OPA's decoder keeps it (json.Number)."""


def _primitive(value: Any) -> str:
    if isinstance(value, _Number):
        return str(value)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        # Go's encoder (HTML escaping off): UTF-8 as is, U+2028/U+2029 escaped.
        return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return json.dumps(str(value), ensure_ascii=False)


def _canonical(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append("{")
        for i, key in enumerate(sorted(value)):
            if i:
                out.append(",")
            out.append(_primitive(str(key)))
            out.append(":")
            _canonical(value[key], out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _canonical(item, out)
        out.append("]")
    else:
        out.append(_primitive(value))


def _parse_structured(name: str, data: bytes) -> Any:
    text = data.decode("utf-8")
    if name.endswith((".yaml", ".yml")):
        from dpgcheck.bundle.datafiles import parse_data

        return parse_data(text, name, name)
    return json.loads(text, parse_int=_Number, parse_float=_Number)


def file_hash(name: str, data: bytes, algorithm: str = "SHA-256") -> str:
    if algorithm not in HASH_ALGORITHMS:
        raise DpgcheckError(f"unsupported hash algorithm {algorithm!r} in {SIGNATURES_FILE}; use one of {', '.join(HASH_ALGORITHMS)}")
    digest = hashlib.new(HASH_ALGORITHMS[algorithm])
    if name.rsplit("/", 1)[-1] in STRUCTURED_FILES:
        try:
            value = _parse_structured(name, data)
        except (UnicodeDecodeError, json.JSONDecodeError, DpgcheckError):
            raise DpgcheckError(f"bundle file {name!r} is not valid JSON/YAML; it cannot be hashed", path=name) from None
        parts: list[str] = []
        _canonical(value, parts)
        digest.update("".join(parts).encode("utf-8"))
    else:
        digest.update(data)
    return digest.hexdigest()


def bundle_files(root: Path) -> dict[str, bytes]:
    """Every file of a bundle directory but the signatures, by its path relative to the root."""
    files: dict[str, bytes] = {}
    for item in sorted(root.rglob("*")):
        relative = item.relative_to(root).as_posix()
        if item.is_symlink():
            raise DpgcheckError(f"bundle entry {relative!r} is a symbolic link; bundles may not contain links", path=str(item))
        if item.is_file() and relative != SIGNATURES_FILE:
            files[relative] = item.read_bytes()
    return files


def _private_key(path: Path, algorithm: str) -> Any:
    data = _read_key(path)
    if algorithm.startswith("HS"):
        return _secret(data)
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        return load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise DpgcheckError(f"not a PEM private key without a passphrase ({exc}); {algorithm} needs one", path=str(path)) from None


def _read_key(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DpgcheckError(f"cannot read key: {exc.strerror or exc}", path=str(path)) from None
    if len(data) > 64 * 1024:
        raise DpgcheckError("key file is larger than 64 KiB; not a key", path=str(path))
    return data


def _secret(data: bytes) -> bytes:
    return data.rstrip(b"\r\n")


@dataclass(frozen=True)
class VerificationKey:
    """A pinned key: a PEM public key (RS/PS/ES) or an HMAC secret (HS), with its id."""

    key_id: str
    key: Any
    family: str  # "RS" (RSA, for RS and PS), "ES" (ECDSA) or "HS" (HMAC secret)

    @classmethod
    def load(cls, path: Path) -> VerificationKey:
        data = _read_key(path)
        key_id = path.stem
        if b"-----BEGIN" not in data:
            return cls(key_id, _secret(data), "HS")
        from cryptography.hazmat.primitives.asymmetric import ec, rsa
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        try:
            public = load_pem_public_key(data)
        except (ValueError, TypeError) as exc:
            raise DpgcheckError(f"not a PEM public key ({exc}); give the public half of the signing key", path=str(path)) from None
        if isinstance(public, rsa.RSAPublicKey):
            return cls(key_id, public, "RS")
        if isinstance(public, ec.EllipticCurvePublicKey):
            return cls(key_id, public, "ES")
        raise DpgcheckError("only RSA and ECDSA public keys (or an HMAC secret) can verify a bundle", path=str(path))


def sign_files(files: dict[str, bytes], signing_key: Path, *, algorithm: str = "RS256", key_id: str | None = None,
               claims: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``.signatures.json`` document for these files."""
    import jwt

    if algorithm not in SIGNING_ALGORITHMS:
        raise DpgcheckError(f"unsupported signing algorithm {algorithm!r}: use one of {', '.join(SIGNING_ALGORITHMS)}")
    payload: dict[str, Any] = {
        "files": [{"name": name, "hash": file_hash(name, files[name]), "algorithm": "SHA-256"} for name in sorted(files)],
        **(claims or {}),
    }
    headers = {"kid": key_id} if key_id else None
    if key_id:
        payload.setdefault("keyid", key_id)  # OPA still writes this deprecated claim
    try:
        token = jwt.encode(payload, _private_key(signing_key, algorithm), algorithm=algorithm, headers=headers)
    except (ValueError, TypeError, jwt.exceptions.PyJWTError) as exc:
        raise DpgcheckError(f"cannot sign with this key and {algorithm}: {exc}", path=str(signing_key)) from None
    return {"signatures": [token]}


def sign_directory(root: Path, signing_key: Path, *, algorithm: str = "RS256", key_id: str | None = None) -> Path:
    document = sign_files(bundle_files(root), signing_key, algorithm=algorithm, key_id=key_id)
    target = root / SIGNATURES_FILE
    target.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return target


def _normal_name(name: Any) -> str:
    if not isinstance(name, str):
        raise DpgcheckError(f"{SIGNATURES_FILE}: a file name in the signature is not a string")
    return name.lstrip("/").removeprefix("./")


def verify_files(files: dict[str, bytes], signatures: bytes | None, keys: list[VerificationKey], *, where: str) -> str:
    """Check a bundle's signature; return the id of the key that verified it.

    Raises DpgcheckError naming what is wrong: no signature, a malformed one, no pinned key
    that verifies the JWT, a file missing or added, or a file whose hash differs.
    """
    import jwt

    if signatures is None:
        raise DpgcheckError(f"the bundle is not signed (no {SIGNATURES_FILE}) and a signature is required; refused", path=where)
    if len(signatures) > MAX_SIGNATURES_BYTES:
        raise DpgcheckError(f"{SIGNATURES_FILE} is larger than {MAX_SIGNATURES_BYTES} bytes; refused", path=where)
    try:
        document = json.loads(signatures)
        tokens = document["signatures"]
        if not isinstance(tokens, list) or len(tokens) != 1 or not isinstance(tokens[0], str):
            raise ValueError
        header = jwt.get_unverified_header(tokens[0])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, jwt.exceptions.PyJWTError):
        raise DpgcheckError(f"{SIGNATURES_FILE} is not OPA's format ({{\"signatures\": [one JWT]}}); refused", path=where) from None
    algorithm = header.get("alg")
    if algorithm not in SIGNING_ALGORITHMS:
        raise DpgcheckError(f"the bundle signature uses algorithm {algorithm!r}, which is not accepted; refused", path=where)
    if not keys:
        raise DpgcheckError("the bundle is signed but no --verification-key was given to check it", path=where)
    payload = None
    used = None
    for key in keys:
        if key.family != algorithm[:2].replace("PS", "RS"):
            continue  # an RSA key never checks an ES token, a public key never serves as an HMAC secret
        try:
            payload = jwt.decode(tokens[0], key.key, algorithms=[algorithm], options={"verify_aud": False, "verify_iat": False})
        except (jwt.exceptions.PyJWTError, ValueError, TypeError):
            continue
        used = key.key_id
        break
    if payload is None or used is None:
        raise DpgcheckError(f"the bundle signature ({algorithm}, kid {header.get('kid')!r}) verifies with none of the pinned keys; refused", path=where)
    listed = payload.get("files")
    if not isinstance(listed, list) or not all(isinstance(f, dict) for f in listed):
        raise DpgcheckError("the signed payload has no files list; refused", path=where)
    signed = {_normal_name(f.get("name")): f for f in listed}
    missing = sorted(set(signed) - set(files))
    extra = sorted(set(files) - set(signed))
    if missing:
        raise DpgcheckError(f"signed file {missing[0]!r} is missing from the bundle; refused", path=where)
    if extra:
        raise DpgcheckError(f"file {extra[0]!r} is in the bundle but not in its signature; refused", path=where)
    for name in sorted(files):
        entry = signed[name]
        if file_hash(name, files[name], str(entry.get("algorithm", "SHA-256"))) != entry.get("hash"):
            raise DpgcheckError(f"file {name!r} does not match its signed hash (changed after signing); refused", path=where)
    return used
