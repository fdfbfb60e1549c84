import HooksWire

/// The delivery state of one recipient of an outbound message (draft-01 §5.10).
public enum RecipientStatus: String, Sendable, Hashable, CaseIterable {
  /// Not attempted yet.
  case pending
  /// Accepted by the next hop.
  case delivered
  /// Failed temporarily; retried at `nextAttemptAt`.
  case deferred
  /// Failed permanently; the MTA sends a failure DSN.
  case failed
  /// Failed and suppressed: the MTA sends no DSN for it.
  case failedSilent = "failed-silent"
}

/// One element of `envelope.to` at the outbound stages (draft-01 §5.10).
public struct DeliveryRecipient: JSONModel {
  public static let memberRules = [
    MemberRule("address", .string, required: true, nullable: false),
    MemberRule("parameters", .stringMap),
    MemberRule("status", .string, required: true, nullable: false),
    MemberRule("attempt", .unsignedInt),
    MemberRule("lastResponse", .model(SmtpResponse.self)),
    MemberRule("nextAttemptAt", .utcDate),
    MemberRule("nextDsnAt", .utcDate),
    MemberRule("queueName", .string),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a recipient; nil members are left out.
  public init(
    address: String, parameters: [(keyword: String, value: String?)] = [],
    status: RecipientStatus, attempt: Int, lastResponse: SmtpResponse? = nil,
    nextAttemptAt: UTCTimestamp? = nil, nextDsnAt: UTCTimestamp? = nil, queueName: String? = nil
  ) {
    members = objectOf([
      ("address", .string(address)),
      ("parameters", .object(EnvelopeAddress.parameterObject(parameters))),
      ("status", .string(status.rawValue)), ("attempt", .integer(attempt)),
      ("lastResponse", lastResponse?.json), ("nextAttemptAt", nextAttemptAt?.json),
      ("nextDsnAt", nextDsnAt?.json), ("queueName", queueName.json),
    ])
  }

  /// The recipient address.
  public var address: String { string("address") ?? "" }
  /// The delivery status, or nil when the text is not one of the five draft values.
  public var status: RecipientStatus? { string("status").flatMap(RecipientStatus.init(rawValue:)) }
  /// The attempt number for this recipient.
  public var attempt: Int? { integer("attempt") }
  /// The last reply from the next hop.
  public var lastResponse: SmtpResponse? { model("lastResponse") }
  /// When the next retry is due.
  public var nextAttemptAt: UTCTimestamp? { string("nextAttemptAt").flatMap(UTCTimestamp.init) }
  /// When the next DSN is due.
  public var nextDsnAt: UTCTimestamp? { string("nextDsnAt").flatMap(UTCTimestamp.init) }
}
