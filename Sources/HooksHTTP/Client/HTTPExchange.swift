/// One request and what came back, byte for byte, with timing.
public struct HTTPExchange: Sendable {
  /// The URL the request went to.
  public var url: HTTPURL?
  /// The request as built, before sending.
  public var request: HTTPRequest
  /// The exact bytes written to the socket; empty when nothing was sent.
  public var rawRequest: [UInt8]
  /// The exact bytes read from the socket, interim `100 Continue` responses included.
  public var rawResponse: [UInt8]
  /// The final response, or the reason there is none.
  public var result: Result<HTTPResponse, HTTPClientError>
  /// Milliseconds from the start until the connection was open, or nil when it never was.
  public var connectMilliseconds: Double?
  /// Milliseconds from the start until the response was complete or the exchange failed.
  public var totalMilliseconds: Double

  /// The parsed response, or nil when the exchange failed.
  public var response: HTTPResponse? {
    if case .success(let response) = result { return response }
    return nil
  }

  /// The failure, or nil when a response arrived.
  public var error: HTTPClientError? {
    if case .failure(let error) = result { return error }
    return nil
  }
}
