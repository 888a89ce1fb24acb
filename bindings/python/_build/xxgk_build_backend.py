# SPDX-License-Identifier: MIT
"""PEP 517 build backend for the xxgk binding, with the standard library only.

pip builds in an isolated environment that would have to download a build
backend such as setuptools; offline that fails. This backend needs nothing, so
``pip install --no-index ./bindings/python`` works offline, in a venv, as it is.

The wheel carries libxxgk when one is at hand, so that the installed package
needs no environment variable: the library named by ``XXGK_LIBRARY`` at install
time, else ``build/libxxgk.so.N`` of the checkout the package is built from
(``N``, the ABI major, is read from ``xxgk/_lib.py``). It is stored as
``xxgk/libxxgk.so.N``, where ``_lib.py`` looks first after ``XXGK_LIBRARY``,
and the wheel is then tagged for this platform. Without a library the wheel is
pure Python and finds an installed libxxgk (e.g. the Debian package) at import.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "xxgk"
PACKAGE_DATA = ("py.typed",)
LICENSE_PLACES = (ROOT / "LICENSE", ROOT.parent.parent / "LICENSE")  # sdist, checkout


def _project() -> Dict[str, Any]:
    """name, version, description, requires-python, licence and classifiers from
    pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if not m:
        raise RuntimeError("pyproject.toml has no [project] table")
    out: Dict[str, Any] = {}
    for key in ("name", "version", "description", "requires-python"):
        km = re.search(r'^%s\s*=\s*"([^"]*)"' % re.escape(key), m.group(1), re.M)
        if km:
            out[key] = km.group(1)
    lm = re.search(r'^license\s*=\s*\{\s*text\s*=\s*"([^"]*)"\s*\}', m.group(1), re.M)
    if lm:
        out["license"] = lm.group(1)
    cm = re.search(r"^classifiers\s*=\s*\[(.*?)\]", m.group(1), re.M | re.S)
    out["classifiers"] = re.findall(r'"([^"]*)"', cm.group(1)) if cm else []
    if "name" not in out or "version" not in out:
        raise RuntimeError("pyproject.toml [project] needs name and version")
    return out


def _abi_major() -> int:
    m = re.search(r"^ABI_MAJOR = (\d+)$", (ROOT / PACKAGE / "_lib.py").read_text(encoding="utf-8"), re.M)
    if not m:
        raise RuntimeError("xxgk/_lib.py has no ABI_MAJOR")
    return int(m.group(1))


def _library() -> Optional[Tuple[str, bytes]]:
    """(name inside the package, bytes) of the libxxgk to bundle, or None."""
    name = f"libxxgk.so.{_abi_major()}"
    env = os.environ.get("XXGK_LIBRARY")
    path = Path(env) if env else ROOT.parent.parent / "build" / name
    if not path.is_file():
        if env:
            raise RuntimeError(f"XXGK_LIBRARY={env}: no such file")
        return None
    print(f"xxgk: bundling {path} as {PACKAGE}/{name}", file=sys.stderr)
    return name, path.read_bytes()


def _license() -> Optional[bytes]:
    for p in LICENSE_PLACES:
        if p.is_file():
            return p.read_bytes()
    return None


def _files() -> List[Tuple[str, bytes]]:
    pkg = ROOT / PACKAGE
    names = sorted(p.name for p in pkg.glob("*.py")) + list(PACKAGE_DATA)
    return [(f"{PACKAGE}/{n}", (pkg / n).read_bytes()) for n in names]


def _metadata(p: Dict[str, Any]) -> bytes:
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {p['version']}"]
    if "description" in p:
        lines.append(f"Summary: {p['description']}")
    if "license" in p:
        lines.append(f"License: {p['license']}")
    lines += [f"Classifier: {c}" for c in p["classifiers"]]
    if "requires-python" in p:
        lines.append(f"Requires-Python: {p['requires-python']}")
    readme = ROOT / "README.md"
    if readme.is_file():
        lines.append("Description-Content-Type: text/markdown")
        return ("\n".join(lines) + "\n\n").encode("utf-8") + readme.read_bytes()
    return ("\n".join(lines) + "\n").encode("utf-8")


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def _platform_tag() -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())


def _write_wheel(directory: str) -> str:
    p = _project()
    dist = f"{p['name']}-{p['version']}"
    info = f"{dist}.dist-info"
    files = _files()
    executable = set()
    lib = _library()
    if lib:
        files.append((f"{PACKAGE}/{lib[0]}", lib[1]))
        executable.add(f"{PACKAGE}/{lib[0]}")
    tag = f"py3-none-{_platform_tag()}" if lib else "py3-none-any"
    lic = _license()
    if lic is not None:
        files.append((f"{info}/LICENSE", lic))
    files.append((f"{info}/METADATA", _metadata(p)))
    files.append((f"{info}/WHEEL", (f"Wheel-Version: 1.0\nGenerator: xxgk_build_backend\n"
                                    f"Root-Is-Purelib: {'false' if lib else 'true'}\n"
                                    f"Tag: {tag}\n").encode("ascii")))
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in files) + f"{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode("utf-8")))
    name = f"{dist}-{tag}.whl"
    with zipfile.ZipFile(os.path.join(directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files:
            zi = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
            zi.external_attr = (0o755 if n in executable else 0o644) << 16
            z.writestr(zi, d, zipfile.ZIP_DEFLATED)
    return name


def _write_sdist(directory: str) -> str:
    p = _project()
    dist = f"{p['name']}-{p['version']}"
    members = list(_files())
    for extra in ("pyproject.toml", "README.md", "_build/xxgk_build_backend.py"):
        if (ROOT / extra).is_file():
            members.append((extra, (ROOT / extra).read_bytes()))
    lic = _license()
    if lic is not None:
        members.append(("LICENSE", lic))
    members.append(("PKG-INFO", _metadata(p)))
    name = f"{dist}.tar.gz"
    with tarfile.open(os.path.join(directory, name), "w:gz") as t:
        for n, d in members:
            ti = tarfile.TarInfo(f"{dist}/{n}")
            ti.size = len(d)
            ti.mode = 0o644
            t.addfile(ti, io.BytesIO(d))
    return name


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory)


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    return _write_sdist(sdist_directory)
