import Foundation
import HooksWire

/// The text table and JSON report of `hookbench bench`. `Tests/Peers/bench_python.py`
/// prints the same columns, so that the two tables line up.
enum BenchReport {
  /// The column titles and widths; the first four columns are left-aligned.
  private static let columns: [(title: String, width: Int)] = [
    ("group", 5), ("workload", 18), ("operation", 15), ("implementation", 18), ("size", 9),
    ("median", 10), ("p90", 10), ("MB/s", 8),
  ]

  /// The heading line and a rule under it.
  static var heading: String {
    let line = format(columns.map(\.title))
    return line + "\n" + String(repeating: "-", count: line.count) + "\n"
  }

  /// Formats one measurement as a table row.
  static func row(_ measurement: BenchMeasurement) -> String {
    let size = measurement.sizeLabel ?? measurement.bytes.map(formatBytes) ?? "-"
    let throughput = measurement.megabytesPerSecond.map { String(format: "%.1f", $0) } ?? "-"
    return format([
      measurement.group, measurement.workload, measurement.operation,
      measurement.implementation, size, formatDuration(measurement.median),
      formatDuration(measurement.p90), throughput,
    ]) + "\n"
  }

  private static func format(_ cells: [String]) -> String {
    var line = ""
    for (position, cell) in cells.enumerated() {
      let width = columns[position].width
      let padding = String(repeating: " ", count: max(0, width - cell.count))
      line += position < 4 ? cell + padding : padding + cell
      if position < cells.count - 1 { line += "  " }
    }
    return line
  }

  /// Formats a byte count in decimal units: `812 B`, `143.2 kB`, `2.41 MB`.
  static func formatBytes(_ bytes: Int) -> String {
    if bytes < 1_000 { return "\(bytes) B" }
    if bytes < 1_000_000 { return String(format: "%.1f kB", Double(bytes) / 1e3) }
    return String(format: "%.2f MB", Double(bytes) / 1e6)
  }

  /// Formats nanoseconds as microseconds below 1 ms and as milliseconds above.
  static func formatDuration(_ nanoseconds: Double) -> String {
    if nanoseconds < 1e6 { return String(format: "%.1f µs", nanoseconds / 1e3) }
    return String(format: "%.2f ms", nanoseconds / 1e6)
  }

  /// Returns one line per request workload comparing the JSON parse+serialize medians with
  /// the goal of being at least 3× faster than `JSONSerialization`.
  static func jsonGoalLines(_ measurements: [BenchMeasurement]) -> [String] {
    let roundTrips = measurements.filter { $0.group == "json" && $0.operation == "parse+serialize" }
    var lines: [String] = []
    for ours in roundTrips where ours.implementation == "HooksWire" {
      guard
        let foundation = roundTrips.first(where: {
          $0.workload == ours.workload && $0.implementation == "Foundation"
        }), ours.median > 0
      else { continue }
      let ratio = foundation.median / ours.median
      let verdict = ratio >= 3 ? "met" : "NOT met"
      let ratioText = String(format: "%.2f", ratio)
      lines.append(
        "json parse+serialize \(ours.workload): \(ratioText)× faster than Foundation "
          + "(goal ≥ 3×): \(verdict)")
    }
    return lines
  }

  /// Builds the report of the whole run as one JSON object, for `--json` and for
  /// `bench_python.py --compare`.
  static func json(
    _ measurements: [BenchMeasurement], iterations: Int, warmup: Int, peakResidentBytes: Int
  ) -> JSONValue {
    let results: [JSONValue] = measurements.map { measurement in
      return [
        "group": .string(measurement.group), "workload": .string(measurement.workload),
        "operation": .string(measurement.operation),
        "implementation": .string(measurement.implementation),
        "bytes": measurement.bytes.map { .integer($0) } ?? .null,
        "medianNanoseconds": .double(measurement.median),
        "p90Nanoseconds": .double(measurement.p90),
        "megabytesPerSecond": measurement.megabytesPerSecond.map { .double($0) } ?? .null,
        "size": measurement.sizeLabel.map { .string($0) } ?? .null,
      ]
    }
    return [
      "tool": .string("hookbench \(Hookbench.version)"), "build": .string(buildConfiguration),
      "iterations": .integer(iterations), "warmup": .integer(warmup),
      "peakResidentBytes": .integer(peakResidentBytes), "results": .array(results),
    ]
  }

  /// `release` or `debug`: SwiftPM defines `DEBUG` in debug builds only.
  static var buildConfiguration: String {
    #if DEBUG
      return "debug"
    #else
      return "release"
    #endif
  }
}
