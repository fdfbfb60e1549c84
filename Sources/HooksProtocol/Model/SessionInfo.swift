import HooksWire

/// The remote SMTP client (draft-01 §5.9 `ClientInfo`).
public struct ClientInfo: JSONModel {
  public static let memberRules = [
    MemberRule("ip", .string, required: true, nullable: false),
    MemberRule("port", .unsignedInt, required: true, nullable: false),
    MemberRule("ptr", .string),
    // The draft types `ehlo` as a non-null String, but it is unknown at `connect`.
    MemberRule("ehlo", .string),
    MemberRule("asn", .unsignedInt),
    MemberRule("country", .string),
    MemberRule("activeConnections", .unsignedInt),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a client; nil members are left out.
  public init(
    ip: String, port: Int, ptr: String? = nil, ehlo: String? = nil, asn: Int? = nil,
    country: String? = nil, activeConnections: Int? = nil
  ) {
    members = objectOf([
      ("ip", .string(ip)), ("port", .integer(port)), ("ptr", ptr.json), ("ehlo", ehlo.json),
      ("asn", asn.json), ("country", country.json), ("activeConnections", activeConnections.json),
    ])
  }

  /// The client's IP address.
  public var ip: String { string("ip") ?? "" }
  /// The client's TCP port.
  public var port: Int { integer("port") ?? 0 }
  /// The EHLO or HELO name, once given.
  public var ehlo: String? { string("ehlo") }
}

/// The MTA's own listener (draft-01 §5.3 `ServerInfo`).
public struct ServerInfo: JSONModel {
  public static let memberRules = [
    MemberRule("name", .string), MemberRule("ip", .string), MemberRule("port", .unsignedInt),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a server description.
  public init(name: String, ip: String, port: Int) {
    members = JSONObject([("name", .string(name)), ("ip", .string(ip)), ("port", .integer(port))])
  }

  /// The server's host name.
  public var name: String? { string("name") }
}

/// The TLS session of the SMTP connection (draft-01 §5.9 `TlsInfo`).
public struct TlsInfo: JSONModel {
  public static let memberRules = [
    MemberRule("version", .string, required: true, nullable: false),
    MemberRule("cipher", .string, required: true, nullable: false),
    MemberRule("cipherBits", .unsignedInt),
    MemberRule("certIssuer", .string),
    MemberRule("certSubject", .string),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a TLS description; nil members are left out.
  public init(
    version: String, cipher: String, cipherBits: Int?, certIssuer: String? = nil,
    certSubject: String? = nil
  ) {
    members = objectOf([
      ("version", .string(version)), ("cipher", .string(cipher)), ("cipherBits", cipherBits.json),
      ("certIssuer", certIssuer.json), ("certSubject", certSubject.json),
    ])
  }
}

/// SPF, DKIM, ARC and DMARC results computed by the MTA (draft-01 §5.9
/// `SenderAuthentication`). The keys contain hyphens: `spf-ehlo`, `spf-mail`.
public struct SenderAuthentication: JSONModel {
  /// The draft's result keys, in the order HookBench writes them.
  public static let keys = ["spf-ehlo", "spf-mail", "dkim", "arc", "dmarc"]
  public static let memberRules = keys.map { MemberRule($0, .string) }
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates results from `(key, result)` pairs such as `("spf-mail", "pass")`.
  public init(results: [(String, String?)]) {
    members = JSONObject(results.map { ($0.0, $0.1.json ?? .null) })
  }

  /// The result for `key`, such as `pass`.
  public subscript(key: String) -> String? { string(key) }
}

/// SMTP AUTH details, when the client authenticated (draft-01 §5.9 `SmtpAuthentication`).
public struct SmtpAuthentication: JSONModel {
  public static let memberRules = [
    MemberRule("login", .string, required: true, nullable: false),
    MemberRule("method", .string, required: true, nullable: false),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates AUTH details: the login name and the SASL mechanism.
  public init(login: String, method: String) {
    members = JSONObject([("login", .string(login)), ("method", .string(method))])
  }
}

/// The inbound queue entry (draft-01 §5.5 `QueueInfo`).
public struct QueueInfo: JSONModel {
  public static let memberRules = [MemberRule("id", .string, required: true, nullable: false)]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates queue information for the queue id `id`.
  public init(id: String) { members = JSONObject([("id", .string(id))]) }

  /// The queue id, stable for the message's whole time in the queue.
  public var id: String { string("id") ?? "" }
}

/// The outbound queue entry (draft-01 §5.10 `OutboundQueueInfo`).
public struct OutboundQueueInfo: JSONModel {
  public static let memberRules = [
    MemberRule("id", .string, required: true, nullable: false),
    MemberRule("expiresAt", .utcDate),
    MemberRule("attempts", .unsignedInt),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates outbound queue information.
  public init(id: String, expiresAt: UTCTimestamp?, attempts: Int) {
    members = objectOf([
      ("id", .string(id)), ("expiresAt", expiresAt?.json), ("attempts", .integer(attempts)),
    ])
  }

  /// The queue id.
  public var id: String { string("id") ?? "" }
  /// Delivery attempts so far.
  public var attempts: Int? { integer("attempts") }
}

/// The protocol version object, `{"version": "1.0"}` (draft-01 §5.3 `ProtocolInfo`).
public struct ProtocolInfo: JSONModel {
  public static let memberRules = [MemberRule("version", .string, required: true, nullable: false)]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates the version object; the draft defines `"1.0"`.
  public init(version: String = "1.0") { members = JSONObject([("version", .string(version))]) }
}
