/// The panes of the workbench, in focus order.
public enum PaneKind: Int, Sendable, CaseIterable {
  case request, patches, result, events

  /// The pane's name in its title.
  public var title: String {
    switch self {
    case .request: return "Request"
    case .patches: return "Patches"
    case .result: return "Result"
    case .events: return "Events"
    }
  }
}

/// The view modes of the Request pane.
public enum RequestView: String, Sendable, CaseIterable {
  /// The body as pretty JSON.
  case json
  /// The body as CBOR diagnostic notation and a hex dump.
  case cbor
  /// The whole HTTP exchange with headers.
  case http
}

/// The view modes of the Result pane.
public enum ResultView: String, Sendable, CaseIterable {
  /// Action, SMTP reply and envelope.
  case state
  /// The message header fields.
  case headers
  /// The raw message.
  case raw
  /// A line diff of the raw message before and after the call.
  case diff
}

/// An action that the workbench leaves to the terminal after a key, beyond redrawing.
public enum WorkbenchEffect: Sendable, Equatable {
  /// Restore the terminal and exit.
  case quit
  /// Suspend the screen, run `$EDITOR` on this text, and pass the result to
  /// `Workbench.finishExternalEdit(text:)`.
  case openExternalEditor(String)
}

/// The input mode: which key context is active and its state.
enum InputMode: Equatable {
  case normal
  case editor
  case prompt(PromptState)
  case help(scroll: Int)

  var context: KeyContext {
    switch self {
    case .normal: return .normal
    case .editor: return .editor
    case .prompt: return .prompt
    case .help: return .help
    }
  }
}

/// The text being typed after `:` or `/`.
struct PromptState: Equatable {
  enum Kind: Equatable {
    case command, search
  }

  var kind: Kind
  var text: [Character] = []
  var cursor: Int = 0

  var leader: String { kind == .command ? ":" : "/" }
}
