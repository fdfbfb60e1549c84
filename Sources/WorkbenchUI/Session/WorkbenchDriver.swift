/// A message from a driver to the screen, sent through its mailbox.
public enum WorkbenchUpdate: Sendable, Equatable {
  /// The session changed; the screen replaces what it shows.
  case snapshot(WorkbenchSnapshot)
  /// A line for the event log, such as a retry or a caught error.
  case event(String)
  /// A line for the status bar that answers the user's last command, such as where
  /// `continue` paused; it also goes to the event log.
  case notice(String)
}

/// The engine behind the workbench screen: a fake MTA run, a transcript replay, or a test
/// script.
///
/// The screen calls these methods on the main thread. Commands that run scanners
/// (`step`, `nextStage`, `continueToBreakpoint`, `restart`, `apply`, `revertEdit`) may return
/// before their work is done. The driver then runs the work on a worker thread and posts
/// each new snapshot and event to `updates`, which the main loop drains between key polls.
/// A driver that finishes at once posts before it returns. Commands issued while one is
/// running are queued by the driver, in order.
public protocol WorkbenchDriver: AnyObject {
  /// The queue of snapshots and events for the main loop.
  var updates: Mailbox<WorkbenchUpdate> { get }

  /// Returns the current state for the first frame. Later states arrive through `updates`.
  func snapshot() -> WorkbenchSnapshot

  /// Runs the next scanner call of the current stage, or starts the next stage.
  func step()
  /// Runs the current stage to its end, or the next stage when the last call ended one.
  func nextStage()
  /// Runs until a stage with a breakpoint becomes current or the transaction ends.
  func continueToBreakpoint()
  /// Starts the transaction again from connect, keeping breakpoints and sticky edits.
  func restart()
  /// Sets or clears the breakpoint on the stage at `stageIndex` in the snapshot's `stages`.
  func toggleBreakpoint(stageIndex: Int)

  /// Parses and validates an edited response for the call shown, without applying it.
  ///
  /// Runs on the main thread at every keystroke, so it must not do I/O.
  /// - Returns: the problems found, empty when the response is valid.
  func validate(responseText: String) -> [EditDiagnostic]
  /// Applies an edited response to the request shown in place of the scanner's, then runs
  /// the later calls again. The edit stays in force on restarts until `revertEdit`.
  /// - Returns: the problems found; when it is not empty nothing was applied.
  func apply(responseText: String) -> [EditDiagnostic]
  /// Drops the edit in force for the call shown, or every applied edit when the call shown
  /// has none, and runs the later calls again.
  func revertEdit()

  /// Writes the transcript of the session so far to `path`.
  /// - Throws: an error that names the path when the file cannot be written.
  func saveTranscript(to path: String) throws
}
