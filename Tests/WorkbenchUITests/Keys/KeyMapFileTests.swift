import Foundation
import Testing
import WorkbenchUI

@Suite("Key map file")
struct KeyMapFileTests {
  /// Writes `text` to a new temporary file and returns its path.
  private func temporaryFile(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("hookbench-keys-\(UUID().uuidString).json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("override replaces a command's keys")
  func overrideReplacesKeys() throws {
    let text = #"{ "normal": { "quit": "Q", "step": ["n", "F5"] }, "editor": { "undo": "C-y" } }"#
    let table = try KeyMapFile.parse(Array(text.utf8), over: .defaults)
    #expect(table.command(for: .character("Q"), in: .normal) == .quit)
    #expect(table.command(for: .character("q"), in: .normal) == nil)
    #expect(table.command(for: .function(5), in: .normal) == .step)
    #expect(table.command(for: .space, in: .normal) == nil)
    #expect(table.command(for: .control("y"), in: .editor) == .undo)
    #expect(table.command(for: .control("u"), in: .editor) == nil)
  }

  @Test("override file from HOOKBENCH_KEYS drives the workbench")
  func overrideFileDrivesWorkbench() throws {
    let path = try temporaryFile(#"{ "normal": { "quit": "Q" } }"#)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (table, events) = KeyMapFile.load(environment: ["HOOKBENCH_KEYS": path])
    #expect(events == ["key map \(path) loaded"])
    let harness = ScreenHarness(driver: ScriptedDriver(), keyTable: table)
    #expect(harness.press(.character("q")) == [])
    #expect(harness.press(.character("Q")) == [.quit])
    #expect(harness.dump().contains("Q quit"))
  }

  @Test("invalid JSON falls back to defaults with an event")
  func invalidJSONFallsBack() throws {
    let path = try temporaryFile("{ \"normal\": { \"quit\": \"Q\" ")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (table, events) = KeyMapFile.load(environment: ["HOOKBENCH_KEYS": path])
    #expect(table == .defaults)
    #expect(events.count == 1)
    #expect(events.first?.hasPrefix("invalid key map \(path): invalid JSON at line 1") == true)
    #expect(events.first?.hasSuffix("using default keys") == true)
  }

  @Test(
    "bad bindings fall back with a clear message",
    arguments: [
      (
        #"{ "nromal": {} }"#, "unknown context \"nromal\"; use one of: normal, editor, prompt, help"
      ),
      (#"{ "normal": { "stpe": "x" } }"#, "unknown command \"stpe\" in context normal"),
      (#"{ "normal": { "step": "ctrl-x" } }"#, "unknown key \"ctrl-x\" for step"),
      (#"{ "normal": { "restart": "n" } }"#, "\"n\" is bound to both"),
      (#"{ "editor": { "step": "C-n" } }"#, "command step does not run in context editor"),
      (#"{ "normal": { "step": 5 } }"#, "keys of step must be a key name or a list"),
      (#"[1]"#, "the top level must be an object of contexts, not array"),
      (#"{ "editor": { "undo": "C-z" } }"#, "\"C-z\" never reaches the workbench: the terminal"),
    ])
  func badBindingsFallBack(text: String, expected: String) throws {
    let path = try temporaryFile(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (table, events) = KeyMapFile.load(environment: ["HOOKBENCH_KEYS": path])
    #expect(table == .defaults)
    #expect(events.first?.contains(expected) == true, "\(events)")
  }

  @Test("missing file named by HOOKBENCH_KEYS is reported")
  func missingExplicitFileReported() {
    let (table, events) = KeyMapFile.load(environment: ["HOOKBENCH_KEYS": "/nonexistent/k.json"])
    #expect(table == .defaults)
    #expect(
      events == ["key map /nonexistent/k.json not found (from HOOKBENCH_KEYS); using default keys"])
  }

  @Test("missing default file is silent")
  func missingDefaultFileSilent() {
    let (table, events) = KeyMapFile.load(environment: ["HOME": "/nonexistent-home"])
    #expect(table == .defaults)
    #expect(events.isEmpty)
  }

  @Test("default path follows XDG_CONFIG_HOME then HOME")
  func defaultPathOrder() {
    #expect(KeyMapFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/hookbench/keys.json")
    #expect(
      KeyMapFile.defaultPath(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/x"])
        == "/x/hookbench/keys.json")
    #expect(
      KeyMapFile.defaultPath(environment: ["HOOKBENCH_KEYS": "/k.json", "HOME": "/h"]) == "/k.json")
    #expect(KeyMapFile.defaultPath(environment: [:]) == nil)
  }

  @Test("bad key map shows in the event log")
  func badKeyMapInEventLog() throws {
    let path = try temporaryFile(#"{ "normal": { "quit": "" } }"#)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (table, events) = KeyMapFile.load(environment: ["HOOKBENCH_KEYS": path])
    let workbench = Workbench(driver: ScriptedDriver(), keyTable: table, events: events)
    workbench.handle(.character("L"))
    let screen = workbench.render(width: 160, height: 45).dump()
    #expect(screen.contains("invalid key map"))
    #expect(screen.contains("unknown key \"\" for quit"))
  }
}
