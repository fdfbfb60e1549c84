import Foundation
import HooksHTTP
import HooksWire
import Testing

@testable import HooksHarness

@Suite struct ScannerClientTests {
  private let allStages = DirectionCapabilities.inboundStages + DirectionCapabilities.outboundStages

  /// Makes a client for `scanner` with recorded sleeps, sequential request ids and seed 7.
  private func makeClient(
    _ scanner: RunningScanner, format: WireFormat = .json, policy: FailurePolicy = .tempfail,
    readTimeout: Int = 2_000, sleeps: Recorder<Int> = Recorder(),
    configure: (inout ScannerClientConfiguration) -> Void = { _ in }
  ) -> ScannerClient {
    var configuration = ScannerClientConfiguration(
      discoveryURL: scanner.discoveryURL, token: RunningScanner.token, mtaName: "test-mta",
      serialization: format, failurePolicy: policy,
      http: HTTPClientConfiguration(readTimeoutMilliseconds: readTimeout))
    configure(&configuration)
    let ids = SequentialIDs(prefix: "req")
    return ScannerClient(
      configuration: configuration, now: { scanner.clock.now }, makeRequestID: { ids.make() },
      sleep: { sleeps.append($0) }, random: SeededRandomNumberGenerator(seed: 7))
  }

  private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test(arguments: [WireFormat.json, .cbor])
  func everyStageOverTheWire(format: WireFormat) throws {
    let calls = Recorder<HookCall>()
    let scanner = try RunningScanner { call in
      calls.append(call)
      if call.stage == "data" {
        return .body(status: 200, ["set": [["path": "/action", "value": "quarantine"]]])
      }
      return .noChange
    }
    defer { scanner.stop() }
    let client = makeClient(scanner, format: format)

    for (index, stage) in allStages.enumerated() {
      let body = sampleHookBody(stage: stage)
      let result = client.callHook(body)
      let expectedReply: ScannerReply =
        stage == "data"
        ? .body(["set": [["path": "/action", "value": "quarantine"]]]) : .noChange
      #expect(result.outcome == .success(expectedReply), "\(stage)")

      let purposes = result.exchanges.map(\.purpose)
      #expect(purposes == (index == 0 ? [.discovery, .registration, .hook] : [.hook]), "\(stage)")
      let hook = try #require(result.exchanges.last)
      let session = try #require(client.session)
      let expectedHead =
        "POST /v1/hooks/invoke/\(session.registrationID) HTTP/1.1\r\n"
        + "Host: 127.0.0.1:\(scanner.server.port)\r\n"
        + "Content-Type: \(format.contentType)\r\n"
        + "Authorization: Bearer \(RunningScanner.token)\r\n"
        + "X-MTA-Hooks-Registration: \(session.registrationID)\r\n"
        + "X-MTA-Hooks-Request-Id: req-\(index + 1)\r\n"
        + "Content-Length: \(format.encode(body).count)\r\n\r\n"
      #expect(hook.http.rawRequest == Array(expectedHead.utf8) + format.encode(body), "\(stage)")
      #expect(hook.requestID == "req-\(index + 1)")
      #expect(hook.attempt == 1)
      #expect(hook.registrationID == session.registrationID)
      let statusLine = stage == "data" ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 204 No Content\r\n"
      #expect(text(hook.http.rawResponse).hasPrefix(statusLine), "\(stage)")
    }
    let received = calls.values
    #expect(received.map(\.stage) == allStages)
    #expect(received.allSatisfy { $0.format == format })
    let data = try #require(received.first { $0.stage == "data" })
    let raw = Array("Subject: hi\r\n\r\nbody\r\n".utf8)
    // JSON carries binary values as Base64 text and CBOR as byte strings.
    let expectedRaw: JSONValue = format == .json ? .string(Base64.encode(raw)) : .bytes(raw)
    #expect(data.body["rawMessage"] == expectedRaw)
  }

  @Test func registrationRequestOnTheWire() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    let client = makeClient(scanner) { $0.outbound = nil }
    let result = client.register()
    #expect(result.outcome == .success(.noChange))
    let discovery = try #require(result.exchanges.first)
    #expect(text(discovery.http.rawRequest).hasPrefix("GET /.well-known/mta-hooks HTTP/1.1\r\n"))
    #expect(!text(discovery.http.rawRequest).contains("Authorization"))
    let registration = try #require(result.exchanges.last)
    let request = text(registration.http.rawRequest)
    #expect(request.hasPrefix("POST /v1/hooks/register HTTP/1.1\r\n"))
    #expect(request.contains("\r\nAuthorization: Bearer \(RunningScanner.token)\r\n"))
    let body = try JSONParser.parse(registration.http.request.body)
    #expect(body["name"] == "test-mta")
    #expect(body["serialization"] == "json")
    #expect(body["outbound"] == .null)
    #expect(body["inbound"]?["stages"]?.arrayValue?.count == 5)
    #expect(client.session?.hookURL.origin == "http://127.0.0.1:\(scanner.server.port)")
  }

  @Test func negotiatedPropertiesOnly() throws {
    let calls = Recorder<HookCall>()
    let scanner = try RunningScanner { call in
      calls.append(call)
      return .noChange
    }
    defer { scanner.stop() }
    let client = makeClient(scanner) {
      $0.inbound = .init(stages: ["data"], properties: ["/envelope/from"])
      $0.outbound = nil
    }
    #expect(client.callHook(sampleHookBody(stage: "data")).outcome == .success(.noChange))
    let skipped = client.callHook(sampleHookBody(stage: "rcpt"))
    #expect(skipped.outcome == .success(.noChange))
    #expect(skipped.exchanges.isEmpty)
    let sent = try #require(calls.values.first)
    #expect(sent.body.objectValue?.keys == ["stage", "action", "envelope"])
    #expect(calls.values.count == 1)
  }

  @Test(arguments: [FailurePolicy.tempfail, .failOpen])
  func faultsBecomeFailures(policy: FailurePolicy) throws {
    // The replier sends the fault the test chose last.
    let chosen = Recorder<HookFault>()
    let scanner = try RunningScanner { _ in
      guard let fault = chosen.values.last else { return .noChange }
      return .fault(fault)
    }
    defer { scanner.stop() }
    let sleeps = Recorder<Int>()
    let client = makeClient(scanner, policy: policy, readTimeout: 300, sleeps: sleeps)
    _ = client.register()

    func call(_ fault: HookFault) -> ScannerCallResult {
      chosen.append(fault)
      return client.callHook(sampleHookBody(stage: "data"))
    }
    func failure(_ result: ScannerCallResult) -> ScannerFailure? {
      if case .failure(let failure) = result.outcome { return failure }
      return nil
    }

    let closed = call(.close)
    guard case .connection = failure(closed)?.cause else {
      Issue.record("close: \(closed.outcome)")
      return
    }
    #expect(closed.exchanges.map(\.attempt) == [1, 2, 3])
    #expect(Set(closed.exchanges.map(\.requestID)).count == 1)

    let malformed = call(.malformedJSON)
    guard case .parse(let message) = failure(malformed)?.cause else {
      Issue.record("malformed-json: \(malformed.outcome)")
      return
    }
    #expect(message.contains("json body of HTTP/1.1 200 OK"))
    #expect(malformed.exchanges.count == 1)

    let wrongType = call(.wrongContentType)
    #expect(
      failure(wrongType)?.cause
        == .wrongContentType(expected: "application/json", received: "text/plain; charset=utf-8"))

    let timedOut = call(.timeout)
    guard case .timeout = failure(timedOut)?.cause else {
      Issue.record("timeout: \(timedOut.outcome)")
      return
    }
    #expect(timedOut.exchanges.count == 1)

    for result in [closed, malformed, wrongType, timedOut] {
      let failed = try #require(failure(result))
      #expect(failed.policy == policy)
      #expect(
        failed.smtpReply
          == (policy == .tempfail ? "451 4.3.0 Scanner unavailable, try again later" : nil))
      #expect(!result.exchanges.isEmpty)
    }
    #expect(sleeps.values.count == 2)
  }

  @Test func retriesWithSeededBackoff() throws {
    let attempts = Recorder<String>()
    let scanner = try RunningScanner { call in
      attempts.append(call.requestID)
      if attempts.values.count < 3 {
        return .error(ScannerError(status: 503, code: "SCANNER_UNAVAILABLE", message: "busy"))
      }
      return .noChange
    }
    defer { scanner.stop() }
    let sleeps = Recorder<Int>()
    let client = makeClient(scanner, sleeps: sleeps)
    _ = client.register()
    let result = client.callHook(sampleHookBody(stage: "rcpt"))
    #expect(result.outcome == .success(.noChange))
    #expect(result.exchanges.map(\.attempt) == [1, 2, 3])
    #expect(attempts.values == ["req-1", "req-1", "req-1"])

    var reference = SeededRandomNumberGenerator(seed: 7)
    let policy = RetryPolicy()
    let expected = [
      policy.delayMilliseconds(afterAttempt: 1, random: &reference),
      policy.delayMilliseconds(afterAttempt: 2, random: &reference),
    ]
    // 503 carries Retry-After: 1, which raises each delay to 1000 ms.
    #expect(sleeps.values == expected.map { max($0, 1_000) })
    #expect((100...200).contains(expected[0]))
    #expect((200...300).contains(expected[1]))
  }

  @Test(arguments: ["9223372036854775807", "99999999999999", "-5"])
  func hugeRetryAfterIsCapped(retryAfter: String) throws {
    // A scanner that replies to every request, discovery included, with 429 and this header.
    var headers = HTTPHeaders()
    headers.add(name: "Retry-After", value: retryAfter)
    let reply = HTTPResponse(status: 429, headers: headers)
    let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0)) { _ in reply }
    try server.start()
    defer { server.shutdown(graceMilliseconds: 200) }

    let configuration = ScannerClientConfiguration(
      discoveryURL: server.baseURL + "/.well-known/mta-hooks", token: RunningScanner.token,
      mtaName: "test-mta", http: HTTPClientConfiguration(readTimeoutMilliseconds: 2_000))
    let sleeps = Recorder<Int>()
    let ids = SequentialIDs(prefix: "req")
    let client = ScannerClient(
      configuration: configuration, now: { ManualClock().now }, makeRequestID: { ids.make() },
      sleep: { sleeps.append($0) }, random: SeededRandomNumberGenerator(seed: 7))
    _ = client.callHook(sampleHookBody(stage: "data"))
    #expect(sleeps.values.count == 2)
    for delay in sleeps.values {
      #expect((100...RetryPolicy().maxDelayMilliseconds).contains(delay), "delay \(delay)")
    }
  }

  @Test func backoffDoublesUpToTheCap() {
    var random = SeededRandomNumberGenerator(seed: 1)
    let policy = RetryPolicy(maxAttempts: 10)
    let delays = (1...8).map { policy.delayMilliseconds(afterAttempt: $0, random: &random) }
    let bases = [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000]
    for (delay, base) in zip(delays, bases) {
      #expect((base...(base + 100)).contains(delay), "delay \(delay) for base \(base)")
    }
    var first = SeededRandomNumberGenerator(seed: 42)
    var second = SeededRandomNumberGenerator(seed: 42)
    #expect((0..<5).map { _ in first.next() } == (0..<5).map { _ in second.next() })
  }

  @Test func serverErrorsExhaustAttempts() throws {
    let scanner = try RunningScanner { _ in
      .error(ScannerError(status: 500, code: "INTERNAL_ERROR", message: "boom"))
    }
    defer { scanner.stop() }
    let sleeps = Recorder<Int>()
    let client = makeClient(scanner, sleeps: sleeps)
    _ = client.register()
    let result = client.callHook(sampleHookBody(stage: "data"))
    let expectedError = ScannerError(status: 500, code: "INTERNAL_ERROR", message: "boom")
    #expect(
      result.outcome
        == .failure(
          ScannerFailure(
            cause: .status(
              code: 500, statusLine: "HTTP/1.1 500 Internal Server Error", error: expectedError),
            policy: .tempfail)))
    #expect(result.exchanges.count == 3)
    #expect(sleeps.values.count == 2)
    #expect(sleeps.values.allSatisfy { $0 < 1_000 })
  }

  @Test func clientErrorsAreNotRetried() throws {
    let scanner = try RunningScanner { _ in
      .error(ScannerError(status: 422, code: "UNSUPPORTED_PROPERTY", message: "no"))
    }
    defer { scanner.stop() }
    let client = makeClient(scanner)
    _ = client.register()
    let result = client.callHook(sampleHookBody(stage: "data"))
    #expect(result.exchanges.count == 1)
    guard case .failure(let failure) = result.outcome,
      case .status(let code, _, let error) = failure.cause
    else {
      Issue.record("expected a status failure, got \(result.outcome)")
      return
    }
    #expect(code == 422)
    #expect(error?.code == "UNSUPPORTED_PROPERTY")
  }

  @Test func reRegistersAfterDeregistration() throws {
    var configuration = ScannerServiceConfiguration(token: RunningScanner.token)
    configuration.gracePeriod = 0
    let scanner = try RunningScanner(configuration: configuration) { _ in .noChange }
    defer { scanner.stop() }
    let client = makeClient(scanner)
    _ = client.register()
    let oldID = try #require(client.session?.registrationID)
    #expect(scanner.send("DELETE", "/v1/hooks/register/\(oldID)").response?.status == 200)

    let result = client.callHook(sampleHookBody(stage: "mail"))
    #expect(result.outcome == .success(.noChange))
    #expect(result.exchanges.map(\.purpose) == [.hook, .discovery, .registration, .hook])
    #expect(result.exchanges.first?.http.response?.status == 410)
    let newID = try #require(client.session?.registrationID)
    #expect(newID != oldID)
    let hooks = result.exchanges.filter { $0.purpose == .hook }
    #expect(hooks.map(\.registrationID) == [oldID, newID])
    #expect(hooks.map(\.requestID) == ["req-1", "req-1"])
  }

  @Test func reRegistersOnlyOnceOn404() throws {
    let scanner = try RunningScanner { call in
      .error(ScannerError.notFound(call.registrationID))
    }
    defer { scanner.stop() }
    let client = makeClient(scanner)
    _ = client.register()
    let result = client.callHook(sampleHookBody(stage: "data"))
    #expect(result.exchanges.map(\.purpose) == [.hook, .discovery, .registration, .hook])
    guard case .failure(let failure) = result.outcome, case .status(let code, _, _) = failure.cause
    else {
      Issue.record("expected a 404 failure, got \(result.outcome)")
      return
    }
    #expect(code == 404)
  }

  @Test func reRegistersBeforeExpiry() throws {
    var configuration = ScannerServiceConfiguration(token: RunningScanner.token)
    configuration.registrationLifetime = 60
    let scanner = try RunningScanner(configuration: configuration) { _ in .noChange }
    defer { scanner.stop() }
    let client = makeClient(scanner)
    let first = client.callHook(sampleHookBody(stage: "connect"))
    #expect(first.exchanges.count == 3)
    scanner.clock.advance(seconds: 50)
    #expect(client.callHook(sampleHookBody(stage: "ehlo")).exchanges.count == 1)
    scanner.clock.advance(seconds: 6)
    let renewed = client.callHook(sampleHookBody(stage: "mail"))
    #expect(renewed.exchanges.map(\.purpose) == [.discovery, .registration, .hook])
    #expect(renewed.outcome == .success(.noChange))
  }

  @Test func registrationFailuresKeepTheCause() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    let client = makeClient(scanner) { $0.token = "wrong" }
    let result = client.callHook(sampleHookBody(stage: "data"))
    guard case .failure(let failure) = result.outcome,
      case .status(let code, _, let error) = failure.cause
    else {
      Issue.record("expected a status failure, got \(result.outcome)")
      return
    }
    #expect(code == 401)
    #expect(error?.code == "INVALID_CREDENTIALS")
    #expect(result.exchanges.map(\.purpose) == [.discovery, .registration])
  }

  @Test func unreachableScannerIsConnectionFailure() throws {
    let scanner = try RunningScanner { _ in .noChange }
    let url = scanner.discoveryURL
    scanner.stop()
    let sleeps = Recorder<Int>()
    let client = ScannerClient(
      configuration: ScannerClientConfiguration(
        discoveryURL: url, token: "t", failurePolicy: .failOpen),
      sleep: { sleeps.append($0) }, random: SeededRandomNumberGenerator(seed: 3))
    let result = client.callHook(sampleHookBody(stage: "data"))
    guard case .failure(let failure) = result.outcome, case .connection = failure.cause else {
      Issue.record("expected a connection failure, got \(result.outcome)")
      return
    }
    #expect(failure.smtpReply == nil)
    #expect(result.exchanges.count == 3)
    #expect(sleeps.values.count == 2)
  }

  @Test func httpsIsAConfigurationFailure() {
    let client = ScannerClient(
      configuration: ScannerClientConfiguration(
        registrationURL: "https://127.0.0.1/v1/hooks/register", token: "t"))
    let result = client.register()
    guard case .failure(let failure) = result.outcome,
      case .configuration(let message) = failure.cause
    else {
      Issue.record("expected a configuration failure, got \(result.outcome)")
      return
    }
    #expect(message.contains("TLS is out of scope"))
    #expect(result.exchanges.isEmpty)
  }

  @Test func deregisterEndsTheSession() throws {
    let scanner = try RunningScanner { _ in .noChange }
    defer { scanner.stop() }
    let client = makeClient(scanner)
    _ = client.register()
    let id = try #require(client.session?.registrationID)
    let result = client.deregister()
    #expect(result.outcome == .success(.noChange))
    let request = text(try #require(result.exchanges.first).http.rawRequest)
    #expect(request.hasPrefix("DELETE /v1/hooks/register/\(id) HTTP/1.1\r\n"))
    #expect(client.session == nil)
    #expect(scanner.service.registration(id)?.state == .deregistered)
  }
}
