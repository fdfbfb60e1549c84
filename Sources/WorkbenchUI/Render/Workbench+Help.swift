extension Workbench {
  /// Draws the help overlay over the panes: every key of every context, from the key table.
  func drawHelp(scroll top: Int, into screen: inout ScreenBuffer) {
    let rect = Rect(row: 1, column: 0, width: screen.width, height: screen.height - 3)
    let inner = rect.inner
    for row in rect.row..<(rect.row + rect.height) {
      screen.fill(row: row, column: rect.column, count: rect.width)
    }
    let closeKeys = keyTable.keys(for: .closeHelp, in: .help).map(\.name).joined(separator: " ")
    let title = PaneTitle(candidates: ["Help"], tag: "\(closeKeys) closes", tagRole: .dim)
    drawBox(rect, title: title, focused: true, into: &screen)

    let lines = keyTable.helpLines(width: inner.width - 1)
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
}
