extension Workbench {
  /// Handles one key press in the context in force.
  ///
  /// A bound key runs its command; in the editor and the prompt an unbound printable key
  /// types itself; any other unbound key does nothing.
  /// - Returns: what the terminal must do beyond redrawing, or nil.
  @discardableResult
  public func handle(_ key: Key) -> WorkbenchEffect? {
    if key == .resize { return nil }
    statusMessage = nil
    let context = mode.context
    if let command = keyTable.command(for: key, in: context) {
      return run(command, in: context)
    }
    guard let character = key.typedCharacter else { return nil }
    switch mode {
    case .editor:
      editDraft { $0.insert(character) }
    case .prompt(var prompt):
      prompt.text.insert(character, at: prompt.cursor)
      prompt.cursor += 1
      mode = .prompt(prompt)
    default:
      break
    }
    return nil
  }

  /// Runs the command named in `line`, as typed after `:`.
  /// - Returns: what the terminal must do beyond redrawing, or nil.
  @discardableResult
  public func runCommandLine(_ line: String) -> WorkbenchEffect? {
    let words = line.split(separator: " ", maxSplits: 1).map(String.init)
    guard let name = words.first else { return nil }
    let argument = words.count > 1 ? words[1].trimmingSpaces() : nil
    let command = name == "q" ? WorkbenchCommand.quit : WorkbenchCommand(rawValue: name)
    guard let command, command.isPromptCommand else {
      setStatus("unknown command \"\(name)\"; press ? for the list of commands", isError: true)
      return nil
    }
    if let argument, !argument.isEmpty, command.promptArgument == nil {
      setStatus(
        "\(command.rawValue) takes no argument, but got \"\(argument)\"; type :\(command.rawValue)",
        isError: true)
      return nil
    }
    return run(command, in: .normal, argument: argument)
  }

  /// Takes the text that `$EDITOR` saved: applies it when it is valid, or else opens it in
  /// the in-place editor with its errors.
  public func finishExternalEdit(text: String) {
    var buffer = EditorBuffer(text: text)
    let diagnostics = driver.apply(responseText: buffer.text)
    if diagnostics.isEmpty {
      draft = nil
      draftDiagnostics = []
      setStatus("applied the response from the editor; it stays in force until :revert")
      return
    }
    if let first = diagnostics.first {
      buffer.moveTo(line: first.line - 1, column: first.column - 1)
    }
    draft = buffer
    draftDiagnostics = diagnostics
    focus = .patches
    mode = .editor
    setStatus("the edited response is invalid; fix it here and press C-s", isError: true)
  }

  /// Changes the draft with `change`, then validates it through the driver.
  func editDraft(_ change: (inout EditorBuffer) -> Void) {
    var buffer = draft ?? EditorBuffer(text: snapshot.responseText)
    let before = buffer.text
    change(&buffer)
    draft = buffer
    if buffer.text != before {
      draftDiagnostics = driver.validate(responseText: buffer.text)
    }
  }

  func runPromptKey(_ command: WorkbenchCommand) -> WorkbenchEffect? {
    guard case .prompt(var prompt) = mode else { return nil }
    switch command {
    case .runPrompt:
      mode = .normal
      let text = String(prompt.text)
      if prompt.kind == .search {
        return run(.search, in: .normal, argument: text)
      }
      return runCommandLine(text)
    case .cancelPrompt:
      mode = .normal
      return nil
    case .deleteBackward:
      if prompt.cursor > 0 {
        prompt.text.remove(at: prompt.cursor - 1)
        prompt.cursor -= 1
      } else if prompt.text.isEmpty {
        mode = .normal
        return nil
      }
    case .cursorLeft: prompt.cursor = max(0, prompt.cursor - 1)
    case .cursorRight: prompt.cursor = min(prompt.text.count, prompt.cursor + 1)
    case .lineStart: prompt.cursor = 0
    case .lineEnd: prompt.cursor = prompt.text.count
    default: return nil
    }
    mode = .prompt(prompt)
    return nil
  }

  func runEditorKey(_ command: WorkbenchCommand) -> WorkbenchEffect? {
    switch command {
    case .leaveEditor:
      mode = .normal
      if let draft, draft.text != snapshot.responseText {
        setStatus("the edit is not applied; e resumes it, :apply applies it")
      }
    case .apply: applyDraft()
    case .undo: editDraft { _ = $0.undo() }
    case .cursorLeft: editDraft { $0.moveLeft() }
    case .cursorRight: editDraft { $0.moveRight() }
    case .cursorUp: editDraft { $0.moveUp() }
    case .cursorDown: editDraft { $0.moveDown() }
    case .lineStart: editDraft { $0.moveToLineStart() }
    case .lineEnd: editDraft { $0.moveToLineEnd() }
    case .newline: editDraft { $0.insertNewline() }
    case .deleteBackward: editDraft { $0.deleteBackward() }
    case .deleteForward: editDraft { $0.deleteForward() }
    default: break
    }
    return nil
  }

  func applyDraft() {
    guard !snapshot.isReadOnly else {
      setStatus("this is a read-only replay; editing is off", isError: true)
      return
    }
    guard let draft else {
      setStatus("nothing to apply; press e to edit the response first")
      return
    }
    let diagnostics = driver.apply(responseText: draft.text)
    draftDiagnostics = diagnostics
    if let first = diagnostics.first {
      setStatus(
        "not applied: line \(first.line), column \(first.column): \(first.message)", isError: true)
    } else {
      // The editor closes, so the next keys run commands again instead of typing text.
      self.draft = nil
      draftDiagnostics = []
      if mode == .editor { mode = .normal }
      setStatus("applied the edited response; it stays in force until :revert")
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    var text = Substring(self)
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
