import Foundation

/// The clock and memory readings behind every benchmark figure.
enum BenchClock {
  /// Reads `CLOCK_MONOTONIC` in nanoseconds. Wall-clock changes do not affect it, and its
  /// origin is unspecified, so only differences between two readings mean anything.
  static func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// Returns the peak resident set size of this process so far, in bytes, from
  /// `getrusage(RUSAGE_SELF)`. Linux reports `ru_maxrss` in kibibytes.
  static func peakResidentBytes() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024
  }
}

/// Keeps a benchmark result alive, so that the optimizer cannot drop the work that made it.
@inline(never)
func consume<T>(_ value: T) {
  withExtendedLifetime(value) {}
}
