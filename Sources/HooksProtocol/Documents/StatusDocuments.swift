import HooksWire

/// The body of a registration status poll (draft-01 §4.4.1).
public struct StatusResponse: JSONModel {
  public static let memberRules = [
    MemberRule("registrationId", .string, required: true, nullable: false),
    MemberRule("status", .string, required: true, nullable: false),
    MemberRule("createdAt", .utcDate),
    MemberRule("expiresAt", .utcDate),
    MemberRule("lastInvocation", .utcDate),
    MemberRule("statistics", .model(RegistrationStatistics.self)),
    MemberRule("health", .model(HealthStatus.self)),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// The registration id.
  public var registrationId: String { string("registrationId") ?? "" }
  /// `active`, `suspended` or `deregistered`.
  public var status: String { string("status") ?? "" }
  /// The invocation and error counts, when given.
  public var statistics: RegistrationStatistics? { model("statistics") }
  /// The scanner's health, when given.
  public var health: HealthStatus? { model("health") }
}

/// Invocation and error counts of a registration.
public struct RegistrationStatistics: JSONModel {
  public static let memberRules = [
    MemberRule("invocations", .model(InvocationCounts.self), required: true, nullable: false),
    MemberRule("errors", .model(InvocationCounts.self), required: true, nullable: false),
    MemberRule("averageResponseMs", .number, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// The invocation counts.
  public var invocations: InvocationCounts? { model("invocations") }
  /// The error counts.
  public var errors: InvocationCounts? { model("errors") }
}

/// Counts over fixed windows: in total, and in the last 24 hours, 7 and 30 days.
public struct InvocationCounts: JSONModel {
  public static let memberRules = ["total", "last24h", "last7d", "last30d"].map {
    MemberRule($0, .unsignedInt, required: true, nullable: false)
  }
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// The count since the registration was created.
  public var total: Int { integer("total") ?? 0 }
}

/// The scanner's view of its own health.
public struct HealthStatus: JSONModel {
  public static let memberRules = [
    MemberRule("status", .string, required: true, nullable: false),
    MemberRule("lastCheck", .utcDate, required: true, nullable: false),
    MemberRule("consecutiveFailures", .unsignedInt, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// `healthy`, `degraded` or `unhealthy`.
  public var status: String { string("status") ?? "" }
}

/// The `200` body of a successful deregistration (draft-01 §4.5).
public struct DeregistrationResponse: JSONModel {
  public static let memberRules = [
    MemberRule("registrationId", .string, required: true, nullable: false),
    MemberRule("status", .string, required: true, nullable: false),
    MemberRule("deregisteredAt", .utcDate, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the body; `status` is always `deregistered`.
  public init(registrationId: String, deregisteredAt: UTCTimestamp) {
    members = JSONObject([
      ("registrationId", .string(registrationId)), ("status", .string("deregistered")),
      ("deregisteredAt", deregisteredAt.json),
    ])
  }

  /// The registration id.
  public var registrationId: String { string("registrationId") ?? "" }
}

/// The error body of every failed registration, management or hook call:
/// `{"error": {"code": "…", "message": "…"}}` (draft-01 Appendix A).
public struct ErrorBody: JSONModel {
  public static let memberRules = [
    MemberRule("error", .model(ErrorDetail.self), required: true, nullable: false)
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates an error body, such as `REGISTRATION_NOT_FOUND` with a message.
  public init(code: String, message: String) {
    members = JSONObject([("error", ErrorDetail(code: code, message: message).json)])
  }

  /// The error code, such as `INVALID_REQUEST`.
  public var code: String { model("error", as: ErrorDetail.self)?.code ?? "" }
  /// The human-readable message.
  public var message: String { model("error", as: ErrorDetail.self)?.message ?? "" }
}

/// The inner object of an error body.
public struct ErrorDetail: JSONModel {
  public static let memberRules = [
    MemberRule("code", .string, required: true, nullable: false),
    MemberRule("message", .string, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the detail object.
  public init(code: String, message: String) {
    members = JSONObject([("code", .string(code)), ("message", .string(message))])
  }

  /// The error code.
  public var code: String { string("code") ?? "" }
  /// The message.
  public var message: String { string("message") ?? "" }
}

/// The draft-00 callback verification request the MTA POSTs to a new callback URL:
/// `{"action": "verify", "token": "…"}` (draft-00 §4.2).
public struct VerificationRequest: JSONModel {
  public static let memberRules = [
    MemberRule("action", .string, required: true, nullable: false),
    MemberRule("token", .string, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a verification request for `token`; the MTA generates the token.
  public init(token: String) {
    members = JSONObject([("action", .string("verify")), ("token", .string(token))])
  }

  /// The token the scanner must echo.
  public var token: String { string("token") ?? "" }
}

/// The scanner's answer to a draft-00 verification: `{"token": "…"}`.
public struct VerificationResponse: JSONModel {
  public static let memberRules = [MemberRule("token", .string, required: true, nullable: false)]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the answer echoing `token`.
  public init(token: String) { members = JSONObject([("token", .string(token))]) }

  /// The echoed token.
  public var token: String { string("token") ?? "" }
}
