import Foundation
import HooksHarness
import TestSupport
import Testing
import WorkbenchUI

/// The workbench on the real engine: `samples/scenarios/welcome.json` with its embedded rule
/// scanners over loopback HTTP.
@Suite("Engine driver", .serialized)
struct EngineDriverTests {
  private func makeWorkbench() throws -> Workbench {
    let path = SharedFiles.repository("samples/scenarios/welcome.json").path
    let scenario = try Scenario.load(path: path)
    return Workbench(driver: EngineDriver(scenario: scenario))
  }

  /// Drains updates until the driver is idle and `condition` holds, or 10 s pass.
  private func settle(_ workbench: Workbench, until condition: () -> Bool = { true }) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      workbench.receiveUpdates()
      if !workbench.snapshot.isRunning && condition() { return true }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return false
  }

  private func screen(_ workbench: Workbench) -> String {
    workbench.render(width: 160, height: 45).dump()
  }

  /// Steps until the call shown is at data.
  private func stepToData(_ workbench: Workbench) -> Bool {
    for _ in 0..<12 {
      workbench.handle(.character("n"))
      guard settle(workbench) else { return false }
      if workbench.snapshot.currentStage == 4 { return true }
    }
    return false
  }

  @Test("opening screen lists every stage and previews connect")
  func openingScreen() throws {
    let workbench = try makeWorkbench()
    let text = screen(workbench)
    #expect(text.contains("welcome.json  draft-01  json"))
    #expect(text.contains("connect ▸ ehlo ▸ mail ▸ rcpt ▸ data │ outbound: delivery ▸ defer ▸ dsn"))
    #expect(text.contains("Request json (connect preview)"))
    #expect(text.contains("not sent yet"))
    #expect(text.contains(#""stage": "connect","#))
    #expect(text.contains("2. spam-check"))
    #expect(text.contains("envelope: empty until MAIL FROM"))
  }

  @Test("stepping reaches data and the spam header")
  func steppingReachesData() throws {
    let workbench = try makeWorkbench()
    #expect(stepToData(workbench))
    let text = screen(workbench)
    #expect(text.contains("[data]"))
    #expect(text.contains("rcpt~"))
    #expect(text.contains("Request json (data → spam-check)"))
    #expect(text.contains("✓ applied: add[0] /message/headers"))
    #expect(text.contains("200 OK"))
    workbench.handle(.tab)
    workbench.handle(.tab)
    workbench.handle(.character("v"))
    #expect(screen(workbench).contains("+ X-Spam-Score:"))
    #expect(workbench.events.contains { $0.hasPrefix("result: accepted; exit status 0") })
  }

  @Test("edit to reject applies and reverts")
  func editApplyRevert() throws {
    let workbench = try makeWorkbench()
    #expect(stepToData(workbench))
    workbench.handle(.character("e"))
    for _ in 0..<400 { workbench.handle(.delete) }
    let edit = #"{ "set": [ { "path": "/action", "value": "reject" } ] }"#
    for character in edit {
      workbench.handle(character == " " ? .space : .character(character))
    }
    #expect(screen(workbench).contains("─ valid ─"))
    workbench.handle(.control("s"))
    #expect(settle(workbench) { workbench.snapshot.isEdited })
    var snapshot = workbench.snapshot
    #expect(snapshot.action == "reject")
    #expect(snapshot.isFinished)
    #expect(snapshot.lastHTTPStatus == "edited")
    #expect(screen(workbench).contains("action: reject"))

    workbench.handle(.escape)
    workbench.handle(.character(":"))
    for character in "revert" { workbench.handle(.character(character)) }
    workbench.handle(.enter)
    #expect(settle(workbench) { !workbench.snapshot.isEdited })
    snapshot = workbench.snapshot
    #expect(snapshot.action == "accept")
    #expect(snapshot.currentStage == 4)
  }

  @Test("refused operation is reported at its line")
  func refusedOperationDiagnostic() throws {
    let workbench = try makeWorkbench()
    workbench.handle(.character("n"))
    #expect(settle(workbench) { workbench.snapshot.scannerIndex == 0 })
    let text = """
      {
        "set": [
          { "path": "/envelope/from/address", "value": "x@example.org" }
        ]
      }
      """
    let diagnostics = workbench.driver.validate(responseText: text)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.line == 3)
    #expect(diagnostics.first?.column == 15)
    #expect(diagnostics.first?.message.hasPrefix("set[0] /envelope/from/address:") == true)
    #expect(workbench.driver.apply(responseText: text) == diagnostics)
  }

  @Test("syntax error is reported at its line and column")
  func syntaxErrorDiagnostic() throws {
    let workbench = try makeWorkbench()
    workbench.handle(.character("n"))
    #expect(settle(workbench) { workbench.snapshot.scannerIndex == 0 })
    let diagnostics = workbench.driver.validate(responseText: "{\n  \"set\": [ }")
    #expect(diagnostics.first?.line == 2)
    #expect(diagnostics.first?.column == 12)
  }

  @Test("breakpoint at data stops continue")
  func breakpointAtData() throws {
    let workbench = try makeWorkbench()
    for _ in 0..<4 { workbench.handle(.character("l")) }
    workbench.handle(.character("b"))
    #expect(settle(workbench))
    #expect(screen(workbench).contains("●data"))
    workbench.handle(.character("c"))
    #expect(settle(workbench))
    // The run pauses before the first data call, so the call shown is the last rcpt call.
    #expect(workbench.snapshot.currentStage == 3)
    #expect(!workbench.snapshot.isFinished)
    workbench.handle(.character("c"))
    #expect(settle(workbench) { workbench.snapshot.isFinished })
  }

  @Test("transcript is saved")
  func transcriptSaved() throws {
    let workbench = try makeWorkbench()
    workbench.handle(.character("N"))
    #expect(settle(workbench))
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("hookbench-ui-\(UUID().uuidString).hooktrace.json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try workbench.driver.saveTranscript(to: path)
    let transcript = try Transcript.load(path: path)
    #expect(transcript.steps.count == 1)
    #expect(transcript.steps.first?.scanner == "gatekeeper")
  }
}
