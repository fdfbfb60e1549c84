import Foundation
import Testing
import WorkbenchUI

@Suite("Driver on a worker thread")
struct ThreadedDriverTests {
  /// Drains updates until `condition` holds or 5 s pass, as the terminal loop does.
  private func pump(_ workbench: Workbench, until condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      workbench.receiveUpdates()
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.005)
    }
    return false
  }

  @Test("step result arrives through the mailbox")
  func stepArrives() {
    let workbench = Workbench(driver: ThreadedDriver())
    workbench.handle(.character("n"))
    workbench.receiveUpdates()
    let done = pump(workbench) {
      !workbench.snapshot.isRunning && workbench.snapshot.scannerIndex == 0
    }
    #expect(done)
    #expect(workbench.render(width: 80, height: 24).dump().contains("[connect]"))
  }

  @Test("queued commands run in order")
  func commandsInOrder() {
    let workbench = Workbench(driver: ThreadedDriver())
    for _ in 0..<5 { workbench.handle(.character("N")) }
    let done = pump(workbench) {
      !workbench.snapshot.isRunning && workbench.snapshot.isFinished
    }
    #expect(done)
    #expect(workbench.snapshot.callIndex == 9)
    #expect(workbench.snapshot.action == "quarantine")
  }

  @Test("apply on a worker updates the result")
  func applyOnWorker() {
    let workbench = Workbench(driver: ThreadedDriver())
    workbench.handle(.character("n"))
    _ = pump(workbench) { workbench.snapshot.scannerIndex == 0 && !workbench.snapshot.isRunning }
    workbench.finishExternalEdit(text: #"{ "set": [ { "path": "/action", "value": "reject" } ] }"#)
    let done = pump(workbench) {
      !workbench.snapshot.isRunning && workbench.snapshot.action == "reject"
    }
    #expect(done)
    #expect(workbench.snapshot.isEdited)
  }
}
