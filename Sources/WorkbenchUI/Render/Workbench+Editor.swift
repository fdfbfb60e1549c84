extension Workbench {
  /// Draws the response editor in the Patches pane and places the terminal cursor.
  ///
  /// Each diagnostic is drawn below the line it points at, with a `^` under its column when
  /// that column is on screen, wrapped to the pane width. The view scrolls to keep the
  /// cursor visible; a long cursor line scrolls sideways on its own, as in nano.
  func drawEditor(in rect: Rect, into screen: inout ScreenBuffer) {
    drawBox(rect, title: paneTitle(.patches), focused: true, into: &screen)
    let inner = rect.inner
    guard inner.width > 1, inner.height > 0 else { return }
    let buffer = draft ?? EditorBuffer(text: snapshot.responseText)

    let cursorLine = buffer.lines[buffer.line]
    let cursorX = DisplayWidth.of(String(cursorLine.prefix(buffer.column)))
    if cursorX < inner.width {
      editorLeft = 0
    } else if cursorX < editorLeft {
      editorLeft = max(0, cursorX - inner.width / 2)
    } else if cursorX >= editorLeft + inner.width {
      editorLeft = cursorX - inner.width + max(1, inner.width / 4)
    }

    // Only the cursor's line scrolls horizontally, so the other lines stay readable.
    var rows: [PaneLine] = []
    var cursorRow = 0
    let lastLine = buffer.lines.count - 1
    for (index, characters) in buffer.lines.enumerated() {
      if index == buffer.line { cursorRow = rows.count }
      let left = index == buffer.line ? editorLeft : 0
      rows.append(PaneLine(String(DisplayWidth.dropping(String(characters), columns: left))))
      let diagnosticsHere = draftDiagnostics.filter {
        $0.line == index + 1 || (index == lastLine && $0.line > lastLine + 1)
      }
      for diagnostic in diagnosticsHere {
        rows += diagnosticRows(diagnostic, line: characters, left: left, width: inner.width)
      }
    }

    if buffer.text.allSatisfy(\.isWhitespace) {
      rows.append(PaneLine("type {} for no change", role: .dim))
    }

    editorTop = min(editorTop, max(0, rows.count - inner.height))
    if cursorRow < editorTop { editorTop = cursorRow }
    if cursorRow >= editorTop + inner.height { editorTop = cursorRow - inner.height + 1 }
    for (offset, row) in rows.dropFirst(editorTop).prefix(inner.height).enumerated() {
      screen.write(
        row.text, row: inner.row + offset, column: inner.column, maxWidth: inner.width,
        role: row.role, attributes: row.attributes)
    }
    screen.cursor = (inner.row + cursorRow - editorTop, inner.column + cursorX - editorLeft)
  }

  /// Returns the rows that show `diagnostic` under `line`: a `^` under the column it points at when
  /// that column is on screen, followed by the message, wrapped to `width`. `left` is the
  /// horizontal scroll of `line`.
  private func diagnosticRows(
    _ diagnostic: EditDiagnostic, line: [Character], left: Int, width: Int
  ) -> [PaneLine] {
    let message = "\(diagnostic.line):\(diagnostic.column) \(diagnostic.message)"
    let caretColumn =
      DisplayWidth.of(String(line.prefix(max(0, diagnostic.column - 1)))) - left
    let caretOnScreen = caretColumn >= 0 && caretColumn < width
    let lead = String(repeating: " ", count: caretOnScreen ? caretColumn : 0) + "^ "
    var rows: [PaneLine] = []
    var rest = message
    // With the caret near the right edge, the caret gets a row of its own and the message
    // follows on the rows below it.
    if DisplayWidth.of(lead) + 12 <= width {
      let (first, _) = DisplayWidth.prefix(message, fitting: width - DisplayWidth.of(lead))
      rows.append(PaneLine(lead + first, role: .error, attributes: .bold))
      rest = String(message[first.endIndex...].drop { $0 == " " })
    } else {
      rows.append(PaneLine(lead, role: .error, attributes: .bold))
    }
    if !rest.isEmpty {
      for piece in PaneLine(rest).wrapped(width: width - 2, indent: 0) {
        rows.append(PaneLine("  " + piece.text, role: .error, attributes: .bold))
      }
    }
    return rows
  }
}
