import Foundation
import HooksHTTP
import HooksWire
import TestSupport
import Testing

@testable import HooksHarness

@Suite struct ScannerServiceTests {
  private func fixture(_ name: String) throws -> JSONValue {
    try JSONParser.parse(try SharedFiles.bytes(SharedFiles.shared("fixtures/" + name)))
  }

  private func keys(_ value: JSONValue?) -> [String] {
    value?.objectValue?.keys.sorted() ?? []
  }

  private func errorCode(_ exchange: HTTPExchange) -> String? {
    guard let body = exchange.response?.body else { return nil }
    return (try? JSONParser.parse(body))?["error"]?["code"]?.stringValue
  }

  private func hookHeaders(id: String, requestID: String? = "r-1") -> [(String, String)] {
    var headers = [("X-MTA-Hooks-Registration", id)]
    if let requestID { headers.append(("X-MTA-Hooks-Request-Id", requestID)) }
    return headers
  }

  @Test func discoveryMatchesFixtureShape() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    let exchange = scanner.send("GET", "/.well-known/mta-hooks", token: nil)
    let response = try #require(exchange.response)
    #expect(response.status == 200)
    #expect(response.headers["Content-Type"] == "application/json")
    let document = try JSONParser.parse(response.body)
    let expected = try fixture("12-draft01-spec-discovery-document.json")
    #expect(keys(document) == keys(expected))
    #expect(keys(document["endpoints"]) == keys(expected["endpoints"]))
    #expect(
      keys(document["capabilities"]?["inbound"]) == keys(expected["capabilities"]?["inbound"]))
    #expect(keys(document["limits"]) == keys(expected["limits"]))
    #expect(document["endpoints"]?["registration"] == expected["endpoints"]?["registration"])
    #expect(document["endpoints"]?["deregistration"] == expected["endpoints"]?["deregistration"])
  }

  @Test func registrationMatchesFixtureShape() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    let request = try fixture("13-draft01-spec-registration-request.json")
    let exchange = scanner.send("POST", "/v1/hooks/register", body: request)
    let response = try #require(exchange.response)
    #expect(response.status == 201)
    let document = try JSONParser.parse(response.body)
    let expected = try fixture("14-draft01-spec-registration-response.json")
    #expect(keys(document) == keys(expected))
    #expect(keys(document["negotiated"]) == keys(expected["negotiated"]))
    #expect(keys(document["endpoints"]) == keys(expected["endpoints"]))
    let id = try #require(document["registrationId"]?.stringValue)
    #expect(document["hookEndpoint"]?.stringValue == "/v1/hooks/invoke/\(id)")
    #expect(response.headers["Location"] == "/v1/hooks/register/\(id)")
    #expect(document["negotiated"]?["inbound"] == expected["negotiated"]?["inbound"])
    let outboundProperties = document["negotiated"]?["outbound"]?["properties"]?.arrayValue
    #expect(outboundProperties?.count == DirectionCapabilities.allOutbound.fetchProperties.count)
    // The request asked for 2025-12-21, which is before the service's clock: it is raised.
    #expect(document["expiresAt"] == document["createdAt"])
  }

  @Test func statusMatchesFixtureShape() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    let id = try scanner.registerAll()
    let hook = scanner.send(
      "POST", "/v1/hooks/invoke/\(id)", headers: hookHeaders(id: id),
      body: sampleHookBody(stage: "data"))
    #expect(hook.response?.status == 204)
    let exchange = scanner.send("GET", "/v1/hooks/register/\(id)/status")
    let response = try #require(exchange.response)
    #expect(response.status == 200)
    let document = try JSONParser.parse(response.body)
    let expected = try fixture("15-draft01-spec-status-response.json")
    #expect(keys(document) == keys(expected))
    #expect(keys(document["statistics"]) == keys(expected["statistics"]))
    #expect(keys(document["health"]) == keys(expected["health"]))
    #expect(document["statistics"]?["invocations"]?["total"]?.intValue == 1)
    #expect(document["lastInvocation"]?.stringValue == Timestamp.format(scanner.clock.now))
  }

  @Test func deregistrationThenGone() throws {
    var configuration = ScannerServiceConfiguration(token: RunningScanner.token)
    configuration.gracePeriod = 5
    let scanner = try RunningScanner(configuration: configuration) { _ in .noChange }
    defer { scanner.stop() }
    let id = try scanner.registerAll()
    let deleted = scanner.send("DELETE", "/v1/hooks/register/\(id)")
    #expect(deleted.response?.status == 200)
    let body = try JSONParser.parse(try #require(deleted.response?.body))
    #expect(body["status"] == "deregistered")
    #expect(body["registrationId"]?.stringValue == id)

    let inGrace = scanner.send(
      "POST", "/v1/hooks/invoke/\(id)", headers: hookHeaders(id: id),
      body: sampleHookBody(stage: "rcpt"))
    #expect(inGrace.response?.status == 204)

    scanner.clock.advance(seconds: 6)
    let late = scanner.send(
      "POST", "/v1/hooks/invoke/\(id)", headers: hookHeaders(id: id),
      body: sampleHookBody(stage: "rcpt"))
    #expect(late.response?.status == 410)
    #expect(errorCode(late) == "REGISTRATION_DEREGISTERED")
    let status = scanner.send("GET", "/v1/hooks/register/\(id)/status")
    #expect((try? JSONParser.parse(status.response?.body ?? []))?["status"] == "deregistered")
    #expect(scanner.send("DELETE", "/v1/hooks/register/\(id)").response?.status == 410)
  }

  @Test func expiryAndRenewalGrace() throws {
    var configuration = ScannerServiceConfiguration(token: RunningScanner.token)
    configuration.registrationLifetime = 60
    configuration.gracePeriod = 10
    let scanner = try RunningScanner(configuration: configuration) { _ in .noChange }
    defer { scanner.stop() }
    let first = try scanner.registerAll()
    scanner.clock.advance(seconds: 30)
    let second = try scanner.registerAll()
    #expect(first != second)
    scanner.clock.advance(seconds: 5)
    let oldInGrace = scanner.send(
      "POST", "/v1/hooks/invoke/\(first)", headers: hookHeaders(id: first),
      body: sampleHookBody(stage: "data"))
    #expect(oldInGrace.response?.status == 204)
    scanner.clock.advance(seconds: 6)
    let oldAfterGrace = scanner.send(
      "POST", "/v1/hooks/invoke/\(first)", headers: hookHeaders(id: first),
      body: sampleHookBody(stage: "data"))
    #expect(oldAfterGrace.response?.status == 410)
    let renewed = scanner.send(
      "POST", "/v1/hooks/invoke/\(second)", headers: hookHeaders(id: second),
      body: sampleHookBody(stage: "data"))
    #expect(renewed.response?.status == 204)
    scanner.clock.advance(seconds: 60 + 10)
    let expired = scanner.send(
      "POST", "/v1/hooks/invoke/\(second)", headers: hookHeaders(id: second),
      body: sampleHookBody(stage: "data"))
    #expect(expired.response?.status == 410)
  }

  @Test func hookCallChecksOverSocket() throws {
    var configuration = ScannerServiceConfiguration(token: RunningScanner.token)
    configuration.maxMessageSize = 2_000
    let scanner = try RunningScanner(configuration: configuration) { _ in .noChange }
    defer { scanner.stop() }
    let id = try scanner.registerAll()
    let path = "/v1/hooks/invoke/\(id)"
    let body = sampleHookBody(stage: "data")
    let big: JSONValue = [
      "stage": "data", "padding": .string(String(repeating: "x", count: 3_000)),
    ]
    let cases: [(String, HTTPExchange, Int, String)] = [
      (
        "missing token",
        scanner.send("POST", path, headers: hookHeaders(id: id), body: body, token: nil), 401,
        "AUTHENTICATION_REQUIRED"
      ),
      (
        "wrong token",
        scanner.send("POST", path, headers: hookHeaders(id: id), body: body, token: "wrong"), 401,
        "INVALID_CREDENTIALS"
      ),
      (
        "wrong registration id",
        scanner.send("POST", path, headers: hookHeaders(id: "reg-999"), body: body), 403,
        "REGISTRATION_MISMATCH"
      ),
      (
        "unknown registration",
        scanner.send(
          "POST", "/v1/hooks/invoke/reg-999", headers: hookHeaders(id: "reg-999"), body: body), 404,
        "REGISTRATION_NOT_FOUND"
      ),
      (
        "missing request id",
        scanner.send("POST", path, headers: hookHeaders(id: id, requestID: nil), body: body), 400,
        "MISSING_REQUEST_ID"
      ),
      (
        "request id too long",
        scanner.send(
          "POST", path, headers: hookHeaders(id: id, requestID: String(repeating: "a", count: 129)),
          body: body), 400, "INVALID_REQUEST"
      ),
      (
        "request id with a space",
        scanner.send("POST", path, headers: hookHeaders(id: id, requestID: "a b"), body: body), 400,
        "INVALID_REQUEST"
      ),
      (
        "body over maxMessageSize",
        scanner.send("POST", path, headers: hookHeaders(id: id), body: big), 413,
        "REQUEST_TOO_LARGE"
      ),
      (
        "unsubscribed stage",
        scanner.send("POST", path, headers: hookHeaders(id: id), body: ["stage": "route"]), 400,
        "INVALID_STAGE"
      ),
      (
        "CBOR body on a JSON registration",
        scanner.send(
          "POST", path,
          headers: hookHeaders(id: id, requestID: "r-2") + [("Content-Type", "application/cbor")]),
        400, "INVALID_REQUEST"
      ),
    ]
    for (name, exchange, status, code) in cases {
      #expect(exchange.response?.status == status, "\(name)")
      #expect(errorCode(exchange) == code, "\(name)")
      let good = scanner.send("POST", path, headers: hookHeaders(id: id), body: body)
      #expect(good.response?.status == 204, "good call after \(name)")
    }
    let unauthorized = scanner.send(
      "POST", path, headers: hookHeaders(id: id), body: body, token: nil)
    #expect(unauthorized.response?.headers["WWW-Authenticate"] == "Bearer")
  }

  @Test func requestIDAtLimitIsAccepted() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    let id = try scanner.registerAll()
    let requestID = String(repeating: "Az09-._~", count: 16)
    #expect(requestID.count == 128)
    let exchange = scanner.send(
      "POST", "/v1/hooks/invoke/\(id)", headers: hookHeaders(id: id, requestID: requestID),
      body: sampleHookBody(stage: "mail"))
    #expect(exchange.response?.status == 204)
  }

  @Test func malformedHTTPGetsErrorBody() throws {
    var configuration = HTTPServerConfiguration()
    configuration.limits = HTTPLimits(maxHeaderBytes: 512, maxBodyBytes: 100)
    let service = ScannerService(configuration: ScannerServiceConfiguration(token: "t")) { _ in
      .noChange
    }
    let server = try service.start(serverConfiguration: configuration)
    defer { service.stop() }
    let cases: [(String, Int, String)] = [
      ("BROKEN\r\n\r\n", 400, "INVALID_REQUEST"),
      (
        "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 600) + "\r\n\r\n", 431,
        "INVALID_REQUEST"
      ),
      ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n", 400, "INVALID_REQUEST"),
      (
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nQ\r\n", 400,
        "INVALID_REQUEST"
      ),
      ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n", 413, "REQUEST_TOO_LARGE"),
    ]
    for (text, status, code) in cases {
      let connection = try RawSocket(port: server.port)
      let response = try connection.exchange(text)
      #expect(response.status == status, "\(text.prefix(30).debugDescription)")
      let body = try JSONParser.parse(response.body)
      #expect(body["error"]?["code"]?.stringValue == code)
      let discovery = HTTPClient().send(
        method: "GET", url: server.baseURL + "/.well-known/mta-hooks")
      #expect(discovery.response?.status == 200)
    }
  }

  @Test func registrationErrors() throws {
    var configuration = ScannerServiceConfiguration(token: RunningScanner.token)
    configuration.maxRegistrations = 1
    configuration.outbound = nil
    let scanner = try RunningScanner(configuration: configuration) { _ in .noChange }
    defer { scanner.stop() }
    let cases: [(String, JSONValue, Int, String)] = [
      ("no stages", ["name": "m", "serialization": "json"], 400, "NO_STAGES_REQUESTED"),
      (
        "unknown serialization",
        ["name": "m", "serialization": "xml", "inbound": ["stages": ["data"]]], 400,
        "CAPABILITY_MISMATCH"
      ),
      (
        "unsupported stage",
        ["name": "m", "serialization": "json", "inbound": ["stages": ["route"]]], 400,
        "INVALID_STAGE"
      ),
      (
        "unsupported direction",
        ["name": "m", "serialization": "json", "outbound": ["stages": ["dsn"]]], 400,
        "CAPABILITY_MISMATCH"
      ),
      (
        "unsupported property",
        [
          "name": "m", "serialization": "json",
          "inbound": ["stages": ["data"], "properties": ["/secret"]],
        ], 422, "UNSUPPORTED_PROPERTY"
      ),
      (
        "missing name", ["serialization": "json", "inbound": ["stages": ["data"]]], 400,
        "INVALID_REQUEST"
      ),
      (
        "filter of the wrong type",
        ["name": "m", "serialization": "json", "inbound": ["stages": ["data"]], "filter": "x"], 400,
        "FILTER_INVALID"
      ),
    ]
    for (name, body, status, code) in cases {
      let exchange = scanner.send("POST", "/v1/hooks/register", body: body)
      #expect(exchange.response?.status == status, "\(name)")
      #expect(errorCode(exchange) == code, "\(name)")
    }
    let invalidJSON = HTTPClient().send(
      method: "POST", url: scanner.baseURL + "/v1/hooks/register",
      headers: HTTPHeaders([
        ("Authorization", "Bearer \(RunningScanner.token)"), ("Content-Type", "application/json"),
      ]),
      body: Array("{\"name\":".utf8))
    #expect(invalidJSON.response?.status == 400)
    #expect(errorCode(invalidJSON) == "INVALID_REQUEST")

    let good: JSONValue = [
      "name": "m", "serialization": "json",
      "inbound": ["stages": ["data"], "properties": ["/envelope/from/address"]],
    ]
    #expect(scanner.send("POST", "/v1/hooks/register", body: good).response?.status == 201)
    let other: JSONValue = [
      "name": "other", "serialization": "json", "inbound": ["stages": ["data"]],
    ]
    let full = scanner.send("POST", "/v1/hooks/register", body: other)
    #expect(full.response?.status == 409)
    #expect(errorCode(full) == "REGISTRATION_LIMIT_REACHED")
  }

  @Test func rateLimitGets429() throws {
    var configuration = ScannerServiceConfiguration(token: RunningScanner.token)
    configuration.rateLimitPerSecond = 2
    let scanner = try RunningScanner(configuration: configuration) { _ in .noChange }
    defer { scanner.stop() }
    let id = try scanner.registerAll()
    let path = "/v1/hooks/invoke/\(id)"
    let statuses = (0..<3).map { _ in
      scanner.send("POST", path, headers: hookHeaders(id: id), body: sampleHookBody(stage: "data"))
        .response?.status
    }
    #expect(statuses == [204, 204, 429])
    scanner.clock.advance(seconds: 1)
    #expect(
      scanner.send("POST", path, headers: hookHeaders(id: id), body: sampleHookBody(stage: "data"))
        .response?.status == 204)
  }

  @Test func unknownEndpointsAndMethods() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    #expect(scanner.send("GET", "/nothing").response?.status == 404)
    let wrongMethod = scanner.send("POST", "/.well-known/mta-hooks", token: nil)
    #expect(wrongMethod.response?.status == 405)
    #expect(wrongMethod.response?.headers["Allow"] == "GET")
  }

  @Test func cborNegotiatedEndToEnd() throws {
    let reply: JSONValue = [
      "add": [["path": "/message/headers", "value": ["name": "X-A", "value": "1"]]]
    ]
    let scanner = try RunningScanner { _ in .body(status: 200, reply) }
    defer { scanner.stop() }
    let discovery = scanner.send(
      "GET", "/.well-known/mta-hooks", headers: [("Accept", "application/cbor")], token: nil)
    #expect(discovery.response?.headers["Content-Type"] == "application/cbor")
    let document = try WireFormat.cbor.decode(try #require(discovery.response?.body))
    #expect(document["version"] == "1.0")

    let id = try scanner.registerAll(format: .cbor)
    #expect(scanner.service.registration(id)?.format == .cbor)
    let hook = scanner.send(
      "POST", "/v1/hooks/invoke/\(id)", headers: hookHeaders(id: id),
      body: sampleHookBody(stage: "data"),
      format: .cbor)
    let response = try #require(hook.response)
    #expect(response.status == 200)
    #expect(response.headers["Content-Type"] == "application/cbor")
    #expect(try WireFormat.cbor.decode(response.body) == reply)
    let asJSON = scanner.send(
      "POST", "/v1/hooks/invoke/\(id)", headers: hookHeaders(id: id),
      body: sampleHookBody(stage: "data"))
    #expect(asJSON.response?.status == 400)
  }

  @Test func blockingReplierLeavesOtherCallsServed() throws {
    // An intercept-style replier: the hook call waits until the test releases it.
    let release = DispatchSemaphore(value: 0)
    let scanner = try RunningScanner { _ in
      release.wait()
      return .body(status: 200, ["set": [["path": "/action", "value": "reject"]]])
    }
    defer { scanner.stop() }
    let id = try scanner.registerAll()
    let finished = Recorder<HTTPExchange>()
    let thread = Thread {
      finished.append(
        scanner.send(
          "POST", "/v1/hooks/invoke/\(id)", headers: hookHeaders(id: id),
          body: sampleHookBody(stage: "data")))
    }
    thread.start()
    usleep(100_000)
    #expect(finished.values.isEmpty)
    #expect(scanner.send("GET", "/.well-known/mta-hooks", token: nil).response?.status == 200)
    #expect(scanner.send("GET", "/v1/hooks/register/\(id)/status").response?.status == 200)
    release.signal()
    var waited = 0
    while finished.values.isEmpty && waited < 5_000 {
      usleep(10_000)
      waited += 10
    }
    let exchange = try #require(finished.values.first)
    #expect(exchange.response?.status == 200)
  }

  @Test func tokenComparison() {
    #expect(ConstantTime.equals("secret", "secret"))
    #expect(!ConstantTime.equals("secreT", "secret"))
    #expect(!ConstantTime.equals("secret1", "secret"))
    #expect(!ConstantTime.equals("", "secret"))
    #expect(!ConstantTime.equals("secret", ""))
    #expect(ConstantTime.equals("", ""))
  }
}
