import Foundation
import Testing
import WorkbenchUI

/// How the panes draw lines wider than the pane, and the marks outside a UTF-8 locale.
@Suite("Pane drawing")
struct PaneDrawingTests {
  @Test("long request line shows a continuation mark")
  func longLineMark() {
    let harness = ScriptedHarness()
    // The http view starts with "POST /hooks/spam-check HTTP/1.1", wider than the pane.
    harness.press(.character("n"), .character("v"), .character("v"))
    let screen = harness.workbench.render(width: 80, height: 24)
    // The Request pane's inner columns are 1...24 at 80 columns.
    let marked = (2..<22).filter { screen.cell(row: $0, column: 24)?.text == "›" }
    #expect(marked.contains(2))
    #expect(screen.text(row: 2).hasPrefix("│POST /hooks/spam-check ›"))
  }

  @Test("> scrolls the request sideways")
  func scrollSideways() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("v"), .character("v"))
    let before = harness.dump()
    harness.press(.character(">"))
    let after = harness.dump()
    #expect(after != before)
    // The widest line is 31 columns, so the offset stops at 8, where its end is in view.
    #expect(after.contains("‹ column 9"))
    #expect(after.contains("│oks/spam-check HTTP/1.1"))
    harness.press(.character("<"))
    // The bottom line of `before` still shows the message of v, so it is left out.
    let panes = { (screen: String) in screen.split(separator: "\n").dropLast() }
    #expect(panes(harness.dump()) == panes(before))
  }

  @Test("sideways scroll is in help and quick-help")
  func sidewaysKeysListed() {
    let help = KeyTable.defaults.helpLines()
    #expect(help.contains { $0.contains("scroll-right") && $0.contains(">") })
    #expect(help.contains { $0.contains("scroll-left") && $0.contains("<") })
    let quick = KeyTable.defaults.quickHelp(for: .normal).map(\.key)
    #expect(quick.contains(">"))
  }

  @Test("ASCII glyphs leave no UTF-8 mark")
  func asciiMarks() {
    let harness = ScriptedHarness()
    harness.workbench.glyphs = .ascii
    harness.press(.character("N"), .character("N"), .character("n"))
    let screen = harness.dump(width: 160, height: 45)
    let foreign = screen.unicodeScalars.filter { !$0.isASCII }
    #expect(foreign.isEmpty, "non-ASCII characters: \(String(String.UnicodeScalarView(foreign)))")
    #expect(screen.contains("connect+"))
    #expect(screen.contains("+ applied") || screen.contains("+ no change"))
  }

  @Test("wrapping keeps a value with its comma")
  func wrapKeepsComma() {
    let value = "\"" + String(repeating: "a", count: 45) + "@example.org\""
    let line = String(repeating: " ", count: 8) + "\"address\": " + value + ","
    let workbench = Workbench(driver: ScriptedDriver(), events: [line])
    workbench.handle(.character("L"))
    let rows = workbench.render(width: 80, height: 24).dump().split(separator: "\n")
    #expect(rows.contains { $0.contains(value + ",") })
    #expect(!rows.contains { $0.trimmingCharacters(in: [" ", "│"]) == "," })
  }

  @Test("E before the first call is refused")
  func externalEditBeforeCall() {
    let harness = ScriptedHarness()
    #expect(harness.press(.character("E")).isEmpty)
    #expect(harness.workbench.context == .normal)
    #expect(harness.dump().contains("no scanner call to edit yet"))
  }

  @Test("revert off screen drops every edit")
  func revertOffScreen() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("e"), .delete, .delete)
    harness.type(#"{ "set": [ { "path": "/action", "value": "accept" } ] }"#)
    harness.press(.control("s"))
    #expect(harness.workbench.snapshot.isEdited)
    harness.press(.character("n"))
    #expect(harness.workbench.snapshot.isEdited == false)
    harness.press(.character(":"))
    harness.type("revert\n")
    #expect(harness.driver.edits.isEmpty)
    #expect(harness.dump(width: 160, height: 45).contains("connect spam-check"))
  }
}
