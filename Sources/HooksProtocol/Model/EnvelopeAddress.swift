import HooksWire

/// A MAIL FROM or RCPT TO address with its ESMTP parameters (draft-01 §5.4).
///
/// `address` is null only for the null reverse-path `<>`. HookBench writes addresses without
/// angle brackets, in the case the client used, and parameter keywords in upper case with a
/// valueless keyword mapped to `""`.
public struct EnvelopeAddress: JSONModel {
  public static let memberRules = [
    MemberRule("address", .string, required: true),
    MemberRule("parameters", .stringMap),
  ]
  public var members: JSONObject
  public init(unchecked members: JSONObject) { self.members = members }

  /// Creates an address; nil is the null reverse-path. Keywords are upper-cased and a nil
  /// parameter value becomes `""`.
  public init(address: String?, parameters: [(keyword: String, value: String?)] = []) {
    members = JSONObject([
      ("address", address.json ?? .null),
      ("parameters", .object(Self.parameterObject(parameters))),
    ])
  }

  /// Creates an address from an SMTP path as written after `MAIL FROM:` or `RCPT TO:`.
  /// Angle brackets are removed, and `<>` becomes the null reverse-path.
  public init(smtpPath: String, parameters: [(keyword: String, value: String?)] = []) {
    var path = Substring(smtpPath)
    if path.hasPrefix("<") && path.hasSuffix(">") && path.count >= 2 {
      path = path.dropFirst().dropLast()
    }
    self.init(address: path.isEmpty ? nil : String(path), parameters: parameters)
  }

  /// The address, or nil for the null reverse-path.
  public var address: String? { string("address") }

  /// The ESMTP parameters in order, keyword to value.
  public var parameters: [(key: String, value: String)] { stringPairs("parameters") }

  static func parameterObject(_ parameters: [(keyword: String, value: String?)]) -> JSONObject {
    JSONObject(parameters.map { ($0.keyword.uppercased(), JSONValue.string($0.value ?? "")) })
  }
}
