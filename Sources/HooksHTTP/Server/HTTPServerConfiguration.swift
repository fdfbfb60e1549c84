/// Settings of an `HTTPServer`.
public struct HTTPServerConfiguration: Sendable {
  /// The numeric address to listen on. The default is the IPv4 loopback address.
  public var host: String
  /// The port; 0 picks a free port, which `HTTPServer.port` then reports.
  public var port: UInt16
  /// Whether a `host` outside 127.0.0.0/8 and ::1 is accepted. Off by default, because the
  /// server speaks plain HTTP.
  public var allowNonLoopback: Bool
  /// Parser limits and the idle timeout.
  public var limits: HTTPLimits
  /// Maximum open connections. A connection beyond it gets `503 Service Unavailable`.
  public var maxConnections: Int
  /// Milliseconds the server waits for a peer to take a response before it gives up.
  public var writeTimeoutMilliseconds: Int
  /// Builds the response for a request that could not be parsed. The default sends the error
  /// message as plain text.
  public var parseErrorResponse: @Sendable (HTTPParseError) -> HTTPResponse

  /// Creates a configuration; every argument has a default.
  public init(
    host: String = "127.0.0.1",
    port: UInt16 = 0,
    allowNonLoopback: Bool = false,
    limits: HTTPLimits = HTTPLimits(),
    maxConnections: Int = 256,
    writeTimeoutMilliseconds: Int = 30_000,
    parseErrorResponse: @escaping @Sendable (HTTPParseError) -> HTTPResponse =
      HTTPServerConfiguration.plainTextErrorResponse
  ) {
    self.host = host
    self.port = port
    self.allowNonLoopback = allowNonLoopback
    self.limits = limits
    self.maxConnections = maxConnections
    self.writeTimeoutMilliseconds = writeTimeoutMilliseconds
    self.parseErrorResponse = parseErrorResponse
  }

  /// Returns a `text/plain` response with the error's status and message.
  @Sendable public static func plainTextErrorResponse(_ error: HTTPParseError) -> HTTPResponse {
    HTTPResponse(
      status: error.status,
      headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
      body: Array("\(error.message)\n".utf8))
  }
}

/// A failure to start an `HTTPServer`.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
  /// A description of the failure and what to do about it.
  public let message: String

  public var description: String { message }
}
