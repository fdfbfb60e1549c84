import HooksWire

/// One HTTP exchange between the MTA and a scanner, as it went over the socket: kept for the
/// wire view, the `run` transcript and replay.
///
/// Secrets never reach a record: the `Authorization` header value is stored as
/// `Bearer ***`.
public struct ExchangeRecord: Sendable, Equatable {
  /// The exchange's purpose: `discovery`, `registration`, `hook`, `deregistration`.
  public var purpose: String

  /// The HTTP method, such as `POST`.
  public var method: String

  /// The full request URL.
  public var url: String

  /// The request line and header fields, CRLF-separated, without the body.
  public var requestHead: String

  /// The request body bytes.
  public var requestBody: [UInt8]

  /// The response status code, or nil when no response arrived.
  public var status: Int?

  /// The status line and header fields of the response, or empty when none arrived.
  public var responseHead: String

  /// The response body bytes.
  public var responseBody: [UInt8]

  /// The time from sending the request to the end of the response, in milliseconds.
  public var milliseconds: Double

  /// The transport error (refused, reset, timed out), or nil.
  public var error: String?

  /// Creates a record.
  public init(purpose: String, method: String, url: String, requestHead: String,
              requestBody: [UInt8], status: Int?, responseHead: String,
              responseBody: [UInt8], milliseconds: Double, error: String? = nil) {
    self.purpose = purpose
    self.method = method
    self.url = url
    self.requestHead = Self.redactingAuthorization(requestHead)
    self.requestBody = requestBody
    self.status = status
    self.responseHead = responseHead
    self.responseBody = responseBody
    self.milliseconds = milliseconds
    self.error = error
  }

  /// Replaces the credentials of every `Authorization` header line with `***`, keeping the
  /// scheme so the reader still sees which one was used.
  public static func redactingAuthorization(_ head: String) -> String {
    let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
      guard line.lowercased().hasPrefix("authorization:") else { return String(line) }
      let value = line.dropFirst("authorization:".count).drop(while: { $0 == " " })
      let scheme = value.split(separator: " ").first.map(String.init) ?? ""
      let name = line.prefix("authorization".count)
      return scheme.isEmpty ? "\(name): ***" : "\(name): \(scheme) ***"
    }
    return lines.joined(separator: "\r\n")
  }
}
