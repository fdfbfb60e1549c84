/// One HTTP/1.1 response, and on the server side the faults a handler may ask for instead.
public struct HTTPResponse: Sendable, Equatable {
  /// The status code, such as 200 or 404.
  public var status: Int
  /// The reason phrase from the status line. Clients must not rely on it (RFC 9112 §4).
  public var reason: String
  /// The protocol version from the status line.
  public var version: String
  /// The header fields in wire order.
  public var headers: HTTPHeaders
  /// The body after chunked decoding.
  public var body: [UInt8]
  /// Milliseconds the server waits before it sends this response (or carries out `fault`).
  /// Ignored by clients.
  public var delayMilliseconds: Int
  /// A fault the server carries out in place of a normal response, or nil. Ignored by
  /// clients.
  public var fault: HTTPFault?

  /// Creates a response. The reason phrase defaults to the standard one for `status`.
  public init(
    status: Int, reason: String? = nil, version: String = "HTTP/1.1",
    headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
    delayMilliseconds: Int = 0, fault: HTTPFault? = nil
  ) {
    self.status = status
    self.reason = reason ?? HTTPStatus.reasonPhrase(for: status)
    self.version = version
    self.headers = headers
    self.body = body
    self.delayMilliseconds = delayMilliseconds
    self.fault = fault
  }

  /// The status line without its CRLF, for logs: `HTTP/1.1 404 Not Found`.
  public var statusLine: String { "\(version) \(status) \(reason)" }

  /// Whether the status never carries a body: 1xx, 204 and 304 (RFC 9112 §6.3).
  public var statusForbidsBody: Bool {
    (100..<200).contains(status) || status == 204 || status == 304
  }

  /// Serializes the response for the wire. `Content-Length` is added when no framing header
  /// is present, except for statuses that carry no body.
  public func serialized() -> [UInt8] {
    var fields = headers
    if !statusForbidsBody && !fields.contains("Content-Length")
      && !fields.contains("Transfer-Encoding")
    {
      fields.add(name: "Content-Length", value: String(body.count))
    }
    var head = "\(statusLine)\r\n"
    for field in fields { head += "\(field.name): \(field.value)\r\n" }
    head += "\r\n"
    return Array(head.utf8) + (statusForbidsBody ? [] : body)
  }
}

/// A misbehaviour that a server handler can ask for, to test how clients cope.
public enum HTTPFault: Sendable, Equatable {
  /// Close the connection without sending anything.
  case closeWithoutResponse
  /// Send these bytes as they are, then close the connection.
  case rawBytes([UInt8])
  /// Send nothing for this many milliseconds (or until the server shuts down), then close.
  case holdOpen(milliseconds: Int)
}
