"""``classify --batch`` throughput on shop lines with repeats, cold and warm.

The input is benchmarks/make_classify_lines.py's (10,000 lines by default, fixed seed), or
--input. Each run is a fresh ``python -m shipdesk classify --batch`` process with a fresh,
empty SHIPDESK_HOME, its input piped from a file:

* start-up: one line ("hoodie"), which loads the index and the sentence encoder;
* cold: the lines once (the cache of repeated descriptions starts empty);
* warm: the lines twice in one process; the second pass (timed from the first pass's last
  output line to the second's, CPU time read from /proc) is answered with the cache filled by
  the first (up to its bounds);
* distinct: each distinct description of the input once (no repeats: what batching alone
  gives, without the cache's help).

Throughput is lines per second of the run less the start-up run, by wall-clock time and by
CPU time (user + system of the process). The CLI works on one core, so on an idle machine
the two agree; on a busy machine the CPU figure is the steadier one. Peak RSS is the
process's (wait4). The repeat rate of the input decides much of the result: it is printed.

Usage: python benchmarks/classify_batch_bench.py [--input FILE] [--lines N] [--root DIR]
       [--no-warm] [--no-distinct] [--save-output FILE] [--repeat N]
--root runs the ShipDesk source tree in DIR instead of this one (to measure an older
checkout with the same input); --repeat N keeps the best of N runs of each kind.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_classify_lines import make_lines  # noqa: E402


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_batch(
    root: Path, data: Path, out: Path, marks: tuple[int, ...] = ()
) -> tuple[float, float, float, int, dict[int, tuple[float, float]]]:
    """(wall s, CPU s, peak RSS MB, output lines, {line: (wall s, CPU s) when it came out})
    of one ``classify --batch`` process."""
    env = dict(os.environ)
    env["SHIPDESK_HOME"] = tempfile.mkdtemp(prefix="shipdesk-bench-")
    env["PYTHONPATH"] = str(root)
    seen: dict[int, tuple[float, float]] = {}
    n = 0
    with data.open("rb") as stdin, out.open("wb") as sink:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "shipdesk", "classify", "--batch"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            cwd=root,
            env=env,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            sink.write(line)
            n += 1
            if n in marks:
                seen[n] = (time.perf_counter() - t0, _cpu_of(proc.pid))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"classify --batch exited with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, n, seen


def best(root: Path, data: Path, out: Path, repeat: int) -> tuple[float, float, float, int]:
    runs = [run_batch(root, data, out)[:4] for _ in range(repeat)]
    return (
        min(r[0] for r in runs),
        min(r[1] for r in runs),
        max(r[2] for r in runs),
        runs[0][3],
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path)
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--no-warm", action="store_true")
    ap.add_argument("--no-distinct", action="store_true")
    ap.add_argument("--save-output", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="shipdesk-classify-bench-"))
    if args.input is not None:
        lines = args.input.read_text(encoding="utf-8").splitlines()
    else:
        lines = make_lines(args.lines, 1_500, 11)
    data = tmp / "lines.txt"
    data.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    twice = tmp / "lines2.txt"
    twice.write_text("".join(x + "\n" for x in lines * 2), encoding="utf-8")
    unique = tmp / "distinct.txt"
    unique.write_text(
        "".join(x + "\n" for x in dict.fromkeys(x.strip() for x in lines if x.strip())),
        encoding="utf-8",
    )
    one = tmp / "one.txt"
    one.write_text("hoodie\n", encoding="utf-8")
    out = args.save_output or (tmp / "out.jsonl")

    n = len(lines)
    distinct = len({x.strip() for x in lines if x.strip()})
    blank = sum(1 for x in lines if not x.strip())
    print(f"source tree: {args.root}")
    print(
        f"input: {n} lines, {distinct} distinct descriptions (after trimming), {blank} blank; "
        f"{100 * (1 - distinct / max(n - blank, 1)):.1f} % of the descriptions are repeats"
    )
    s_wall, s_cpu, s_rss, _ = best(args.root, one, tmp / "one.jsonl", args.repeat)
    print(f"start-up (one line): {s_wall:.2f} s wall, {s_cpu:.2f} s CPU, peak RSS {s_rss:.0f} MB")
    c_wall, c_cpu, c_rss, got = best(args.root, data, out, args.repeat)
    if got != n:
        raise SystemExit(f"expected {n} output lines, got {got}")

    def rate(k: int, t: float) -> str:
        return f"{k / t:,.0f} lines/s" if t > 0 else "n/a"

    print(
        f"cold, {n} lines: {c_wall:.2f} s wall, {c_cpu:.2f} s CPU, peak RSS {c_rss:.0f} MB; "
        f"without start-up {rate(n, c_wall - s_wall)} (wall), {rate(n, c_cpu - s_cpu)} (CPU); "
        f"with start-up {rate(n, c_wall)} (wall)"
    )
    if not args.no_warm:
        warm = []
        for _ in range(args.repeat):
            *_, got, seen = run_batch(args.root, twice, tmp / "twice.jsonl", (n, 2 * n))
            if got != 2 * n:
                raise SystemExit(f"expected {2 * n} output lines, got {got}")
            warm.append((seen[2 * n][0] - seen[n][0], seen[2 * n][1] - seen[n][1]))
        w_wall, w_cpu = min(w[0] for w in warm), min(w[1] for w in warm)
        print(
            f"warm, the second pass in the same process: {w_wall:.2f} s wall, {w_cpu:.2f} s CPU; "
            f"{rate(n, w_wall)} (wall), {rate(n, w_cpu)} (CPU)"
        )
    if not args.no_distinct:
        d_wall, d_cpu, d_rss, got = best(args.root, unique, tmp / "distinct.jsonl", args.repeat)
        print(
            f"distinct, {got} lines (each description once): {d_wall:.2f} s wall, "
            f"{d_cpu:.2f} s CPU, peak RSS {d_rss:.0f} MB; without start-up "
            f"{rate(got, d_wall - s_wall)} (wall), {rate(got, d_cpu - s_cpu)} (CPU)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
