extension Workbench {
  /// The content lines of `pane` in its current view mode, before scrolling and clipping.
  func paneLines(_ pane: PaneKind) -> [PaneLine] {
    switch pane {
    case .request: return requestLines()
    case .patches: return patchLines()
    case .result: return resultLines()
    case .events: return events.map { PaneLine($0) }
    }
  }

  /// The pane title and the tag drawn at the right end of its top border.
  func paneTitle(_ pane: PaneKind) -> (title: String, tag: String, tagRole: ColorRole) {
    switch pane {
    case .request:
      var title = "Request \(requestView.rawValue)"
      if let stage = currentStageName {
        let scanner = snapshot.scannerName.map { " \(glyphs.arrow) \($0)" } ?? ""
        title += " (\(stage)\(scanner))"
      }
      return (title, "", .normal)
    case .patches:
      if mode == .editor || draft != nil {
        let errors = draftDiagnostics.count
        let tag = errors == 0 ? "valid" : errors == 1 ? "1 error" : "\(errors) errors"
        return ("Patches (editing)", tag, errors == 0 ? .success : .error)
      }
      return ("Patches", patchSummary.text, patchSummary.role)
    case .result:
      let action = snapshot.action.isEmpty ? "" : "action: \(snapshot.action)"
      return ("Result \(resultView.rawValue)", action, .title)
    case .events:
      return ("Events", "\(events.count)", .dim)
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
    if operations.contains(where: { $0.verdict == .rejected }) { return ("rejected", .error) }
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
      return [PaneLine(snapshot.scannerIndex == nil ? "no request yet; press n" : "(empty)",
        role: .dim)]
    }
    return lines.map { PaneLine($0) }
  }

  private func patchLines() -> [PaneLine] {
    guard snapshot.scannerIndex != nil else {
      return [PaneLine("no scanner call yet", role: .dim)]
    }
    var lines = snapshot.responseText.split(separator: "\n", omittingEmptySubsequences: false)
      .map { PaneLine(String($0)) }
    if snapshot.responseText.isEmpty {
      lines = [PaneLine("(empty body)", role: .dim)]
    }
    lines.append(PaneLine(""))
    for operation in snapshot.operations {
      let (mark, role): (String, ColorRole) =
        switch operation.verdict {
        case .applied: ("✓", .success)
        case .skipped: ("-", .dim)
        case .rejected: ("✗", .error)
        case .failure: ("!", .error)
        }
      lines.append(
        PaneLine("\(mark) \(operation.verdict.rawValue): \(operation.text)", role: role))
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
