import Testing
import WorkbenchUI

@Suite("Workbench screen")
struct WorkbenchScreenTests {
  @Test("opening screen")
  func openingScreen() {
    let harness = ScreenHarness()
    harness.expectGolden("opening")
  }

  @Test("scripted session, one golden screen per step")
  func scriptedSession() {
    let harness = ScreenHarness()
    for step in 1...10 {
      harness.press(.character("n"))
      harness.expectGolden("step-\(step < 10 ? "0" : "")\(step)")
    }
    #expect(harness.driver.snapshot().isFinished)
    #expect(harness.workbench.snapshot.action == "quarantine")
  }

  @Test("help overlay opens and closes")
  func helpOverlay() {
    let harness = ScreenHarness()
    harness.press(.character("?"))
    #expect(harness.workbench.context == .help)
    harness.expectGolden("help")
    harness.press(.escape)
    #expect(harness.workbench.context == .normal)
    #expect(harness.dump() == ScreenHarness().dump())
  }

  /// Runs connect to rcpt, then steps to the first scanner call at data, whose response adds
  /// a header and sets the action to quarantine.
  private func harnessAtData() -> ScreenHarness {
    let harness = ScreenHarness()
    for _ in 0..<4 { harness.press(.character("N")) }
    harness.press(.character("n"))
    return harness
  }

  @Test("invalid edit shows its error inline")
  func invalidEdit() {
    let harness = harnessAtData()
    harness.press(.character("e"))
    #expect(harness.workbench.context == .editor)
    // Remove the comma after the "add" array on line 8: `],` becomes `]`.
    for _ in 0..<7 { harness.press(.down) }
    harness.press(.end, .backspace)
    harness.expectGolden("edit-invalid")
    let screen = harness.dump()
    #expect(screen.contains("^ 9:3"))
    #expect(screen.contains("1 error"))
    #expect(harness.workbench.snapshot.action == "quarantine")
  }

  @Test("invalid edit is not applied")
  func invalidEditNotApplied() {
    let harness = harnessAtData()
    harness.press(.character("e"), .delete, .control("s"))
    let snapshot = harness.workbench.snapshot
    #expect(snapshot.isEdited == false)
    #expect(snapshot.action == "quarantine")
    #expect(harness.dump(width: 160, height: 45).contains("not applied: line 2, column 8"))
  }

  @Test("valid edit applies and changes the result")
  func validEdit() {
    let harness = harnessAtData()
    #expect(harness.workbench.snapshot.action == "quarantine")
    harness.press(.character("e"))
    // Line 9 is `  "set": [ { "path": "/action", "value": "quarantine" } ]`: go to the end
    // of "quarantine", five characters before the line end, and replace it with "reject".
    for _ in 0..<8 { harness.press(.down) }
    harness.press(.end)
    for _ in 0..<5 { harness.press(.left) }
    for _ in 0..<10 { harness.press(.backspace) }
    harness.type("reject")
    harness.expectGolden("edit-valid-typed")
    #expect(harness.dump().contains("valid"))
    harness.press(.control("s"))
    let snapshot = harness.workbench.snapshot
    #expect(snapshot.action == "reject")
    #expect(snapshot.isEdited)
    #expect(snapshot.smtpReply == "550 5.7.1 Rejected")
    harness.expectGolden("edit-valid-applied")
  }
}
