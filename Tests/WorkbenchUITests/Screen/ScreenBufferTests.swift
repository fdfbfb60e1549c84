import Testing
import WorkbenchUI

@Suite("Screen buffer")
struct ScreenBufferTests {
  @Test("write clips at the given width")
  func writeClips() {
    var screen = ScreenBuffer(width: 10, height: 1)
    let written = screen.write("abcdefgh", row: 0, column: 2, maxWidth: 4)
    #expect(written == 4)
    #expect(screen.text(row: 0) == "  abcd")
  }

  @Test("wide characters take two cells and never split")
  func wideCharacters() {
    var screen = ScreenBuffer(width: 5, height: 1)
    let written = screen.write("日本語", row: 0, column: 0)
    #expect(written == 4)
    #expect(screen.text(row: 0) == "日本")
    #expect(screen.cell(row: 0, column: 1)?.isContinuation == true)
    #expect(screen.cell(row: 0, column: 4)?.text == " ")
  }

  @Test("combining marks stay with their letter")
  func combiningMarks() {
    var screen = ScreenBuffer(width: 3, height: 1)
    let written = screen.write("e\u{301}xy", row: 0, column: 0)
    #expect(written == 3)
    #expect(screen.cell(row: 0, column: 0)?.text == "e\u{301}")
    #expect(screen.text(row: 0) == "e\u{301}xy")
  }

  @Test("control characters are drawn as question marks")
  func controlCharacters() {
    var screen = ScreenBuffer(width: 6, height: 1)
    screen.write("a\u{1B}[2Jb\tc", row: 0, column: 0)
    #expect(screen.text(row: 0) == "a?[2Jb")
  }

  @Test("writes outside the buffer are ignored")
  func writesOutside() {
    var screen = ScreenBuffer(width: 3, height: 2)
    #expect(screen.write("x", row: 2, column: 0) == 0)
    #expect(screen.write("x", row: -1, column: 0) == 0)
    #expect(screen.write("x", row: 0, column: 3) == 0)
    screen.write("abcd", row: 1, column: -1)
    #expect(screen.text(row: 1) == "bcd")
    screen.fill(row: 0, column: -2, count: 10, character: "-")
    #expect(screen.text(row: 0) == "---")
  }

  @Test("restyle keeps text")
  func restyleKeepsText() {
    var screen = ScreenBuffer(width: 4, height: 1)
    screen.write("abcd", row: 0, column: 0)
    screen.restyle(row: 0, column: 1, count: 2, role: .match, attributes: .reverse)
    #expect(screen.text(row: 0) == "abcd")
    #expect(screen.cell(row: 0, column: 1)?.role == .match)
    #expect(screen.cell(row: 0, column: 3)?.role == .normal)
  }

  @Test("zero and negative sizes are empty")
  func emptySizes() {
    let screen = ScreenBuffer(width: -3, height: 0)
    #expect(screen.dump() == "\n")
  }
}

@Suite("Display width")
struct DisplayWidthTests {
  @Test(
    "widths of characters",
    arguments: [
      ("a", 1), ("é", 1), ("e\u{301}", 1), ("日", 2), ("한", 2), ("Ａ", 2), ("😀", 2),
      ("\u{200B}", 0), ("\u{301}", 0), ("→", 1), ("│", 1), ("❤\u{FE0F}", 2),
    ])
  func characterWidths(text: String, expected: Int) {
    #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map(\.value))")
  }

  @Test("prefix fits whole characters")
  func prefixFits() {
    let (text, width) = DisplayWidth.prefix("a日b", fitting: 2)
    #expect(text == "a")
    #expect(width == 1)
  }

  @Test("dropping skips columns and half a wide character")
  func droppingColumns() {
    #expect(DisplayWidth.dropping("日本", columns: 1) == "本")
    #expect(DisplayWidth.dropping("abc", columns: 2) == "c")
    #expect(DisplayWidth.dropping("abc", columns: 5) == "")
  }
}

@Suite("Screen size")
struct ScreenSizeTests {
  @Test("small terminal shows one line and still quits", arguments: [(79, 24), (80, 23), (20, 3)])
  func smallTerminal(width: Int, height: Int) {
    let harness = ScriptedHarness()
    let screen = harness.workbench.render(width: width, height: height)
    let text = (0..<height).map { screen.text(row: $0) }.filter { !$0.isEmpty }
      .joined(separator: " ")
    #expect(text.hasPrefix("HookBench needs a terminal of at least 80×24"))
    #expect(!text.contains("│"))
    #expect(harness.press(.character("q")) == [.quit])
  }

  @Test("wide text clipped by display width")
  func wideTextClipped() {
    let driver = ScriptedDriver()
    let wide = String(repeating: "日本語", count: 10)
    driver.responses["connect"] = [#"{ "set": [ { "path": "/x", "value": ""# + wide + #"" } ] }"#]
    let workbench = Workbench(driver: driver)
    workbench.handle(.character("n"))
    workbench.receiveUpdates()
    let screen = workbench.render(width: 160, height: 45)
    // The Patches pane spans columns 53...105; its first content row is row 2.
    #expect(screen.text(row: 2).contains("\"value\": \"日本語"))
    #expect(screen.cell(row: 2, column: 53)?.text == "│")
    #expect(screen.cell(row: 2, column: 105)?.text == "│")
    #expect(screen.cell(row: 2, column: 106)?.text == "│")
    for row in 0..<screen.height {
      #expect(DisplayWidth.of(screen.text(row: row)) <= 160)
    }
  }

  @Test("resize renders at the new size without losing state")
  func resizeKeepsState() {
    let harness = ScriptedHarness()
    harness.press(.character("n"), .character("?"))
    _ = harness.dump(width: 120, height: 35)
    harness.press(.resize)
    #expect(harness.workbench.context == .help)
    let small = harness.dump(width: 80, height: 24)
    #expect(small.contains("Help"))
    harness.press(.escape)
    #expect(harness.dump(width: 120, height: 35).contains("[connect]"))
  }

  @Test("ASCII glyphs replace box drawing")
  func asciiGlyphs() {
    let harness = ScriptedHarness()
    harness.workbench.glyphs = .ascii
    harness.press(.character("n"))
    let screen = harness.dump(width: 160, height: 45)
    #expect(screen.hasPrefix(" HookBench"))
    #expect(screen.contains("+ Request json (connect -> spam-check) ---"))
    #expect(screen.contains("[connect] > ehlo"))
    #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
  }
}
