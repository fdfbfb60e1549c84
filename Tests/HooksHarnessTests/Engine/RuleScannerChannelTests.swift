import HooksProtocol
import HooksWire
import TestSupport
import Testing

@testable import HooksHarness

@Suite("In-process rule channel")
struct RuleScannerChannelTests {
  private func loadSample(_ name: String) throws -> Scenario {
    try Scenario.load(path: SharedFiles.repository("samples/scenarios/\(name)").path)
  }

  private func makeSampleRun(_ scenario: Scenario, channel: RuleScannerChannel) -> ScenarioRun {
    let start = scenario.startAt ?? UTCTimestamp(millisecondsSinceEpoch: 0)
    return ScenarioRun(
      scenario: scenario, channel: channel, clock: SimulatedClock(start: start),
      ids: SequentialIdentifiers(), parseMessage: TransactionMachine.mailParser)
  }

  @Test("registration offers the stages of the rules")
  func registrationStages() throws {
    let scenario = try loadSample("welcome.json")
    let channel = RuleScannerChannel()
    let gatekeeper = channel.register(scenario.scanners[0])
    let spamCheck = channel.register(scenario.scanners[1])
    #expect(gatekeeper.failure == nil)
    #expect(gatekeeper.stages == [.connect, .ehlo, .mail, .rcpt])
    #expect(spamCheck.stages == [.data])
    #expect(spamCheck.updateProperties[.inbound] == ["/action", "/response", "/message/headers"])
  }

  @Test("external scanner fails registration")
  func externalScannerFails() {
    let channel = RuleScannerChannel()
    let scanner = ScannerSettings(
      name: "remote", source: .external(url: "http://127.0.0.1:9/", token: nil))
    let subscription = channel.register(scanner)
    guard case .registration(let reason) = subscription.failure else {
      Issue.record("expected a registration failure, got \(String(describing: subscription.failure))")
      return
    }
    #expect(reason.contains("external"))
  }

  @Test("welcome.json runs as over HTTP")
  func welcomeRun() throws {
    let run = makeSampleRun(try loadSample("welcome.json"), channel: RuleScannerChannel())
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.accepted)
    let calls = run.machine.snapshots
    #expect(calls.map(\.scanner) == Array(repeating: "gatekeeper", count: 5) + ["spam-check"])
    #expect(calls.allSatisfy { $0.call.milliseconds == 1 })
    let rejected = try #require(calls.first { $0.actionAfter == .reject })
    #expect(rejected.reply?.line == "550 5.1.1 No such user here")
  }

  @Test("last outbound call ends the run")
  func outboundEndsWithLastCall() throws {
    let run = makeSampleRun(try loadSample("outbound-dsn.json"), channel: RuleScannerChannel())
    var stages: [Stage] = []
    while let step = run.step() {
      stages.append(step.event.stage)
      if step.event.stage == .dsn { #expect(run.isFinished) }
    }
    #expect(stages == [.delivery, .defer, .delivery, .dsn])
    #expect(run.outcome?.exitStatus == RunExitStatus.accepted)
  }

  @Test("error and late replies become failures")
  func failureReplies() {
    let error = RuleScannerChannel.reply(
      .error(ScannerError(status: 503, code: "SCANNER_UNAVAILABLE", message: "busy")),
      timeout: 5000)
    guard case .failure(.status(let code, _)) = error else {
      Issue.record("expected a status failure, got \(error)")
      return
    }
    #expect(code == 503)
    let late = RuleScannerChannel.reply(
      .delayed(milliseconds: 6000, .noChange), timeout: 5000)
    guard case .failure(.timeout) = late else {
      Issue.record("expected a timeout, got \(late)")
      return
    }
    let early = RuleScannerChannel.reply(.delayed(milliseconds: 10, .noChange), timeout: 5000)
    guard case .noChange = early else {
      Issue.record("expected no change, got \(early)")
      return
    }
  }
}
