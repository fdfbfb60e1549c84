import Testing
import WorkbenchUI

/// Golden screens of `samples/scenarios/welcome.json` run by the real engine, with its rule
/// scanners served in-process.
@Suite("Workbench screen", .serialized)
struct WorkbenchScreenTests {
  @Test("opening screen previews the connect request")
  func openingScreen() throws {
    let harness = try EngineHarness(scenario: "welcome.json")
    harness.expectGolden("opening")
    let screen = harness.dump(width: 160, height: 45)
    #expect(screen.contains("not sent yet"))
    #expect(screen.contains(#""stage": "connect""#))
  }

  @Test("welcome.json, one golden screen per step")
  func welcomeSession() throws {
    let harness = try EngineHarness(scenario: "welcome.json")
    var step = 0
    while !harness.workbench.snapshot.isFinished {
      step += 1
      try #require(step <= 10, "welcome.json did not finish within 10 steps")
      harness.press(.character("n"))
      harness.expectGolden("step-\(step < 10 ? "0" : "")\(step)")
    }
    #expect(step == 6)
    let screen = harness.dump(width: 160, height: 45)
    #expect(screen.contains("rcpt~"))
    #expect(screen.contains("[data]"))
    #expect(harness.workbench.snapshot.action == "accept")
  }

  @Test("breakpoint at data pauses continue")
  func breakpointAtData() throws {
    let harness = try EngineHarness(scenario: "welcome.json")
    for _ in 0..<4 { harness.press(.character("l")) }
    harness.press(.character("b"), .character("c"))
    harness.expectGolden("breakpoint-data")
    let snapshot = harness.workbench.snapshot
    #expect(snapshot.stages[4].hasBreakpoint)
    // The run pauses before the first call at data, so the call shown is the last rcpt call.
    #expect(snapshot.currentStage == 3)
    #expect(snapshot.isFinished == false)
    #expect(harness.dump(width: 160, height: 45).contains("●data"))
  }

  @Test("help overlay opens and closes")
  func helpOverlay() throws {
    let harness = try EngineHarness(scenario: "welcome.json")
    let before = harness.dump()
    harness.press(.character("?"))
    #expect(harness.workbench.context == .help)
    harness.expectGolden("help")
    harness.press(.escape)
    #expect(harness.workbench.context == .normal)
    #expect(harness.dump() == before)
  }

  /// Runs connect, ehlo, mail and the first rcpt by stage, then steps to the call at data, whose response adds an
  /// `X-Spam-Score` header.
  private func harnessAtData() throws -> EngineHarness {
    let harness = try EngineHarness(scenario: "welcome.json")
    for _ in 0..<4 { harness.press(.character("N")) }
    try harness.step(to: "spam-check")
    return harness
  }

  @Test("invalid edit shows its error inline")
  func invalidEdit() throws {
    let harness = try harnessAtData()
    harness.press(.character("e"))
    #expect(harness.workbench.context == .editor)
    // Remove the comma after "/message/headers" on line 4.
    for _ in 0..<3 { harness.press(.down) }
    harness.press(.end, .backspace)
    harness.expectGolden("edit-invalid")
    let screen = harness.dump()
    #expect(screen.contains("^ 5:7"))
    #expect(screen.contains("1 error"))
    harness.press(.control("s"))
    #expect(harness.workbench.context == .editor)
    #expect(harness.workbench.snapshot.isEdited == false)
    #expect(harness.workbench.snapshot.action == "accept")
  }

  @Test("valid edit applies and changes the result")
  func validEdit() throws {
    let harness = try harnessAtData()
    #expect(harness.workbench.snapshot.action == "accept")
    harness.press(.character("e"))
    // Insert a line after the opening brace that sets the action to reject.
    harness.press(.end)
    harness.type("\n  \"set\": [ { \"path\": \"/action\", \"value\": \"reject\" } ],")
    harness.expectGolden("edit-valid-typed")
    #expect(harness.dump().contains("valid"))
    harness.press(.control("s"))
    let snapshot = harness.workbench.snapshot
    #expect(snapshot.action == "reject")
    #expect(snapshot.isEdited)
    #expect(snapshot.smtpReply.hasPrefix("550"))
    harness.expectGolden("edit-valid-applied")
  }

  @Test("outbound-dsn.json steps through delivery, defer and dsn")
  func outboundSession() throws {
    let harness = try EngineHarness(scenario: "outbound-dsn.json")
    let size = [(width: 120, height: 35)]
    harness.expectGolden("outbound-opening", sizes: size)
    var stages: [String] = []
    while !harness.workbench.snapshot.isFinished {
      try #require(stages.count < 10, "outbound-dsn.json did not finish within 10 steps")
      harness.press(.character("n"))
      let snapshot = harness.workbench.snapshot
      stages.append(snapshot.currentStage.map { snapshot.stages[$0].name } ?? "none")
      harness.expectGolden("outbound-step-0\(stages.count)", sizes: size)
    }
    #expect(stages == ["delivery", "defer", "delivery", "dsn"])
    let screen = harness.dump(width: 120, height: 35)
    #expect(screen.contains("delivery✓ defer✓ [dsn]"))
    let result = harness.workbench.snapshot.resultState.map(\.text)
    #expect(result.contains("to frank@example.com: failed (attempt 2)"))
    #expect(screen.contains("✓ applied: add[0] /message/headers"))
    #expect(harness.workbench.snapshot.action == "continue")
  }
}
