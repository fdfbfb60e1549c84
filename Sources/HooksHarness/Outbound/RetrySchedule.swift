/// When the outbound queue retries a deferred recipient, and when it gives up.
import HooksProtocol
public struct RetrySchedule: Sendable, Equatable {
  /// Delays between attempts, in seconds: the first entry is the wait after attempt 1, and the
  /// last entry repeats for every later attempt.
  public var intervals: [Int64]

  /// How long a message may stay in the queue, in seconds from its arrival.
  public var expiresAfter: Int64

  /// The default: 15 minutes, 30 minutes, 1, 2 and 4 hours, then every 8 hours, for 5 days.
  /// These are typical MTA values, not taken from any one MTA.
  public static let standard = RetrySchedule(
    intervals: [900, 1800, 3600, 7200, 14_400, 28_800], expiresAfter: 5 * 86_400)

  /// Creates a schedule.
  public init(intervals: [Int64], expiresAfter: Int64) {
    self.intervals = intervals
    self.expiresAfter = expiresAfter
  }

  /// Returns the time of the next attempt after attempt number `attempt` (1-based) happened at `time`,
  /// or nil when that time falls after the queue entry expires at `expiry`.
  public func nextAttempt(after attempt: Int, at time: UTCTimestamp, expiry: UTCTimestamp) -> UTCTimestamp? {
    guard let last = intervals.last else { return nil }
    let index = attempt - 1
    let delay = index >= 0 && index < intervals.count ? intervals[index] : last
    let next = time.adding(seconds: delay)
    return next <= expiry ? next : nil
  }
}

/// The remote server's reply to one recipient on one delivery attempt, as a scenario
/// describes it.
public enum DeliveryOutcome: Sendable, Equatable {
  /// The server accepts the recipient (`250 2.0.0`).
  case delivered(SMTPReply)
  /// A temporary failure (4xx): the recipient is retried.
  case deferred(SMTPReply)
  /// A permanent failure (5xx): the recipient fails and a DSN is due.
  case failed(SMTPReply)

  /// The reply the remote server sent.
  public var reply: SMTPReply {
    switch self {
    case .delivered(let reply), .deferred(let reply), .failed(let reply): return reply
    }
  }

  /// The recipient status this outcome gives: `delivered`, `deferred` or `failed`.
  public var status: String {
    switch self {
    case .delivered: return "delivered"
    case .deferred: return "deferred"
    case .failed: return "failed"
    }
  }

  /// The default delivered outcome.
  public static let deliveredOK = DeliveryOutcome.delivered(SMTPReply(250, "2.0.0", "Delivered"))
}
