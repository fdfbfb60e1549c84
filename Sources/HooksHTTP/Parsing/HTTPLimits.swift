/// Limits that keep a peer from exhausting memory or holding a connection forever.
///
/// The defaults are choices of HookBench, not numbers from a standard. The body limit leaves
/// room for a 25 MiB message sent twice (as `message` and as Base64 `rawMessage`).
public struct HTTPLimits: Sendable, Equatable {
  /// Maximum bytes of the start line and header section together, final empty line included.
  /// A larger head gets `431 Request Header Fields Too Large`.
  public var maxHeaderBytes: Int
  /// Maximum number of header fields. More get `431 Request Header Fields Too Large`.
  public var maxHeaderCount: Int
  /// Maximum body bytes after chunked decoding. A larger body gets `413 Content Too Large`.
  public var maxBodyBytes: Int
  /// Milliseconds a connection may stay silent. A silent connection in the middle of a request
  /// gets `408 Request Timeout`; an idle keep-alive connection is closed without a response.
  public var idleTimeoutMilliseconds: Int

  /// Creates limits; every argument has a default.
  public init(
    maxHeaderBytes: Int = 16 * 1024,
    maxHeaderCount: Int = 100,
    maxBodyBytes: Int = 80 * 1024 * 1024,
    idleTimeoutMilliseconds: Int = 30_000
  ) {
    self.maxHeaderBytes = maxHeaderBytes
    self.maxHeaderCount = maxHeaderCount
    self.maxBodyBytes = maxBodyBytes
    self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
  }
}

/// A message that cannot be parsed, with the status a server responds with.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The response status for this error: 400, 408, 413, 417, 431, 501 or 505.
  public var status: Int
  /// A description of the problem, naming the offending value.
  public var message: String

  /// Creates an error.
  public init(status: Int, message: String) {
    self.status = status
    self.message = message
  }

  public var description: String { "\(status) \(HTTPStatus.reasonPhrase(for: status)): \(message)" }
}
