/// The reason an HTTP exchange produced no usable response.
public struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The class of failure, for callers that decide on retries.
  public enum Kind: String, Sendable, Equatable {
    /// The URL could not be parsed.
    case invalidURL
    /// The URL is not `http://`; TLS is out of scope.
    case unsupportedScheme
    /// The target is not a loopback address and plain HTTP to remote hosts is not allowed.
    case remotePlaintextRefused
    /// The TCP connection could not be made (refused, unreachable, no such host).
    case connectionFailed
    /// The TCP connection was not made within the connect timeout.
    case connectTimedOut
    /// The response did not arrive within the read or total timeout.
    case timedOut
    /// The connection broke or closed before a complete response arrived.
    case connectionClosed
    /// The response bytes are not valid HTTP/1.1.
    case malformedResponse
  }

  /// The class of failure.
  public var kind: Kind
  /// A description of the failure, naming the URL, the timeout or the parse problem.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// Whether the request was sent and its response timed out. A connect timeout is not
  /// counted, because the request never reached the server.
  public var isResponseTimeout: Bool { kind == .timedOut }

  /// Whether the failure happened while connecting or on a broken connection.
  public var isConnectionFailure: Bool {
    kind == .connectionFailed || kind == .connectTimedOut || kind == .connectionClosed
  }

  public var description: String { message }
}
