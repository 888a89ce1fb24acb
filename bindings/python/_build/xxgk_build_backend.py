# SPDX-License-Identifier: MIT
"""PEP 517 build backend for the xxgk binding.

pip builds in an isolated environment that must download its build
requirements; offline that fails. This backend needs nothing: it uses
setuptools (configured in pyproject.toml) when it can be imported — e.g.
``pip install --no-build-isolation`` — and otherwise writes the pure-Python
wheel itself with the standard library, from the same pyproject.toml.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

try:
    import wheel  # noqa: F401 - setuptools needs it to build wheels
    from setuptools import build_meta as _setuptools
except ImportError:  # the isolated, offline build environment
    _setuptools = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "xxgk"
PACKAGE_DATA = ("py.typed",)


def _project() -> Dict[str, str]:
    """name, version, description and requires-python from pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if not m:
        raise RuntimeError("pyproject.toml has no [project] table")
    out = {}
    for key in ("name", "version", "description", "requires-python"):
        km = re.search(r'^%s\s*=\s*"([^"]*)"' % re.escape(key), m.group(1), re.M)
        if km:
            out[key] = km.group(1)
    if "name" not in out or "version" not in out:
        raise RuntimeError("pyproject.toml [project] needs name and version")
    return out


def _files() -> List[Tuple[str, bytes]]:
    pkg = ROOT / PACKAGE
    names = sorted(p.name for p in pkg.glob("*.py")) + list(PACKAGE_DATA)
    return [(f"{PACKAGE}/{n}", (pkg / n).read_bytes()) for n in names]


def _metadata(p: Dict[str, str]) -> bytes:
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {p['version']}"]
    if "description" in p:
        lines.append(f"Summary: {p['description']}")
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


def _write_wheel(directory: str) -> str:
    p = _project()
    dist = f"{p['name']}-{p['version']}"
    info = f"{dist}.dist-info"
    files = _files()
    files.append((f"{info}/METADATA", _metadata(p)))
    files.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: xxgk_build_backend\n"
                  b"Root-Is-Purelib: true\nTag: py3-none-any\n"))
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in files) + f"{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode("utf-8")))
    name = f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files:
            zi = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
            zi.external_attr = 0o644 << 16
            z.writestr(zi, d, zipfile.ZIP_DEFLATED)
    return name


def _write_sdist(directory: str) -> str:
    p = _project()
    dist = f"{p['name']}-{p['version']}"
    members = [(n, d) for n, d in _files()]
    for extra in ("pyproject.toml", "README.md", "_build/xxgk_build_backend.py"):
        if (ROOT / extra).is_file():
            members.append((extra, (ROOT / extra).read_bytes()))
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
    if _setuptools is not None:
        return str(_setuptools.build_wheel(wheel_directory, config_settings, metadata_directory))
    return _write_wheel(wheel_directory)


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    if _setuptools is not None:
        return str(_setuptools.build_sdist(sdist_directory, config_settings))
    return _write_sdist(sdist_directory)
