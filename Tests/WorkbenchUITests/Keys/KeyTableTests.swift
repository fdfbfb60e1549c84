import Testing
import WorkbenchUI

@Suite("Key table")
struct KeyTableTests {
  @Test("default bindings are valid")
  func defaultsValid() {
    #expect(KeyTable.defaults.validate() == [])
  }

  @Test("every key is unique per context")
  func uniqueKeysPerContext() {
    for context in KeyContext.allCases {
      let keys = KeyTable.defaults.bindings.filter { $0.context == context }.map(\.key)
      #expect(Set(keys).count == keys.count, "duplicate key in \(context)")
    }
  }

  @Test("help lists every command of every context")
  func helpListsEveryCommand() {
    let help = KeyTable.defaults.helpLines().joined(separator: "\n")
    for command in WorkbenchCommand.allCases {
      #expect(help.contains(" \(command.rawValue)"), "help is missing \(command.rawValue)")
    }
  }

  @Test("help shows the keys bound to each command")
  func helpShowsKeys() {
    let lines = KeyTable.defaults.helpLines()
    let stepLine = lines.first { $0.contains(" step ") }
    #expect(stepLine?.hasPrefix("  n space ") == true)
    let revertLine = lines.first { $0.contains(" revert ") }
    #expect(revertLine?.contains(":revert") == true)
  }

  @Test("help wraps summaries at narrow widths")
  func helpWrapsAtNarrowWidth() {
    for line in KeyTable.defaults.helpLines(width: 60) where line.hasPrefix(" ") {
      #expect(DisplayWidth.of(line) <= 60, "too wide: \(line)")
    }
  }

  @Test("quick help follows rebinding")
  func quickHelpFollowsRebinding() {
    var table = KeyTable.defaults
    table.rebind(.quit, in: .normal, to: [.character("Q")])
    let quick = table.quickHelp(for: .normal)
    let quit = quick.first { $0.label == "quit" }
    #expect(quit?.key == "Q")
    #expect(!quick.contains { $0.key == "q" })
    #expect(quick.first?.key == "n")
  }

  @Test("a command without keys drops from quick help")
  func unboundCommandLeavesQuickHelp() {
    var table = KeyTable.defaults
    table.rebind(.help, in: .normal, to: [])
    #expect(!table.quickHelp(for: .normal).contains { $0.label == "help" })
    #expect(table.helpLines().contains { $0.contains(":help") })
  }

  @Test("validate finds a key bound twice")
  func validateFindsDuplicate() {
    var table = KeyTable.defaults
    table.rebind(.restart, in: .normal, to: [.character("n")])
    #expect(table.validate().first?.contains("\"n\" is bound to both step and restart") == true)
  }

  @Test("validate finds printable keys in the editor")
  func validateFindsPrintableEditorKey() {
    var table = KeyTable.defaults
    table.rebind(.undo, in: .editor, to: [.character("u")])
    #expect(table.validate().first?.contains("types text in context editor") == true)
  }

  @Test("key names round-trip")
  func keyNamesRoundTrip() {
    let keys: [Key] = [
      .character("n"), .character("N"), .character("?"), .control("s"), .function(1),
      .function(12), .space, .tab, .backTab, .enter, .escape, .backspace, .delete, .up, .down,
      .left, .right, .home, .end, .pageUp, .pageDown,
    ]
    for key in keys {
      #expect(Key(name: key.name) == key, "\(key.name)")
    }
  }

  @Test("key names reject unknown spellings")
  func keyNamesRejectUnknown() {
    #expect(Key(name: "") == nil)
    #expect(Key(name: "ctrl-s") == nil)
    #expect(Key(name: "F13") == nil)
    #expect(Key(name: "C-1") == nil)
    #expect(Key(name: "Tab") == .tab)
    #expect(Key(name: "c-S") == .control("s"))
  }
}
