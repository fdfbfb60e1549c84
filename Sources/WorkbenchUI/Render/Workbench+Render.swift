extension Workbench {
  /// The smallest screen the workbench lays out; below it only a message is drawn.
  public static let minimumSize = (width: 80, height: 24)

  /// Draws the whole screen into a new buffer of `width` × `height` cells.
  ///
  /// Rows: the stage timeline, the panes (with the event log below them when shown), the
  /// status bar, and the quick-help line, which the prompt replaces while it is open.
  public func render(width: Int, height: Int) -> ScreenBuffer {
    var screen = ScreenBuffer(width: width, height: height)
    guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
      drawTooSmall(into: &screen)
      if glyphs == .ascii { screen.replaceNonASCII(using: Glyphs.asciiFallback(for:)) }
      return screen
    }
    drawTimeline(into: &screen)

    let paneArea = Rect(row: 1, column: 0, width: width, height: height - 3)
    var panesHeight = paneArea.height
    if showEvents {
      let eventsHeight = min(8, paneArea.height / 3)
      panesHeight -= eventsHeight
      let eventsRect = Rect(
        row: paneArea.row + panesHeight, column: 0, width: width, height: eventsHeight)
      drawPane(.events, in: eventsRect, into: &screen, followTail: true)
    }
    let third = width / 3
    let widths = [third, third, width - 2 * third]
    var column = 0
    for (pane, paneWidth) in zip([PaneKind.request, .patches, .result], widths) {
      let rect = Rect(row: paneArea.row, column: column, width: paneWidth, height: panesHeight)
      if pane == .patches && (mode == .editor) {
        drawEditor(in: rect, into: &screen)
      } else {
        drawPane(pane, in: rect, into: &screen)
      }
      column += paneWidth
    }
    lastPageHeight = max(1, panesHeight - 2)

    drawStatusBar(row: height - 2, into: &screen)
    drawBottomLine(row: height - 1, into: &screen)
    if case .help(let top) = mode {
      drawHelp(scroll: top, into: &screen)
    }
    if glyphs == .ascii { screen.replaceNonASCII(using: Glyphs.asciiFallback(for:)) }
    return screen
  }

  private func drawTooSmall(into screen: inout ScreenBuffer) {
    let minimum = Self.minimumSize
    let message =
      "HookBench needs a terminal of at least \(minimum.width)×\(minimum.height); this one is "
      + "\(screen.width)×\(screen.height). Enlarge it, or press q to quit."
    let rows = PaneLine(message).wrapped(width: screen.width, indent: 0)
    for (row, line) in rows.prefix(screen.height).enumerated() {
      screen.write(line.text, row: row, column: 0, role: .warning, attributes: .bold)
    }
    screen.cursor = nil
  }

  /// Draws a box with the longest title candidate that fits at the left of its top border,
  /// and the tag at the right when there is room for both.
  func drawBox(
    _ rect: Rect, title: PaneTitle, focused: Bool, into screen: inout ScreenBuffer
  ) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let role: ColorRole = focused ? .focusedBorder : .border
    let attributes: CellAttributes = focused ? .bold : []
    let right = rect.column + rect.width - 1
    let bottom = rect.row + rect.height - 1
    screen.fill(
      row: rect.row, column: rect.column, count: rect.width,
      character: glyphs.horizontal, role: role, attributes: attributes)
    screen.fill(
      row: bottom, column: rect.column, count: rect.width,
      character: glyphs.horizontal, role: role, attributes: attributes)
    for row in rect.row...bottom {
      let (left, rightCorner): (Character, Character) =
        row == rect.row
        ? (glyphs.topLeft, glyphs.topRight)
        : row == bottom
          ? (glyphs.bottomLeft, glyphs.bottomRight) : (glyphs.vertical, glyphs.vertical)
      screen.write(String(left), row: row, column: rect.column, role: role, attributes: attributes)
      screen.write(String(rightCorner), row: row, column: right, role: role, attributes: attributes)
    }

    let room = rect.width - 4
    guard room > 0 else { return }
    let tagText = title.tag.isEmpty ? "" : " \(title.tag) "
    let tagWidth = DisplayWidth.of(tagText)
    let fitting = { (width: Int) in
      title.candidates.first { DisplayWidth.of($0) + 2 <= width }
    }
    var chosen = fitting(room - tagWidth - 1)
    let showTag = chosen != nil && !tagText.isEmpty
    if chosen == nil { chosen = fitting(room) ?? title.candidates.last }
    screen.write(
      " \(chosen ?? "") ", row: rect.row, column: rect.column + 1, maxWidth: room,
      role: focused ? .focusedBorder : .title, attributes: .bold)
    if showTag {
      screen.write(
        tagText, row: rect.row, column: right - 1 - tagWidth, role: title.tagRole,
        attributes: .bold)
    }
  }

  private func drawPane(
    _ pane: PaneKind, in rect: Rect, into screen: inout ScreenBuffer, followTail: Bool = false
  ) {
    drawBox(rect, title: paneTitle(pane), focused: focus == pane, into: &screen)
    let inner = rect.inner
    guard inner.height > 0, inner.width > 0 else { return }
    innerWidths[pane] = inner.width
    let lines = paneLines(pane)
    let maximumTop = max(0, lines.count - inner.height)
    var top = min(scrollOffsets[pane] ?? 0, maximumTop)
    if followTail {
      if eventLogFollowsTail { top = maximumTop }
      eventLogFollowsTail = top >= maximumTop
    }
    scrollOffsets[pane] = top
    let widest = lines.filter { !$0.wraps }.map { DisplayWidth.of($0.text) }.max() ?? 0
    let left = min(horizontalOffsets[pane] ?? 0, max(0, widest - inner.width + 1))
    horizontalOffsets[pane] = left
    for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
      let row = inner.row + offset
      let text = line.wraps ? line.text : String(DisplayWidth.dropping(line.text, columns: left))
      // A line that goes on past the right edge ends with a mark in the last column.
      let continues = !line.wraps && DisplayWidth.of(text) > inner.width
      screen.write(
        text, row: row, column: inner.column, maxWidth: inner.width - (continues ? 1 : 0),
        role: line.role, attributes: line.attributes)
      if continues {
        screen.write(
          String(glyphs.continuesRight), row: row, column: inner.column + inner.width - 1,
          role: .dim, attributes: .bold)
      }
      if let searchText, !searchText.isEmpty {
        highlight(searchText, in: text, row: row, inner: inner, into: &screen)
      }
    }
    if left > 0 {
      let position = "\(glyphs.continuesLeft) column \(left + 1)"
      // The right end of the bottom border keeps room for the line position, such as 1-20/25.
      if DisplayWidth.of(position) + 3 <= rect.width - 12 {
        screen.write(position, row: rect.row + rect.height - 1, column: rect.column + 2, role: .dim)
      }
    }
    if lines.count > inner.height {
      let position = "\(top + 1)-\(min(lines.count, top + inner.height))/\(lines.count)"
      let width = DisplayWidth.of(position)
      if width + 4 < rect.width {
        screen.write(
          position, row: rect.row + rect.height - 1, column: rect.column + rect.width - 2 - width,
          role: .dim)
      }
    }
  }

  private func highlight(
    _ needle: String, in text: String, row: Int, inner: Rect, into screen: inout ScreenBuffer
  ) {
    let lowered = text.lowercased()
    let target = needle.lowercased()
    guard lowered.count == text.count else { return }
    guard !target.isEmpty else { return }
    var index = lowered.startIndex
    while index < lowered.endIndex {
      guard lowered[index...].hasPrefix(target) else {
        index = lowered.index(after: index)
        continue
      }
      let end = lowered.index(index, offsetBy: target.count)
      let start = DisplayWidth.of(lowered[lowered.startIndex..<index])
      let visible = min(DisplayWidth.of(lowered[index..<end]), inner.width - start)
      if visible > 0 {
        screen.restyle(
          row: row, column: inner.column + start, count: visible, role: .match,
          attributes: .reverse)
      }
      index = end
    }
  }
}
