import HooksWire

/// An SMTP reply: `{code, enhancedCode, message}` (draft-01 §5.9).
///
/// `code` is the three-digit reply code of RFC 5321 §4.2, and `enhancedCode` the RFC 3463
/// status `class.subject.detail`, or null.
public struct SmtpResponse: JSONModel {
  public static let memberRules = [
    MemberRule("code", .unsignedInt, required: true, nullable: false),
    MemberRule("enhancedCode", .string),
    MemberRule("message", .string),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates a reply. A nil `enhancedCode` is written as `null`.
  public init(code: Int, enhancedCode: String?, message: String) {
    members = JSONObject([
      ("code", .integer(code)), ("enhancedCode", enhancedCode.json ?? .null),
      ("message", .string(message)),
    ])
  }

  /// The three-digit reply code.
  public var code: Int { integer("code") ?? 0 }
  /// The RFC 3463 enhanced status code, such as `5.7.1`.
  public var enhancedCode: String? { string("enhancedCode") }
  /// The reply text.
  public var message: String { string("message") ?? "" }

  /// The reply as the client would see it on one line: `550 5.7.1 Rejected by policy`.
  public var line: String {
    [String(code), enhancedCode, message.isEmpty ? nil : message].compactMap { $0 }
      .joined(separator: " ")
  }

  /// Whether the code is 2xx.
  public var isSuccess: Bool { (200...299).contains(code) }
  /// Whether the code is 4xx, a temporary failure.
  public var isTemporaryFailure: Bool { (400...499).contains(code) }
}
