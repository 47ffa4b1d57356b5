#!/usr/bin/env python3
"""Compare Marsad's time-expression resolution with the `dateparser` library.

Both systems resolve the expressions of Marsad's table-driven corpus
(crates/timex/tests/corpus/*.toml) against each case's reference date:

* Marsad reads the whole sentence (it must find the expression itself) through the
  `timex_corpus` example of the marsad-timex crate, which prints one JSON line per
  expected expression with the value it gave to that span and the time it took;
* dateparser is given only the expected span (it cannot find expressions in running text
  reliably), with Arabic as the language and the reference date as RELATIVE_BASE.

A dateparser result (a datetime) is counted correct when, rendered at the granularity of the
expected value (day, month, year, ISO week, clock time), it equals the expected value; for an
expected "no value" (impossible dates, vague or anchored expressions) it is correct when it
returns nothing. Durations (P...) are left out: dateparser does not produce them. Seasons
are kept and count against dateparser, which cannot express them.

Usage: python3 scripts/timex_vs_dateparser.py [--repeats N]
The script creates its own virtual environment in .venv-bench (git-ignored) and installs
dateparser there on first use.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-bench")


def ensure_venv():
    """Re-executes this script inside .venv-bench, creating it and installing dateparser."""
    py = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(py):
        print("creating .venv-bench and installing dateparser ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
        subprocess.run([py, "-m", "pip", "install", "--quiet", "dateparser"], check=True)
    os.execv(py, [py, os.path.abspath(__file__), *sys.argv[1:]])


def marsad_lines(repeats):
    cmd = ["cargo", "run", "--release", "--quiet", "-p", "marsad-timex", "--example", "timex_corpus", "--",
           os.path.join(ROOT, "crates/timex/tests/corpus"), str(repeats)]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def render(dt, expected):
    """dateparser's datetime at the granularity of the expected value."""
    if dt is None:
        return None
    e = expected or ""
    if "T" in e:
        return dt.strftime("%Y-%m-%dT%H:%M")
    if "-W" in e:
        y, w, _ = dt.isocalendar()
        return f"{y}-W{w:02d}"
    if len(e) == 10:
        return dt.strftime("%Y-%m-%d")
    if len(e) == 7 and e[4] == "-" and e[5:].isdigit():
        return dt.strftime("%Y-%m")
    if len(e) == 4:
        return dt.strftime("%Y")
    return dt.strftime("%Y-%m-%d")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=20, help="timing repeats per expression")
    args = ap.parse_args()
    ensure_venv()
    import datetime

    import dateparser

    rows = [r for r in marsad_lines(args.repeats) if not (r["expected"] or "").startswith("P")]
    parser_settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    # Warm up dateparser's language data so the first call is not timed.
    dateparser.parse("أمس", languages=["ar"])
    dp_correct = 0
    dp_times = []
    for r in rows:
        settings = dict(parser_settings)
        if r["ref"]:
            settings["RELATIVE_BASE"] = datetime.datetime.fromisoformat(r["ref"])
        times = []
        result = None
        for _ in range(max(1, min(args.repeats, 5))):
            t0 = time.perf_counter()
            try:
                result = dateparser.parse(r["text"], languages=["ar"], settings=settings)
            except Exception:  # noqa: BLE001 - any failure counts as no value
                result = None
            times.append(time.perf_counter() - t0)
        dp_times.append(statistics.median(times))
        if not r["ref"] and result is not None and r["expected"] is None:
            got = "(value without reference)"
        else:
            got = render(result, r["expected"])
        r["dateparser"] = got
        ok = (got is None) if r["expected"] is None else (got == r["expected"])
        r["dateparser_correct"] = ok
        dp_correct += ok
    n = len(rows)
    m_correct = sum(r["correct"] for r in rows)
    m_times = [r["seconds"] for r in rows]
    valued = [r for r in rows if r["expected"] is not None]
    print(f"corpus: {n} expressions (durations excluded), {len(valued)} with a value, {n - len(valued)} expected without")
    print(f"{'system':<13}{'accuracy':>14}{'with value':>14}{'expr/s':>14}{'median µs':>12}")
    m_prep = [r["seconds_with_prep"] for r in rows]
    for name, correct, vcorrect, times in [
        ("marsad", m_correct, sum(r["correct"] for r in valued), m_times),
        ("marsad+prep", m_correct, sum(r["correct"] for r in valued), m_prep),
        ("dateparser", dp_correct, sum(r["dateparser_correct"] for r in valued), dp_times),
    ]:
        rate = len(times) / sum(times) if sum(times) > 0 else float("inf")
        print(f"{name:<13}{correct / n:>13.1%} {vcorrect / len(valued):>13.1%}{rate:>14.0f}{statistics.median(times) * 1e6:>12.1f}")
    speedup = statistics.median(dp_times) / max(statistics.median(m_times), 1e-12)
    speedup_prep = statistics.median(dp_times) / max(statistics.median(m_prep), 1e-12)
    print(f"median speed-up: {speedup:.0f}x (extraction), {speedup_prep:.0f}x (with text preparation)")
    print("note: Marsad analyses the whole sentence; dateparser is given the gold span only.")
    by_file = {}
    for r in rows:
        f = by_file.setdefault(r["file"], [0, 0, 0])
        f[0] += 1
        f[1] += r["correct"]
        f[2] += r["dateparser_correct"]
    print(f"{'file':<24}{'n':>5}{'marsad':>10}{'dateparser':>12}")
    for f, (k, a, b) in sorted(by_file.items()):
        print(f"{f:<24}{k:>5}{a / k:>10.1%}{b / k:>12.1%}")
    failures = [r for r in rows if not r["correct"]]
    for r in failures[:20]:
        print(f"marsad wrong: {r['text']} expected {r['expected']} got {r['got']}")


if __name__ == "__main__":
    main()
