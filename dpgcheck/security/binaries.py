"""Checked-in binary artefacts, recognised by their first bytes rather than their names:
executables and libraries (ELF, PE, Mach-O), Java classes and archives, Python bytecode,
WebAssembly, Android dex, static libraries and package formats. Where a binary sits is
recorded too: vendored code and test fixtures are reported apart from the project's own
tree, and build-tool wrappers (gradle-wrapper.jar) are named as such."""
from __future__ import annotations

import struct

HEAD_BYTES = 64
_ZIP_BINARY_EXTENSIONS = (".jar", ".war", ".ear", ".aar", ".apk", ".whl", ".egg", ".crx", ".nupkg", ".vsix", ".xpi")
_VENDORED = {"vendor", "vendors", "third_party", "third-party", "thirdparty", "node_modules", "external", "externals", "deps", "bower_components"}
_TESTS = {"test", "tests", "testdata", "test-data", "test_data", "fixtures", "fixture", "__tests__", "spec", "specs", "testing"}
_WRAPPERS = {"gradle/wrapper/gradle-wrapper.jar", ".mvn/wrapper/maven-wrapper.jar"}


def kind_of(head: bytes, lower_path: str) -> str | None:
    """The kind of binary the first bytes announce, or None for anything else."""
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head.startswith(b"MZ") and len(head) >= 64:
        offset = struct.unpack_from("<I", head, 0x3C)[0]
        return "pe" if 0 < offset < 1 << 20 or lower_path.endswith((".exe", ".dll", ".sys", ".efi", ".ocx", ".drv")) else None
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe"):
        return "mach-o"
    if head.startswith(b"\xca\xfe\xba\xbe") and len(head) >= 8:
        major = struct.unpack_from(">H", head, 6)[0]
        if major >= 45:
            return "java-class"
        return "mach-o" if 0 < struct.unpack_from(">I", head, 4)[0] < 32 else None
    if head.startswith(b"\0asm"):
        return "wasm"
    if head.startswith(b"dex\n"):
        return "dex"
    if head.startswith(b"!<arch>\n"):
        return "deb" if lower_path.endswith(".deb") else "static-library"
    if head.startswith(b"\xed\xab\xee\xdb"):
        return "rpm"
    if len(head) >= 4 and head[2:4] == b"\r\n" and 3000 <= struct.unpack_from("<H", head, 0)[0] < 4000:
        return "python-bytecode"
    if head.startswith(b"PK\x03\x04") and lower_path.endswith(_ZIP_BINARY_EXTENSIONS):
        return "java-archive" if lower_path.endswith((".jar", ".war", ".ear", ".aar")) else "package-archive"
    return None


def place_of(lower_path: str) -> str:
    """``wrapper``, ``vendored``, ``test-fixture`` or ``source``."""
    if lower_path in _WRAPPERS or lower_path.endswith(tuple("/" + w for w in _WRAPPERS)):
        return "wrapper"
    parts = lower_path.split("/")[:-1]
    if any(part in _VENDORED for part in parts):
        return "vendored"
    if any(part in _TESTS or part.endswith(("-tests", "_tests", "-test", "_test")) for part in parts):
        return "test-fixture"
    return "source"
