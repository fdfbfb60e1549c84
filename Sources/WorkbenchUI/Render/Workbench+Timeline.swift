extension Workbench {
  /// One piece of the timeline line with its style.
  private struct Segment {
    var text: String
    var role: ColorRole
    var attributes: CellAttributes = []
  }

  /// Draws the top line: the scenario, profile and serialization, then every stage.
  ///
  /// When the line is wider than the screen, the separators shrink first and then the
  /// scenario, profile and serialization are dropped (the status bar repeats the scenario),
  /// so that the stages stay visible.
  func drawTimeline(into screen: inout ScreenBuffer) {
    let headers = [
      Segment(text: "HookBench", role: .title, attributes: .bold),
      Segment(text: snapshot.scenarioName, role: .normal),
      Segment(text: snapshot.profile, role: .dim),
      Segment(text: snapshot.serialization, role: .dim),
    ].filter { !$0.text.isEmpty }

    // Layouts from the most to the least complete: full stages with every header, then
    // compact stages with fewer and fewer headers.
    var layouts = [(compact: false, keep: headers.count)]
    layouts += stride(from: headers.count, through: 1, by: -1).map { (compact: true, keep: $0) }
    var line: [Segment] = []
    for layout in layouts {
      line = [Segment(text: " ", role: .normal)]
      for header in headers.prefix(layout.keep) {
        line.append(header)
        line.append(Segment(text: "  ", role: .normal))
      }
      line.append(Segment(text: layout.compact ? "" : "  ", role: .normal))
      line += stageSegments(compact: layout.compact)
      if line.reduce(0, { $0 + DisplayWidth.of($1.text) }) <= screen.width { break }
    }

    var column = 0
    for segment in line {
      column += screen.write(
        segment.text, row: 0, column: column, role: segment.role, attributes: segment.attributes)
    }
  }

  private func stageSegments(compact: Bool) -> [Segment] {
    var segments: [Segment] = []
    var previousDirection: StageEntry.Direction?
    for (index, stage) in snapshot.stages.enumerated() {
      if let previousDirection, previousDirection != stage.direction {
        segments.append(
          Segment(text: glyphs.directionSeparator, role: .border))
      } else if previousDirection != nil {
        segments.append(Segment(text: compact ? " " : glyphs.stageSeparator, role: .dim))
      }
      if previousDirection != stage.direction && !compact {
        segments.append(Segment(text: "\(stage.direction.rawValue): ", role: .dim))
      }
      previousDirection = stage.direction
      if stage.hasBreakpoint {
        segments.append(Segment(text: glyphs.breakpoint, role: .breakpoint, attributes: .bold))
      }
      var segment = stageSegment(stage)
      if index == stageCursor {
        segment.attributes.insert(.underline)
      }
      segments.append(segment)
    }
    return segments
  }

  private func stageSegment(_ stage: StageEntry) -> Segment {
    switch stage.state {
    case .pending:
      return Segment(text: stage.name, role: .normal)
    case .current:
      return Segment(
        text: "[\(stage.name)]\(stage.currentMark)", role: .timelineCurrent, attributes: .bold)
    case .done(let mark):
      let ended = mark == "✗" || mark == "!"
      return Segment(text: stage.name + mark, role: ended ? .timelineEnded : .timelineDone)
    case .skipped:
      return Segment(text: stage.name, role: .dim)
    }
  }

  /// Draws the status bar: scenario, profile, serialization, stage, scanner, edit state,
  /// HTTP status and latency.
  func drawStatusBar(row: Int, into screen: inout ScreenBuffer) {
    screen.fill(row: row, column: 0, count: screen.width, role: .statusBar, attributes: .reverse)
    var right = ""
    if let status = snapshot.lastHTTPStatus { right += "  " + status }
    if let latency = snapshot.lastLatencyMs { right += "  " + Self.formatLatency(latency) }
    right += " "
    let rightWidth = DisplayWidth.of(right)

    // The scanner name goes first when space runs out, then the profile and serialization.
    var left = ""
    for (showSettings, showScannerName) in [(true, true), (true, false), (false, false)] {
      left = statusText(showSettings: showSettings, showScannerName: showScannerName)
      if DisplayWidth.of(left) + rightWidth < screen.width { break }
    }
    screen.write(
      left, row: row, column: 0, maxWidth: screen.width - rightWidth - 1, role: .statusBar,
      attributes: .reverse)
    screen.write(
      right, row: row, column: screen.width - rightWidth, role: .statusBar, attributes: .reverse)
  }

  private func statusText(showSettings: Bool, showScannerName: Bool) -> String {
    var left = " \(snapshot.scenarioName)"
    if showSettings {
      for setting in [snapshot.profile, snapshot.serialization] where !setting.isEmpty {
        left += " \(setting)"
      }
    }
    if let stage = currentStageName { left += "  stage \(stage)" }
    if let index = snapshot.scannerIndex {
      left += "  scanner \(index + 1)/\(snapshot.scannerCount)"
      if showScannerName, let name = snapshot.scannerName { left += " \(name)" }
    } else if snapshot.scannerCount > 0 {
      left += "  \(snapshot.scannerCount) scanner\(snapshot.scannerCount == 1 ? "" : "s")"
    }
    if snapshot.isEdited { left += "  [edited]" }
    if snapshot.isRunning { left += "  running…" }
    if snapshot.isFinished { left += "  finished: \(snapshot.action)" }
    if snapshot.isReadOnly { left += "  [replay]" }
    return left
  }

  /// Formats a latency in milliseconds with one decimal below 100 ms.
  static func formatLatency(_ milliseconds: Double) -> String {
    if milliseconds >= 100 { return "\(Int(milliseconds.rounded())) ms" }
    let tenths = Int((milliseconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) ms"
  }

  /// Draws the prompt while one is open, else the message of the last command until the
  /// next key, else the quick-help line.
  func drawBottomLine(row: Int, into screen: inout ScreenBuffer) {
    if case .prompt(let prompt) = mode {
      let text = prompt.leader + String(prompt.text)
      screen.write(text, row: row, column: 0, role: .prompt)
      let cursorColumn = DisplayWidth.of(prompt.leader + String(prompt.text.prefix(prompt.cursor)))
      screen.cursor = (row, min(cursorColumn, screen.width - 1))
      return
    }
    if let message = statusMessage {
      screen.write(
        " " + message.text, row: row, column: 0, role: message.isError ? .error : .normal,
        attributes: message.isError ? .bold : [])
      return
    }
    var column = 1
    for (key, label) in keyTable.quickHelp(for: mode.context) {
      if column + DisplayWidth.of(key) + 1 + DisplayWidth.of(label) > screen.width { break }
      column += screen.write(key, row: row, column: column, role: .quickHelpKey, attributes: .bold)
      column += screen.write(" \(label)  ", row: row, column: column, role: .dim)
    }
  }
}
