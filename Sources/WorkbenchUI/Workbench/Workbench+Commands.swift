import Foundation

extension Workbench {
  /// Runs `command` as bound in `context`, with the argument typed after it at the prompt.
  @discardableResult
  func run(
    _ command: WorkbenchCommand, in context: KeyContext, argument: String? = nil
  ) -> WorkbenchEffect? {
    switch context {
    case .prompt: return runPromptKey(command)
    case .editor: return runEditorKey(command)
    case .help: return runHelpKey(command)
    case .normal: break
    }
    switch command {
    case .step: driver.step()
    case .nextStage: driver.nextStage()
    case .continueRun: driver.continueToBreakpoint()
    case .restart: driver.restart()
    case .toggleBreakpoint: toggleBreakpoint(named: argument)
    case .stageLeft: stageCursor = max(0, stageCursor - 1)
    case .stageRight: stageCursor = min(max(0, snapshot.stages.count - 1), stageCursor + 1)
    case .focusNext: moveFocus(by: 1)
    case .focusPrevious: moveFocus(by: -1)
    case .cycleView: cycleView()
    case .scrollUp: scroll(by: -1)
    case .scrollDown: scroll(by: 1)
    case .pageUp: scroll(by: -max(1, lastPageHeight - 1))
    case .pageDown: scroll(by: max(1, lastPageHeight - 1))
    case .scrollTop:
      scrollOffsets[focus] = 0
      if focus == .events { eventLogFollowsTail = false }
    case .scrollBottom: scrollOffsets[focus] = Int.max / 2
    case .scrollLeft: scrollSideways(by: -1)
    case .scrollRight: scrollSideways(by: 1)
    case .search: startSearch(argument)
    case .searchNext: findMatch(forward: true, startingAfter: scrollOffsets[focus] ?? 0)
    case .searchPrevious: findMatch(forward: false, startingAfter: scrollOffsets[focus] ?? 0)
    case .edit: openEditor()
    case .editExternal:
      guard canEdit() else { return nil }
      return .openExternalEditor(draft?.text ?? snapshot.responseText)
    case .apply: applyDraft()
    case .revert: revertEdit()
    case .saveTranscript: saveTranscript(to: argument)
    case .toggleEvents: toggleEvents()
    case .help: mode = .help(scroll: 0)
    case .commandPrompt: mode = .prompt(PromptState(kind: .command))
    case .quit: return .quit
    default: break
    }
    return nil
  }

  private func runHelpKey(_ command: WorkbenchCommand) -> WorkbenchEffect? {
    guard case .help(let top) = mode else { return nil }
    let page = max(1, lastPageHeight - 1)
    switch command {
    case .closeHelp: mode = .normal
    case .scrollUp: mode = .help(scroll: max(0, top - 1))
    case .scrollDown: mode = .help(scroll: top + 1)
    case .pageUp: mode = .help(scroll: max(0, top - page))
    case .pageDown: mode = .help(scroll: top + page)
    default: break
    }
    return nil
  }

  private func toggleBreakpoint(named name: String?) {
    guard !snapshot.stages.isEmpty else { return }
    var index = stageCursor
    if let name, !name.isEmpty {
      guard let named = snapshot.stages.firstIndex(where: { $0.name == name }) else {
        let known = snapshot.stages.map(\.name).joined(separator: ", ")
        setStatus("no stage named \"\(name)\"; the stages are \(known)", isError: true)
        return
      }
      index = named
    }
    driver.toggleBreakpoint(stageIndex: index)
  }

  private func moveFocus(by step: Int) {
    let panes: [PaneKind] = showEvents ? PaneKind.allCases : [.request, .patches, .result]
    let position = panes.firstIndex(of: focus) ?? 0
    focus = panes[(position + step + panes.count) % panes.count]
  }

  private func cycleView() {
    switch focus {
    case .request:
      requestView = requestView.next
      setStatus("Request view: \(requestView.rawValue)")
    case .result:
      resultView = resultView.next
      setStatus("Result view: \(resultView.rawValue)")
    case .patches, .events:
      setStatus("the \(focus.title) pane has one view")
    }
    scrollOffsets[focus] = 0
    horizontalOffsets[focus] = 0
  }

  private func scroll(by rows: Int) {
    scrollOffsets[focus] = max(0, min(Int.max / 2, (scrollOffsets[focus] ?? 0)) + rows)
    if focus == .events && rows < 0 { eventLogFollowsTail = false }
  }

  /// Scrolls the focused pane's lines that do not wrap by half the pane's width; `direction`
  /// is -1 for left and 1 for right. Drawing clamps the offset to the longest line.
  private func scrollSideways(by direction: Int) {
    guard paneLines(focus).contains(where: { !$0.wraps }) else {
      setStatus("the \(focus.title) pane wraps its lines; there is nothing to scroll sideways")
      return
    }
    let step = max(1, (innerWidths[focus] ?? 20) / 2)
    horizontalOffsets[focus] = max(0, (horizontalOffsets[focus] ?? 0) + direction * step)
  }

  private func toggleEvents() {
    showEvents.toggle()
    if !showEvents && focus == .events { focus = .request }
  }

  private func startSearch(_ argument: String?) {
    guard let argument else {
      mode = .prompt(PromptState(kind: .search))
      return
    }
    searchText = argument.isEmpty ? nil : argument
    guard searchText != nil else { return }
    findMatch(forward: true, startingAfter: (scrollOffsets[focus] ?? 0) - 1)
  }

  /// Scrolls the focused pane to the next line after `start` (or previous line before it)
  /// that contains the search text, wrapping around.
  private func findMatch(forward: Bool, startingAfter start: Int) {
    guard let searchText else {
      setStatus("no search yet; press / to search")
      return
    }
    let lines = paneLines(focus).map(\.text)
    guard !lines.isEmpty else { return }
    let count = lines.count
    for distance in 1...count {
      let index = ((forward ? start + distance : start - distance) % count + count) % count
      if lines[index].lowercased().contains(searchText.lowercased()) {
        scrollOffsets[focus] = index
        setStatus("\"\(searchText)\" at line \(index + 1) of \(focus.title)")
        return
      }
    }
    setStatus("no match for \"\(searchText)\" in \(focus.title)", isError: true)
  }

  /// Returns whether the call shown can be edited. When it cannot, the status line shows the
  /// reason.
  private func canEdit() -> Bool {
    guard !snapshot.isReadOnly else {
      setStatus("this is a read-only replay; editing is off", isError: true)
      return false
    }
    guard snapshot.scannerIndex != nil else {
      setStatus("no scanner call to edit yet; press n to step to one")
      return false
    }
    return true
  }

  private func openEditor() {
    guard canEdit() else { return }
    if draft == nil {
      draft = EditorBuffer(text: snapshot.responseText)
      draftDiagnostics = driver.validate(responseText: snapshot.responseText)
    }
    focus = .patches
    mode = .editor
  }

  /// Drops the draft and the applied edit of the call shown. When the call shown has neither,
  /// the driver drops every applied edit of the run, and its notice names them.
  private func revertEdit() {
    if snapshot.isEdited || draft != nil {
      draft = nil
      draftDiagnostics = []
      if mode == .editor { mode = .normal }
      if snapshot.isEdited { driver.revertEdit() }
      setStatus("reverted to the scanner's own response")
      return
    }
    guard !snapshot.editedCalls.isEmpty else {
      setStatus("no edit to revert")
      return
    }
    let names = snapshot.editedCalls.joined(separator: ", ")
    setStatus("reverting every applied edit: \(names)")
    driver.revertEdit()
  }

  private func saveTranscript(to argument: String?) {
    var path = argument ?? ""
    if path.isEmpty {
      let base =
        snapshot.scenarioName.hasSuffix(".json")
        ? String(snapshot.scenarioName.dropLast(5)) : snapshot.scenarioName
      path = (base.isEmpty ? "session" : base) + ".hooktrace.json"
    }
    // The message names the absolute path, because a relative one depends on the directory
    // the workbench was started in.
    let fullPath = URL(fileURLWithPath: path).standardizedFileURL.path
    do {
      try driver.saveTranscript(to: path)
      setStatus("saved the transcript to \(fullPath)")
      log("saved the transcript to \(fullPath)")
    } catch {
      setStatus("could not save the transcript to \(path): \(error)", isError: true)
    }
  }
}

extension CaseIterable where Self: Equatable, AllCases.Index == Int {
  /// The next case in declaration order, wrapping to the first.
  var next: Self {
    let all = Self.allCases
    let position = all.firstIndex(of: self) ?? 0
    return all[(position + 1) % all.count]
  }
}
