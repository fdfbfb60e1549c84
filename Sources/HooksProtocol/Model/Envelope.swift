import HooksWire

/// The inbound envelope: `from` and the `to` recipients (draft-01 §5.4).
public struct Envelope: JSONModel {
  public static let memberRules = [
    MemberRule("from", .model(EnvelopeAddress.self), required: true, nullable: false),
    MemberRule("to", .array(.model(EnvelopeAddress.self)), required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates an envelope.
  public init(from: EnvelopeAddress, to: [EnvelopeAddress]) {
    members = JSONObject([("from", from.json), ("to", .array(to.map(\.json)))])
  }

  /// The MAIL FROM address.
  public var from: EnvelopeAddress? { model("from") }
  /// The recipients.
  public var to: [EnvelopeAddress] { models("to") }
}

/// The outbound envelope, whose recipients carry their delivery state (draft-01 §5.10).
public struct OutboundEnvelope: JSONModel {
  public static let memberRules = [
    MemberRule("from", .model(EnvelopeAddress.self), required: true, nullable: false),
    MemberRule("to", .array(.model(DeliveryRecipient.self)), required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates an outbound envelope.
  public init(from: EnvelopeAddress, to: [DeliveryRecipient]) {
    members = JSONObject([("from", from.json), ("to", .array(to.map(\.json)))])
  }

  /// The MAIL FROM address of the original message.
  public var from: EnvelopeAddress? { model("from") }
  /// The recipients with their delivery state.
  public var to: [DeliveryRecipient] { models("to") }
}
