/// The direction of mail that a stage belongs to.
public enum Direction: String, Sendable, Hashable, CaseIterable {
  /// Reception from a remote SMTP client.
  case inbound
  /// Delivery to remote SMTP servers.
  case outbound

  /// The stages of this direction, in the order they fire.
  public var stages: [Stage] { Stage.allCases.filter { $0.direction == self } }

  /// The actions a scanner may request in this direction (draft-01 §6.2).
  public var actions: [Action] { Action.allCases.filter { $0.direction == self } }

  /// The action that leaves the transaction unchanged: `accept` or `continue`.
  public var neutralAction: Action { self == .inbound ? .accept : .continue }
}

/// A point in mail processing at which the MTA calls scanners (draft-01 §2.3).
public enum Stage: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// A client connected, before the greeting.
  case connect
  /// After EHLO or HELO.
  case ehlo
  /// After MAIL FROM.
  case mail
  /// After each RCPT TO.
  case rcpt
  /// After the whole message arrived.
  case data
  /// After every recipient of a delivery job was attempted.
  case delivery
  /// When at least one recipient will be retried.
  case `defer`
  /// Before a DSN is sent.
  case dsn

  /// Whether the stage is inbound or outbound.
  public var direction: Direction {
    switch self {
    case .connect, .ehlo, .mail, .rcpt, .data: return .inbound
    case .delivery, .defer, .dsn: return .outbound
    }
  }

  /// Whether the MAIL FROM command has been received by this stage, so the envelope exists.
  public var hasEnvelope: Bool { self != .connect && self != .ehlo }

  /// Whether the message content exists at this stage.
  public var hasMessage: Bool { self == .data || direction == .outbound }

  public var description: String { rawValue }
}
