/// When and how long the MTA waits before sending a hook call again.
///
/// The defaults follow draft-01 §7.5.3: at most 3 attempts, a first delay of 100 ms that
/// doubles up to 5 s, plus 0 to 100 ms of random jitter. Connection errors, 429 and 5xx are
/// retried; a response timeout never is.
public struct RetryPolicy: Sendable, Equatable {
  /// Attempts in total, the first one included.
  public var maxAttempts: Int
  /// Milliseconds before the second attempt.
  public var initialDelayMilliseconds: Int
  /// The largest delay before jitter, in milliseconds.
  public var maxDelayMilliseconds: Int
  /// The largest random jitter added to each delay, in milliseconds.
  public var maxJitterMilliseconds: Int

  /// Creates a policy; every argument has the draft's default.
  public init(
    maxAttempts: Int = 3, initialDelayMilliseconds: Int = 100, maxDelayMilliseconds: Int = 5_000,
    maxJitterMilliseconds: Int = 100
  ) {
    self.maxAttempts = maxAttempts
    self.initialDelayMilliseconds = initialDelayMilliseconds
    self.maxDelayMilliseconds = maxDelayMilliseconds
    self.maxJitterMilliseconds = maxJitterMilliseconds
  }

  /// Returns the delay before attempt `attempt + 1` after attempt `attempt` failed:
  /// `initial × 2^(attempt − 1)`, capped, plus jitter drawn from `random`.
  public func delayMilliseconds(
    afterAttempt attempt: Int, random: inout some RandomNumberGenerator
  ) -> Int {
    let exponent = max(0, min(attempt - 1, 30))
    let base = min(initialDelayMilliseconds << exponent, maxDelayMilliseconds)
    let jitter =
      maxJitterMilliseconds > 0 ? Int.random(in: 0...maxJitterMilliseconds, using: &random) : 0
    return base + jitter
  }
}

/// A small deterministic random number generator (SplitMix64), so that tests and recorded
/// runs draw the same jitter on every run.
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Returns the next value of the sequence.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}
