import HooksWire

/// A protocol revision whose rules HookBench follows: who registers with whom, which headers a
/// hook call needs, and how a chain of scanners may change the action.
///
/// Both profiles accept a response body that is a JSON array as an RFC 6902 JSON Patch,
/// labelled "JSON Patch (draft-02 preview)", because draft-02 announces JSON Patch responses
/// but its text is not available.
public enum Profile: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// draft-degennaro-mta-hooks-01 (May 2026), the default.
  case draft01 = "draft-01"
  /// draft-degennaro-mta-hooks-00 (December 2025).
  case draft00 = "draft-00"

  /// The side that sends the registration request.
  public enum Registrant: String, Sendable {
    /// draft-01: the MTA registers at the scanner and POSTs hooks to `hookEndpoint`.
    case mta
    /// draft-00: the scanner registers a callback URL at the MTA.
    case scanner
  }

  /// The rule for how a later response may change the action a previous scanner chose.
  public enum OverrideRule: String, Sendable {
    /// draft-01 §2.4.1: strength accept < quarantine < terminal; lowering it is refused unless
    /// the scanner is trusted.
    case strength
    /// draft-00: a later scanner may override any non-terminal action.
    case nonTerminal
  }

  public var description: String { rawValue }

  /// The side that registers.
  public var registrant: Registrant { self == .draft01 ? .mta : .scanner }

  /// The action override rule of the chain.
  public var overrideRule: OverrideRule { self == .draft01 ? .strength : .nonTerminal }

  /// Whether the MTA verifies a new registration's callback URL with a token (draft-00 §4.2).
  public var verifiesCallback: Bool { self == .draft00 }

  /// The HTTP header fields every hook call must carry.
  ///
  /// draft-01 §5.2 requires authentication, the registration id and a request id that stays
  /// the same across retries. draft-00 made `X-MTA-Hooks-Registration` optional and had no
  /// request id or hook authentication.
  public var requiredHookHeaders: [String] {
    switch self {
    case .draft01: return ["Authorization", "X-MTA-Hooks-Registration", "X-MTA-Hooks-Request-Id"]
    case .draft00: return []
    }
  }

  /// Lists the problems with a registration request under this profile, or an empty list.
  ///
  /// draft-01 forbids `callback` and needs at least one subscription; draft-00 needs
  /// `callback.url`.
  public func registrationRequestProblems(_ request: RegistrationRequest) -> [String] {
    var problems: [String] = []
    if request.inbound == nil && request.outbound == nil {
      problems.append("NO_STAGES_REQUESTED: subscribe to inbound or outbound stages")
    }
    for direction in Direction.allCases {
      for stage in request.subscription(for: direction)?.stages ?? []
      where Stage(rawValue: stage)?.direction != direction {
        problems.append("INVALID_STAGE: \(ValueRules.quoted(stage)) is not a \(direction) stage")
      }
    }
    switch self {
    case .draft01:
      if request.members["callback"] != nil {
        problems.append(
          "callback is a draft-00 member: in draft-01 the MTA registers at the scanner; "
            + "switch to the draft-00 profile or remove it")
      }
    case .draft00:
      if request.callback == nil {
        problems.append("draft-00 registration needs callback.url, where the MTA posts hooks")
      }
      if request.members["timeoutMs"] != nil {
        problems.append(
          "timeoutMs at the top level is a draft-01 member; draft-00 has callback.timeoutMs")
      }
    }
    return problems
  }

  /// Lists the problems with a registration response under this profile, or an empty list.
  public func registrationResponseProblems(_ response: RegistrationResponse) -> [String] {
    var problems: [String] = []
    let statuses =
      self == .draft01 ? ["active", "suspended"] : ["active", "suspended", "pending_verification"]
    if !statuses.contains(response.status) {
      problems.append(
        "status \(ValueRules.quoted(response.status)) is not one of \(statuses.joined(separator: ", "))"
      )
    }
    let id = response.registrationId
    if id.isEmpty || id.count > 255
      || !id.unicodeScalars.allSatisfy({ $0.isASCII && (isIdentifierScalar($0)) })
    {
      problems.append(
        "registrationId \(ValueRules.quoted(id)) is not 1–255 characters of A-Z a-z 0-9 - _ :")
    }
    switch self {
    case .draft01:
      if response.hookEndpoint == nil {
        problems.append("draft-01 registration response needs hookEndpoint")
      }
    case .draft00:
      if response.members["callback"] == nil {
        problems.append("draft-00 registration response needs callback")
      }
    }
    return problems
  }

  /// Whether a draft-00 verification response echoes the token the MTA sent.
  public func callbackVerified(request: VerificationRequest, response: VerificationResponse) -> Bool
  {
    !request.token.isEmpty && request.token == response.token
  }

  /// Returns the reason a response that changes the action from `before` to `after` is refused as a
  /// whole, or nil when the change is allowed.
  public func overrideRefusal(from before: Action, to after: Action, isTrusted: Bool) -> String? {
    guard before != after else { return nil }
    switch overrideRule {
    case .strength:
      guard after.strength < before.strength else { return nil }
      if isTrusted { return nil }
      return "the response lowers the action from \(before) to \(after); draft-01 ranks "
        + "accept < quarantine < terminal actions, and only a trusted scanner may lower it"
    case .nonTerminal:
      return before.isTerminal
        ? "the action \(before) is terminal; draft-00 lets later scanners override only "
          + "non-terminal actions" : nil
    }
  }

  private func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
    (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
      || (scalar >= "0" && scalar <= "9") || scalar == "-" || scalar == "_" || scalar == ":"
  }
}
