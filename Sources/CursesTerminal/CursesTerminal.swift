import CNCurses
import WorkbenchUI

#if canImport(Glibc)
  import Glibc
#endif

/// A failure to start the terminal screen.
public struct TerminalError: Error, CustomStringConvertible {
  public let description: String

  init(_ description: String) { self.description = description }
}

/// The ncurses front end of the workbench: draws its screen, reads keys, and restores the
/// terminal on every way out.
///
/// Every curses call happens on the thread that calls `run`, which must be the main thread.
/// Drivers hand work from other threads to the workbench through its mailbox, which the
/// loop drains between key polls.
public final class CursesTerminal {
  /// The signals after which the terminal is restored before the previous handler runs:
  /// termination requests and the faults that the Swift runtime reports with a backtrace.
  static let restoredSignals: [Int32] = [
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP,
  ]

  /// How long one key poll waits before the loop drains the mailbox again, in milliseconds.
  static let pollMilliseconds: Int32 = 50

  private let workbench: Workbench
  private let theme: Theme
  var palette: Palette?
  var isUTF8 = true

  /// Creates a terminal front end for `workbench` in `theme`; nothing is drawn until `run`.
  public init(workbench: Workbench, theme: Theme) {
    self.workbench = workbench
    self.theme = theme
  }

  /// Takes over the terminal and runs the workbench until it quits.
  ///
  /// Restores the terminal before returning. SIGINT, SIGTERM and crashes also restore it,
  /// then end the process through the handler that was in place before.
  /// - Returns: 0 after a normal quit.
  /// - Throws: `TerminalError` when curses cannot start on this terminal type.
  public func run() throws -> Int32 {
    setlocale(LC_ALL, "")
    isUTF8 = hb_locale_is_utf8() != 0
    workbench.glyphs = isUTF8 ? .unicode : .ascii
    setenv("ESCDELAY", "25", 0)  // Esc leaves the editor at once instead of after 1 s.

    // Installed before curses starts, so that ncurses keeps out of SIGINT and SIGTERM: its own
    // handlers exit with status 1, while ours let the signal end the process as usual.
    for signal in Self.restoredSignals {
      _ = hb_install_terminal_restorer(signal)
    }
    guard hb_start_screen() == 0 else {
      for signal in Self.restoredSignals {
        _ = hb_remove_terminal_restorer(signal)
      }
      let name = getenv("TERM").map { String(cString: $0) } ?? ""
      throw TerminalError(
        "cannot start the screen on terminal type \"\(name)\"; set TERM to a type that "
          + "terminfo knows, such as xterm-256color")
    }
    defer {
      endwin()
      for signal in Self.restoredSignals {
        _ = hb_remove_terminal_restorer(signal)
      }
    }
    cbreak()
    noecho()
    nonl()
    disableFlowControl()
    keypad(hb_stdscr(), true)
    palette = Palette(theme: theme)

    var needsDrawing = true
    while true {
      if workbench.receiveUpdates() { needsDrawing = true }
      if needsDrawing {
        draw(workbench.render(width: Int(hb_columns()), height: Int(hb_lines())))
        needsDrawing = false
      }
      // Wait for one key, then take every key already typed before drawing again, so
      // pasted text is not redrawn once per key.
      var timeout = Self.pollMilliseconds
      while let key = readKey(timeout: timeout) {
        timeout = 0
        needsDrawing = true
        switch workbench.handle(key) {
        case .quit:
          return 0
        case .openExternalEditor(let text):
          editExternally(text)
        case nil:
          continue
        }
        break
      }
    }
  }

  /// Reads one key, waiting at most `timeout` milliseconds; nil on timeout or for a code
  /// the workbench has no key for.
  private func readKey(timeout: Int32) -> Key? {
    wtimeout(hb_stdscr(), timeout)
    var code: wint_t = 0
    let status = hb_read_key(&code)
    guard status != hb_err() else { return nil }
    return KeyDecoder.key(status: status, code: UInt32(code))
  }

  /// Turns off XON/XOFF flow control, so that C-s reaches the workbench as the apply key
  /// instead of freezing the output, and saves that as the program mode that
  /// `reset_prog_mode` restores. `endwin` restores the shell's own settings.
  private func disableFlowControl() {
    var settings = termios()
    guard tcgetattr(0, &settings) == 0 else { return }
    settings.c_iflag &= ~tcflag_t(IXON)
    _ = tcsetattr(0, TCSANOW, &settings)
    def_prog_mode()
  }

  /// Suspends the screen, runs the user's editor on `text`, and gives the result to the
  /// workbench.
  private func editExternally(_ text: String) {
    def_prog_mode()
    endwin()
    let outcome = ExternalEditor.edit(text, environment: currentEnvironment())
    reset_prog_mode()
    refresh()
    switch outcome {
    case .success(let edited):
      if edited == text {
        workbench.log("the editor returned the response unchanged")
      } else {
        workbench.finishExternalEdit(text: edited)
      }
    case .failure(let error):
      workbench.log("\(error)")
    }
  }

  private func currentEnvironment() -> [String: String] {
    var environment: [String: String] = [:]
    for name in ["VISUAL", "EDITOR", "TMPDIR"] {
      if let value = getenv(name) { environment[name] = String(cString: value) }
    }
    return environment
  }
}
