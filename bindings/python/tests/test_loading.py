# SPDX-License-Identifier: MIT
"""Finding the library, failing clearly when it cannot be found or lacks a
symbol, and the example program check_dir.py."""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from typing import Dict, Optional

import xxgk
from xxgk_testutil import CORPUS, EXAMPLES, KUNDULUN, REPO, require_corpus

PACKAGE = Path(xxgk.__file__).resolve().parent
EXAMPLE = PACKAGE.parent / "examples" / "check_dir.py"


def run(code_or_args: object, pythonpath: str, env_extra: Optional[Dict[str, str]] = None,
        cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "XXGK_LIBRARY"}
    env["PYTHONPATH"] = pythonpath
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(env_extra or {})
    args = code_or_args if isinstance(code_or_args, list) else ["-c", str(code_or_args)]
    return subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120)


class TestLibraryDiscovery(unittest.TestCase):
    def test_env_var_missing_file(self) -> None:
        p = run("import xxgk", str(PACKAGE.parent), {"XXGK_LIBRARY": "/nonexistent/libxxgk.so"})
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("LibraryNotFoundError: libxxgk could not be loaded. Looked in:", p.stderr)
        self.assertIn("  XXGK_LIBRARY /nonexistent/libxxgk.so: no such file", p.stderr)
        self.assertIn("set XXGK_LIBRARY", p.stderr)

    def test_missing_symbol_fails_at_import(self) -> None:
        libc = ctypes.util.find_library("c")
        if not libc:
            self.skipTest("no C library to stand in for a wrong one")
        p = run("import xxgk", str(PACKAGE.parent), {"XXGK_LIBRARY": libc})
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(f"ImportError: {libc}: the library has no symbol xxgk_version", p.stderr)

    def test_beside_the_package(self) -> None:
        lib = Path(xxgk.library_path).resolve()
        with tempfile.TemporaryDirectory() as d:
            shutil.copytree(PACKAGE, Path(d) / "xxgk",
                            ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
            shutil.copy(lib, Path(d) / "xxgk" / "libxxgk.so.0")
            p = run("import xxgk; print(xxgk.library_path); print(xxgk.library_version())", d)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout.split("\n")[:2],
                             [str(Path(d) / "xxgk" / "libxxgk.so.0"), xxgk.library_version()])

    def test_abi_mismatch_fails_at_import(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            shutil.copytree(PACKAGE, Path(d) / "xxgk",
                            ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
            lib_py = Path(d) / "xxgk" / "_lib.py"
            text = lib_py.read_text(encoding="utf-8")
            self.assertIn("\nABI_MAJOR = 0\n", text)
            lib_py.write_text(text.replace("\nABI_MAJOR = 0\n", "\nABI_MAJOR = 1\n"), encoding="utf-8")
            p = run("import xxgk", d, {"XXGK_LIBRARY": xxgk.library_path})
            self.assertNotEqual(p.returncode, 0)
            self.assertIn(f"ImportError: {xxgk.library_path}: library ABI 0 (version "
                          f"{xxgk.library_version()}), but this binding needs ABI 1", p.stderr)

    def fake_checkout(self, d: str) -> Path:
        """A checkout's shape in `d`: the header, CMakeLists.txt, the package."""
        root = Path(d)
        (root / "include").mkdir()
        (root / "include" / "xxgk.h").write_text("/* stand-in */\n")
        (root / "CMakeLists.txt").write_text("# stand-in\n")
        shutil.copytree(PACKAGE, root / "bindings" / "python" / "xxgk",
                        ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
        return root / "bindings" / "python"

    def test_checkout_scan_order_and_sanitized_builds(self) -> None:
        lib = Path(xxgk.library_path).resolve()
        with tempfile.TemporaryDirectory() as d:
            pkg = self.fake_checkout(d)
            tsan = Path(d, "build-a-tsan")
            tsan.mkdir()
            (tsan / "libxxgk.so.0").write_bytes(b"\x7fELF not really, but __tsan_init is in here")
            p = run("import xxgk", str(pkg))
            self.assertNotEqual(p.returncode, 0)
            self.assertIn(f"  build tree {d}/build/libxxgk.so.0: no such file", p.stderr)
            self.assertIn(f"  build tree {tsan}/libxxgk.so.0: built with ThreadSanitizer, whose "
                          f"runtime is not loaded in this process", p.stderr)
            # a plain build after it in name order is taken; build/ before all others
            Path(d, "build-b").mkdir()
            shutil.copy(lib, Path(d, "build-b", "libxxgk.so.0"))
            p = run("import xxgk; print(xxgk.library_path)", str(pkg))
            self.assertEqual((p.returncode, p.stdout), (0, f"{d}/build-b/libxxgk.so.0\n"), p.stderr)
            Path(d, "build").mkdir()
            shutil.copy(lib, Path(d, "build", "libxxgk.so"))
            p = run("import xxgk; print(xxgk.library_path)", str(pkg))
            self.assertEqual((p.returncode, p.stdout), (0, f"{d}/build/libxxgk.so\n"), p.stderr)

    def test_sanitized_library_named_in_env(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            fake = Path(d, "libxxgk.so.0")
            fake.write_bytes(b"\x7fELF ... __tsan_init ...")
            p = run("import xxgk", str(PACKAGE.parent), {"XXGK_LIBRARY": str(fake)})
            self.assertNotEqual(p.returncode, 0)
            self.assertIn(f"  XXGK_LIBRARY {fake}: built with ThreadSanitizer, whose runtime is not "
                          f"loaded in this process (run python3 with "
                          f"LD_PRELOAD=$(cc -print-file-name=libtsan.so))", p.stderr)

    def test_nowhere(self) -> None:
        if ctypes.util.find_library("xxgk"):
            self.skipTest("libxxgk is installed on this system, so it is found")
        with tempfile.TemporaryDirectory() as d:
            shutil.copytree(PACKAGE, Path(d) / "xxgk",
                            ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
            p = run("import xxgk", d)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn(f"  beside the package {d}/xxgk/libxxgk.so.0: no such file", p.stderr)
            self.assertIn("  ctypes.util.find_library('xxgk'): nothing found", p.stderr)
            self.assertNotIn("build tree", p.stderr)  # not a checkout

    def test_checkout_build_tree(self) -> None:
        built = sorted(REPO.glob("build*/libxxgk.so.0"))
        if not built:
            self.skipTest("no build*/libxxgk.so.0 in the checkout")
        p = run("import xxgk; print(xxgk.library_path)", str(PACKAGE.parent))
        self.assertEqual(p.returncode, 0, p.stderr)
        found = Path(p.stdout.strip())
        self.assertEqual(found.name, "libxxgk.so.0")
        self.assertEqual(found.parent.parent, REPO)
        self.assertTrue(found.parent.name.startswith("build"))
        if (REPO / "build" / "libxxgk.so.0").exists():
            self.assertEqual(found, REPO / "build" / "libxxgk.so.0")

    def test_issue_command_from_the_repository_root(self) -> None:
        if not sorted(REPO.glob("build*/libxxgk.so.0")):
            self.skipTest("no build*/libxxgk.so.0 in the checkout")
        p = run("import xxgk; print(xxgk.load('examples/data/kundulun-xinfang-2023.json').check())",
                "bindings/python", cwd=REPO)
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "[]\n", ""))

    def test_every_table_entry_is_bound(self) -> None:
        lib = xxgk._lib.lib
        names = [name for name, _, _, _ in xxgk._lib.FUNCTIONS]
        self.assertEqual(len(names), len(set(names)))
        header = (REPO / "include" / "xxgk.h").read_text(encoding="utf-8")
        for name, argtypes, restype, errcheck in xxgk._lib.FUNCTIONS:
            with self.subTest(name=name):
                self.assertTrue(re.search(r"\bXXGK_API\b[^;(]*\b%s\(" % name, header),
                                f"{name} is not declared in include/xxgk.h")
                fn = getattr(lib, name)
                self.assertEqual(tuple(fn.argtypes or ()), tuple(argtypes))
                self.assertIs(fn.restype, restype)


class TestPipInstall(unittest.TestCase):
    """pip install offline (--no-index) through the in-tree backend: a wheel that
    carries the library named by XXGK_LIBRARY, or a pure one when there is none."""

    def pip_install(self, source: Path, target: str, library: Optional[str]) -> None:
        if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode:
            self.skipTest("pip is not available")
        env = {k: v for k, v in os.environ.items() if k != "XXGK_LIBRARY"}
        if library:
            env["XXGK_LIBRARY"] = library
        p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps",
                            "--no-cache-dir", "--disable-pip-version-check", "--target", target,
                            str(source)], capture_output=True, text=True, timeout=300, env=env)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def installed(self, d: str) -> list:
        return sorted(str(f.relative_to(d)) for f in Path(d).rglob("*")
                      if f.is_file() and "__pycache__" not in f.parts)

    def test_offline_install_bundles_the_library(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            self.pip_install(PACKAGE.parent, d, xxgk.library_path)
            files = self.installed(d)
            self.assertEqual([f for f in files if f.startswith("xxgk/")],
                             ["xxgk/__init__.py", "xxgk/_lib.py", "xxgk/_pdf.py", "xxgk/libxxgk.so.0", "xxgk/py.typed"])
            self.assertIn("xxgk-0.1.0.dist-info/LICENSE", files)
            meta = (Path(d) / "xxgk-0.1.0.dist-info" / "METADATA").read_text(encoding="utf-8")
            self.assertIn("\nLicense: MIT\n", meta)
            wheel = (Path(d) / "xxgk-0.1.0.dist-info" / "WHEEL").read_text(encoding="ascii")
            self.assertIn("Root-Is-Purelib: false\n", wheel)
            # no XXGK_LIBRARY now: the copy in the package is the one loaded
            q = run("import xxgk; print(xxgk.library_path); print(len(xxgk.load(%r).check()))"
                    % str(KUNDULUN), d)
            self.assertEqual(q.returncode, 0, q.stderr)
            self.assertEqual(q.stdout, f"{d}/xxgk/libxxgk.so.0\n0\n")
        self.assertFalse((PACKAGE.parent / "build").exists(), "the install wrote into the source tree")

    def test_offline_install_pure_outside_a_checkout(self) -> None:
        with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as d:
            copy = Path(src) / "python"
            shutil.copytree(PACKAGE.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
            self.pip_install(copy, d, None)
            files = self.installed(d)
            self.assertEqual([f for f in files if f.startswith("xxgk/")],
                             ["xxgk/__init__.py", "xxgk/_lib.py", "xxgk/_pdf.py", "xxgk/py.typed"])
            self.assertIn("Root-Is-Purelib: true\n",
                          (Path(d) / "xxgk-0.1.0.dist-info" / "WHEEL").read_text(encoding="ascii"))
            q = run("import xxgk; print(xxgk.__file__); print(len(xxgk.load(%r).check()))"
                    % str(KUNDULUN), d, {"XXGK_LIBRARY": xxgk.library_path})
            self.assertEqual(q.returncode, 0, q.stderr)
            self.assertEqual(q.stdout, f"{d}/xxgk/__init__.py\n0\n")


class TestCheckDir(unittest.TestCase):
    def test_examples(self) -> None:
        p = run([str(EXAMPLE), str(EXAMPLES)], str(PACKAGE.parent),
                {"XXGK_LIBRARY": xxgk.library_path})
        self.assertEqual(p.stderr, "")
        self.assertEqual(p.returncode, 1)  # hongze's table 四 has errors
        self.assertEqual(p.stdout, "\n".join([
            "Findings by rule",
            "rule      severity  findings  files",
            "--------  --------  --------  -----",
            "T4.TOTAL  error            2      1",
            "",
            "Findings by file",
            "file                        errors  warnings  info",
            "--------------------------  ------  --------  ----",
            "hongze-district-2023.json        2         0     0",
            "kundulun-xinfang-2023.json       0         0     0",
            ""]))

    def test_unreadable_and_clean(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            good = KUNDULUN.read_text(encoding="utf-8")
            Path(d, "a.json").write_text(good, encoding="utf-8")
            p = run([str(EXAMPLE), d], str(PACKAGE.parent), {"XXGK_LIBRARY": xxgk.library_path})
            self.assertEqual((p.returncode, p.stderr), (0, ""))
            self.assertIn("a.json       0         0     0", p.stdout)
            Path(d, "b.json").write_text(good.replace('"year": 2023,', '"year": 2023 "x",', 1),
                                         encoding="utf-8")
            p = run([str(EXAMPLE), d], str(PACKAGE.parent), {"XXGK_LIBRARY": xxgk.library_path})
            self.assertEqual(p.returncode, 2)
            with self.assertRaises(xxgk.XxgkError) as cm:
                xxgk.load(Path(d, "b.json"))
            e = cm.exception
            self.assertEqual((e.line, e.column), (4, 16))  # the stray "x"
            self.assertEqual(p.stderr, f"b.json:4:16: cannot read: {e.message}\n")

    def test_corpus_rows_match_the_binding(self) -> None:
        require_corpus(self)
        p = run([str(EXAMPLE), str(CORPUS)], str(PACKAGE.parent), {"XXGK_LIBRARY": xxgk.library_path})
        rows = {}
        for line in p.stdout.split("Findings by file\n", 1)[1].splitlines()[2:]:
            name, *counts = line.split()
            rows[name] = tuple(int(c) for c in counts)
        refused = {}
        for line in p.stderr.splitlines():
            name, _, rest = line.partition(":")
            refused[name] = rest
        want_rows = {}
        want_refused = set()
        any_error = False
        for text in sorted(CORPUS.iterdir()):
            if text.suffix not in (".txt", ".md", ".json", ".csv") or text.name.startswith("README"):
                continue
            try:
                with xxgk.load(text) as r:
                    sev = [f.severity for f in r.check()]
            except xxgk.XxgkError:
                want_refused.add(text.name)
                continue
            want_rows[text.name] = (sev.count("error"), sev.count("warning"), sev.count("info"))
            any_error = any_error or "error" in sev
        self.assertEqual(rows, want_rows)
        self.assertEqual(set(refused), want_refused)
        for name, rest in refused.items():  # "file:line:column: cannot read: message"
            self.assertRegex(rest, r"^(\d+:\d+: )?cannot read: (?!\d+:\d+:)\S")
        self.assertEqual(p.returncode, 2 if want_refused else 1 if any_error else 0)

    def test_not_a_folder(self) -> None:
        p = run([str(EXAMPLE), str(KUNDULUN)], str(PACKAGE.parent),
                {"XXGK_LIBRARY": xxgk.library_path})
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, f"check_dir: {KUNDULUN}: not a folder\n")


if __name__ == "__main__":
    unittest.main()
