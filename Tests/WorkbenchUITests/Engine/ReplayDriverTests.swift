import Foundation
import HooksHarness
import HooksProtocol
import TestSupport
import Testing
import WorkbenchUI

/// Replays a transcript that a real run of `welcome.json` saved.
@Suite("Replay driver", .serialized)
struct ReplayDriverTests {
  private func makeWorkbench() throws -> Workbench {
    let scenarioPath = SharedFiles.repository("samples/scenarios/welcome.json").path
    let run = ScenarioRun.live(try Scenario.load(path: scenarioPath))
    run.runToEnd()
    // Through a file, as `hookbench run --transcript` and `tui --replay` do.
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("hookbench-replay-\(UUID().uuidString).hooktrace.json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Transcript(run: run).write(to: path)
    let transcript = try Transcript.load(path: path)
    return Workbench(driver: ReplayDriver(transcript: transcript, name: "welcome.hooktrace.json"))
  }

  private func screen(_ workbench: Workbench) -> String {
    workbench.render(width: 160, height: 45).dump()
  }

  private func press(_ workbench: Workbench, _ keys: Key...) {
    for key in keys {
      workbench.handle(key)
      workbench.receiveUpdates()
    }
  }

  @Test("replay steps through the saved calls")
  func stepsThroughCalls() throws {
    let workbench = try makeWorkbench()
    #expect(screen(workbench).contains("[replay]"))
    press(workbench, .character("n"))
    var text = screen(workbench)
    #expect(text.contains("[connect]"))
    #expect(text.contains("Request json (connect → gatekeeper)"))
    #expect(text.contains("✓ applied: set[0] /response/message"))
    #expect(text.contains("200 OK"))
    for _ in 0..<5 { press(workbench, .character("n")) }
    text = screen(workbench)
    #expect(text.contains("[data]"))
    #expect(text.contains("rcpt~"))
    #expect(workbench.snapshot.isFinished)
    press(workbench, .tab, .tab, .character("v"))
    #expect(screen(workbench).contains("+ X-Spam-Score:"))
  }

  @Test("replay shows outbound delivery statuses")
  func outboundStatuses() throws {
    let scenarioPath = SharedFiles.repository("samples/scenarios/outbound-dsn.json").path
    let run = ScenarioRun(
      scenario: try Scenario.load(path: scenarioPath), channel: RuleScannerChannel(),
      clock: SimulatedClock(start: UTCTimestamp(millisecondsSinceEpoch: 1_796_364_000_000)),
      ids: SequentialIdentifiers(), parseMessage: TransactionMachine.mailParser)
    run.runToEnd()
    let transcript = try Transcript(json: Transcript(run: run).json)
    let workbench = Workbench(
      driver: ReplayDriver(transcript: transcript, name: "outbound.hooktrace.json"))
    press(workbench, .character("n"))
    let state = workbench.snapshot.resultState.map(\.text)
    #expect(state.contains("to erin@example.com: delivered (attempt 1)"))
    #expect(state.contains("to frank@example.com: deferred (attempt 1)"))
    #expect(state.contains("  451 4.2.2 Mailbox full, try later"))
    #expect(!state.contains { $0.hasPrefix("reply:") })
  }

  @Test("replay refuses edits")
  func refusesEdits() throws {
    let workbench = try makeWorkbench()
    press(workbench, .character("n"), .character("e"))
    #expect(workbench.context == .normal)
    #expect(screen(workbench).contains("this is a read-only replay; editing is off"))
  }

  @Test("replay continue stops at a breakpoint")
  func continueStopsAtBreakpoint() throws {
    let workbench = try makeWorkbench()
    press(workbench, .character("l"), .character("l"), .character("l"), .character("b"))
    press(workbench, .character("c"))
    #expect(workbench.snapshot.callIndex == 2)
    press(workbench, .character("N"))
    #expect(workbench.snapshot.callIndex == 3)
    press(workbench, .character("r"))
    #expect(workbench.snapshot.callIndex == nil)
  }
}
