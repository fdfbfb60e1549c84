/// An incremental HTTP/1.1 response parser for the client side.
///
/// The framing of a response depends on the request (RFC 9112 §6.3): set `requestMethod`
/// before the response to each request arrives. A response with neither `Content-Length` nor
/// `Transfer-Encoding` ends when the connection closes, so call `finishAtEndOfStream()` then.
/// Interim 1xx responses are returned like any other; the caller skips them.
public struct HTTPResponseParser: Sendable {
  private var framer: HTTPMessageFramer
  private var pending: (response: HTTPResponse, framing: HTTPMessageFramer.BodyFraming)?

  /// The method of the request whose response is being read. A `HEAD` response has no body.
  public var requestMethod: String

  /// Creates a parser for the response to a `requestMethod` request, enforcing `limits`.
  public init(requestMethod: String, limits: HTTPLimits = HTTPLimits()) {
    self.requestMethod = requestMethod
    framer = HTTPMessageFramer(limits: limits)
  }

  /// Whether part of a response has arrived but not all of it.
  public var hasPartialResponse: Bool { pending != nil || framer.hasBufferedBytes }

  /// Adds bytes read from the connection.
  public mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    framer.append(bytes)
  }

  /// Returns the next complete response, or nil when more bytes are needed.
  public mutating func next() throws(HTTPParseError) -> HTTPResponse? {
    try next(endOfStream: false)
  }

  /// Completes a response whose body runs to the end of the connection. Returns nil when
  /// nothing was pending.
  ///
  /// - Throws: `HTTPParseError` when the connection closed in the middle of a response.
  public mutating func finishAtEndOfStream() throws(HTTPParseError) -> HTTPResponse? {
    if let response = try next(endOfStream: true) { return response }
    if hasPartialResponse {
      throw HTTPParseError(
        status: 400, message: "connection closed before the response was complete")
    }
    return nil
  }

  private mutating func next(endOfStream: Bool) throws(HTTPParseError) -> HTTPResponse? {
    if pending == nil {
      guard let head = try framer.nextHead() else { return nil }
      let response = try Self.makeResponse(statusLine: head.startLine, headers: head.headers)
      let framing: HTTPMessageFramer.BodyFraming
      if requestMethod == "HEAD" || response.statusForbidsBody {
        framing = .none
      } else {
        framing = try framer.framing(for: head.headers, defaultFraming: .untilClose)
      }
      pending = (response, framing)
    }
    guard let current = pending,
      let body = try framer.nextBody(current.framing, endOfStream: endOfStream)
    else {
      return nil
    }
    pending = nil
    var response = current.response
    response.body = body
    return response
  }

  private static func makeResponse(
    statusLine: String, headers: HTTPHeaders
  ) throws(HTTPParseError) -> HTTPResponse {
    let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2, parts[1].count == 3, let status = Int(parts[1]),
      parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), status >= 100
    else {
      throw HTTPParseError(
        status: 400, message: "malformed status line \"\(statusLine.prefix(80))\"")
    }
    let version = String(parts[0])
    try HTTPVersion.check(version)
    let reason = parts.count == 3 ? String(parts[2]) : ""
    return HTTPResponse(status: status, reason: reason, version: version, headers: headers)
  }
}
