import HooksWire

/// The shape of a scanner's response body.
public enum ResponseFormat: String, Sendable, Hashable {
  /// 204, an empty body, `{}` or only empty operation lists.
  case empty
  /// The draft's `{set, add, delete}` object.
  case draft
  /// An RFC 6902 JSON Patch array.
  case jsonPatch

  /// The label HookBench shows for the format.
  public var label: String {
    switch self {
    case .empty: return "no change"
    case .draft: return "set/add/delete"
    case .jsonPatch: return "JSON Patch (draft-02 preview)"
    }
  }
}

/// The verdict on one operation of a response, kept for display.
public struct OperationReport: Sendable, Equatable {
  /// The operation's place in the body, such as `set[1]`.
  public let label: String
  /// The operation name, such as `set` or `replace`.
  public let kind: String
  /// The JSON Pointer text as the scanner wrote it.
  public let path: String
  /// Applied, skipped with the reason, or refused with the reason.
  public let status: OperationStatus

  /// Creates a report.
  public init(label: String, kind: String, path: String, status: OperationStatus) {
    self.label = label
    self.kind = kind
    self.path = path
    self.status = status
  }

  /// One line for display: `set[1] /response: refused: reply code 250 …`.
  public var line: String {
    switch status {
    case .applied: return "\(label) \(path): applied"
    case .skipped(let reason): return "\(label) \(path): skipped: \(reason)"
    case .refused(let reason): return "\(label) \(path): refused: \(reason)"
    }
  }
}

/// The outcome of processing one scanner response against one request.
public struct ProcessedResponse: Sendable {
  /// The body's format.
  public var format: ResponseFormat
  /// Whether every operation passed validation. An empty response is valid.
  public var isValid: Bool
  /// The request that the next scanner receives: edits applied, `action` and `response` set to
  /// the effective values, `message` and `rawMessage` consistent.
  public var request: JSONValue
  /// The effective action after this response.
  public var action: Action
  /// The SMTP reply the client gets at an inbound stage; nil at outbound stages.
  public var reply: SmtpResponse?
  /// The verdict on each operation, in the order they were applied.
  public var outcomes: [OperationReport]
  /// Problems with the body as a whole: malformed structure, a refused action change.
  public var problems: [String]
  /// Things the user should see that did not stop processing, such as dropped `message`
  /// operations.
  public var warnings: [String]
  /// The failure rule that was applied, such as `atomic: nothing applied because set[1] failed`.
  public var rule: String
  /// The JMAP Email object after this response, when either message form changed.
  public var message: JSONValue?
  /// The raw message bytes after this response, when either message form changed.
  public var rawMessage: [UInt8]?
  /// Whether a `dsn` stage response deleted both `message` and `rawMessage`, which suppresses
  /// the DSN.
  public var suppressesDSN: Bool

  /// Whether `reply` is a temporary failure: a reject with a 4xx code.
  public var isTemporary: Bool { action == .reject && (reply?.isTemporaryFailure ?? false) }

  /// Whether the action stops the scanner chain.
  public var stopsChain: Bool { action.isTerminal }

  /// Whether any operation was applied.
  public var changedRequest: Bool { outcomes.contains { $0.status == .applied } }
}
