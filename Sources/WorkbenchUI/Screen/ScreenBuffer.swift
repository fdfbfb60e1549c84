/// The purpose of a cell, from which the terminal picks a colour in the current theme.
///
/// The view model never names colours. A monochrome terminal draws every role in the default
/// colours and keeps only the attributes, which is why change marks are also drawn as text.
public enum ColorRole: String, Sendable, CaseIterable {
  case normal, dim, title, border, focusedBorder
  case timelineCurrent, timelineDone, timelineEnded, breakpoint
  case added, removed, changed
  case error, warning, success
  case statusBar, quickHelpKey, prompt, match, selection
}

/// Text attributes that survive on a monochrome terminal.
public struct CellAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = CellAttributes(rawValue: 1)
  public static let reverse = CellAttributes(rawValue: 2)
  public static let underline = CellAttributes(rawValue: 4)
}

/// One screen cell: a character with its role and attributes.
///
/// A wide character occupies its own cell and the cell to its right. The right one is a
/// continuation cell with an empty `text`, which drawing and text dumps skip.
public struct Cell: Sendable, Equatable {
  /// The grapheme cluster drawn in this cell, or "" for a continuation cell.
  public var text: String
  public var role: ColorRole
  public var attributes: CellAttributes

  /// A blank cell in the default colours.
  public static let blank = Cell(text: " ", role: .normal, attributes: [])

  public init(text: String, role: ColorRole, attributes: CellAttributes) {
    self.text = text
    self.role = role
    self.attributes = attributes
  }

  /// Whether this cell is the right half of a wide character.
  public var isContinuation: Bool { text.isEmpty }
}

/// A grid of cells that the workbench draws into and the terminal copies to the screen.
///
/// Writes outside the grid are clipped, never trapped. Tests read the screen through `dump()`.
public struct ScreenBuffer: Sendable, Equatable {
  /// Width in columns.
  public let width: Int
  /// Height in rows.
  public let height: Int
  /// The cells, row by row.
  public private(set) var rows: [[Cell]]
  /// The position (row, column) of the terminal's cursor, or nil to hide it.
  public var cursor: (row: Int, column: Int)? = nil

  /// Creates a blank buffer; negative sizes count as 0.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    rows = Array(repeating: Array(repeating: .blank, count: self.width), count: self.height)
  }

  public static func == (left: ScreenBuffer, right: ScreenBuffer) -> Bool {
    left.rows == right.rows && left.cursor?.row == right.cursor?.row
      && left.cursor?.column == right.cursor?.column
  }

  /// Writes `text` at `row`, `column`, clipped to `maxWidth` columns and to the buffer edge.
  ///
  /// Control characters are drawn as `?` so they can never move the terminal's cursor.
  /// - Returns: the number of columns written.
  @discardableResult
  public mutating func write(
    _ text: String, row: Int, column: Int, maxWidth: Int? = nil,
    role: ColorRole = .normal, attributes: CellAttributes = []
  ) -> Int {
    guard row >= 0, row < height, column < width else { return 0 }
    let limit = min(width, maxWidth.map { column + $0 } ?? width)
    var position = column
    for character in text {
      var drawn = character
      var columns = DisplayWidth.of(character)
      if character.unicodeScalars.first.map({ $0.value < 0x20 || $0.value == 0x7F }) == true {
        drawn = "?"
        columns = 1
      }
      if columns == 0 {
        // A lone combining mark or format character: attach nothing, draw nothing.
        continue
      }
      if position + columns > limit { break }
      if position >= 0 {
        rows[row][position] = Cell(text: String(drawn), role: role, attributes: attributes)
        if columns == 2 {
          rows[row][position + 1] = Cell(text: "", role: role, attributes: attributes)
        }
      }
      position += columns
    }
    return max(0, position - column)
  }

  /// Fills `count` cells from `row`, `column` with `character`.
  public mutating func fill(
    row: Int, column: Int, count: Int, character: Character = " ",
    role: ColorRole = .normal, attributes: CellAttributes = []
  ) {
    guard row >= 0, row < height else { return }
    let start = max(0, column)
    let end = min(width, column + count)
    guard start < end else { return }
    for position in start..<end {
      rows[row][position] = Cell(text: String(character), role: role, attributes: attributes)
    }
  }

  /// Changes the role and attributes of cells already written, keeping their text.
  public mutating func restyle(
    row: Int, column: Int, count: Int, role: ColorRole, attributes: CellAttributes = []
  ) {
    guard row >= 0, row < height else { return }
    let start = max(0, column)
    let end = min(width, column + count)
    guard start < end else { return }
    for position in start..<end {
      rows[row][position].role = role
      rows[row][position].attributes = attributes
    }
  }

  /// Replaces the text of every one-column cell that is not ASCII with `replacement(text)`
  /// when it returns a one-column ASCII character. Other cells keep their text.
  public mutating func replaceNonASCII(using replacement: (String) -> Character?) {
    for row in 0..<height {
      for column in 0..<width {
        let text = rows[row][column].text
        guard !text.isEmpty, !text.unicodeScalars.allSatisfy(\.isASCII),
          column + 1 >= width || !rows[row][column + 1].isContinuation,
          let ascii = replacement(text), ascii.isASCII
        else { continue }
        rows[row][column].text = String(ascii)
      }
    }
  }

  /// Returns the cell at `row`, `column`, or nil outside the buffer.
  public func cell(row: Int, column: Int) -> Cell? {
    guard row >= 0, row < height, column >= 0, column < width else { return nil }
    return rows[row][column]
  }

  /// Returns the text of one row, without trailing spaces.
  public func text(row: Int) -> String {
    guard row >= 0, row < height else { return "" }
    var line = ""
    for cell in rows[row] where !cell.isContinuation { line += cell.text }
    while line.hasSuffix(" ") { line.removeLast() }
    return line
  }

  /// Returns the whole screen as text, one line per row, without trailing spaces.
  public func dump() -> String {
    (0..<height).map { text(row: $0) }.joined(separator: "\n") + "\n"
  }
}
