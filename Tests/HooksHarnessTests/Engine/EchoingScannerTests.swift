import Foundation
import HooksHTTP
import HooksProtocol
import HooksWire
import Testing

@testable import HooksHarness

/// An external draft-01 scanner on a loopback `HTTPServer` whose registration response
/// echoes the request's `inbound` subscription as `negotiated.inbound`, nulls included.
/// It rejects recipients whose address starts with `spamtrap`.
private final class EchoingScanner: @unchecked Sendable {
  let server: HTTPServer
  private let recorded: Recorder<HTTPRequest>

  /// `negotiated` rewrites the echoed subscription before it is sent back.
  init(negotiated: @escaping @Sendable (JSONValue) -> JSONValue = { $0 }) throws {
    let recorder = Recorder<HTTPRequest>()
    server = HTTPServer(configuration: HTTPServerConfiguration(port: 0)) { request in
      recorder.append(request)
      return EchoingScanner.reply(to: request, negotiated: negotiated)
    }
    recorded = recorder
    try server.start()
  }

  /// The request targets in arrival order.
  var targets: [String] { recorded.values.map(\.target) }

  /// The parsed registration request body, or nil before registration.
  var registrationBody: JSONValue? {
    recorded.values.first { $0.target == "/register" }.flatMap { try? JSONParser.parse($0.body) }
  }

  func stop() { server.shutdown(graceMilliseconds: 200) }

  private static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: HTTPHeaders([("Content-Type", "application/json")]),
      body: JSONSerializer.bytes(value))
  }

  private static func reply(
    to request: HTTPRequest, negotiated: (JSONValue) -> JSONValue
  ) -> HTTPResponse {
    switch request.target {
    case "/.well-known/mta-hooks":
      return json(200, [
        "endpoints": ["registration": "/register"],
        "serialization": ["json"],
        "capabilities": [
          "inbound": [
            "stages": ["rcpt", "data"], "actions": ["accept", "reject"],
            "updateProperties": ["/action", "/response"],
          ]
        ],
      ])
    case "/register":
      let body = (try? JSONParser.parse(request.body)) ?? .null
      return json(201, [
        "registrationId": "r1", "status": "active", "createdAt": "2026-12-04T16:00:00.000Z",
        "hookEndpoint": "/hook/r1",
        "negotiated": [
          "serialization": "json", "inbound": negotiated(body["inbound"] ?? .null),
          "outbound": .null,
        ],
        "endpoints": ["deregistration": "/register/r1", "status": "/register/r1/status"],
      ])
    case "/hook/r1":
      let body = (try? JSONParser.parse(request.body)) ?? .null
      let address = body["envelope"]?["to"]?.arrayValue?.last?["address"]?.stringValue ?? ""
      guard address.hasPrefix("spamtrap") else { return HTTPResponse(status: 204) }
      return json(200, ["set": [["path": "/action", "value": "reject"]]])
    default:
      return HTTPResponse(status: 204)
    }
  }
}

@Suite struct EchoingScannerTests {
  private func scenario(_ scanner: EchoingScanner) -> Scenario {
    var scenario = makeScenario(recipients: ["bob@example.org", "spamtrap@example.org"])
    scenario.scanners = [
      ScannerSettings(
        name: "echo", source: .external(url: scanner.server.baseURL, token: "s3cret"))
    ]
    return scenario
  }

  @Test func nullPropertiesStillCallsScanner() throws {
    let scanner = try EchoingScanner()
    defer { scanner.stop() }
    let run = ScenarioRun.live(scenario(scanner))
    let outcome = run.runToEnd()
    run.machine.close()

    let hookCalls = scanner.targets.filter { $0 == "/hook/r1" }
    #expect(hookCalls.count == 3)
    let rcptCalls = run.machine.snapshots.filter { $0.event.stage == .rcpt }
    #expect(rcptCalls.count == 2)
    for call in run.machine.snapshots {
      #expect(!call.call.exchanges.isEmpty, "\(call.event.stage) has no exchange")
    }
    #expect(run.machine.state.recipients.map(\.address) == ["bob@example.org"])
    #expect(outcome.exitStatus == RunExitStatus.accepted)
  }

  @Test func registrationOmitsUnknownVersion() throws {
    let scanner = try EchoingScanner()
    defer { scanner.stop() }
    let run = ScenarioRun.live(scenario(scanner))
    _ = run.runToEnd()
    run.machine.close()

    let body = try #require(scanner.registrationBody)
    #expect(body["name"] != nil)
    #expect(body["version"] == nil)
  }

  @Test func noNegotiatedStagesFailsRegistration() throws {
    let scanner = try EchoingScanner { _ in ["stages": [], "properties": .null] }
    defer { scanner.stop() }
    let run = ScenarioRun.live(scenario(scanner))
    let outcome = run.runToEnd()
    run.machine.close()

    #expect(!scanner.targets.contains("/hook/r1"))
    let failure = try #require(run.machine.registrations.first?.failure)
    #expect("\(failure)".contains("negotiated no stages"))
    for call in run.machine.snapshots {
      #expect(call.rule != "no change: the response is empty", "\(call.event.stage)")
    }
    #expect(outcome.exitStatus != RunExitStatus.accepted)
  }
}

@Suite struct RegistrationFailureTranscriptTests {
  @Test func causeIsNotRepeatedPerStage() throws {
    // A port that was just free: nothing listens there any more.
    let closed = HTTPServer(configuration: HTTPServerConfiguration(port: 0)) { _ in
      HTTPResponse(status: 204)
    }
    try closed.start()
    let url = closed.baseURL
    closed.shutdown(graceMilliseconds: 0)

    var scenario = makeScenario()
    scenario.scanners = [ScannerSettings(name: "gone", source: .external(url: url, token: "t"))]
    let run = ScenarioRun.live(scenario)
    _ = run.runToEnd()
    run.machine.close()

    let lines = TranscriptPrinter.lines(for: run)
    let registration = lines.filter { $0.hasPrefix("** registration of \"gone\" failed: ") }
    #expect(registration.count == 1)
    #expect(registration.first?.contains("registration failed") == false)
    let stageLines = lines.filter { $0.hasPrefix("** connect  gone  ") }
    #expect(stageLines.count == 1)
    #expect(stageLines.first?.contains("not called; tempfail") == true)
    #expect(stageLines.first?.contains("discovery") == false)
  }
}

@Suite struct UnsubscribedStageTests {
  @Test func stageLineNamesSkippedScanner() throws {
    let scanner = try EchoingScanner()
    defer { scanner.stop() }
    var scenario = makeScenario(recipients: ["bob@example.org"])
    scenario.scanners = [
      ScannerSettings(
        name: "echo", source: .external(url: scanner.server.baseURL, token: "s3cret"))
    ]
    let run = ScenarioRun.live(scenario)
    _ = run.runToEnd()
    run.machine.close()

    let connect = try #require(run.machine.results.first { $0.event.stage == .connect })
    #expect(connect.notes.contains("not subscribed: echo"))
    #expect(connect.snapshots.isEmpty)
    let data = try #require(run.machine.results.first { $0.event.stage == .data })
    #expect(!data.notes.contains { $0.hasPrefix("not subscribed") })
    let lines = TranscriptPrinter.lines(for: run)
    #expect(lines.contains { $0.hasPrefix("== connect  accept") && $0.hasSuffix("; not subscribed: echo") })
  }
}
