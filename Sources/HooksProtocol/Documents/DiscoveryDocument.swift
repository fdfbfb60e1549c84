import HooksWire

/// The scanner's discovery document, served at `GET /.well-known/mta-hooks` (draft-01 §3).
public struct DiscoveryDocument: JSONModel {
  public static let memberRules = [
    MemberRule("version", .string, required: true, nullable: false),
    MemberRule("endpoints", .model(DiscoveryEndpoints.self), required: true, nullable: false),
    MemberRule("serialization", .array(.string), required: true, nullable: false),
    MemberRule("capabilities", .model(DiscoveryCapabilities.self), required: true, nullable: false),
    MemberRule("limits", .model(DiscoveryLimits.self)),
    MemberRule("extensions", .array(.string)),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a discovery document; nil members are left out.
  public init(
    version: String = "1.0", endpoints: DiscoveryEndpoints, serialization: [String],
    capabilities: DiscoveryCapabilities, limits: DiscoveryLimits?, extensions: [String]? = nil
  ) {
    members = objectOf([
      ("version", .string(version)), ("endpoints", endpoints.json),
      ("serialization", .array(serialization.map { .string($0) })),
      ("capabilities", capabilities.json), ("limits", limits?.json),
      ("extensions", extensions.map { .array($0.map { .string($0) }) }),
    ])
  }

  /// The protocol version, `"1.0"` in draft-01.
  public var version: String { string("version") ?? "" }
  /// The registration and deregistration paths.
  public var endpoints: DiscoveryEndpoints? { model("endpoints") }
  /// The serializations the scanner supports: `json`, `cbor`.
  public var serialization: [String] { strings("serialization") ?? [] }
  /// The per-direction capabilities.
  public var capabilities: DiscoveryCapabilities? { model("capabilities") }
  /// The operational limits, when given.
  public var limits: DiscoveryLimits? { model("limits") }
}

/// The paths of the registration operations in a discovery document.
public struct DiscoveryEndpoints: JSONModel {
  public static let memberRules = [
    MemberRule("registration", .string, required: true, nullable: false),
    MemberRule("deregistration", .string, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the endpoints; `deregistration` contains the placeholder `{registration_id}`.
  public init(registration: String, deregistration: String) {
    members = JSONObject([
      ("registration", .string(registration)), ("deregistration", .string(deregistration)),
    ])
  }

  /// The path to POST registrations to.
  public var registration: String { string("registration") ?? "" }
  /// The deregistration path template, with `{registration_id}`.
  public var deregistration: String { string("deregistration") ?? "" }
}

/// The capabilities of each direction; a null direction is not supported.
public struct DiscoveryCapabilities: JSONModel {
  public static let memberRules = [
    MemberRule("inbound", .model(DirectionCapabilities.self)),
    MemberRule("outbound", .model(DirectionCapabilities.self)),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the capabilities; a nil direction is written as `null`.
  public init(inbound: DirectionCapabilities?, outbound: DirectionCapabilities?) {
    members = JSONObject([
      ("inbound", inbound?.json ?? .null), ("outbound", outbound?.json ?? .null),
    ])
  }

  /// The capabilities for `direction`, or nil when it is not supported.
  public func capabilities(for direction: Direction) -> DirectionCapabilities? {
    model(direction.rawValue)
  }
}

/// The stages, actions and properties one direction supports.
public struct DirectionCapabilities: JSONModel {
  public static let memberRules = [
    MemberRule("stages", .array(.string), required: true, nullable: false),
    MemberRule("actions", .array(.string), required: true, nullable: false),
    MemberRule("fetchProperties", .array(.string), required: true, nullable: false),
    MemberRule("updateProperties", .array(.string), required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the capabilities of one direction; properties are JSON Pointers.
  public init(
    stages: [String], actions: [String], fetchProperties: [String], updateProperties: [String]
  ) {
    func list(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
    members = JSONObject([
      ("stages", list(stages)), ("actions", list(actions)),
      ("fetchProperties", list(fetchProperties)), ("updateProperties", list(updateProperties)),
    ])
  }

  /// The stage names.
  public var stages: [String] { strings("stages") ?? [] }
  /// The action names.
  public var actions: [String] { strings("actions") ?? [] }
  /// JSON Pointers of the request properties the scanner can read.
  public var fetchProperties: [String] { strings("fetchProperties") ?? [] }
  /// JSON Pointers of the properties the scanner may modify; each covers everything below it.
  public var updateProperties: [String] { strings("updateProperties") ?? [] }
}

/// The scanner's operational limits; every member may be null.
public struct DiscoveryLimits: JSONModel {
  public static let memberRules = [
    MemberRule("maxMessageSize", .unsignedInt), MemberRule("maxRegistrations", .unsignedInt),
    MemberRule("timeoutMs", .unsignedInt),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates limits: message size in bytes, registrations, hook timeout in milliseconds.
  public init(maxMessageSize: Int?, maxRegistrations: Int?, timeoutMs: Int?) {
    members = objectOf([
      ("maxMessageSize", maxMessageSize.json), ("maxRegistrations", maxRegistrations.json),
      ("timeoutMs", timeoutMs.json),
    ])
  }

  /// The largest message the scanner accepts, in bytes.
  public var maxMessageSize: Int? { integer("maxMessageSize") }
  /// The suggested hook timeout, in milliseconds.
  public var timeoutMs: Int? { integer("timeoutMs") }
}

extension DiscoveryDocument {
  /// The capabilities of the example discovery document in draft-01 §3 ("Example Discovery
  /// Document"), which HookBench uses when no discovery document is given.
  public static let draftExampleCapabilities = DiscoveryCapabilities(
    inbound: DirectionCapabilities(
      stages: ["connect", "ehlo", "mail", "rcpt", "data"],
      actions: ["accept", "reject", "discard", "quarantine", "disconnect"],
      fetchProperties: [
        "/envelope", "/message", "/rawMessage", "/server", "/tls", "/auth", "/senderAuth",
        "/client", "/stage", "/action", "/timestamp", "/response", "/protocol", "/queue",
      ],
      updateProperties: ["/envelope", "/message", "/rawMessage", "/action", "/response"]),
    outbound: DirectionCapabilities(
      stages: ["delivery", "defer", "dsn"], actions: ["continue", "cancel"],
      fetchProperties: [
        "/envelope", "/message", "/rawMessage", "/server", "/queue", "/stage", "/action",
        "/timestamp", "/protocol",
      ],
      updateProperties: ["/envelope/to", "/action", "/message", "/rawMessage"]))
}
