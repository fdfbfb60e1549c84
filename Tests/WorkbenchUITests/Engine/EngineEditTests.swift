import Foundation
import HooksHarness
import Testing
import WorkbenchUI

/// Editing, reverting and saving on the real engine running `welcome.json`, as a new user
/// meets them.
@Suite("Workbench edits on the engine", .serialized)
struct EngineEditTests {
  /// Steps to the data call of spam-check and applies an edit that changes the spam score.
  private func harnessWithAppliedEdit() throws -> EngineHarness {
    let harness = try EngineHarness(scenario: "welcome.json")
    for _ in 0..<4 { harness.press(.character("N")) }
    try harness.step(to: "spam-check")
    harness.press(.character("e"), .end)
    harness.type("\n  \"set\": [ { \"path\": \"/action\", \"value\": \"reject\" } ],")
    harness.press(.control("s"))
    return harness
  }

  @Test("valid apply closes the editor")
  func applyClosesEditor() throws {
    let harness = try harnessWithAppliedEdit()
    #expect(harness.workbench.context == .normal)
    #expect(harness.workbench.snapshot.isEdited)
    // The next key runs its command instead of typing text into the response.
    let applied = harness.workbench.snapshot.responseText
    harness.press(.character("v"))
    #expect(harness.workbench.snapshot.responseText == applied)
    #expect(harness.workbench.context == .normal)
    #expect(harness.dump(width: 160, height: 45).contains("Patches (editing)") == false)
  }

  @Test("saved transcript replays the edited response")
  func transcriptKeepsEdit() throws {
    let harness = try harnessWithAppliedEdit()
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("hookbench-edit-\(UUID().uuidString).hooktrace.json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    harness.press(.character(":"))
    harness.type("save-transcript \(path)\n")
    let edited = harness.workbench.snapshot.responseText

    let transcript = try Transcript.load(path: path)
    let replay = ReplayDriver(transcript: transcript, name: "welcome.hooktrace.json")
    let workbench = Workbench(driver: replay)
    while workbench.snapshot.scannerName != "spam-check"
      || workbench.snapshot.currentStage != 4
    {
      try #require(!workbench.snapshot.isFinished, "the replay ended before the edited call")
      workbench.handle(.character("n"))
      workbench.receiveUpdates()
    }
    let snapshot = workbench.snapshot
    #expect(snapshot.responseText == edited)
    #expect(snapshot.responseText.contains("reject"))
    #expect(snapshot.isEdited)
    #expect(snapshot.lastHTTPStatus == "edited")
    let screen = workbench.render(width: 160, height: 45).dump()
    #expect(screen.contains("(empty body)") == false)
    #expect(screen.contains("[edited]"))
  }

  @Test("revert at the end drops every edit")
  func revertAtEndDropsEdits() throws {
    let harness = try harnessWithAppliedEdit()
    harness.press(.character("r"), .character("c"))
    #expect(harness.workbench.snapshot.isFinished)
    #expect(harness.workbench.snapshot.action == "reject")
    // Step past the edited call, so that it is no longer on screen.
    harness.press(.character("r"))
    harness.press(.character("n"))
    #expect(harness.workbench.snapshot.isEdited == false)
    harness.press(.character(":"))
    harness.type("revert\n")
    harness.press(.character("c"))
    #expect(harness.workbench.snapshot.isFinished)
    #expect(harness.workbench.snapshot.action == "accept")
    #expect(harness.workbench.events.contains { $0.contains("reverted the edit of data spam-check") })
  }
}

/// The timeline mark of the stage on screen, on the real engine.
@Suite("Timeline mark of the current stage", .serialized)
struct CurrentStageMarkTests {
  @Test("failed scanner marks its stage !")
  func failureMarksCurrentStage() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("hookbench-mark-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // A scanner that replies 500 at data, under the tempfail failure policy.
    let scenario = """
      {"name": "failing data", "startAt": "2026-12-04T12:00:00.000Z",
       "mailFrom": {"address": "sender@example.org"},
       "rcptTo": [{"address": "alice@example.org"}],
       "message": {"text": "Subject: x\\n\\nbody\\n"},
       "scanners": [{"name": "broken", "failurePolicy": "tempfail",
         "rules": [{"stage": "data", "reply": {"status": 500}}]}]}
      """
    let path = directory.appendingPathComponent("failing.json").path
    try Data(scenario.utf8).write(to: URL(fileURLWithPath: path))
    let driver = EngineDriver(scenario: try Scenario.load(path: path)) { _, _ in
      RuleScannerChannel(milliseconds: 1.5)
    }
    let harness = EngineHarness(driver: driver)
    harness.press(.character("c"))
    #expect(harness.workbench.snapshot.isFinished)
    #expect(harness.dump(width: 160, height: 45).contains("[data]!"))
  }
}
