#!/usr/bin/env python3
"""Compare Marsad's HTML article extraction with trafilatura on the test pages.

Usage: python3 scripts/extraction_vs_trafilatura.py [PAGES_DIR] [--repeat N]

PAGES_DIR (default crates/ingest/tests/pages) holds NAME.html pages with the expected
article body in NAME.txt. The script creates its own virtual environment under the repo
(.venv-extraction, gitignored), installs trafilatura there if needed, builds Marsad's
`extract` example in release mode, runs both extractors on every page, and prints
token-level precision, recall and F1 (bag of whitespace tokens, punctuation stripped,
micro-averaged over pages) and the extraction speed of each (pages/s and MB/s of HTML,
process start-up excluded: both are timed around the extraction calls only).
"""
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-extraction")
PY = os.path.join(VENV, "bin", "python")


def ensure_venv():
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    probe = subprocess.run([PY, "-c", "import trafilatura"], capture_output=True)
    if probe.returncode != 0:
        subprocess.check_call([PY, "-m", "pip", "install", "-q", "trafilatura", "lxml_html_clean"])


TRAFILATURA_RUNNER = r"""
import json, sys, time
import trafilatura
repeat = int(sys.argv[1])
for path in sys.argv[2:]:
    raw = open(path, "rb").read()
    start = time.perf_counter()
    for _ in range(repeat):
        text = trafilatura.extract(raw) or ""
    secs = (time.perf_counter() - start) / repeat
    print(json.dumps({"file": path, "body": text, "seconds": secs}, ensure_ascii=False))
"""

PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def tokens(text):
    out = []
    for t in unicodedata.normalize("NFC", text).split():
        t = PUNCT.sub("", t)
        if t:
            out.append(t)
    return Counter(out)


def score(expected, got):
    e, g = tokens(expected), tokens(got)
    overlap = sum((e & g).values())
    return overlap, sum(g.values()), sum(e.values())


def prf(overlap, got, exp):
    p = overlap / got if got else 0.0
    r = overlap / exp if exp else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    args = sys.argv[1:]
    repeat = 20
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    pages_dir = args[0] if args else os.path.join(ROOT, "crates", "ingest", "tests", "pages")
    pages = sorted(os.path.join(pages_dir, f) for f in os.listdir(pages_dir) if f.endswith(".html"))
    if not pages:
        sys.exit(f"no .html pages in {pages_dir}")
    ensure_venv()
    subprocess.check_call(["cargo", "build", "-q", "--release", "-p", "marsad-ingest", "--example", "extract"], cwd=ROOT)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    marsad_bin = os.path.join(target, "release", "examples", "extract")

    runs = {}
    out = subprocess.run([marsad_bin, "--repeat", str(repeat), *pages], capture_output=True, text=True, check=True)
    runs["marsad"] = {json.loads(l)["file"]: json.loads(l) for l in out.stdout.splitlines()}
    out = subprocess.run([PY, "-c", TRAFILATURA_RUNNER, str(repeat), *pages], capture_output=True, text=True, check=True)
    runs["trafilatura"] = {json.loads(l)["file"]: json.loads(l) for l in out.stdout.splitlines()}

    total_bytes = sum(os.path.getsize(p) for p in pages)
    print(f"{len(pages)} pages, {total_bytes / 1e3:.0f} kB of HTML, timing = mean of {repeat} runs\n")
    print(f"{'page':38} {'marsad P/R/F1':>20} {'trafilatura P/R/F1':>22}")
    totals = {k: [0, 0, 0, 0.0] for k in runs}
    for page in pages:
        expected = open(page[:-5] + ".txt", encoding="utf-8").read()
        cells = []
        for name, res in runs.items():
            r = res.get(page, {"body": "", "seconds": 0.0})
            o, g, e = score(expected, r["body"])
            t = totals[name]
            t[0] += o
            t[1] += g
            t[2] += e
            t[3] += r["seconds"]
            p, rc, f = prf(o, g, e)
            cells.append(f"{p:.2f}/{rc:.2f}/{f:.2f}")
        print(f"{os.path.basename(page):38} {cells[0]:>20} {cells[1]:>22}")
    print()
    print(f"{'extractor':12} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>9} {'MB/s':>7}")
    for name, (o, g, e, secs) in totals.items():
        p, r, f = prf(o, g, e)
        print(f"{name:12} {p:9.3f} {r:7.3f} {f:6.3f} {len(pages) / secs:9.1f} {total_bytes / 1e6 / secs:7.2f}")
    speedup = totals["trafilatura"][3] / totals["marsad"][3]
    print(f"\nmarsad is {speedup:.1f}x the speed of trafilatura on these pages")


if __name__ == "__main__":
    main()
