import Foundation
import HooksHTTP
import HooksWire

@testable import HooksHarness

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current = Date(timeIntervalSince1970: 1_800_000_000)

  var now: Date {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  func advance(seconds: TimeInterval) {
    lock.lock()
    current = current.addingTimeInterval(seconds)
    lock.unlock()
  }
}

/// Thread-safe storage for values recorded from handler threads or injected closures.
final class Recorder<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [Value] = []

  func append(_ value: Value) {
    lock.lock()
    stored.append(value)
    lock.unlock()
  }

  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}

/// Sequential request ids `req-1`, `req-2`, …
final class SequentialIDs: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  let prefix: String

  init(prefix: String) { self.prefix = prefix }

  func make() -> String {
    lock.lock()
    defer { lock.unlock() }
    next += 1
    return "\(prefix)-\(next)"
  }
}

/// A running scanner service on a free loopback port.
struct RunningScanner {
  let service: ScannerService
  let server: HTTPServer
  let clock: ManualClock
  static let token = "test-token-0123456789abcdef"

  init(
    configuration: ScannerServiceConfiguration = ScannerServiceConfiguration(
      token: RunningScanner.token),
    replier: @escaping HookReplier
  ) throws {
    let clock = ManualClock()
    let ids = SequentialIDs(prefix: "reg")
    service = ScannerService(
      configuration: configuration, now: { clock.now }, makeRegistrationID: { ids.make() },
      replier: replier)
    server = try service.start()
    self.clock = clock
  }

  var baseURL: String { server.baseURL }
  var discoveryURL: String { baseURL + "/.well-known/mta-hooks" }

  func stop() { service.stop(graceMilliseconds: 200) }

  /// Sends a request with the test token unless `token` is given.
  func send(
    _ method: String, _ path: String, headers: [(String, String)] = [], body: JSONValue? = nil,
    token: String? = RunningScanner.token, format: WireFormat = .json
  ) -> HTTPExchange {
    var fields = HTTPHeaders()
    if let token { fields.add(name: "Authorization", value: "Bearer \(token)") }
    if body != nil { fields.add(name: "Content-Type", value: format.contentType) }
    for (name, value) in headers { fields.add(name: name, value: value) }
    let bytes = body.map(format.encode) ?? []
    return HTTPClient().send(method: method, url: baseURL + path, headers: fields, body: bytes)
  }

  /// Registers for every stage and returns the registration id.
  func registerAll(format: WireFormat = .json) throws -> String {
    let exchange = send(
      "POST", "/v1/hooks/register",
      body: [
        "name": "test-mta", "serialization": .string(format.rawValue),
        "inbound": ["stages": ["connect", "ehlo", "mail", "rcpt", "data"]],
        "outbound": ["stages": ["delivery", "defer", "dsn"]],
      ], format: format)
    guard let response = exchange.response, response.status == 201,
      let id = try format.decode(response.body)["registrationId"]?.stringValue
    else {
      throw ScannerError(
        status: 0, code: "TEST",
        message: "registration failed: \(String(describing: exchange.response?.statusLine))")
    }
    return id
  }
}

/// A plausible hook body for `stage`, with the draft's common properties.
func sampleHookBody(stage: String) -> JSONValue {
  let outbound = DirectionCapabilities.outboundStages.contains(stage)
  var body: JSONObject = JSONObject()
  body["stage"] = .string(stage)
  body["action"] = outbound ? "continue" : "accept"
  body["timestamp"] = "2026-12-04T16:30:00.000Z"
  body["protocol"] = ["version": "1.0"]
  body["envelope"] =
    stage == "connect" || stage == "ehlo"
    ? .null
    : [
      "from": ["address": "sender@example.org", "parameters": [:]],
      "to": [["address": "rcpt@example.com", "parameters": ["NOTIFY": "NEVER"]]],
    ]
  body["rawMessage"] =
    stage == "data" || outbound
    ? .bytes(Array("Subject: hi\r\n\r\nbody\r\n".utf8)) : .null
  return .object(body)
}
