import Foundation
import Testing
import WorkbenchUI

/// Prompt commands, start-up problems and editor hints on the scripted driver.
@Suite("Prompt and status line")
struct PromptAndStatusTests {
  @Test(":q quits like :quit")
  func shortQuit() {
    let harness = ScriptedHarness()
    harness.press(.character(":"))
    harness.type("q")
    #expect(harness.press(.enter) == [.quit])
  }

  @Test(":quit with an argument is rejected")
  func quitWithArgument() {
    let harness = ScriptedHarness()
    harness.press(.character(":"))
    harness.type("quit now")
    #expect(harness.press(.enter).isEmpty)
    #expect(harness.dump().contains("quit takes no argument"))
  }

  @Test("save message names the full path")
  func saveNamesFullPath() throws {
    let harness = ScriptedHarness()
    let directory = FileManager.default.currentDirectoryPath
    let name = "hookbench-ui-\(UUID().uuidString).json"
    defer { try? FileManager.default.removeItem(atPath: directory + "/" + name) }
    harness.press(.character("n"), .character(":"))
    harness.type("save-transcript \(name)\n")
    let screen = harness.dump(width: 160, height: 45)
    #expect(screen.contains("saved the transcript to \(directory)/\(name)"))
  }

  @Test("start-up problem shows on the status line")
  func startupProblemShown() {
    let problem = "invalid key map /tmp/keys.json: unknown context; using default keys"
    let workbench = Workbench(driver: ScriptedDriver(), events: [problem], problem: problem)
    let screen = workbench.render(width: 160, height: 45).dump()
    #expect(screen.contains(problem))
  }

  @Test("empty editor text gets a hint")
  func emptyEditorHint() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("e"), .delete, .delete)
    #expect(harness.workbench.context == .editor)
    #expect(harness.dump().contains("type {} for no change"))
  }

  @Test("caret stays under its column on a scrolled line")
  func caretOnScrolledLine() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("e"), .end)
    harness.type(String(repeating: " ", count: 30) + "x")
    let screen = harness.dump()
    #expect(screen.contains("^"))
    // A caret in the Patches pane's first column would follow its left border.
    #expect(!screen.contains("││^"))
  }
}
