/// A multi-line text buffer with a cursor and undo, used to edit a scanner's response.
///
/// Positions count grapheme clusters (Swift `Character`s), so a combining accent and its
/// letter move as one. CR LF line breaks in the text become LF.
public struct EditorBuffer: Sendable, Equatable {
  /// The lines, without their line breaks; never empty.
  public private(set) var lines: [[Character]]
  /// The 0-based line of the cursor.
  public private(set) var line: Int = 0
  /// The 0-based column of the cursor in characters, from 0 to the line's length.
  public private(set) var column: Int = 0
  /// The column that up and down try to keep across shorter lines.
  private var preferredColumn: Int = 0
  private var undoStack: [Snapshot] = []

  private struct Snapshot: Sendable, Equatable {
    var lines: [[Character]]
    var line: Int
    var column: Int
  }

  /// The maximum number of undo steps kept; older ones are dropped.
  public static let undoLimit = 500

  /// Creates a buffer holding `text` with the cursor at the start.
  public init(text: String = "") {
    lines = text.splitLines().map { Array($0) }
    if lines.isEmpty { lines = [[]] }
  }

  /// The whole text, lines joined with "\n".
  public var text: String {
    lines.map { String($0) }.joined(separator: "\n")
  }

  /// Whether there is a change to undo.
  public var canUndo: Bool { !undoStack.isEmpty }

  /// Inserts `character` at the cursor and moves the cursor after it; "\n" splits the line.
  public mutating func insert(_ character: Character) {
    if character == "\n" {
      insertNewline()
      return
    }
    recordUndo()
    lines[line].insert(character, at: column)
    column += 1
    preferredColumn = column
  }

  /// Splits the line at the cursor and moves the cursor to the start of the new line.
  public mutating func insertNewline() {
    recordUndo()
    let rest = Array(lines[line][column...])
    lines[line].removeSubrange(column...)
    lines.insert(rest, at: line + 1)
    line += 1
    column = 0
    preferredColumn = 0
  }

  /// Deletes the character before the cursor; at a line start, joins the line to the one
  /// above. Does nothing at the start of the buffer.
  public mutating func deleteBackward() {
    if column > 0 {
      recordUndo()
      lines[line].remove(at: column - 1)
      column -= 1
    } else if line > 0 {
      recordUndo()
      let current = lines.remove(at: line)
      line -= 1
      column = lines[line].count
      lines[line].append(contentsOf: current)
    }
    preferredColumn = column
  }

  /// Deletes the character under the cursor; at a line end, joins the next line to this one.
  /// Does nothing at the end of the buffer.
  public mutating func deleteForward() {
    if column < lines[line].count {
      recordUndo()
      lines[line].remove(at: column)
    } else if line + 1 < lines.count {
      recordUndo()
      let next = lines.remove(at: line + 1)
      lines[line].append(contentsOf: next)
    }
    preferredColumn = column
  }

  /// Moves the cursor one character left, to the end of the line above at a line start.
  public mutating func moveLeft() {
    if column > 0 {
      column -= 1
    } else if line > 0 {
      line -= 1
      column = lines[line].count
    }
    preferredColumn = column
  }

  /// Moves the cursor one character right, to the start of the line below at a line end.
  public mutating func moveRight() {
    if column < lines[line].count {
      column += 1
    } else if line + 1 < lines.count {
      line += 1
      column = 0
    }
    preferredColumn = column
  }

  /// Moves the cursor one line up, keeping the preferred column where the line is long
  /// enough. On the first line it moves to the line start.
  public mutating func moveUp() {
    guard line > 0 else {
      column = 0
      return
    }
    line -= 1
    column = min(preferredColumn, lines[line].count)
  }

  /// Moves the cursor one line down, keeping the preferred column where the line is long
  /// enough. On the last line it moves to the line end.
  public mutating func moveDown() {
    guard line + 1 < lines.count else {
      column = lines[line].count
      return
    }
    line += 1
    column = min(preferredColumn, lines[line].count)
  }

  /// Moves the cursor to the start of its line.
  public mutating func moveToLineStart() {
    column = 0
    preferredColumn = 0
  }

  /// Moves the cursor to the end of its line.
  public mutating func moveToLineEnd() {
    column = lines[line].count
    preferredColumn = column
  }

  /// Moves the cursor to a 0-based line and column, clamped to the text.
  public mutating func moveTo(line target: Int, column targetColumn: Int) {
    line = min(max(0, target), lines.count - 1)
    column = min(max(0, targetColumn), lines[line].count)
    preferredColumn = column
  }

  /// Restores the text and cursor from before the last change.
  /// - Returns: false when there is nothing to undo.
  @discardableResult
  public mutating func undo() -> Bool {
    guard let previous = undoStack.popLast() else { return false }
    lines = previous.lines
    line = previous.line
    column = previous.column
    preferredColumn = column
    return true
  }

  private mutating func recordUndo() {
    undoStack.append(Snapshot(lines: lines, line: line, column: column))
    if undoStack.count > Self.undoLimit {
      undoStack.removeFirst(undoStack.count - Self.undoLimit)
    }
  }
}
