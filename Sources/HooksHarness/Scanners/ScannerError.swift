import HooksHTTP
import HooksWire

/// An error reply of the scanner service: an HTTP status with the draft's error body
/// `{"error":{"code":"…","message":"…"}}`.
public struct ScannerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The HTTP status, such as 401.
  public var status: Int
  /// The draft's error code, such as `INVALID_CREDENTIALS`.
  public var code: String
  /// A message for people, naming the value at fault.
  public var message: String

  /// Creates an error reply.
  public init(status: Int, code: String, message: String) {
    self.status = status
    self.code = code
    self.message = message
  }

  public var description: String { "\(status) \(code): \(message)" }

  /// The error body.
  public var body: JSONValue {
    ["error": ["code": .string(code), "message": .string(message)]]
  }

  /// Builds the HTTP response in `format`, with `WWW-Authenticate` on 401 and `Retry-After`
  /// on 429 and 503.
  public func response(format: WireFormat = .json) -> HTTPResponse {
    var headers = HTTPHeaders([("Content-Type", format.contentType), ("Cache-Control", "no-store")])
    if status == 401 { headers.add(name: "WWW-Authenticate", value: "Bearer") }
    if status == 429 || status == 503 { headers.add(name: "Retry-After", value: "1") }
    return HTTPResponse(status: status, headers: headers, body: format.encode(body))
  }

  static func invalidRequest(_ message: String) -> ScannerError {
    ScannerError(status: 400, code: "INVALID_REQUEST", message: message)
  }

  static func notFound(_ id: String) -> ScannerError {
    ScannerError(
      status: 404, code: "REGISTRATION_NOT_FOUND",
      message: "registration \"\(id)\" is not known; register again")
  }
}
