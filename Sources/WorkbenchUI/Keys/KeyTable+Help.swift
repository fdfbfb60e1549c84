extension KeyTable {
  /// Returns the lines of the `?` help screen: every command of every context with its keys.
  ///
  /// A normal-context command without a key is listed as `:name`, because the prompt still
  /// runs it. A command without a key elsewhere is listed as `(unbound)`. When a line would
  /// be wider than `width` columns, the summary moves to its own lines below.
  public func helpLines(width: Int = Int.max) -> [String] {
    let keyColumn = 14
    let nameColumn = 26
    var lines: [String] = []
    for context in KeyContext.allCases {
      lines.append(Self.heading(for: context))
      if context == .editor || context == .prompt {
        lines.append("  printable keys type text")
      }
      for command in WorkbenchCommand.allCases where command.contexts.contains(context) {
        var keyText = keys(for: command, in: context).map(\.name).joined(separator: " ")
        if keyText.isEmpty {
          keyText = context == .normal ? ":\(command.rawValue)" : "(unbound)"
        }
        let name = command.rawValue + (command.promptArgument.map { " " + $0 } ?? "")
        let line = "  \(padded(keyText, keyColumn)) \(padded(name, nameColumn)) \(command.summary)"
        if DisplayWidth.of(line) <= width {
          lines.append(line)
        } else {
          lines.append("  \(padded(keyText, keyColumn)) \(name)")
          let summary = PaneLine(command.summary).wrapped(width: max(1, width - 6), indent: 0)
          lines += summary.map { "      " + $0.text }
        }
      }
      lines.append("")
    }
    lines.append("Every normal command also runs from the : prompt by name, such as :revert.")
    return lines
  }

  /// Returns the key and label pairs of the quick-help line in `context`, leaving out
  /// commands without a key.
  public func quickHelp(for context: KeyContext) -> [(key: String, label: String)] {
    Self.quickHelpCommands(for: context).compactMap { command in
      guard let key = keys(for: command, in: context).first else { return nil }
      return (key.name, command.label)
    }
  }

  private static func heading(for context: KeyContext) -> String {
    switch context {
    case .normal: return "Stepping and panes"
    case .editor: return "Response editor (e)"
    case .prompt: return "Prompt (: command, / search)"
    case .help: return "Help screen"
    }
  }

  private func padded(_ text: String, _ width: Int) -> String {
    let used = DisplayWidth.of(text)
    return used >= width ? text : text + String(repeating: " ", count: width - used)
  }
}
