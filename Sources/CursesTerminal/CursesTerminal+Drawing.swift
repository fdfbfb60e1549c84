import CNCurses
import WorkbenchUI

extension CursesTerminal {
  /// Copies `screen` to the terminal and places or hides the cursor.
  ///
  /// Cells of one style are drawn in runs. A non-ASCII cell is drawn on its own at its
  /// column, so a character whose `wcwidth` disagrees with the layout's width shifts nothing
  /// after it. A character that the locale cannot draw becomes `?`.
  func draw(_ screen: ScreenBuffer) {
    werase(hb_stdscr())
    for row in 0..<screen.height {
      var column = 0
      while column < screen.width {
        let first = screen.rows[row][column]
        if first.isContinuation {
          column += 1
          continue
        }
        let style = curses(first)
        if !first.text.unicodeScalars.allSatisfy(\.isASCII) {
          drawOne(first.text, row: row, column: column, style: style)
          column += 1
          continue
        }
        var run: [wchar_t] = []
        let start = column
        while column < screen.width {
          let cell = screen.rows[row][column]
          guard cell.role == first.role, cell.attributes == first.attributes,
            !cell.isContinuation, cell.text.unicodeScalars.allSatisfy(\.isASCII)
          else { break }
          run += cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
          column += 1
        }
        _ = hb_draw(Int32(row), Int32(start), run, Int32(run.count), style.attributes, style.pair)
      }
    }
    if let cursor = screen.cursor {
      curs_set(1)
      wmove(hb_stdscr(), Int32(cursor.row), Int32(cursor.column))
    } else {
      curs_set(0)
    }
    wrefresh(hb_stdscr())
  }

  private func drawOne(
    _ text: String, row: Int, column: Int, style: (attributes: attr_t, pair: Int16)
  ) {
    var characters = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
    let drawable = characters.allSatisfy { hb_wcwidth($0) >= 0 }
    if !isUTF8 || !drawable {
      characters = [wchar_t(63)]  // "?"
    }
    _ = hb_draw(
      Int32(row), Int32(column), characters, Int32(characters.count), style.attributes,
      style.pair)
  }

  private func curses(_ cell: Cell) -> (attributes: attr_t, pair: Int16) {
    var attributes = hb_attribute_normal()
    if cell.attributes.contains(.bold) { attributes |= hb_attribute_bold() }
    if cell.attributes.contains(.reverse) { attributes |= hb_attribute_reverse() }
    if cell.attributes.contains(.underline) { attributes |= hb_attribute_underline() }
    if cell.role == .dim { attributes |= hb_attribute_dim() }
    return (attributes, palette?.pair(for: cell.role) ?? 0)
  }
}
