/// An incremental HTTP/1.1 request parser: feed it bytes as they arrive, take requests out.
///
/// Errors carry the status a server responds with (400, 413, 417, 431, 501, 505). After an
/// error the parser is unusable, because the connection has lost its framing and must close.
public struct HTTPRequestParser: Sendable {
  /// An item the parser produced from the bytes so far.
  public enum Event: Sendable, Equatable {
    /// The header section of a request with `Expect: 100-continue` is complete and its body
    /// has not arrived yet. The server should send `100 Continue` (RFC 9110 §10.1.1). The
    /// request carries no body yet.
    case continueExpected(HTTPRequest)
    /// A complete request.
    case request(HTTPRequest)
  }

  private var framer: HTTPMessageFramer
  private var pending: (request: HTTPRequest, framing: HTTPMessageFramer.BodyFraming)?

  /// Creates a parser that enforces `limits`.
  public init(limits: HTTPLimits = HTTPLimits()) {
    framer = HTTPMessageFramer(limits: limits)
  }

  /// Whether part of a request has arrived but not all of it.
  public var hasPartialRequest: Bool { pending != nil || framer.hasBufferedBytes }

  /// Adds bytes read from the connection.
  public mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    framer.append(bytes)
  }

  /// Returns the next event, or nil when more bytes are needed.
  public mutating func next() throws(HTTPParseError) -> Event? {
    if pending == nil {
      guard let head = try framer.nextHead() else { return nil }
      let request = try Self.makeRequest(startLine: head.startLine, headers: head.headers)
      let framing = try framer.framing(for: head.headers, defaultFraming: .none)
      pending = (request, framing)
      if let expectation = head.headers["Expect"] {
        guard expectation.lowercased() == "100-continue" else {
          throw HTTPParseError(
            status: 417, message: "unsupported expectation \"\(expectation)\"")
        }
        if framing != .none { return .continueExpected(request) }
      }
    }
    guard let current = pending, let body = try framer.nextBody(current.framing) else {
      return nil
    }
    pending = nil
    var request = current.request
    request.body = body
    return .request(request)
  }

  private static func makeRequest(
    startLine: String, headers: HTTPHeaders
  ) throws(HTTPParseError) -> HTTPRequest {
    let parts = startLine.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, HTTPToken.isToken(String(parts[0])), !parts[1].isEmpty else {
      throw HTTPParseError(
        status: 400,
        message: "malformed request line \"\(startLine.prefix(80))\"; "
          + "expected METHOD SP TARGET SP HTTP/1.1")
    }
    let target = String(parts[1])
    guard target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      throw HTTPParseError(status: 400, message: "invalid request target \"\(target.prefix(80))\"")
    }
    let version = String(parts[2])
    try HTTPVersion.check(version)
    if version == "HTTP/1.1" && !headers.contains("Host") {
      throw HTTPParseError(status: 400, message: "HTTP/1.1 request without a Host header")
    }
    return HTTPRequest(method: String(parts[0]), target: target, version: version, headers: headers)
  }
}

/// Checks on the HTTP-version field (RFC 9112 §2.3).
enum HTTPVersion {
  /// Accepts `HTTP/1.0` and `HTTP/1.1`; other well-formed versions get 505, anything else 400.
  static func check(_ version: String) throws(HTTPParseError) {
    if version == "HTTP/1.1" || version == "HTTP/1.0" { return }
    let bytes = Array(version.utf8)
    let isWellFormed =
      bytes.count == 8 && version.hasPrefix("HTTP/") && bytes[6] == 0x2E
      && (0x30...0x39).contains(bytes[5]) && (0x30...0x39).contains(bytes[7])
    if isWellFormed {
      throw HTTPParseError(status: 505, message: "unsupported HTTP version \(version)")
    }
    throw HTTPParseError(status: 400, message: "invalid HTTP version \"\(version.prefix(20))\"")
  }
}
