"""Run Marsad over JSON-lines articles with Apache Spark's RDD.pipe.

Usage (needs a Spark installation; not part of the test suite):

    spark-submit scripts/spark_pipe.py INPUT_GLOB OUTPUT_DIR [--format gdelt|jsonl|csv]

Every executor gets the release binary through SparkContext.addFile; each partition's lines
are piped through `marsad process -`, which writes one output line per article (jsonl), or one
row per event (csv, gdelt), in input order. See docs/scale-out.md.
"""

import argparse
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--format", default="gdelt", choices=["gdelt", "jsonl", "csv"])
    parser.add_argument("--binary", default="target/release/marsad")
    parser.add_argument("--mapping", default="default")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        print(f"{args.binary} not found: build it with `cargo build --release -p marsad`", file=sys.stderr)
        return 2
    from pyspark import SparkContext, SparkFiles  # imported late: only needed on a Spark host

    sc = SparkContext(appName="marsad")
    sc.addFile(args.binary)
    command = [
        SparkFiles.get(os.path.basename(args.binary)),
        "process", "-", "--input-format", "jsonl", "--mapping", args.mapping,
        "--format", args.format, "--jobs", "1",
    ]
    sc.textFile(args.input).pipe(command).saveAsTextFile(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
