/// One HTTP/1.1 request: request line, header fields and the decoded body.
public struct HTTPRequest: Sendable, Equatable {
  /// The method token, case-sensitive as RFC 9110 §9.1 defines it: `GET`, `POST`, `DELETE`, …
  public var method: String
  /// The request target as sent, in origin form (`/path?query`) for every request HookBench
  /// sends or accepts.
  public var target: String
  /// The protocol version from the request line, such as `HTTP/1.1`.
  public var version: String
  /// The header fields in wire order.
  public var headers: HTTPHeaders
  /// The body after chunked decoding, or empty when the request had none.
  public var body: [UInt8]

  /// Creates a request.
  public init(
    method: String, target: String, version: String = "HTTP/1.1",
    headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    self.body = body
  }

  /// The path part of the target, without the query.
  public var path: String {
    if let mark = target.firstIndex(of: "?") { return String(target[..<mark]) }
    return target
  }

  /// The query part of the target after `?`, or nil when there is none.
  public var query: String? {
    guard let mark = target.firstIndex(of: "?") else { return nil }
    return String(target[target.index(after: mark)...])
  }

  /// Whether the connection stays open after this request (RFC 9112 §9.3): HTTP/1.1 unless
  /// `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`.
  public var keepsConnectionOpen: Bool {
    let options = headers.tokens(for: "Connection")
    if options.contains("close") { return false }
    if version == "HTTP/1.0" { return options.contains("keep-alive") }
    return true
  }

  /// Serializes the request for the wire. A `Content-Length` is added when the request has a
  /// body and no framing header of its own, so the bytes are always a complete message.
  public func serialized() -> [UInt8] {
    var fields = headers
    if !fields.contains("Content-Length") && !fields.contains("Transfer-Encoding")
      && (!body.isEmpty || method == "POST" || method == "PUT")
    {
      fields.add(name: "Content-Length", value: String(body.count))
    }
    var head = "\(method) \(target) \(version)\r\n"
    for field in fields { head += "\(field.name): \(field.value)\r\n" }
    head += "\r\n"
    return Array(head.utf8) + body
  }
}
