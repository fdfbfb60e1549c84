import HooksWire

/// The body the registrant POSTs to the registration endpoint (draft-01 §4.1).
///
/// In draft-01 the MTA registers at the scanner and `name`/`version` describe the MTA. In
/// draft-00 the scanner registered at the MTA and gave a `callback`; `Profile` checks which of
/// the two shapes a body follows.
public struct RegistrationRequest: JSONModel {
  public static let memberRules = [
    MemberRule("name", .string, required: true, nullable: false),
    MemberRule("version", .string),
    MemberRule("timeoutMs", .unsignedInt),
    MemberRule("expiresAt", .utcDate),
    MemberRule("serialization", .string, required: true, nullable: false),
    MemberRule("inbound", .model(StageSubscription.self)),
    MemberRule("outbound", .model(StageSubscription.self)),
    MemberRule("filter", .any),
    MemberRule("metadata", .stringMap),
    MemberRule("callback", .model(CallbackConfig.self)),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a draft-01 registration; nil members are left out, except that a nil direction is
  /// written as `null`.
  public init(
    name: String, version: String?, timeoutMs: Int?, expiresAt: UTCTimestamp? = nil,
    serialization: String, inbound: StageSubscription?, outbound: StageSubscription?,
    filter: JSONValue? = nil, metadata: [(String, String)]? = nil
  ) {
    members = objectOf([
      ("name", .string(name)), ("version", version.json), ("timeoutMs", timeoutMs.json),
      ("expiresAt", expiresAt?.json), ("serialization", .string(serialization)),
      ("inbound", inbound?.json ?? .null), ("outbound", outbound?.json ?? .null),
      ("filter", filter),
      ("metadata", metadata.map { .object(JSONObject($0.map { ($0, .string($1)) })) }),
    ])
  }

  /// The registrant's name.
  public var name: String { string("name") ?? "" }
  /// The requested serialization, `json` or `cbor`.
  public var serialization: String { string("serialization") ?? "" }
  /// The inbound subscription, or nil.
  public var inbound: StageSubscription? { model("inbound") }
  /// The outbound subscription, or nil.
  public var outbound: StageSubscription? { model("outbound") }
  /// The draft-00 callback, or nil.
  public var callback: CallbackConfig? { model("callback") }

  /// The subscription for `direction`, or nil.
  public func subscription(for direction: Direction) -> StageSubscription? {
    model(direction.rawValue)
  }
}

/// The stages and properties a registration subscribes to in one direction.
public struct StageSubscription: JSONModel {
  public static let memberRules = [
    MemberRule("stages", .array(.string), required: true, nullable: false),
    MemberRule("properties", .array(.string)),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a subscription; nil `properties` (written as `null`) means every supported one.
  public init(stages: [String], properties: [String]?) {
    members = JSONObject([
      ("stages", .array(stages.map { .string($0) })),
      ("properties", properties.map { .array($0.map { .string($0) }) } ?? .null),
    ])
  }

  /// The stage names.
  public var stages: [String] { strings("stages") ?? [] }
  /// The property JSON Pointers, or nil for every supported one.
  public var properties: [String]? { strings("properties") }
}

/// The draft-00 callback: where the MTA POSTs hooks, and the timeout the scanner asks for.
public struct CallbackConfig: JSONModel {
  public static let memberRules = [
    MemberRule("url", .string, required: true, nullable: false),
    MemberRule("timeoutMs", .unsignedInt),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a callback configuration.
  public init(url: String, timeoutMs: Int?) {
    members = objectOf([("url", .string(url)), ("timeoutMs", timeoutMs.json)])
  }

  /// The callback URL.
  public var url: String { string("url") ?? "" }
}

/// The `201 Created` body of a successful registration (draft-01 §4.2).
public struct RegistrationResponse: JSONModel {
  public static let memberRules = [
    MemberRule("registrationId", .string, required: true, nullable: false),
    MemberRule("status", .string, required: true, nullable: false),
    MemberRule("createdAt", .utcDate, required: true, nullable: false),
    MemberRule("expiresAt", .utcDate),
    MemberRule("hookEndpoint", .string),
    MemberRule("callback", .model(CallbackConfig.self)),
    MemberRule("negotiated", .model(NegotiatedCapabilities.self), required: true, nullable: false),
    MemberRule("endpoints", .model(RegistrationEndpoints.self), required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a draft-01 registration response.
  public init(
    registrationId: String, status: String = "active", createdAt: UTCTimestamp,
    expiresAt: UTCTimestamp?, hookEndpoint: String, negotiated: NegotiatedCapabilities,
    endpoints: RegistrationEndpoints
  ) {
    members = JSONObject([
      ("registrationId", .string(registrationId)), ("status", .string(status)),
      ("createdAt", createdAt.json), ("expiresAt", expiresAt?.json ?? .null),
      ("hookEndpoint", .string(hookEndpoint)), ("negotiated", negotiated.json),
      ("endpoints", endpoints.json),
    ])
  }

  /// The registration id: up to 255 characters from `A-Z a-z 0-9 - _ :`.
  public var registrationId: String { string("registrationId") ?? "" }
  /// `active` or `suspended` (draft-00 also `pending_verification`).
  public var status: String { string("status") ?? "" }
  /// The draft-01 hook URL, absolute or relative to the registration endpoint.
  public var hookEndpoint: String? { string("hookEndpoint") }
  /// What both sides agreed on.
  public var negotiated: NegotiatedCapabilities? { model("negotiated") }
  /// The status and deregistration URLs.
  public var endpoints: RegistrationEndpoints? { model("endpoints") }
}

/// The agreed serialization and subscriptions of a registration.
public struct NegotiatedCapabilities: JSONModel {
  public static let memberRules = [
    MemberRule("serialization", .string, required: true, nullable: false),
    MemberRule("inbound", .model(StageSubscription.self)),
    MemberRule("outbound", .model(StageSubscription.self)),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates negotiated capabilities; a nil direction is written as `null`.
  public init(serialization: String, inbound: StageSubscription?, outbound: StageSubscription?) {
    members = JSONObject([
      ("serialization", .string(serialization)), ("inbound", inbound?.json ?? .null),
      ("outbound", outbound?.json ?? .null),
    ])
  }

  /// The agreed serialization.
  public var serialization: String { string("serialization") ?? "" }

  /// The agreed subscription for `direction`, or nil.
  public func subscription(for direction: Direction) -> StageSubscription? {
    model(direction.rawValue)
  }
}

/// The URLs of a registration's status and deregistration operations.
public struct RegistrationEndpoints: JSONModel {
  public static let memberRules = [
    MemberRule("deregistration", .string, required: true, nullable: false),
    MemberRule("status", .string, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the endpoints.
  public init(deregistration: String, status: String) {
    members = JSONObject([("deregistration", .string(deregistration)), ("status", .string(status))])
  }

  /// The deregistration URL.
  public var deregistration: String { string("deregistration") ?? "" }
  /// The status URL.
  public var status: String { string("status") ?? "" }
}
