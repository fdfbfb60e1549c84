import HooksWire

/// Builds the hook request body for one stage from a `TransactionState` (draft-01 §5).
///
/// The body contains exactly the negotiated top-level properties:
/// - a negotiated property with no value at this stage is `null` (`envelope` before MAIL,
///   `message` and `rawMessage` before DATA, `tls` on a plain connection);
/// - a property that was not negotiated is left out;
/// - inbound-only properties (`response`, `client`, `tls`, `auth`, `senderAuth`) are left out
///   at outbound stages.
///
/// A negotiated pointer below the top level, such as `/envelope/from/address`, selects its
/// whole top-level member, because the draft does not define partial members.
public enum RequestBuilder {
  /// Every top-level property, in the order HookBench writes them.
  public static let propertyOrder = [
    "stage", "action", "timestamp", "response", "protocol", "queue", "envelope", "message",
    "rawMessage", "client", "server", "tls", "auth", "senderAuth",
  ]

  /// The properties that exist only at inbound stages.
  public static let inboundOnlyProperties: Set<String> = [
    "response", "client", "tls", "auth", "senderAuth",
  ]

  /// Builds the request body.
  ///
  /// - Parameters:
  ///   - state: the transaction at its current stage.
  ///   - properties: the negotiated JSON Pointers, such as `["/message", "/envelope"]`; nil
  ///     means every property.
  /// - Returns: a JSON object. `rawMessage` is `.bytes`, which the JSON serializer writes as
  ///   Base64 and the CBOR encoder as a byte string.
  public static func request(for state: TransactionState, properties: [String]? = nil)
    -> JSONValue
  {
    let wanted = properties.map(topLevelNames(of:))
    var body = JSONObject()
    for name in propertyOrder {
      if let wanted, !wanted.contains(name) { continue }
      if state.stage.direction == .outbound && inboundOnlyProperties.contains(name) { continue }
      body[name] = value(of: name, in: state)
    }
    return .object(body)
  }

  /// Returns the top-level member names that the pointers select: `/envelope/from` selects `envelope`.
  public static func topLevelNames(of pointers: [String]) -> Set<String> {
    Set(
      pointers.compactMap { pointer -> String? in
        guard pointer.hasPrefix("/") else { return nil }
        let token =
          pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
          .first ?? ""
        return String(token).isEmpty ? nil : String(token).replacingEscapes()
      })
  }

  static func value(of name: String, in state: TransactionState) -> JSONValue {
    switch name {
    case "stage": return .string(state.stage.rawValue)
    case "action": return .string(state.effectiveAction.rawValue)
    case "timestamp": return state.stageStartedAt.json
    case "response": return state.effectiveResponse.json
    case "protocol": return ProtocolInfo(version: state.protocolVersion).json
    case "queue":
      if state.stage.direction == .outbound { return state.outboundQueue?.json ?? .null }
      return state.queue?.json ?? .null
    case "envelope": return envelope(of: state)
    case "message": return state.stage.hasMessage ? (state.message ?? .null) : .null
    case "rawMessage":
      guard state.stage.hasMessage, let raw = state.rawMessage else { return .null }
      return .bytes(raw)
    case "client": return state.client?.json ?? .null
    case "server": return state.server?.json ?? .null
    case "tls": return state.tls?.json ?? .null
    case "auth": return state.auth?.json ?? .null
    case "senderAuth": return state.senderAuth?.json ?? .null
    default: return .null
    }
  }

  static func envelope(of state: TransactionState) -> JSONValue {
    guard state.stage.hasEnvelope, let from = state.envelopeFrom else { return .null }
    if state.stage.direction == .outbound {
      return OutboundEnvelope(from: from, to: state.outboundRecipients).json
    }
    var recipients = state.recipients
    if state.stage == .rcpt, let current = state.currentRecipient {
      recipients.append(current)
    }
    return Envelope(from: from, to: recipients).json
  }
}
