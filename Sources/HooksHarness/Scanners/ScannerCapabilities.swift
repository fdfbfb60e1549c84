import HooksWire

/// The capabilities a scanner advertises for one direction in its discovery document.
public struct DirectionCapabilities: Sendable, Equatable {
  /// The stages the scanner handles, such as `["data"]`.
  public var stages: [String]
  /// The actions the scanner may set.
  public var actions: [String]
  /// JSON Pointers of the request properties the scanner can consume.
  public var fetchProperties: [String]
  /// JSON Pointers of the properties the scanner may modify.
  public var updateProperties: [String]

  /// Creates capabilities.
  public init(
    stages: [String], actions: [String], fetchProperties: [String], updateProperties: [String]
  ) {
    self.stages = stages
    self.actions = actions
    self.fetchProperties = fetchProperties
    self.updateProperties = updateProperties
  }

  /// Every inbound stage, action and property of draft-01.
  public static let allInbound = DirectionCapabilities(
    stages: ["connect", "ehlo", "mail", "rcpt", "data"],
    actions: ["accept", "reject", "discard", "quarantine", "disconnect"],
    fetchProperties: [
      "/stage", "/action", "/timestamp", "/protocol", "/envelope", "/message", "/rawMessage",
      "/queue", "/server", "/response", "/client", "/senderAuth", "/auth", "/tls",
    ],
    updateProperties: ["/envelope", "/message", "/rawMessage", "/action", "/response"])

  /// Every outbound stage, action and property of draft-01.
  public static let allOutbound = DirectionCapabilities(
    stages: ["delivery", "defer", "dsn"],
    actions: ["continue", "cancel"],
    fetchProperties: [
      "/stage", "/action", "/timestamp", "/protocol", "/envelope", "/message", "/rawMessage",
      "/queue", "/server",
    ],
    updateProperties: ["/envelope/to", "/action", "/message", "/rawMessage"])

  /// The inbound stages of draft-01, in protocol order.
  public static let inboundStages = allInbound.stages
  /// The outbound stages of draft-01, in protocol order.
  public static let outboundStages = allOutbound.stages

  /// Whether `pointer` is one of `fetchProperties` or lies below one of them.
  public func canFetch(_ pointer: String) -> Bool {
    fetchProperties.contains { $0 == pointer || pointer.hasPrefix($0 + "/") }
  }

  var json: JSONValue {
    [
      "stages": .array(stages.map(JSONValue.string)),
      "actions": .array(actions.map(JSONValue.string)),
      "fetchProperties": .array(fetchProperties.map(JSONValue.string)),
      "updateProperties": .array(updateProperties.map(JSONValue.string)),
    ]
  }
}
