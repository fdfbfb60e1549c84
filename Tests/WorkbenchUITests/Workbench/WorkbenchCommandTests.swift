import Foundation
import Testing
import WorkbenchUI

@Suite("Workbench commands")
struct WorkbenchCommandTests {
  @Test("breakpoint stops continue at its stage")
  func breakpointStopsContinue() {
    let harness = ScriptedHarness()
    for _ in 0..<3 { harness.press(.character("l")) }
    harness.press(.character("b"))
    #expect(harness.dump().contains("●rcpt"))
    harness.press(.character("c"))
    #expect(harness.workbench.snapshot.currentStage == 3)
    #expect(harness.dump().contains("●[rcpt]"))
    harness.press(.character("c"))
    #expect(harness.workbench.snapshot.isFinished)
  }

  @Test("stage cursor stays on the timeline")
  func stageCursorBounded() {
    let harness = ScriptedHarness()
    harness.press(.character("h"), .left)
    harness.press(.character("b"))
    #expect(harness.driver.breakpoints == [0])
    for _ in 0..<20 { harness.press(.right) }
    harness.press(.character("b"))
    #expect(harness.driver.breakpoints == [0, 7])
  }

  @Test("toggle-breakpoint at the prompt takes a stage name")
  func promptBreakpointByName() {
    let harness = ScriptedHarness()
    harness.press(.character(":"))
    harness.type("toggle-breakpoint data\n")
    #expect(harness.driver.breakpoints == [4])
    harness.press(.character(":"))
    harness.type("toggle-breakpoint nosuch\n")
    #expect(harness.dump(width: 160, height: 45).contains("no stage named \"nosuch\""))
  }

  @Test("restart goes back before connect")
  func restart() {
    let harness = ScriptedHarness()
    harness.press(.character("N"), .character("N"))
    harness.press(.character("r"))
    #expect(harness.workbench.snapshot.scannerIndex == nil)
    #expect(harness.dump() == ScriptedHarness().dump())
  }

  @Test("prompt runs commands by name")
  func promptRunsCommands() {
    let harness = ScriptedHarness()
    harness.press(.character(":"))
    harness.type("next-stage")
    #expect(harness.dump().contains(":next-stage"))
    harness.press(.enter)
    #expect(harness.workbench.snapshot.currentStage == 0)
    #expect(harness.workbench.snapshot.scannerIndex == 1)
    #expect(harness.workbench.context == .normal)
  }

  @Test("prompt rejects unknown and editor-only commands")
  func promptRejectsUnknown() {
    let harness = ScriptedHarness()
    for name in ["stpe", "undo"] {
      harness.press(.character(":"))
      harness.type("\(name)\n")
      #expect(harness.dump().contains("unknown command \"\(name)\"; press ? for the list"))
    }
  }

  @Test("prompt editing keys and escape")
  func promptEditing() {
    let harness = ScriptedHarness()
    harness.press(.character(":"))
    harness.type("qit")
    harness.press(.left, .left, .character("u"), .end, .backspace, .character("t"))
    #expect(harness.dump().contains(":quit"))
    harness.press(.escape)
    #expect(harness.workbench.context == .normal)
    harness.press(.character(":"), .backspace)
    #expect(harness.workbench.context == .normal)
  }

  @Test("quit from the prompt")
  func quitFromPrompt() {
    let harness = ScriptedHarness()
    harness.press(.character(":"))
    harness.type("quit")
    #expect(harness.press(.enter) == [.quit])
  }

  @Test("revert drops the applied edit")
  func revertDropsEdit() {
    let harness = ScriptedHarness()
    harness.press(.character("n"))
    harness.press(.character("e"), .delete, .delete)
    harness.type(#"{ "set": [ { "path": "/action", "value": "tempfail" } ] }"#)
    harness.press(.control("s"))
    var snapshot = harness.workbench.snapshot
    #expect(snapshot.isEdited)
    #expect(snapshot.action == "tempfail")
    harness.press(.escape, .character(":"))
    harness.type("revert\n")
    snapshot = harness.workbench.snapshot
    #expect(snapshot.isEdited == false)
    #expect(snapshot.action == "accept")
    #expect(harness.dump().contains("reverted to the scanner's own response"))
  }

  @Test("applied edit is sticky across restart")
  func editStickyAcrossRestart() {
    let harness = ScriptedHarness()
    harness.press(.character("n"))
    harness.press(.character("e"), .delete, .delete)
    harness.type(#"{ "set": [ { "path": "/action", "value": "reject" } ] }"#)
    harness.press(.control("s"), .escape)
    #expect(harness.workbench.snapshot.isFinished)
    harness.press(.character("r"), .character("n"))
    let snapshot = harness.workbench.snapshot
    #expect(snapshot.action == "reject")
    #expect(snapshot.isEdited)
  }

  @Test("letters type text in the editor")
  func lettersTypeInEditor() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("e"))
    harness.press(.character("q"), .character("n"), .character("?"))
    #expect(harness.workbench.context == .editor)
    #expect(harness.dump().contains("qn?{}"))
    harness.press(.control("u"), .control("u"), .control("u"))
    #expect(harness.dump().contains("│{}"))
  }

  @Test("leaving the editor keeps the draft for e")
  func draftKeptAfterEscape() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("e"), .end, .character(" "))
    harness.press(.escape)
    #expect(harness.dump(width: 160, height: 45).contains("the edit is not applied"))
    harness.press(.character("e"))
    #expect(harness.dump().contains("{} "))
  }

  @Test("edit before any call explains itself")
  func editBeforeCall() {
    let harness = ScriptedHarness()
    harness.press(.character("e"))
    #expect(harness.workbench.context == .normal)
    #expect(harness.dump().contains("no scanner call to edit yet"))
  }

  @Test("E asks the terminal for the external editor")
  func externalEditorEffect() {
    let harness = ScriptedHarness()
    harness.press(.character("n"))
    #expect(harness.press(.character("E")) == [.openExternalEditor("{}")])
  }

  @Test("external edit applies valid text")
  func externalEditApplies() {
    let harness = ScriptedHarness()
    harness.press(.character("n"))
    harness.workbench.finishExternalEdit(
      text: #"{ "set": [ { "path": "/action", "value": "tempfail" } ] }"#)
    harness.workbench.receiveUpdates()
    #expect(harness.workbench.snapshot.action == "tempfail")
    #expect(harness.workbench.context == .normal)
  }

  @Test("external edit with errors opens the editor at the error")
  func externalEditInvalid() {
    let harness = ScriptedHarness()
    harness.press(.character("n"))
    harness.workbench.finishExternalEdit(text: "{\n  \"set\": [ }")
    harness.workbench.receiveUpdates()
    #expect(harness.workbench.context == .editor)
    #expect(harness.dump(width: 160, height: 45).contains("^ 2:"))
  }

  @Test("w saves the transcript next to the scenario name")
  func saveTranscript() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("hookbench-ui-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character(":"))
    let path = directory.appendingPathComponent("run.hooktrace.json").path
    harness.type("save-transcript \(path)\n")
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(harness.dump(width: 160, height: 45).contains("saved the transcript to \(path)"))
    harness.press(.character(":"))
    harness.type("save-transcript /nonexistent-dir/x.json\n")
    #expect(harness.dump(width: 160, height: 45).contains("could not save the transcript"))
  }

  @Test("search scrolls to matches and wraps around")
  func searchScrolls() {
    let harness = ScriptedHarness()
    for _ in 0..<4 { harness.press(.character("N")) }
    harness.press(.character("n"))
    harness.press(.character("/"))
    harness.type("subject\n")
    var screen = harness.dump()
    #expect(screen.contains("\"subject\" at line 21 of Request"))
    harness.press(.character("["))
    screen = harness.dump()
    #expect(screen.contains("\"subject\" at line 21 of Request"))
    harness.press(.character("/"))
    harness.type("nothing-like-this\n")
    #expect(harness.dump().contains("no match for \"nothing-like-this\""))
  }

  @Test("scrolling stays within the content")
  func scrollingBounded() {
    let harness = ScriptedHarness()
    for _ in 0..<4 { harness.press(.character("N")) }
    harness.press(.character("n"))
    _ = harness.dump()
    harness.press(.character("G"))
    #expect(harness.dump().contains("8-26/26"))
    harness.press(.pageUp, .pageUp, .pageUp)
    #expect(harness.dump().contains("1-19/26"))
    harness.press(.character("j"))
    #expect(harness.dump().contains("2-20/26"))
  }

  @Test("event log toggles and takes focus")
  func eventLog() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("L"))
    let screen = harness.dump()
    #expect(screen.contains("Events"))
    #expect(screen.contains("called spam-check at connect"))
    harness.press(.backTab)
    harness.press(.character("L"))
    #expect(!harness.dump().contains("Events"))
  }

  @Test("updates posted from another thread arrive on receive")
  func mailboxAcrossThreads() async {
    let driver = ScriptedDriver()
    let workbench = Workbench(driver: driver)
    let mailbox = driver.updates
    await withTaskGroup(of: Void.self) { group in
      for index in 0..<8 {
        group.addTask { mailbox.post(.event("worker \(index)")) }
      }
    }
    #expect(workbench.receiveUpdates())
    #expect(workbench.events.count == 8)
    #expect(workbench.receiveUpdates() == false)
  }
}

@Suite("Event log")
struct EventLogTests {
  @Test("event log follows new lines until scrolled up")
  func followsTail() {
    let harness = ScriptedHarness()
    harness.press(.character("L"))
    for _ in 0..<10 { harness.press(.character("n")) }
    #expect(harness.dump().contains("called headers at data"))
    harness.press(.backTab, .character("k"))
    harness.press(.character("r"))
    var screen = harness.dump()
    #expect(!screen.contains("restarted from connect"))
    harness.press(.character("G"))
    screen = harness.dump()
    #expect(screen.contains("restarted from connect"))
    harness.press(.tab, .character("n"))
    #expect(harness.dump().contains("called spam-check at connect"))
  }
}

@Suite("Session states")
struct SessionStateTests {
  @Test("read-only replay refuses edits")
  func readOnlyRefusesEdits() {
    let driver = ScriptedDriver()
    driver.isReadOnly = true
    let harness = ScreenHarness(driver: driver)
    harness.press(.character("n"))
    #expect(harness.dump().contains("[replay]"))
    for key in [Key.character("e"), .character("E"), .control("s")] {
      #expect(harness.press(key) == [])
      #expect(harness.workbench.context == .normal)
      #expect(harness.dump().contains("this is a read-only replay; editing is off"))
    }
  }

  @Test("running command shows in the status bar")
  func runningShown() {
    let driver = ScriptedDriver()
    driver.isRunning = true
    let harness = ScreenHarness(driver: driver)
    #expect(harness.dump().contains("running…"))
  }

  @Test("failed call shows the failure")
  func failedCallShown() {
    let driver = ScriptedDriver()
    driver.responses["connect"] = ["<html>502 Bad Gateway</html>"]
    let harness = ScreenHarness(driver: driver)
    harness.press(.character("n"))
    let screen = harness.dump()
    #expect(screen.contains("─ failed ─┐"))
    #expect(screen.contains("! failure: invalid JSON"))
  }

  @Test("rejected operation shows its reason")
  func rejectedOperationShown() {
    let harness = ScriptedHarness()
    for _ in 0..<10 { harness.press(.character("n")) }
    let screen = harness.dump()
    #expect(screen.contains("─ rejected ─┐"))
    #expect(screen.contains("✗ rejected: set /nope"))
    #expect(screen.contains("path /nope is not"))
  }
}
