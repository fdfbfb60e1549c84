/// The timings of one operation on one input by one implementation.
struct BenchMeasurement {
  /// The input family: `json`, `cbor`, `patch` or `mail`.
  var group: String
  /// The input, such as `request-100k`.
  var workload: String
  /// What was timed, such as `parse` or `parse+serialize`.
  var operation: String
  /// The code that did the work, such as `HooksWire` or `Foundation`.
  var implementation: String
  /// The bytes that one run processes, used for throughput; nil when throughput means
  /// nothing for the operation (a patch is sized by its operation count).
  var bytes: Int?
  /// A size for the table when `bytes` is nil, such as `50 ops`.
  var sizeLabel: String?
  /// The duration of each timed run, in nanoseconds, in the order they ran.
  var samples: [UInt64]

  /// The median duration in nanoseconds: the middle sample, or the mean of the two middle
  /// samples when the count is even.
  var median: Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    if sorted.count % 2 == 1 { return Double(sorted[middle]) }
    return (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
  }

  /// The 90th percentile duration in nanoseconds, by the nearest-rank method: the sample at
  /// rank ⌈0.9 × count⌉ in ascending order.
  var p90: Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return 0 }
    let rank = (sorted.count * 9 + 9) / 10
    return Double(sorted[rank - 1])
  }

  /// The throughput at the median duration, in megabytes (10⁶ bytes) per second.
  var megabytesPerSecond: Double? {
    guard let bytes, median > 0 else { return nil }
    return Double(bytes) / median * 1_000
  }
}

/// Runs operations under the clock with a fixed number of warm-up and timed runs.
struct BenchRunner {
  /// The timed runs per operation.
  var iterations: Int
  /// The untimed runs before them, which fill caches and let allocators settle.
  var warmup: Int

  /// Runs `body` `warmup` times untimed, then `iterations` times, timing each run alone.
  ///
  /// `body` must keep its result alive with `consume(_:)`, so that the optimizer cannot skip it.
  func samples(_ body: () throws -> Void) rethrows -> [UInt64] {
    for _ in 0..<warmup { try body() }
    var samples: [UInt64] = []
    samples.reserveCapacity(iterations)
    for _ in 0..<iterations {
      let start = BenchClock.nanoseconds()
      try body()
      samples.append(BenchClock.nanoseconds() - start)
    }
    return samples
  }
}
