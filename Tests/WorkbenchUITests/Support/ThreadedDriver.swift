import Dispatch
import WorkbenchUI

/// A driver that runs every command of a `ScriptedDriver` on a serial worker queue, as the
/// real engine runs HTTP calls, and posts a running snapshot first. It shows that the
/// workbench only sees worker results through the mailbox.
final class ThreadedDriver: WorkbenchDriver, @unchecked Sendable {
  let updates = Mailbox<WorkbenchUpdate>()
  private let inner = ScriptedDriver()
  private let worker = DispatchQueue(label: "hookbench.test.worker")

  func snapshot() -> WorkbenchSnapshot { worker.sync { inner.snapshot() } }

  /// Runs `command` on the worker, then forwards what the scripted driver posted.
  private func run(_ command: @escaping @Sendable (ScriptedDriver) -> Void) {
    var running = worker.sync { inner.snapshot() }
    running.isRunning = true
    updates.post(.snapshot(running))
    worker.async { [self] in
      command(inner)
      for update in inner.updates.drain() { updates.post(update) }
    }
  }

  func step() { run { $0.step() } }
  func nextStage() { run { $0.nextStage() } }
  func continueToBreakpoint() { run { $0.continueToBreakpoint() } }
  func restart() { run { $0.restart() } }
  func toggleBreakpoint(stageIndex: Int) { run { $0.toggleBreakpoint(stageIndex: stageIndex) } }
  func validate(responseText: String) -> [EditDiagnostic] {
    worker.sync { inner.validate(responseText: responseText) }
  }
  func apply(responseText: String) -> [EditDiagnostic] {
    let problems = validate(responseText: responseText)
    if problems.isEmpty { run { _ = $0.apply(responseText: responseText) } }
    return problems
  }
  func revertEdit() { run { $0.revertEdit() } }
  func saveTranscript(to path: String) throws {
    try worker.sync { try inner.saveTranscript(to: path) }
  }
}
