import Testing
import WorkbenchUI

@Suite("Editor buffer")
struct EditorBufferTests {
  @Test("insert types at the cursor")
  func insertAtCursor() {
    var buffer = EditorBuffer(text: "ac")
    buffer.moveRight()
    buffer.insert("b")
    #expect(buffer.text == "abc")
    #expect(buffer.column == 2)
  }

  @Test("newline splits the line")
  func newlineSplits() {
    var buffer = EditorBuffer(text: "abcd")
    buffer.moveTo(line: 0, column: 2)
    buffer.insertNewline()
    #expect(buffer.text == "ab\ncd")
    #expect(buffer.line == 1)
    #expect(buffer.column == 0)
  }

  @Test("inserting a newline character splits too")
  func insertNewlineCharacter() {
    var buffer = EditorBuffer(text: "ab")
    buffer.moveToLineEnd()
    buffer.insert("\n")
    buffer.insert("c")
    #expect(buffer.lines.count == 2)
    #expect(buffer.text == "ab\nc")
  }

  @Test("backspace at line start joins lines")
  func backspaceJoinsLines() {
    var buffer = EditorBuffer(text: "ab\ncd")
    buffer.moveTo(line: 1, column: 0)
    buffer.deleteBackward()
    #expect(buffer.text == "abcd")
    #expect(buffer.line == 0)
    #expect(buffer.column == 2)
  }

  @Test("backspace at buffer start does nothing")
  func backspaceAtStart() {
    var buffer = EditorBuffer(text: "ab")
    buffer.deleteBackward()
    #expect(buffer.text == "ab")
    #expect(buffer.canUndo == false)
  }

  @Test("delete at line end joins the next line")
  func deleteJoinsNextLine() {
    var buffer = EditorBuffer(text: "ab\ncd")
    buffer.moveToLineEnd()
    buffer.deleteForward()
    #expect(buffer.text == "abcd")
    #expect(buffer.column == 2)
  }

  @Test("delete at buffer end does nothing")
  func deleteAtEnd() {
    var buffer = EditorBuffer(text: "ab")
    buffer.moveToLineEnd()
    buffer.deleteForward()
    #expect(buffer.text == "ab")
  }

  @Test("right at line end wraps to the next line")
  func rightWraps() {
    var buffer = EditorBuffer(text: "ab\ncd")
    buffer.moveToLineEnd()
    buffer.moveRight()
    #expect(buffer.line == 1)
    #expect(buffer.column == 0)
  }

  @Test("left at line start wraps to the previous line end")
  func leftWraps() {
    var buffer = EditorBuffer(text: "abc\nd")
    buffer.moveTo(line: 1, column: 0)
    buffer.moveLeft()
    #expect(buffer.line == 0)
    #expect(buffer.column == 3)
  }

  @Test("left and right stop at the buffer ends")
  func movesStopAtEnds() {
    var buffer = EditorBuffer(text: "ab")
    buffer.moveLeft()
    #expect(buffer.column == 0)
    buffer.moveToLineEnd()
    buffer.moveRight()
    #expect(buffer.line == 0)
    #expect(buffer.column == 2)
  }

  @Test("up and down keep the preferred column")
  func verticalKeepsColumn() {
    var buffer = EditorBuffer(text: "abcdef\nab\nabcdef")
    buffer.moveTo(line: 0, column: 5)
    buffer.moveDown()
    #expect(buffer.column == 2)
    buffer.moveDown()
    #expect(buffer.column == 5)
    buffer.moveUp()
    buffer.moveUp()
    #expect(buffer.line == 0)
    #expect(buffer.column == 5)
  }

  @Test("vertical moves at buffer edges")
  func verticalAtEdges() {
    var buffer = EditorBuffer(text: "abc\ndef")
    buffer.moveTo(line: 0, column: 2)
    buffer.moveUp()
    #expect(buffer.column == 0)
    buffer.moveTo(line: 1, column: 1)
    buffer.moveDown()
    #expect(buffer.column == 3)
  }

  @Test("undo restores text and cursor step by step")
  func undoSteps() {
    var buffer = EditorBuffer(text: "a")
    buffer.moveToLineEnd()
    buffer.insert("b")
    buffer.insertNewline()
    buffer.insert("c")
    #expect(buffer.text == "ab\nc")
    var undone = buffer.undo()
    #expect(undone)
    #expect(buffer.text == "ab\n")
    undone = buffer.undo()
    #expect(undone)
    #expect(buffer.text == "ab")
    #expect(buffer.line == 0)
    #expect(buffer.column == 2)
    undone = buffer.undo()
    #expect(undone)
    #expect(buffer.text == "a")
    undone = buffer.undo()
    #expect(undone == false)
  }

  @Test("undo history is bounded")
  func undoBounded() {
    var buffer = EditorBuffer()
    for _ in 0..<(EditorBuffer.undoLimit + 10) { buffer.insert("x") }
    var undone = 0
    while buffer.undo() { undone += 1 }
    #expect(undone == EditorBuffer.undoLimit)
    #expect(buffer.text == String(repeating: "x", count: 10))
  }

  @Test("combining characters move as one")
  func combiningCharacters() {
    var buffer = EditorBuffer(text: "e\u{301}x")
    buffer.moveRight()
    #expect(buffer.column == 1)
    buffer.deleteBackward()
    #expect(buffer.text == "x")
  }

  @Test("empty text has one empty line")
  func emptyText() {
    let buffer = EditorBuffer(text: "")
    #expect(buffer.lines == [[]])
    #expect(buffer.text == "")
  }
}

@Suite("Line splitting")
struct LineSplittingTests {
  @Test("CR LF and LF both end lines")
  func crlfAndLF() {
    #expect("a\r\nb\nc".splitLines() == ["a", "b", "c"])
    #expect("a\n".splitLines() == ["a", ""])
    #expect("".splitLines() == [""])
  }

  @Test("editor splits CR LF text into lines")
  func editorSplitsCRLF() {
    let buffer = EditorBuffer(text: "{\r\n  \"set\": []\r\n}")
    #expect(buffer.lines.count == 3)
    #expect(buffer.text == "{\n  \"set\": []\n}")
  }
}
