/// One key bound to one command in one context.
public struct KeyBinding: Sendable, Equatable {
  public var context: KeyContext
  public var key: Key
  public var command: WorkbenchCommand

  public init(_ context: KeyContext, _ key: Key, _ command: WorkbenchCommand) {
    self.context = context
    self.key = key
    self.command = command
  }
}

/// The key bindings of every context: the one table that dispatches keys and generates the
/// help screen and the quick-help line.
public struct KeyTable: Sendable, Equatable {
  /// Every binding, in the order the help screen lists keys.
  public private(set) var bindings: [KeyBinding]

  /// Creates a table from `bindings`; `validate()` checks it.
  public init(bindings: [KeyBinding]) {
    self.bindings = bindings
  }

  /// The built-in bindings.
  public static let defaults = KeyTable(bindings: defaultBindings)

  /// Returns the commands shown on the quick-help line of `context`, in order.
  public static func quickHelpCommands(for context: KeyContext) -> [WorkbenchCommand] {
    switch context {
    case .normal:
      return [
        .step, .nextStage, .continueRun, .toggleBreakpoint, .edit, .focusNext, .cycleView,
        .help, .quit, .scrollLeft, .scrollRight,
      ]
    case .editor:
      return [.leaveEditor, .apply, .undo]
    case .prompt:
      return [.runPrompt, .cancelPrompt]
    case .help:
      return [.closeHelp, .scrollDown, .scrollUp]
    }
  }

  /// Returns the command bound to `key` in `context`, or nil.
  public func command(for key: Key, in context: KeyContext) -> WorkbenchCommand? {
    bindings.first { $0.context == context && $0.key == key }?.command
  }

  /// Returns the keys bound to `command` in `context`, in table order.
  public func keys(for command: WorkbenchCommand, in context: KeyContext) -> [Key] {
    bindings.filter { $0.context == context && $0.command == command }.map(\.key)
  }

  /// Replaces every key of `command` in `context` with `keys`.
  public mutating func rebind(_ command: WorkbenchCommand, in context: KeyContext, to keys: [Key]) {
    let position =
      bindings.firstIndex { $0.context == context && $0.command == command } ?? bindings.count
    bindings.removeAll { $0.context == context && $0.command == command }
    let inserted = keys.map { KeyBinding(context, $0, command) }
    bindings.insert(contentsOf: inserted, at: min(position, bindings.count))
  }

  /// Checks the table and returns one message per problem.
  ///
  /// A problem is a key bound twice in one context, or a command bound in a context it does
  /// not run in. A control key that the terminal keeps for itself is one too, and so is a
  /// printable key in the editor or the prompt, because there it must type text.
  public func validate() -> [String] {
    var problems: [String] = []
    var seen: [KeyContext: [Key: WorkbenchCommand]] = [:]
    for binding in bindings {
      if let earlier = seen[binding.context]?[binding.key], earlier != binding.command {
        problems.append(
          "key \"\(binding.key.name)\" is bound to both \(earlier.rawValue) and "
            + "\(binding.command.rawValue) in context \(binding.context.rawValue)")
      }
      seen[binding.context, default: [:]][binding.key] = binding.command
      if !binding.command.contexts.contains(binding.context) {
        problems.append(
          "command \(binding.command.rawValue) does not run in context "
            + "\(binding.context.rawValue)")
      }
      if case .control(let letter) = binding.key, let reason = Self.unreachableControls[letter] {
        problems.append(
          "key \"\(binding.key.name)\" never reaches the workbench: \(reason); "
            + "bind another key")
      }
      let typesText = binding.context == .editor || binding.context == .prompt
      if typesText && binding.key.typedCharacter != nil {
        problems.append(
          "key \"\(binding.key.name)\" types text in context \(binding.context.rawValue); "
            + "bind a control or special key instead")
      }
    }
    return problems
  }

  /// Control keys that a terminal in cbreak mode turns into a signal or another key.
  static let unreachableControls: [Character: String] = [
    "c": "the terminal sends SIGINT for it", "z": "the terminal sends SIGTSTP for it",
    "h": "it arrives as backspace", "i": "it arrives as tab", "j": "it arrives as enter",
    "m": "it arrives as enter",
  ]

  private static let defaultBindings: [KeyBinding] = [
    KeyBinding(.normal, .character("n"), .step),
    KeyBinding(.normal, .space, .step),
    KeyBinding(.normal, .character("N"), .nextStage),
    KeyBinding(.normal, .character("c"), .continueRun),
    KeyBinding(.normal, .character("r"), .restart),
    KeyBinding(.normal, .character("b"), .toggleBreakpoint),
    KeyBinding(.normal, .character("h"), .stageLeft),
    KeyBinding(.normal, .left, .stageLeft),
    KeyBinding(.normal, .character("l"), .stageRight),
    KeyBinding(.normal, .right, .stageRight),
    KeyBinding(.normal, .tab, .focusNext),
    KeyBinding(.normal, .backTab, .focusPrevious),
    KeyBinding(.normal, .character("v"), .cycleView),
    KeyBinding(.normal, .character("k"), .scrollUp),
    KeyBinding(.normal, .up, .scrollUp),
    KeyBinding(.normal, .character("j"), .scrollDown),
    KeyBinding(.normal, .down, .scrollDown),
    KeyBinding(.normal, .pageUp, .pageUp),
    KeyBinding(.normal, .pageDown, .pageDown),
    KeyBinding(.normal, .character("g"), .scrollTop),
    KeyBinding(.normal, .home, .scrollTop),
    KeyBinding(.normal, .character("G"), .scrollBottom),
    KeyBinding(.normal, .end, .scrollBottom),
    KeyBinding(.normal, .character("<"), .scrollLeft),
    KeyBinding(.normal, .character(">"), .scrollRight),
    KeyBinding(.normal, .character("/"), .search),
    KeyBinding(.normal, .character("]"), .searchNext),
    KeyBinding(.normal, .character("["), .searchPrevious),
    KeyBinding(.normal, .character("e"), .edit),
    KeyBinding(.normal, .character("E"), .editExternal),
    KeyBinding(.normal, .control("s"), .apply),
    KeyBinding(.normal, .character("w"), .saveTranscript),
    KeyBinding(.normal, .character("L"), .toggleEvents),
    KeyBinding(.normal, .character("?"), .help),
    KeyBinding(.normal, .function(1), .help),
    KeyBinding(.normal, .character(":"), .commandPrompt),
    KeyBinding(.normal, .character("q"), .quit),

    KeyBinding(.editor, .escape, .leaveEditor),
    KeyBinding(.editor, .control("s"), .apply),
    KeyBinding(.editor, .control("u"), .undo),
    KeyBinding(.editor, .left, .cursorLeft),
    KeyBinding(.editor, .right, .cursorRight),
    KeyBinding(.editor, .up, .cursorUp),
    KeyBinding(.editor, .down, .cursorDown),
    KeyBinding(.editor, .home, .lineStart),
    KeyBinding(.editor, .control("a"), .lineStart),
    KeyBinding(.editor, .end, .lineEnd),
    KeyBinding(.editor, .control("e"), .lineEnd),
    KeyBinding(.editor, .enter, .newline),
    KeyBinding(.editor, .backspace, .deleteBackward),
    KeyBinding(.editor, .delete, .deleteForward),

    KeyBinding(.prompt, .enter, .runPrompt),
    KeyBinding(.prompt, .escape, .cancelPrompt),
    KeyBinding(.prompt, .backspace, .deleteBackward),
    KeyBinding(.prompt, .left, .cursorLeft),
    KeyBinding(.prompt, .right, .cursorRight),
    KeyBinding(.prompt, .home, .lineStart),
    KeyBinding(.prompt, .control("a"), .lineStart),
    KeyBinding(.prompt, .end, .lineEnd),
    KeyBinding(.prompt, .control("e"), .lineEnd),

    KeyBinding(.help, .character("?"), .closeHelp),
    KeyBinding(.help, .escape, .closeHelp),
    KeyBinding(.help, .character("q"), .closeHelp),
    KeyBinding(.help, .character("j"), .scrollDown),
    KeyBinding(.help, .down, .scrollDown),
    KeyBinding(.help, .character("k"), .scrollUp),
    KeyBinding(.help, .up, .scrollUp),
    KeyBinding(.help, .pageDown, .pageDown),
    KeyBinding(.help, .space, .pageDown),
    KeyBinding(.help, .pageUp, .pageUp),
  ]
}
