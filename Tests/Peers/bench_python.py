#!/usr/bin/env python3
"""Time Python's jsonpatch, cbor2 and json on the inputs of `hookbench bench`.

The inputs come from `hookbench bench --dump-inputs DIR`, so both benchmarks measure the same
bytes. Timing follows hookbench: warm-up runs, then timed runs of one operation each, with
time.perf_counter_ns (CLOCK_MONOTONIC on Linux), and the median, the nearest-rank 90th
percentile and MB/s (10**6 bytes per second) at the median. The table has the same columns.

Workloads:
- json: json.loads and json.dumps (compact separators, ensure_ascii=False, encoded to UTF-8)
  of each request and of the response;
- cbor: cbor2.loads and cbor2.dumps of each CBOR request;
- patch: jsonpatch.JsonPatch(operations).apply(document) with the RFC 6902 form of the
  50-operation response. "jsonpatch" is the default apply, which deep-copies the document
  first and leaves the input unchanged, as hookbench's engine does. "jsonpatch in place"
  passes in_place=True and deep-copies the document outside the timed region.

Before timing, the patch result is compared with the patched request that hookbench wrote,
and a difference stops the run.

Usage:
  hookbench bench --dump-inputs DIR
  bench_python.py DIR [--iterations N] [--warmup N] [--only json|cbor|patch]
                      [--compare HOOKBENCH.json]

--compare reads the output of `hookbench bench --json` and prints the ratio of each Python
median to the matching hookbench median. It also states the project's goals: the patch engine
at least 30x faster than jsonpatch, and the CBOR codec at least as fast as cbor2.
"""

import argparse
import copy
import json
import os
import platform
import resource
import sys
import time

import cbor2
import jsonpatch

GROUPS = ["json", "cbor", "patch"]
REQUESTS = ["request-100k", "request-1m"]

# The column titles and widths of hookbench's table; the first four are left-aligned.
COLUMNS = [
    ("group", 5), ("workload", 18), ("operation", 15), ("implementation", 18), ("size", 9),
    ("median", 10), ("p90", 10), ("MB/s", 8),
]


class Measurement:
    """The timings of one operation on one input."""

    def __init__(self, group, workload, operation, implementation, size_bytes, size_label,
                 samples):
        self.group = group
        self.workload = workload
        self.operation = operation
        self.implementation = implementation
        self.size_bytes = size_bytes
        self.size_label = size_label
        self.samples = samples

    @property
    def median(self):
        ordered = sorted(self.samples)
        middle = len(ordered) // 2
        if len(ordered) % 2 == 1:
            return float(ordered[middle])
        return (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def p90(self):
        ordered = sorted(self.samples)
        rank = (len(ordered) * 9 + 9) // 10
        return float(ordered[rank - 1])


class Runner:
    """Runs each operation `warmup` times untimed, then `iterations` times, timing each run."""

    def __init__(self, iterations, warmup):
        self.iterations = iterations
        self.warmup = warmup
        self.measurements = []

    def measure(self, group, workload, operation, implementation, body, size_bytes=None,
                size_label=None, setup=None):
        """Times body(argument), where argument is setup() run outside the timed region."""
        for _ in range(self.warmup):
            body(setup() if setup else None)
        samples = []
        for _ in range(self.iterations):
            argument = setup() if setup else None
            start = time.perf_counter_ns()
            body(argument)
            samples.append(time.perf_counter_ns() - start)
        measurement = Measurement(group, workload, operation, implementation, size_bytes,
                                  size_label, samples)
        self.measurements.append(measurement)
        print(row(measurement), flush=True)


def format_bytes(count):
    if count < 1000:
        return f"{count} B"
    if count < 1000000:
        return f"{count / 1e3:.1f} kB"
    return f"{count / 1e6:.2f} MB"


def format_duration(nanoseconds):
    if nanoseconds < 1e6:
        return f"{nanoseconds / 1e3:.1f} µs"
    return f"{nanoseconds / 1e6:.2f} ms"


def format_cells(cells):
    parts = []
    for position, (cell, (_, width)) in enumerate(zip(cells, COLUMNS)):
        parts.append(cell.ljust(width) if position < 4 else cell.rjust(width))
    return "  ".join(parts)


def heading():
    line = format_cells([title for title, _ in COLUMNS])
    return line + "\n" + "-" * len(line)


def row(measurement):
    return figures_row(measurement.group, measurement.workload, measurement.operation,
                       measurement.implementation, measurement.size_bytes,
                       measurement.size_label, measurement.median, measurement.p90)


def figures_row(group, workload, operation, implementation, size_bytes, size_label, median,
                p90):
    if size_label is not None:
        size = size_label
    elif size_bytes is not None:
        size = format_bytes(size_bytes)
    else:
        size = "-"
    throughput = "-"
    if size_bytes is not None and median > 0:
        throughput = f"{size_bytes / median * 1000:.1f}"
    return format_cells([group, workload, operation, implementation, size,
                         format_duration(median), format_duration(p90), throughput])


def read(folder, name):
    with open(os.path.join(folder, name), "rb") as file:
        return file.read()


def dumps_json(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def bench_json(runner, folder):
    for name in REQUESTS + ["response-50ops"]:
        data = read(folder, name + ".json")
        value = json.loads(data)
        size = len(data)
        runner.measure("json", name, "parse", "json", lambda _: json.loads(data), size)
        runner.measure("json", name, "serialize", "json", lambda _: dumps_json(value), size)
        runner.measure("json", name, "parse+serialize", "json",
                       lambda _: dumps_json(json.loads(data)), size)


def bench_cbor(runner, folder):
    for name in REQUESTS:
        data = read(folder, name + ".cbor")
        value = cbor2.loads(data)
        if cbor2.dumps(value) != data:
            print(f"note: cbor2 re-encodes {name}.cbor to different bytes", file=sys.stderr)
        size = len(data)
        runner.measure("cbor", name, "decode", "cbor2", lambda _: cbor2.loads(data), size)
        runner.measure("cbor", name, "encode", "cbor2", lambda _: cbor2.dumps(value), size)
        runner.measure("cbor", name, "decode+encode", "cbor2",
                       lambda _: cbor2.dumps(cbor2.loads(data)), size)


def bench_patch(runner, folder):
    operations = json.loads(read(folder, "response-50ops-jsonpatch.json"))
    label = f"{len(operations)} ops"
    for name in REQUESTS:
        document = json.loads(read(folder, name + ".json"))
        expected = json.loads(read(folder, name + "-patched.json"))
        if jsonpatch.JsonPatch(operations).apply(document) != expected:
            sys.exit(f"error: jsonpatch's result for {name} differs from "
                     f"{name}-patched.json; the inputs or one of the engines are wrong")
        runner.measure("patch", name, "parse+apply", "jsonpatch",
                       lambda _: jsonpatch.JsonPatch(operations).apply(document),
                       size_label=label)
        runner.measure("patch", name, "parse+apply", "jsonpatch in place",
                       lambda fresh: jsonpatch.JsonPatch(operations).apply(fresh, in_place=True),
                       size_label=label, setup=lambda: copy.deepcopy(document))


# How each Python implementation maps to the hookbench one that it is compared with, and
# the goal, if the project set one: the minimum of Python median / hookbench median.
COMPARISONS = [
    ("patch", "jsonpatch", "HooksWire RFC 6902", 30.0),
    ("patch", "jsonpatch", "HooksWire draft", 30.0),
    ("patch", "jsonpatch in place", "HooksWire RFC 6902", None),
    ("cbor", "cbor2", "HooksWire", 1.0),
    ("json", "json", "HooksWire", None),
]


def compare(measurements, hookbench_path):
    with open(hookbench_path, encoding="utf-8") as file:
        report = json.load(file)
    if report.get("build") != "release":
        print(f"warning: {hookbench_path} comes from a {report.get('build')} build",
              file=sys.stderr)
    ours = {(result["group"], result["workload"], result["operation"], result["implementation"]):
            result for result in report["results"]}

    print(f"\n{report.get('tool')} ({report.get('build')} build), from {hookbench_path}: "
          f"{report.get('iterations')} timed runs per operation after {report.get('warmup')} "
          "warm-up runs\n")
    print(heading())
    for result in report["results"]:
        print(figures_row(result["group"], result["workload"], result["operation"],
                          result["implementation"], result["bytes"], result.get("size"),
                          result["medianNanoseconds"], result["p90Nanoseconds"]))
    print(f"\npeak resident set size: {format_bytes(report['peakResidentBytes'])}")

    print("\nratio = baseline median / hookbench median (above 1: hookbench is faster)")
    for result in report["results"]:
        if result["group"] != "json" or result["implementation"] != "Foundation":
            continue
        key = ("json", result["workload"], result["operation"], "HooksWire")
        if key in ours and result["operation"] == "parse+serialize":
            ratio = result["medianNanoseconds"] / ours[key]["medianNanoseconds"]
            print(f"json parse+serialize {result['workload']}: HooksWire vs Foundation: "
                  f"{ratio:.2f}× (goal ≥ 3×): {'met' if ratio >= 3 else 'NOT met'}")
    for group, python_name, hookbench_name, goal in COMPARISONS:
        for measurement in measurements:
            if measurement.group != group or measurement.implementation != python_name:
                continue
            key = (group, measurement.workload, measurement.operation, hookbench_name)
            result = ours.get(key)
            if result is None or result["medianNanoseconds"] <= 0:
                continue
            ratio = measurement.median / result["medianNanoseconds"]
            line = (f"{group} {measurement.operation} {measurement.workload}: "
                    f"{hookbench_name} vs {python_name}: {ratio:.2f}×")
            if goal is None:
                line += " (reference, no goal)"
            else:
                line += f" (goal ≥ {goal:g}×): {'met' if ratio >= goal else 'NOT met'}"
            print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="folder written by hookbench bench --dump-inputs")
    parser.add_argument("--iterations", type=int, default=30, help="timed runs per operation")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs before them")
    parser.add_argument("--only", choices=GROUPS, help="run one group")
    parser.add_argument("--compare", metavar="HOOKBENCH_JSON",
                        help="output of hookbench bench --json to compare with")
    arguments = parser.parse_args()
    if arguments.iterations < 1 or arguments.warmup < 0:
        parser.error("--iterations must be at least 1 and --warmup at least 0")

    print(f"Python {platform.python_version()}, jsonpatch {jsonpatch.__version__}, "
          f"cbor2 {package_version('cbor2')}: {arguments.iterations} timed runs per operation "
          f"after {arguments.warmup} warm-up runs\n")
    print(heading())
    runner = Runner(arguments.iterations, arguments.warmup)
    benches = {"json": bench_json, "cbor": bench_cbor, "patch": bench_patch}
    for group in GROUPS:
        if arguments.only in (None, group):
            benches[group](runner, arguments.folder)

    # Linux reports ru_maxrss in kibibytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"\npeak resident set size: {format_bytes(peak)}")
    if arguments.compare:
        compare(runner.measurements, arguments.compare)


def package_version(name):
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    main()
