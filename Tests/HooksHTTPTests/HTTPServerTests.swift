import Foundation
import Testing

@testable import HooksHTTP

@Suite struct HTTPServerTests {
  /// Starts a server whose handler echoes the method, target and body.
  private func startEchoServer(
    limits: HTTPLimits = HTTPLimits(), log: HTTPLogSink = .discard
  ) throws -> HTTPServer {
    let server = HTTPServer(configuration: HTTPServerConfiguration(limits: limits), log: log) {
      request in
      HTTPResponse(
        status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]),
        body: Array("\(request.method) \(request.target) ".utf8) + request.body)
    }
    try server.start()
    return server
  }

  @Test func clientRoundTripRecordsBytes() throws {
    let server = try startEchoServer()
    defer { server.shutdown() }
    let exchange = HTTPClient().send(
      method: "POST", url: "\(server.baseURL)/echo",
      headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array("{}".utf8))
    let response = try #require(exchange.response)
    #expect(response.status == 200)
    #expect(response.body == Array("POST /echo {}".utf8))
    let expected =
      "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"
      + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    #expect(exchange.rawRequest == Array(expected.utf8))
    let rawText = String(decoding: exchange.rawResponse, as: UTF8.self)
    #expect(rawText.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(rawText.hasSuffix("\r\n\r\nPOST /echo {}"))
    #expect(exchange.totalMilliseconds >= (exchange.connectMilliseconds ?? -1))
  }

  @Test func keepAliveServesSeveralRequests() throws {
    let server = try startEchoServer()
    defer { server.shutdown() }
    let connection = try RawConnection(port: server.port)
    try connection.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try connection.readResponse().body == Array("GET /one ".utf8))
    #expect(try connection.readResponse().body == Array("GET /two ".utf8))
    try connection.send(
      "POST /three HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nConnection: close\r\n\r\nz")
    let last = try connection.readResponse()
    #expect(last.body == Array("POST /three z".utf8))
    #expect(last.headers["Connection"] == "close")
    #expect(connection.isClosedByPeer())
  }

  @Test func expectContinueGets100First() throws {
    let server = try startEchoServer()
    defer { server.shutdown() }
    let connection = try RawConnection(port: server.port)
    try connection.send(
      "POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
    let interim = "HTTP/1.1 100 Continue\r\n\r\n"
    #expect(try connection.readBytes(interim.utf8.count) == Array(interim.utf8))
    try connection.send("abc")
    #expect(try connection.readResponse(method: "POST").body == Array("POST /c abc".utf8))
  }

  @Test func chunkedRequestOverSocket() throws {
    let server = try startEchoServer()
    defer { server.shutdown() }
    let connection = try RawConnection(port: server.port)
    try connection.send(
      "POST /k HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwire\r\n0\r\n\r\n")
    #expect(try connection.readResponse(method: "POST").body == Array("POST /k wire".utf8))
  }

  @Test func badInputGetsStatusAndServerKeepsServing() throws {
    let log = LogCollector()
    let limits = HTTPLimits(maxHeaderBytes: 1024, maxHeaderCount: 20, maxBodyBytes: 64)
    let server = try startEchoServer(limits: limits, log: log.sink)
    defer { server.shutdown() }
    let cases: [(String, String, Int)] = [
      ("malformed request line", "GARBAGE\r\n\r\n", 400),
      ("request line with two spaces", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
      (
        "oversized headers",
        "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 2000) + "\r\n\r\n", 431
      ),
      (
        "too many headers",
        "GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "A: 1\r\n", count: 30) + "\r\n", 431
      ),
      ("bad Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n", 400),
      (
        "bad chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
        400
      ),
      (
        "body over the limit",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n"
          + String(repeating: "b", count: 65), 413
      ),
      (
        "chunked body over the limit",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n"
          + String(repeating: "c", count: 64) + "\r\n1\r\nc\r\n0\r\n\r\n", 413
      ),
      ("HTTP/2 request line", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    ]
    for (name, text, status) in cases {
      let connection = try RawConnection(port: server.port)
      try connection.send(text)
      let response = try connection.readResponse()
      #expect(response.status == status, "\(name)")
      #expect(response.headers["Connection"] == "close", "\(name)")
      #expect(connection.isClosedByPeer(), "\(name)")

      let good = try RawConnection(port: server.port)
      try good.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(try good.readResponse().status == 200, "good request after \(name)")
    }
    let warnings = log.records.filter { $0.level == .warning }
    #expect(warnings.count >= cases.count)
    #expect(warnings.contains { $0.message.contains("431") })
  }

  @Test func silenceMidRequestGets408() throws {
    let log = LogCollector()
    let server = try startEchoServer(
      limits: HTTPLimits(idleTimeoutMilliseconds: 200), log: log.sink)
    defer { server.shutdown() }
    let connection = try RawConnection(port: server.port)
    try connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
    #expect(try connection.readResponse().status == 408)
    #expect(log.records.contains { $0.message.contains("sending 408") })

    let idle = try RawConnection(port: server.port)
    #expect(idle.isClosedByPeer(timeoutMilliseconds: 2_000))
  }

  @Test func handlerFaultsReachTheClient() throws {
    let server = HTTPServer { request in
      switch request.path {
      case "/close": return HTTPResponse(status: 200, fault: .closeWithoutResponse)
      case "/raw":
        return HTTPResponse(
          status: 200,
          fault: .rawBytes(Array("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{\"a\"".utf8)))
      case "/garbage":
        return HTTPResponse(status: 200, fault: .rawBytes(Array("not http\r\n\r\n".utf8)))
      case "/hold": return HTTPResponse(status: 200, fault: .holdOpen(milliseconds: 3_000))
      default: return HTTPResponse(status: 204, delayMilliseconds: 150)
      }
    }
    try server.start()
    defer { server.shutdown(graceMilliseconds: 100) }
    let client = HTTPClient(configuration: HTTPClientConfiguration(readTimeoutMilliseconds: 300))

    let closed = client.send(method: "POST", url: "\(server.baseURL)/close")
    #expect(closed.error?.kind == .connectionClosed)
    #expect(closed.rawResponse.isEmpty)
    #expect(!closed.rawRequest.isEmpty)

    let truncated = client.send(method: "POST", url: "\(server.baseURL)/raw")
    #expect(truncated.error?.kind == .malformedResponse)
    #expect(String(decoding: truncated.rawResponse, as: UTF8.self).hasSuffix("{\"a\""))

    let garbage = client.send(method: "POST", url: "\(server.baseURL)/garbage")
    #expect(garbage.error?.kind == .malformedResponse)

    let held = client.send(method: "POST", url: "\(server.baseURL)/hold")
    #expect(held.error?.kind == .timedOut)
    #expect(held.error?.isResponseTimeout == true)
    #expect(held.totalMilliseconds >= 300)

    let delayed = client.send(method: "POST", url: "\(server.baseURL)/slow")
    #expect(delayed.response?.status == 204)
    #expect(delayed.totalMilliseconds >= 150)
  }

  @Test func totalTimeoutBoundsTheExchange() throws {
    let server = HTTPServer { _ in HTTPResponse(status: 200, fault: .holdOpen(milliseconds: 3_000))
    }
    try server.start()
    defer { server.shutdown(graceMilliseconds: 100) }
    let client = HTTPClient(
      configuration: HTTPClientConfiguration(
        readTimeoutMilliseconds: 10_000, totalTimeoutMilliseconds: 250))
    let exchange = client.send(method: "GET", url: "\(server.baseURL)/")
    #expect(exchange.error?.kind == .timedOut)
    #expect(exchange.totalMilliseconds < 2_000)
  }

  @Test func connectionRefusedIsConnectionFailure() throws {
    let server = try startEchoServer()
    let url = server.baseURL
    server.shutdown()
    let exchange = HTTPClient().send(method: "GET", url: url + "/")
    #expect(exchange.error?.kind == .connectionFailed)
    #expect(exchange.error?.isConnectionFailure == true)
    #expect(exchange.rawRequest.isEmpty)
  }

  @Test func shutdownLetsInFlightRequestFinish() throws {
    let server = HTTPServer { _ in
      usleep(300_000)
      return HTTPResponse(status: 200, body: Array("done".utf8))
    }
    try server.start()
    let url = server.baseURL
    let result = ExchangeBox()
    let thread = Thread { result.set(HTTPClient().send(method: "GET", url: url + "/slow")) }
    thread.start()
    usleep(100_000)
    server.shutdown(graceMilliseconds: 3_000)
    let exchange = try #require(result.waitForValue())
    #expect(exchange.response?.status == 200)
    #expect(exchange.response?.headers["Connection"] == "close")
    #expect(server.openConnectionCount == 0)
    #expect(HTTPClient().send(method: "GET", url: url + "/").error?.kind == .connectionFailed)
  }

  @Test func servesIPv6Loopback() throws {
    let server = HTTPServer(configuration: HTTPServerConfiguration(host: "::1")) { request in
      HTTPResponse(status: 200, body: Array(request.target.utf8))
    }
    try server.start()
    defer { server.shutdown() }
    #expect(server.baseURL.hasPrefix("http://[::1]:"))
    let exchange = HTTPClient().send(method: "GET", url: server.baseURL + "/six")
    #expect(exchange.response?.body == Array("/six".utf8))
    #expect(
      String(decoding: exchange.rawRequest, as: UTF8.self).contains(
        "\r\nHost: [::1]:\(server.port)\r\n"))
  }

  @Test func nonLoopbackListenNeedsPermission() {
    let server = HTTPServer(configuration: HTTPServerConfiguration(host: "0.0.0.0")) { _ in
      HTTPResponse(status: 204)
    }
    #expect(throws: HTTPServerError.self) { try server.start() }
    let named = HTTPServer(configuration: HTTPServerConfiguration(host: "example.org")) { _ in
      HTTPResponse(status: 204)
    }
    #expect(throws: HTTPServerError.self) { try named.start() }
  }
}

/// Hands one exchange from a client thread to the test.
final class ExchangeBox: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: HTTPExchange?

  func set(_ exchange: HTTPExchange) {
    condition.lock()
    value = exchange
    condition.broadcast()
    condition.unlock()
  }

  func waitForValue(seconds: Double = 10) -> HTTPExchange? {
    condition.lock()
    defer { condition.unlock() }
    let deadline = Date(timeIntervalSinceNow: seconds)
    while value == nil && condition.wait(until: deadline) {}
    return value
  }
}
