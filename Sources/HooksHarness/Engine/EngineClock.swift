import Foundation
import HooksProtocol

/// The source of time for the engine. The engine calls `now()` for every timestamp and
/// `advance(to:)` when the outbound simulation jumps to the next delivery attempt.
public protocol EngineClock: AnyObject, Sendable {
  /// Returns the current time.
  func now() -> UTCTimestamp

  /// Moves simulated time forward to `time`. A clock that follows real time records the jump
  /// as an offset, so that a multi-day retry schedule runs at once.
  func advance(to time: UTCTimestamp)
}

/// A clock that starts at a fixed time and moves only through `advance(to:)` and by
/// `step` milliseconds on every `now()` call, so that successive timestamps differ.
public final class SimulatedClock: EngineClock, @unchecked Sendable {
  private let lock = NSLock()
  private var current: UTCTimestamp
  private let step: Int64

  /// Creates a clock at `start` that moves `stepMilliseconds` forward after each reading.
  public init(start: UTCTimestamp, stepMilliseconds: Int64 = 0) {
    current = start
    step = stepMilliseconds
  }

  public func now() -> UTCTimestamp {
    lock.lock()
    defer { lock.unlock() }
    let time = current
    current = current.adding(milliseconds: step)
    return time
  }

  public func advance(to time: UTCTimestamp) {
    lock.lock()
    defer { lock.unlock() }
    if time > current { current = time }
  }
}

/// A clock that follows the system clock, plus the simulated jumps of the outbound retries.
public final class SystemClock: EngineClock, @unchecked Sendable {
  private let lock = NSLock()
  private var offset: Int64 = 0

  /// Creates a clock at the current system time.
  public init() {}

  public func now() -> UTCTimestamp {
    lock.lock()
    defer { lock.unlock() }
    return UTCTimestamp(millisecondsSinceEpoch: Self.systemMilliseconds() + offset)
  }

  public func advance(to time: UTCTimestamp) {
    lock.lock()
    defer { lock.unlock() }
    let current = Self.systemMilliseconds() + offset
    if time.millisecondsSinceEpoch > current { offset += time.millisecondsSinceEpoch - current }
  }

  private static func systemMilliseconds() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
  }
}

/// The source of queue ids, request ids and MIME boundaries.
public protocol IdentifierSource: AnyObject, Sendable {
  /// Returns a new identifier made of `[0-9a-z]`, at most 32 characters, starting with `prefix`.
  func next(_ prefix: String) -> String
}

/// Identifiers numbered from 1 in creation order: `q0001`, `q0002`, … Used by tests and by
/// `hookbench run`, so that two runs of one scenario produce the same transcript.
public final class SequentialIdentifiers: IdentifierSource, @unchecked Sendable {
  private let lock = NSLock()
  private var counter = 0

  /// Creates a source that starts at 1.
  public init() {}

  public func next(_ prefix: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    counter += 1
    let digits = String(counter)
    return prefix + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

/// Random identifiers, for the SMTP listener where transactions from several connections
/// must not collide.
public final class RandomIdentifiers: IdentifierSource, @unchecked Sendable {
  /// Creates a source.
  public init() {}

  public func next(_ prefix: String) -> String {
    let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    let suffix = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
    return prefix + String(suffix)
  }
}
