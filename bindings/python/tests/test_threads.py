# SPDX-License-Identifier: MIT
"""Reports read and checked from 8 threads at once give the same results as
from one thread — errors included, since the library keeps error detail per
thread and the binding reads it in the thread that failed."""

from __future__ import annotations

import threading
import unittest
from typing import Any, List, Tuple

import xxgk
from xxgk_testutil import CORPUS, EXAMPLES, HONGZE, KUNDULUN

THREADS = 8
ROUNDS = 6


def inputs() -> List[Tuple[str, Any]]:
    """(name, path or bytes): the examples, the corpus, and broken inputs."""
    out: List[Tuple[str, Any]] = [(p.name, p) for p in sorted(EXAMPLES.glob("*.json"))]
    out += [(p.name, p) for p in sorted(CORPUS.glob("*.txt"))]
    good = KUNDULUN.read_text(encoding="utf-8")
    out.append(("unknown key", good.replace('"applications": {', '"applications": {"bogus": 1,', 1).encode()))
    out.append(("syntax", good.replace('"year": 2023', '"year": 2023,,', 1).encode()))
    out.append(("fraction", good.replace('"total": 0', '"total": 2.5', 1).encode()))
    out.append(("missing", EXAMPLES / "no-such-report.json"))
    return out


def result(src: Any) -> Tuple[Any, ...]:
    """Everything observable about reading and checking one input."""
    try:
        r = xxgk.loads(src) if isinstance(src, bytes) else xxgk.load(src)
    except xxgk.XxgkError as e:
        return ("error", e.code, e.message, e.line, e.column, e.path, e.offset)
    except OSError as e:  # the missing file
        return ("error", e.errno, e.strerror, e.filename)
    with r:
        r2 = r.copy()
        r2["applications.new.natural_person"] = 7  # a broken copy: findings of its own
        with r2:
            broken = tuple(r2.check())
        return ("ok", r.dumps("json"), tuple(r.items(optional=True)), tuple(r.diagnostics),
                tuple(r.check()), tuple(r.check(blank_as_zero=True)), broken)


class TestThreads(unittest.TestCase):
    def test_eight_threads_same_as_one(self) -> None:
        cases = inputs()
        want = [result(src) for _, src in cases]
        self.assertEqual([w[0] for w in want[-4:]], ["error"] * 4)
        self.assertEqual(want[-4][1:5], (-4, '$.applications.bogus: unknown key "bogus"', 21, 20))

        barrier = threading.Barrier(THREADS)
        mismatches: List[str] = []
        crashes: List[BaseException] = []
        lock = threading.Lock()

        def work(k: int) -> None:
            try:
                barrier.wait()
                for rnd in range(ROUNDS):
                    # each thread walks the inputs in its own order, so that
                    # different inputs (and errors) are in flight at once
                    order = list(range(len(cases)))
                    shift = (k * 3 + rnd) % len(order)
                    for i in order[shift:] + order[:shift]:
                        got = result(cases[i][1])
                        if got != want[i]:
                            with lock:
                                mismatches.append(f"thread {k} round {rnd}: {cases[i][0]}")
            except BaseException as e:  # reported below, not lost in the thread
                with lock:
                    crashes.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(crashes, [])
        self.assertEqual(mismatches, [])

    def test_one_report_shared_by_eight_threads(self) -> None:
        with xxgk.load(HONGZE) as shared, xxgk.load(KUNDULUN) as prev:
            def observe() -> Tuple[Any, ...]:
                return (shared.dumps("json"), tuple(shared.items(optional=True)),
                        tuple(shared.check()), tuple(shared.check(previous=prev)),
                        tuple(xxgk.diff(prev, shared)), shared.sections)
            want = observe()
            self.assertEqual(len(want[2]), 2)
            barrier = threading.Barrier(THREADS)
            results: List[Any] = []
            lock = threading.Lock()

            def work() -> None:
                try:
                    barrier.wait()
                    for _ in range(ROUNDS):
                        got = observe()
                        with lock:
                            results.append(got == want)
                except BaseException as e:
                    with lock:
                        results.append(e)

            threads = [threading.Thread(target=work) for _ in range(THREADS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(results, [True] * (THREADS * ROUNDS))

    def test_close_from_many_threads_frees_once(self) -> None:
        for _ in range(50):
            r = xxgk.load(KUNDULUN)
            barrier = threading.Barrier(THREADS)

            def close() -> None:
                barrier.wait()
                r.close()

            threads = [threading.Thread(target=close) for _ in range(THREADS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertTrue(r.closed)


if __name__ == "__main__":
    unittest.main()
