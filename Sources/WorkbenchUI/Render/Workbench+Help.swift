extension Workbench {
  /// Draws the help overlay over the panes: every key of every context, from the key table.
  func drawHelp(scroll top: Int, into screen: inout ScreenBuffer) {
    let rect = Rect(
      row: 1, column: 2, width: screen.width - 4, height: screen.height - 3)
    let inner = rect.inner
    for row in rect.row..<(rect.row + rect.height) {
      screen.fill(row: row, column: rect.column, count: rect.width)
    }
    let closeKeys = keyTable.keys(for: .closeHelp, in: .help).map(\.name).joined(separator: " ")
    drawBox(
      rect, title: "Help", tag: "\(closeKeys) closes", tagRole: .dim, focused: true,
      into: &screen)
    let lines = keyTable.helpLines()
    let maximumTop = max(0, lines.count - inner.height)
    let clamped = min(top, maximumTop)
    if clamped != top { mode = .help(scroll: clamped) }
    for (offset, line) in lines.dropFirst(clamped).prefix(inner.height).enumerated() {
      let isHeading = !line.hasPrefix(" ") && !line.isEmpty
      screen.write(
        line, row: inner.row + offset, column: inner.column + 1, maxWidth: inner.width - 1,
        role: isHeading ? .title : .normal, attributes: isHeading ? .bold : [])
    }
    if lines.count > inner.height {
      let position = "\(clamped + 1)-\(min(lines.count, clamped + inner.height))/\(lines.count)"
      screen.write(
        position, row: rect.row + rect.height - 1,
        column: rect.column + rect.width - 2 - DisplayWidth.of(position), role: .dim)
    }
  }

  /// Draws the response editor in the Patches pane, with each diagnostic on a row below the
  /// line it points at, and places the terminal cursor.
  func drawEditor(in rect: Rect, into screen: inout ScreenBuffer) {
    let (title, tag, tagRole) = paneTitle(.patches)
    drawBox(rect, title: title, tag: tag, tagRole: tagRole, focused: true, into: &screen)
    let inner = rect.inner
    guard inner.width > 1, inner.height > 0 else { return }
    let buffer = draft ?? EditorBuffer(text: snapshot.responseText)

    var rows: [(text: String, lineIndex: Int?, isDiagnostic: Bool)] = []
    var cursorRow = 0
    for (index, characters) in buffer.lines.enumerated() {
      if index == buffer.line { cursorRow = rows.count }
      rows.append((String(characters), index, false))
      for diagnostic in draftDiagnostics where diagnostic.line == index + 1
        || (index == buffer.lines.count - 1 && diagnostic.line > buffer.lines.count)
      {
        let indent = String(repeating: " ", count: max(0, diagnostic.column - 1))
        rows.append(
          ("\(indent)^ \(diagnostic.line):\(diagnostic.column) \(diagnostic.message)", nil, true))
      }
    }

    let cursorLine = buffer.lines[buffer.line]
    let cursorX = DisplayWidth.of(String(cursorLine.prefix(buffer.column)))
    if cursorRow < editorTop { editorTop = cursorRow }
    if cursorRow >= editorTop + inner.height { editorTop = cursorRow - inner.height + 1 }
    if cursorX < editorLeft { editorLeft = max(0, cursorX - inner.width / 2) }
    if cursorX >= editorLeft + inner.width {
      editorLeft = cursorX - inner.width + max(1, inner.width / 4)
    }

    for (offset, row) in rows.dropFirst(editorTop).prefix(inner.height).enumerated() {
      let visible = DisplayWidth.dropping(row.text, columns: editorLeft)
      screen.write(
        String(visible), row: inner.row + offset, column: inner.column, maxWidth: inner.width,
        role: row.isDiagnostic ? .error : .normal, attributes: row.isDiagnostic ? .bold : [])
    }
    screen.cursor = (inner.row + cursorRow - editorTop, inner.column + cursorX - editorLeft)
  }
}
