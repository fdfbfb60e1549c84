import Foundation
import HooksWire

/// `hookbench bench`: times the JSON, CBOR, patch and MIME code on generated inputs.
enum BenchCommand: Subcommand {
  static let name = "bench"
  static let summary = "Time the JSON, CBOR, patch and MIME code and print the figures"
  static let usage =
    "usage: hookbench bench [--iterations N] [--warmup N] [--only json|cbor|patch|mail] "
    + "[--eml DIR] [--json] [--dump-inputs DIR]"
  static let help = """
    \(usage)

    Runs in-process benchmarks on inputs that it generates: data-stage requests around a
    multipart message of about 100 kB and 1 MB (the message as Base64 `rawMessage` and as
    the JMAP `message` object), a response of 50 set/add/delete operations, and the two
    messages themselves. JSON parsing and serializing also run through Foundation's
    JSONSerialization on the same bytes, for comparison.

    Each operation runs the warm-up count untimed, then the iteration count, each run timed
    alone with CLOCK_MONOTONIC. The table shows the median and 90th percentile duration and
    the throughput at the median in MB/s (10^6 bytes per second); the peak resident set
    size comes last. Build with `swift build -c release` first: figures from a debug build
    are several times slower and mean nothing.

    Options:
      --iterations N     Timed runs per operation (default 30).
      --warmup N         Untimed runs before them (default 3).
      --only GROUP       Run one group: json, cbor, patch or mail.
      --eml DIR          Also parse every .eml file in DIR, as one workload of the mail
                         group. Without it, the .eml files directly in samples/ under the
                         current directory are used, if there are any.
      --json             Print one JSON object instead of the table, for
                         Tests/Peers/bench_python.py --compare.
      --dump-inputs DIR  Write the generated inputs to DIR and exit without timing, so
                         that another benchmark can read the same bytes.

    """

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let iterations = try count(arguments.option("--iterations"), name: "--iterations") ?? 30
    let warmup = try count(arguments.option("--warmup"), name: "--warmup") ?? 3
    let only = try arguments.choice("--only", from: BenchSuites.groups)
    let emlFolder = try arguments.option("--eml")
    let wantsJSON = arguments.flag("--json")
    let dumpFolder = try arguments.option("--dump-inputs")
    let positionals = try arguments.finish()
    guard positionals.isEmpty else {
      throw UsageError("unexpected argument \"\(positionals[0])\"; bench takes only options")
    }
    guard iterations > 0 else {
      throw UsageError("--iterations must be at least 1")
    }

    let emlFiles: [BenchInputs.Message]
    do {
      emlFiles = try BenchInputs.emlFiles(in: emlFolder ?? "samples", required: emlFolder != nil)
    } catch {
      StandardStreams.err("error: cannot read .eml files in \(emlFolder ?? "samples"): \(error)\n")
      return ExitStatus.invalidInput
    }
    let inputs = try BenchInputs.build(emlFiles: emlFiles)

    if let dumpFolder {
      for path in try inputs.dump(to: dumpFolder) { StandardStreams.out(path + "\n") }
      return ExitStatus.success
    }

    if !wantsJSON {
      StandardStreams.out(
        "hookbench \(Hookbench.version) bench, \(BenchReport.buildConfiguration) build: "
          + "\(iterations) timed runs per operation after \(warmup) warm-up runs\n\n")
      StandardStreams.out(BenchReport.heading)
    }
    #if DEBUG
      StandardStreams.err("warning: this is a debug build; build with -c release for real figures\n")
    #endif

    let runner = BenchRunner(iterations: iterations, warmup: warmup)
    var measurements: [BenchMeasurement] = []
    for group in BenchSuites.groups where only == nil || only == group {
      try BenchSuites.run(group, inputs: inputs, runner: runner) { measurement in
        measurements.append(measurement)
        if !wantsJSON { StandardStreams.out(BenchReport.row(measurement)) }
      }
    }

    let peak = BenchClock.peakResidentBytes()
    if wantsJSON {
      let report = BenchReport.json(
        measurements, iterations: iterations, warmup: warmup, peakResidentBytes: peak)
      StandardStreams.out(JSONSerializer.string(report, pretty: true) + "\n")
      return ExitStatus.success
    }
    StandardStreams.out("\npeak resident set size: \(BenchReport.formatBytes(peak))\n")
    let goals = BenchReport.jsonGoalLines(measurements)
    if !goals.isEmpty { StandardStreams.out("\n" + goals.joined(separator: "\n") + "\n") }
    return ExitStatus.success
  }

  /// Reads a non-negative count option, or nil when it is absent.
  private static func count(_ text: String?, name: String) throws -> Int? {
    guard let text else { return nil }
    guard let value = Int(text), value >= 0 else {
      throw UsageError("invalid value \"\(text)\" for \(name); use a whole number such as 30")
    }
    return value
  }
}
