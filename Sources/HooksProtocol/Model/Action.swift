/// What a scanner tells the MTA to do (draft-01 §6.2).
public enum Action: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Inbound: accept for delivery.
  case accept
  /// Inbound: refuse with an error reply (temporary when the reply code is 4xx).
  case reject
  /// Inbound: answer success, then drop the message.
  case discard
  /// Inbound: accept, then hold the message.
  case quarantine
  /// Inbound: close the SMTP connection.
  case disconnect
  /// Outbound: carry on.
  case `continue`
  /// Outbound: cancel every pending recipient.
  case cancel

  /// The direction whose scanners may request this action.
  public var direction: Direction {
    switch self {
    case .accept, .reject, .discard, .quarantine, .disconnect: return .inbound
    case .continue, .cancel: return .outbound
    }
  }

  /// Whether the action stops the scanner chain: `reject`, `discard`, `disconnect`, `cancel`.
  public var isTerminal: Bool {
    switch self {
    case .reject, .discard, .disconnect, .cancel: return true
    case .accept, .quarantine, .continue: return false
    }
  }

  /// The draft-01 precedence: accept and continue 0, quarantine 1, terminal actions 2
  /// (draft-01 §2.4.1). A response may not lower it unless the scanner is trusted.
  public var strength: Int {
    if isTerminal { return 2 }
    return self == .quarantine ? 1 : 0
  }

  public var description: String { rawValue }
}
