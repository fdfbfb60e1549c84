import HooksProtocol
import HooksWire
import Testing

@testable import HooksHarness

@Suite("Stage machine")
struct TransactionMachineTests {
  @Test("rcpt-only scanner sees envelope.to grow")
  func rcptOnlyScannerTwoRecipients() throws {
    let channel = InMemoryScannerChannel(subscriptions: ["first": [.rcpt]]) { _, _, _ in .noChange }
    let run = makeRun(makeScenario(), channel: channel)
    let outcome = run.runToEnd()

    #expect(outcome.exitStatus == RunExitStatus.accepted)
    let requests = channel.requests
    #expect(requests.count == 2)
    #expect(requests.allSatisfy { $0.stage == .rcpt })
    let first = try #require(requests.first?.request["envelope"]?["to"]?.arrayValue)
    let second = try #require(requests.last?.request["envelope"]?["to"]?.arrayValue)
    #expect(first.map { $0["address"] } == ["a@example.org"])
    #expect(second.map { $0["address"] } == ["a@example.org", "b@example.org"])
    #expect(channel.registeredScanners == ["first"])
  }

  @Test("second scanner sees the first one's header")
  func chainSeesPreviousEdits() throws {
    let channel = InMemoryScannerChannel { scanner, stage, request in
      guard stage == .data else { return .noChange }
      if scanner == "first" {
        return .body(["add": [["path": "/message/headers", "value": ["name": "X-Spam", "value": " yes"]]]])
      }
      let headers = request["message"]?["headers"]?.arrayValue ?? []
      let sawHeader = headers.contains { $0["name"] == "X-Spam" && $0["value"] == " yes" }
      return sawHeader ? .body(actionResponse("quarantine")) : .noChange
    }
    let run = makeRun(makeScenario(scanners: ["first", "second"]), channel: channel)
    let outcome = run.runToEnd()

    #expect(outcome.exitStatus == RunExitStatus.quarantined)
    let dataRequests = channel.requests.filter { $0.stage == .data }
    #expect(dataRequests.map(\.scanner) == ["first", "second"])
    let secondHeaders = dataRequests.last?.request["message"]?["headers"]?.arrayValue ?? []
    #expect(secondHeaders.last?["name"] == "X-Spam")
    let raw = try #require(dataRequests.last?.request["rawMessage"]?.bytesValue)
    #expect(String(decoding: raw, as: UTF8.self).contains("X-Spam: yes\r\n"))
  }

  @Test("null sender is address null")
  func nullSender() throws {
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(makeScenario(sender: nil), channel: channel)
    run.runToEnd()
    let mail = try #require(channel.requests.first { $0.stage == .mail })
    #expect(mail.request["envelope"]?["from"]?["address"] == .null)
    #expect(mail.request["envelope"]?["from"]?["parameters"] == .object(JSONObject()))
  }

  @Test("unavailable properties are null")
  func unavailablePropertiesNull() throws {
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(makeScenario(), channel: channel)
    run.runToEnd()
    let connect = try #require(channel.requests.first)
    #expect(connect.stage == .connect)
    #expect(connect.request["envelope"] == .null)
    #expect(connect.request["message"] == .null)
    #expect(connect.request["rawMessage"] == .null)
    let data = try #require(channel.requests.last)
    #expect(data.request["rawMessage"]?.bytesValue == makeScenario().message)
    #expect(data.request["message"]?["subject"] == "Hello")
  }

  @Test("reject at rcpt refuses one recipient")
  func rejectOneRecipient() throws {
    let channel = InMemoryScannerChannel { _, stage, request in
      let current = request["envelope"]?["to"]?.arrayValue?.last?["address"]
      return stage == .rcpt && current == "b@example.org" ? .body(actionResponse("reject")) : .noChange
    }
    let run = makeRun(makeScenario(), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.accepted)
    let rcptResults = run.machine.results.filter { $0.event.stage == .rcpt }
    #expect(rcptResults.map { $0.reply?.code } == [250, 550])
    let data = try #require(channel.requests.last { $0.stage == .data })
    #expect(data.request["envelope"]?["to"]?.arrayValue?.map { $0["address"] } == ["a@example.org"])
  }

  @Test("every recipient rejected exits 5")
  func allRecipientsRejected() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .rcpt ? .body(actionResponse("reject")) : .noChange
    }
    let run = makeRun(makeScenario(), channel: channel)
    #expect(run.runToEnd().exitStatus == RunExitStatus.rejectedAtRcpt)
    #expect(!channel.requests.contains { $0.stage == .data })
  }

  @Test("terminal action stops the chain")
  func terminalStopsChain() {
    let channel = InMemoryScannerChannel { scanner, stage, _ in
      stage == .mail && scanner == "first" ? .body(actionResponse("reject", code: 550)) : .noChange
    }
    let run = makeRun(makeScenario(scanners: ["first", "second"]), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.rejectedAtMail)
    #expect(!channel.requests.contains { $0.stage == .mail && $0.scanner == "second" })
    #expect(run.machine.results.last?.endedBy == "first")
    #expect(outcome.reply?.line == "550 5.7.1 Policy")
  }

  @Test("reject at connect uses 554")
  func rejectAtConnect() {
    let channel = InMemoryScannerChannel { _, _, _ in .body(actionResponse("reject")) }
    let run = makeRun(makeScenario(), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.rejectedAtConnect)
    #expect(outcome.reply?.code == 554)
  }

  @Test("quarantine at rcpt is applied after data")
  func rememberedQuarantine() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .rcpt ? .body(actionResponse("quarantine")) : .noChange
    }
    let run = makeRun(makeScenario(), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.quarantined)
    #expect(channel.requests.contains { $0.stage == .data })
    #expect(run.machine.results.first { $0.event.stage == .rcpt }?.reply?.code == 250)
  }

  @Test("quarantine at connect shows in later requests")
  func carriedQuarantineInRequests() throws {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .connect ? .body(actionResponse("quarantine")) : .noChange
    }
    let run = makeRun(makeScenario(scanners: ["first", "second"]), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.quarantined)
    let data = try #require(channel.requests.last { $0.stage == .data })
    #expect(data.request["action"] == "quarantine")
    let dataCalls = run.machine.snapshots.filter { $0.event.stage == .data }
    #expect(dataCalls.count == 2)
    for call in dataCalls {
      #expect(call.actionBefore == .quarantine)
      #expect(call.actionAfter == .quarantine)
    }
    let notes = run.machine.results.flatMap(\.notes).filter { $0.contains("remembered") }
    #expect(notes == ["quarantine at connect is remembered and applied after data"])
  }

  @Test("discard at mail keeps later chains whole")
  func carriedDiscardKeepsChains() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .mail ? .body(actionResponse("discard")) : .noChange
    }
    let run = makeRun(makeScenario(scanners: ["first", "second"]), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.discarded)
    let dataCalls = run.machine.snapshots.filter { $0.event.stage == .data }
    #expect(dataCalls.map(\.scanner) == ["first", "second"])
    #expect(dataCalls.allSatisfy { $0.actionAfter == .discard })
  }

  @Test("discard at mail wins over a later quarantine")
  func rememberedDiscard() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      switch stage {
      case .mail: return .body(actionResponse("discard"))
      case .data: return .body(actionResponse("quarantine"))
      default: return .noChange
      }
    }
    let outcome = makeRun(makeScenario(), channel: channel).runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.discarded)
  }

  @Test("disconnect ends the session")
  func disconnect() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .ehlo ? .body(actionResponse("disconnect")) : .noChange
    }
    let run = makeRun(makeScenario(), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.disconnected)
    #expect(outcome.reply?.code == 421)
    #expect(!channel.requests.contains { $0.stage == .mail })
  }

  @Test("tempfail policy answers 451")
  func tempfailPolicy() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .data ? .failure(.status(502, "Bad Gateway")) : .noChange
    }
    let run = makeRun(makeScenario(), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.scannerFailure)
    #expect(outcome.reply?.line == "451 4.3.0 Scanner first unavailable, try again later")
    #expect(run.machine.snapshots.last?.rule.hasPrefix("tempfail") == true)
  }

  @Test("fail-open policy continues")
  func failOpenPolicy() {
    var scenario = makeScenario()
    scenario.scanners[0].failurePolicy = .failOpen
    let channel = InMemoryScannerChannel { _, _, _ in .failure(.timeout("no response within 5000 ms")) }
    let run = makeRun(scenario, channel: channel)
    #expect(run.runToEnd().exitStatus == RunExitStatus.accepted)
    #expect(run.machine.snapshots.allSatisfy { $0.rule.hasPrefix("fail-open") })
  }

  @Test("lowering the action needs trust")
  func downgradeRefused() {
    let channel = InMemoryScannerChannel { scanner, stage, _ in
      guard stage == .data else { return .noChange }
      return .body(actionResponse(scanner == "first" ? "quarantine" : "accept"))
    }
    let untrusted = makeRun(makeScenario(scanners: ["first", "second"]), channel: channel)
    #expect(untrusted.runToEnd().exitStatus == RunExitStatus.quarantined)
    #expect(untrusted.machine.snapshots.last?.problems.first?.contains("lowers the action") == true)

    var scenario = makeScenario(scanners: ["first", "second"])
    scenario.scanners[1].trusted = true
    let trusted = makeRun(scenario, channel: channel)
    #expect(trusted.runToEnd().exitStatus == RunExitStatus.accepted)
  }

  @Test("write outside the stage's paths is refused")
  func writableRefusal() throws {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .ehlo
        ? .body(["set": [["path": "/envelope", "value": "x"], ["path": "/action", "value": "reject"]]])
        : .noChange
    }
    let run = makeRun(makeScenario(), channel: channel)
    #expect(run.runToEnd().exitStatus == RunExitStatus.accepted)
    let ehlo = try #require(run.machine.snapshots.first { $0.event.stage == .ehlo })
    #expect(ehlo.rule.hasPrefix("atomic"))
    #expect(ehlo.operations.count == 2)
    #expect(ehlo.actionAfter == .accept)
  }

  @Test("JSON Patch rule names format")
  func jsonPatchRuleNamesFormat() throws {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .data
        ? .body([["op": "replace", "path": "/message/subject", "value": "Tagged"]])
        : .body(["set": [["path": "/response/message", "value": "Hi"]]])
    }
    let run = makeRun(makeScenario(), channel: channel)
    #expect(run.runToEnd().exitStatus == RunExitStatus.accepted)
    let data = try #require(run.machine.snapshots.last)
    #expect(data.event.stage == .data)
    #expect(data.rule == "JSON Patch (draft-02 preview), atomic: 1 operation applied")
    #expect(RequestBuilder.request(for: data.stateAfter)["message"]?["subject"] == "Tagged")
    let connect = try #require(run.machine.snapshots.first)
    #expect(connect.rule == "atomic: 1 operation applied")
    let printed = TranscriptPrinter.lines(for: run).joined(separator: "\n")
    #expect(printed.contains("JSON Patch (draft-02 preview), applied [0] /message/subject"))
  }

  @Test("snapshots keep state before and after")
  func snapshotsBeforeAfter() throws {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .data ? .body(actionResponse("reject", code: 554, enhanced: "5.7.1", message: "Spam")) : .noChange
    }
    let run = makeRun(makeScenario(), channel: channel)
    run.runToEnd()
    let data = try #require(run.machine.snapshots.last)
    #expect(data.stateBefore.effectiveAction == .accept)
    #expect(data.stateAfter.effectiveAction == .reject)
    #expect(data.reply?.line == "554 5.7.1 Spam")
    #expect(data.operations.map(\.line) == ["set[0] /action: applied", "set[1] /response: applied"])
    #expect(run.machine.snapshots.map(\.index) == Array(0..<run.machine.snapshots.count))
  }

  @Test("step, next stage and breakpoints")
  func steppingAndBreakpoints() throws {
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(makeScenario(scanners: ["first", "second"]), channel: channel)
    let first = try #require(run.step())
    #expect(first.event == .connect)
    #expect(first.scanner == "first")
    #expect(run.machine.results.isEmpty)

    let connect = try #require(run.nextStage())
    #expect(connect.event == .connect)
    #expect(connect.snapshots == 0..<2)

    run.breakpoints.stages = [.rcpt]
    #expect(run.continueRun() == .breakpoint(stage: .rcpt, scanner: "first"))
    #expect(run.machine.results.last?.event.stage == .mail)

    run.breakpoints = ScenarioRun.Breakpoints()
    run.breakpoints.scanners = ["second"]
    #expect(run.continueRun() == .breakpoint(stage: .rcpt, scanner: "second"))
    run.breakpoints.scanners = []
    #expect(run.continueRun() == .finished)
    #expect(run.outcome?.exitStatus == RunExitStatus.accepted)
    #expect(run.step() == nil)
  }

  @Test("quit after a stage")
  func quitAfter() {
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(makeScenario(), channel: channel)
    run.quitAfter = .mail
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.accepted)
    #expect(outcome.stage == .mail)
    #expect(!channel.requests.contains { $0.stage == .rcpt })
  }
}
