/// The input contexts of the workbench; each has its own key bindings.
public enum KeyContext: String, Sendable, CaseIterable {
  /// Stepping and browsing the panes.
  case normal
  /// Editing the scanner's response; printable keys type text.
  case editor
  /// Typing a `:` command or a `/` search.
  case prompt
  /// The `?` help overlay.
  case help
}

/// A named workbench command. Keys run commands, and the `:` prompt accepts the same names.
public enum WorkbenchCommand: String, Sendable, CaseIterable {
  case step
  case nextStage = "next-stage"
  case continueRun = "continue"
  case restart
  case toggleBreakpoint = "toggle-breakpoint"
  case stageLeft = "stage-left"
  case stageRight = "stage-right"
  case focusNext = "focus-next"
  case focusPrevious = "focus-previous"
  case cycleView = "cycle-view"
  case scrollUp = "scroll-up"
  case scrollDown = "scroll-down"
  case pageUp = "page-up"
  case pageDown = "page-down"
  case scrollTop = "scroll-top"
  case scrollBottom = "scroll-bottom"
  case scrollLeft = "scroll-left"
  case scrollRight = "scroll-right"
  case search
  case searchNext = "search-next"
  case searchPrevious = "search-previous"
  case edit
  case editExternal = "edit-external"
  case apply
  case revert
  case saveTranscript = "save-transcript"
  case toggleEvents = "toggle-events"
  case help
  case commandPrompt = "command-prompt"
  case quit
  case leaveEditor = "leave-editor"
  case undo
  case cursorLeft = "cursor-left"
  case cursorRight = "cursor-right"
  case cursorUp = "cursor-up"
  case cursorDown = "cursor-down"
  case lineStart = "line-start"
  case lineEnd = "line-end"
  case newline
  case deleteBackward = "delete-backward"
  case deleteForward = "delete-forward"
  case runPrompt = "run-prompt"
  case cancelPrompt = "cancel-prompt"
  case closeHelp = "close-help"

  /// The contexts in which the command can be bound to a key.
  public var contexts: Set<KeyContext> {
    switch self {
    case .step, .nextStage, .continueRun, .restart, .toggleBreakpoint, .stageLeft, .stageRight,
      .focusNext, .focusPrevious, .cycleView, .scrollTop, .scrollBottom, .scrollLeft,
      .scrollRight, .search, .searchNext,
      .searchPrevious, .edit, .editExternal, .revert, .saveTranscript, .toggleEvents, .help,
      .commandPrompt, .quit:
      return [.normal]
    case .scrollUp, .scrollDown, .pageUp, .pageDown:
      return [.normal, .help]
    case .apply:
      return [.normal, .editor]
    case .leaveEditor, .undo, .cursorUp, .cursorDown, .newline, .deleteForward:
      return [.editor]
    case .cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteBackward:
      return [.editor, .prompt]
    case .runPrompt, .cancelPrompt:
      return [.prompt]
    case .closeHelp:
      return [.help]
    }
  }

  /// Whether the `:` prompt accepts the command by name.
  public var isPromptCommand: Bool { contexts.contains(.normal) }

  /// The argument the command takes at the `:` prompt, for the help screen, or nil.
  public var promptArgument: String? {
    switch self {
    case .search: return "TEXT"
    case .saveTranscript: return "[PATH]"
    case .toggleBreakpoint: return "[STAGE]"
    default: return nil
    }
  }

  /// One line for the help screen.
  public var summary: String {
    switch self {
    case .step: return "Run the next scanner call"
    case .nextStage: return "Run this stage to its end, or the next one after a stage ends"
    case .continueRun: return "Run to the next breakpoint or the end"
    case .restart: return "Start the transaction again from connect"
    case .toggleBreakpoint: return "Set or clear the breakpoint on the stage under the cursor"
    case .stageLeft: return "Move the stage cursor left"
    case .stageRight: return "Move the stage cursor right"
    case .focusNext: return "Focus the next pane"
    case .focusPrevious: return "Focus the previous pane"
    case .cycleView: return "Cycle the view mode of the focused pane"
    case .scrollUp: return "Scroll up one line"
    case .scrollDown: return "Scroll down one line"
    case .pageUp: return "Scroll up one page"
    case .pageDown: return "Scroll down one page"
    case .scrollTop: return "Scroll to the top"
    case .scrollBottom: return "Scroll to the bottom"
    case .scrollLeft: return "Scroll the lines that do not wrap half a pane left"
    case .scrollRight: return "Scroll the lines that do not wrap half a pane right"
    case .search: return "Search the focused pane"
    case .searchNext: return "Go to the next search match"
    case .searchPrevious: return "Go to the previous search match"
    case .edit: return "Edit the scanner's response in place"
    case .editExternal: return "Edit the scanner's response in $EDITOR"
    case .apply: return "Apply the edited response and run the later calls again"
    case .revert: return "Drop the applied edit and run the later calls again"
    case .saveTranscript: return "Save the transcript (default: SCENARIO.hooktrace.json)"
    case .toggleEvents: return "Show or hide the event log"
    case .help: return "Show this help"
    case .commandPrompt: return "Type a command by name"
    case .quit: return "Quit"
    case .leaveEditor: return "Leave the editor, keeping the text"
    case .undo: return "Undo the last change"
    case .cursorLeft: return "Move the cursor left"
    case .cursorRight: return "Move the cursor right"
    case .cursorUp: return "Move the cursor up"
    case .cursorDown: return "Move the cursor down"
    case .lineStart: return "Move to the start of the line"
    case .lineEnd: return "Move to the end of the line"
    case .newline: return "Insert a line break"
    case .deleteBackward: return "Delete the character before the cursor"
    case .deleteForward: return "Delete the character under the cursor"
    case .runPrompt: return "Run the command or search"
    case .cancelPrompt: return "Close the prompt"
    case .closeHelp: return "Close the help"
    }
  }

  /// The word shown for the command on the quick-help line.
  public var label: String {
    switch self {
    case .toggleBreakpoint: return "break"
    case .focusNext: return "pane"
    case .cycleView: return "view"
    case .continueRun: return "continue"
    case .leaveEditor: return "leave"
    case .runPrompt: return "run"
    case .cancelPrompt: return "cancel"
    case .closeHelp: return "close"
    case .nextStage: return "stage"
    default: return rawValue
    }
  }
}
