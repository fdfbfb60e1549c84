import HooksProtocol

/// One occurrence of a stage, with the input that starts it: the SMTP command's arguments at
/// inbound stages, the attempt number at outbound ones.
public enum StageEvent: Sendable, Equatable, CustomStringConvertible {
  /// A client connected.
  case connect
  /// EHLO or HELO with the client's name.
  case ehlo(String)
  /// MAIL FROM.
  case mail(ScenarioAddress)
  /// One RCPT TO.
  case rcpt(ScenarioAddress)
  /// The message after DATA, with CRLF line endings.
  case data([UInt8])
  /// The report after delivery attempt `attempt` (1-based).
  case delivery(attempt: Int)
  /// The retry notice after attempt `attempt`.
  case `defer`(attempt: Int)
  /// A DSN about to be sent; the message is already in the transaction state.
  case dsn(attempt: Int)

  /// The stage this event runs.
  public var stage: Stage {
    switch self {
    case .connect: return .connect
    case .ehlo: return .ehlo
    case .mail: return .mail
    case .rcpt: return .rcpt
    case .data: return .data
    case .delivery: return .delivery
    case .defer: return .defer
    case .dsn: return .dsn
    }
  }

  /// A short label for the timeline and transcripts: `rcpt b@example.org`, `delivery #2`.
  public var description: String {
    switch self {
    case .connect: return "connect"
    case .ehlo(let name): return "ehlo \(name)"
    case .mail(let address): return "mail <\(address.address ?? "")>"
    case .rcpt(let address): return "rcpt <\(address.address ?? "")>"
    case .data(let bytes): return "data (\(bytes.count) bytes)"
    case .delivery(let attempt): return "delivery #\(attempt)"
    case .defer(let attempt): return "defer #\(attempt)"
    case .dsn(let attempt): return "dsn #\(attempt)"
    }
  }
}
