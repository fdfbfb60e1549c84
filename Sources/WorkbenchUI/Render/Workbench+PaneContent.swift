extension Workbench {
  /// Returns the content lines of `pane` in its current view mode, before scrolling and
  /// clipping.
  ///
  /// Lines wider than the pane's last drawn inner width wrap, except request and response
  /// bodies, which scroll sideways (`<` and `>`) so that their indentation stays readable.
  func paneLines(_ pane: PaneKind) -> [PaneLine] {
    let lines: [PaneLine]
    switch pane {
    case .request: return requestLines()
    case .patches: lines = patchLines()
    case .result: lines = resultLines()
    case .events: lines = events.map { PaneLine($0) }
    }
    guard let width = innerWidths[pane] else { return lines }
    return lines.flatMap { $0.wrapped(width: width) }
  }

  /// Returns the title candidates and the tag drawn at the right end of the pane's top
  /// border.
  func paneTitle(_ pane: PaneKind) -> PaneTitle {
    switch pane {
    case .request:
      let view = requestView.rawValue
      if snapshot.previewNote != nil {
        return PaneTitle(
          candidates: ["Request \(view) (connect preview)", "Request \(view)"],
          tag: "not sent yet", tagRole: .warning)
      }
      guard let stage = currentStageName else { return PaneTitle(candidates: ["Request \(view)"]) }
      var candidates = ["Request \(view) (\(stage))", "Request \(view)"]
      if let scanner = snapshot.scannerName {
        candidates.insert("Request \(view) (\(stage) \(glyphs.arrow) \(scanner))", at: 0)
      }
      return PaneTitle(candidates: candidates)
    case .patches:
      if mode == .editor || draft != nil {
        let errors = draftDiagnostics.count
        var tag = "valid"
        if errors == 1 {
          tag = "1 error"
        } else if errors > 1 {
          tag = "\(errors) errors"
        }
        return PaneTitle(
          candidates: ["Patches (editing)", "Editing"], tag: tag,
          tagRole: errors == 0 ? .success : .error)
      }
      return PaneTitle(
        candidates: ["Patches"], tag: patchSummary.text, tagRole: patchSummary.role)
    case .result:
      let action = snapshot.action.isEmpty ? "" : "action: \(snapshot.action)"
      return PaneTitle(
        candidates: ["Result \(resultView.rawValue)"], tag: action, tagRole: .title)
    case .events:
      return PaneTitle(candidates: ["Events"], tag: "\(events.count)", tagRole: .dim)
    }
  }

  var currentStageName: String? {
    guard let index = snapshot.currentStage, snapshot.stages.indices.contains(index) else {
      return nil
    }
    return snapshot.stages[index].name
  }

  private var patchSummary: (text: String, role: ColorRole) {
    let operations = snapshot.operations
    if operations.contains(where: { $0.verdict == .failure }) { return ("failed", .error) }
    let rejected = operations.filter { $0.verdict == .rejected }.count
    if rejected > 0 {
      // Under the per-operation policy the other operations still apply, so the tag counts both.
      let applied = operations.filter { $0.verdict == .applied }.count
      if applied > 0 { return ("\(applied) applied, \(rejected) rejected", .warning) }
      return ("rejected", .error)
    }
    if snapshot.isEdited { return ("edited", .warning) }
    if snapshot.scannerIndex == nil { return ("", .normal) }
    return ("valid", .success)
  }

  private func requestLines() -> [PaneLine] {
    let lines: [String]
    switch requestView {
    case .json: lines = snapshot.requestJSON
    case .cbor: lines = snapshot.requestCBOR
    case .http: lines = snapshot.requestHTTP
    }
    if lines.isEmpty {
      return [
        PaneLine(
          snapshot.scannerIndex == nil ? "no request yet; press n" : "(empty)",
          role: .dim)
      ]
    }
    let body = lines.map { PaneLine($0, wraps: false) }
    guard let note = snapshot.previewNote, requestView != .http else { return body }
    var noteLines = [PaneLine(note, role: .warning)]
    if let width = innerWidths[.request] { noteLines = noteLines[0].wrapped(width: width, indent: 0) }
    return noteLines + [PaneLine("")] + body
  }

  private func patchLines() -> [PaneLine] {
    guard snapshot.scannerIndex != nil else {
      guard !snapshot.overview.isEmpty else {
        return [PaneLine("no scanner call yet", role: .dim)]
      }
      let heading = PaneLine("Scenario (no call yet):", role: .dim)
      return [heading, PaneLine("")] + snapshot.overview.map { PaneLine($0) }
    }
    var lines = snapshot.responseText.splitLines().map { PaneLine($0, wraps: false) }
    if snapshot.responseText.isEmpty {
      lines = [PaneLine("(empty body)", role: .dim)]
    }
    lines.append(PaneLine(""))
    if snapshot.operations.isEmpty {
      lines.append(PaneLine("✓ no change", role: .success))
    }
    for operation in snapshot.operations {
      let (mark, role): (String, ColorRole) =
        switch operation.verdict {
        case .applied: ("✓", .success)
        case .skipped: ("-", .dim)
        case .rejected: ("✗", .error)
        case .failure: ("!", .error)
        case .note: ("·", .dim)
        }
      let verdict = operation.verdict == .note ? "" : "\(operation.verdict.rawValue): "
      lines.append(PaneLine("\(mark) \(verdict)\(operation.text)", role: role))
      if let reason = operation.reason {
        lines.append(PaneLine("    \(reason)", role: role == .success ? .dim : role))
      }
    }
    return lines
  }

  private func resultLines() -> [PaneLine] {
    let lines: [ResultLine]
    switch resultView {
    case .state: lines = snapshot.resultState
    case .headers: lines = snapshot.resultHeaders
    case .raw: lines = snapshot.resultRaw
    case .diff: lines = snapshot.resultDiff
    }
    if lines.isEmpty { return [PaneLine("(nothing yet)", role: .dim)] }
    return lines.map { line in
      switch line.change {
      case .none: return PaneLine("  " + line.text)
      case .added: return PaneLine("+ " + line.text, role: .added, attributes: .bold)
      case .removed: return PaneLine("- " + line.text, role: .removed)
      case .changed: return PaneLine("~ " + line.text, role: .changed, attributes: .bold)
      }
    }
  }
}
