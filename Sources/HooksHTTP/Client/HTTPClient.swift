#if canImport(Glibc)
  import Glibc
#endif

/// Settings of an `HTTPClient`.
public struct HTTPClientConfiguration: Sendable {
  /// Milliseconds to wait for the TCP connection.
  public var connectTimeoutMilliseconds: Int
  /// Milliseconds the server may stay silent while the response is read.
  public var readTimeoutMilliseconds: Int
  /// Milliseconds for the whole exchange, from connecting to the last response byte.
  public var totalTimeoutMilliseconds: Int
  /// Whether plain HTTP to a host outside 127.0.0.0/8 and ::1 is allowed. Off by default,
  /// because the draft requires TLS and HookBench does not implement it; the command line
  /// sets it with `--allow-remote-plaintext`.
  public var allowRemotePlaintext: Bool
  /// Limits on the response: header size and count, and body size.
  public var limits: HTTPLimits

  /// Creates a configuration; every argument has a default.
  public init(
    connectTimeoutMilliseconds: Int = 2_000,
    readTimeoutMilliseconds: Int = 10_000,
    totalTimeoutMilliseconds: Int = 30_000,
    allowRemotePlaintext: Bool = false,
    limits: HTTPLimits = HTTPLimits()
  ) {
    self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
    self.readTimeoutMilliseconds = readTimeoutMilliseconds
    self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
    self.allowRemotePlaintext = allowRemotePlaintext
    self.limits = limits
  }
}

/// A raw-socket HTTP/1.1 client that records every byte it sends and receives.
///
/// It adds exactly two header fields of its own when they are missing: `Host` (first) and
/// `Content-Length`. Each exchange uses a new connection, which is closed after the response.
/// `send` blocks the calling thread; call it from a thread, not from a Swift concurrency task.
///
/// NOTE: connections are not reused between exchanges, although the draft recommends
/// keep-alive; reuse would make faults such as "close without response" ambiguous to record.
public struct HTTPClient: Sendable {
  /// The settings of this client.
  public var configuration: HTTPClientConfiguration

  /// Creates a client.
  public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
    self.configuration = configuration
  }

  /// Sends a request to an absolute `http://` URL and returns the exchange.
  public func send(
    method: String, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
  ) -> HTTPExchange {
    let request = HTTPRequest(method: method, target: "/", headers: headers, body: body)
    do {
      return send(request, to: try HTTPURL(parsing: url))
    } catch {
      return HTTPExchange(
        url: nil, request: request, rawRequest: [], rawResponse: [], result: .failure(error),
        connectMilliseconds: nil, totalMilliseconds: 0)
    }
  }

  /// Sends `request` to `url`; the request's target is replaced by the URL's. Never throws:
  /// every failure is in the exchange's `result`, with the bytes that did go over the wire.
  public func send(_ request: HTTPRequest, to url: HTTPURL) -> HTTPExchange {
    let started = MonotonicClock.milliseconds()
    var outgoing = request
    outgoing.target = url.target
    if !outgoing.headers.contains("Host") {
      outgoing.headers = HTTPHeaders(
        [HTTPHeaders.Field(name: "Host", value: url.hostHeader)] + outgoing.headers.fields)
    }
    var exchange = HTTPExchange(
      url: url, request: outgoing, rawRequest: [], rawResponse: [],
      result: .failure(HTTPClientError(.connectionClosed, "not sent")),
      connectMilliseconds: nil, totalMilliseconds: 0)
    exchange.result = perform(outgoing, to: url, started: started, exchange: &exchange)
    exchange.totalMilliseconds = MonotonicClock.milliseconds() - started
    return exchange
  }

  private func perform(
    _ request: HTTPRequest, to url: HTTPURL, started: Double, exchange: inout HTTPExchange
  ) -> Result<HTTPResponse, HTTPClientError> {
    let address: SocketAddress
    switch checkedAddress(for: url) {
    case .success(let checked): address = checked
    case .failure(let error): return .failure(error)
    }
    let socket: Socket
    do {
      socket = try Socket.connect(
        to: address,
        timeoutMilliseconds: min(
          configuration.connectTimeoutMilliseconds, configuration.totalTimeoutMilliseconds))
    } catch let error as SocketError {
      let kind: HTTPClientError.Kind =
        error.code == ETIMEDOUT ? .connectTimedOut : .connectionFailed
      return .failure(HTTPClientError(kind, "\(error)"))
    } catch {
      return .failure(HTTPClientError(.connectionFailed, "\(error)"))
    }
    defer { socket.close() }
    exchange.connectMilliseconds = MonotonicClock.milliseconds() - started
    let deadline = started + Double(configuration.totalTimeoutMilliseconds)

    let bytes = request.serialized()
    do {
      try socket.writeAll(
        bytes, timeoutMilliseconds: max(1, Int(deadline - MonotonicClock.milliseconds())))
      exchange.rawRequest = bytes
    } catch {
      exchange.rawRequest = bytes
      return .failure(HTTPClientError(.connectionClosed, "sending to \(url) failed: \(error)"))
    }
    return readResponse(
      from: socket, for: request, url: url, deadline: deadline, exchange: &exchange)
  }

  /// Returns the socket address for `url`, or the reason the client will not connect to it.
  func checkedAddress(for url: HTTPURL) -> Result<SocketAddress, HTTPClientError> {
    guard let address = SocketAddress(host: url.host, port: url.port) else {
      return .failure(
        HTTPClientError(
          .connectionFailed,
          "cannot connect to \(url.origin): only numeric addresses and "
            + "localhost are supported; give the scanner's IP address"))
    }
    guard address.isLoopback || configuration.allowRemotePlaintext else {
      return .failure(
        HTTPClientError(
          .remotePlaintextRefused,
          "refusing plain HTTP to non-loopback \(url.origin): "
            + "TLS is out of scope for HookBench; allow it explicitly with "
            + "--allow-remote-plaintext"))
    }
    return .success(address)
  }

  private func readResponse(
    from socket: Socket, for request: HTTPRequest, url: HTTPURL, deadline: Double,
    exchange: inout HTTPExchange
  ) -> Result<HTTPResponse, HTTPClientError> {
    var parser = HTTPResponseParser(requestMethod: request.method, limits: configuration.limits)
    while true {
      do {
        while let response = try parser.next() {
          if (100..<200).contains(response.status) && response.status != 101 { continue }
          return .success(response)
        }
      } catch {
        return .failure(
          HTTPClientError(.malformedResponse, "invalid response from \(url): \(error.message)"))
      }
      let remaining = Int((deadline - MonotonicClock.milliseconds()).rounded(.down))
      if remaining <= 0 {
        return .failure(
          HTTPClientError(
            .timedOut,
            "no complete response from \(url) within the total timeout of "
              + "\(configuration.totalTimeoutMilliseconds) ms"))
      }
      let wait = min(remaining, configuration.readTimeoutMilliseconds)
      switch socket.read(timeoutMilliseconds: wait) {
      case .bytes(let bytes):
        exchange.rawResponse.append(contentsOf: bytes)
        parser.append(bytes)
      case .endOfStream:
        do {
          if let response = try parser.finishAtEndOfStream() { return .success(response) }
        } catch {
          return .failure(
            HTTPClientError(.malformedResponse, "invalid response from \(url): \(error.message)"))
        }
        let detail =
          exchange.rawResponse.isEmpty
          ? "without sending a response" : "in the middle of the response"
        return .failure(
          HTTPClientError(.connectionClosed, "\(url) closed the connection \(detail)"))
      case .timedOut:
        if wait < configuration.readTimeoutMilliseconds { continue }
        return .failure(
          HTTPClientError(
            .timedOut,
            "\(url) sent nothing for \(configuration.readTimeoutMilliseconds) ms "
              + "(read timeout)"))
      case .interrupted:
        continue
      case .failed(let error):
        return .failure(HTTPClientError(.connectionClosed, "reading from \(url) failed: \(error)"))
      }
    }
  }
}
