import Foundation
import HooksHarness
import HooksProtocol
import TestSupport
import Testing
import WorkbenchUI

/// A workbench under test: sends keys, waits for the driver's work after each one, and
/// compares rendered screens with golden files.
///
/// Golden files live in `Tests/WorkbenchUITests/Golden/NAME-WxH.txt`. Set
/// `HOOKBENCH_RECORD_GOLDEN=1` to write them from the current rendering instead of comparing,
/// then review the diff.
final class ScreenHarness<Driver: WorkbenchDriver> {
  /// The screen sizes every golden screen is recorded at.
  static var goldenSizes: [(width: Int, height: Int)] {
    [(width: 80, height: 24), (width: 160, height: 45)]
  }

  let driver: Driver
  let workbench: Workbench

  init(driver: Driver, keyTable: KeyTable = .defaults) {
    self.driver = driver
    workbench = Workbench(driver: driver, keyTable: keyTable)
  }

  /// Sends each key and drains the driver's updates after it.
  @discardableResult
  func press(_ keys: Key...) -> [WorkbenchEffect] {
    var effects: [WorkbenchEffect] = []
    for key in keys {
      if let effect = workbench.handle(key) { effects.append(effect) }
      settle()
    }
    return effects
  }

  /// Drains the driver's updates until it is idle. A driver with a worker thread posts a
  /// running snapshot before its command returns, so waiting for a snapshot that is not
  /// running covers the whole command.
  func settle(sourceLocation: SourceLocation = #_sourceLocation) {
    let deadline = Date().addingTimeInterval(10)
    workbench.receiveUpdates()
    while workbench.snapshot.isRunning {
      guard Date() < deadline else {
        Issue.record("the driver was still running after 10 s", sourceLocation: sourceLocation)
        return
      }
      Thread.sleep(forTimeInterval: 0.002)
      workbench.receiveUpdates()
    }
  }

  /// Types `text` one character at a time; "\n" is Enter.
  func type(_ text: String) {
    for character in text {
      press(character == "\n" ? .enter : character == " " ? .space : .character(character))
    }
  }

  /// The screen as text at `width` × `height`.
  func dump(width: Int = 80, height: Int = 24) -> String {
    workbench.render(width: width, height: height).dump()
  }

  /// Compares the screen at every golden size with `Golden/NAME-WxH.txt`.
  func expectGolden(
    _ name: String, sizes: [(width: Int, height: Int)] = ScreenHarness.goldenSizes,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for size in sizes {
      let actual = dump(width: size.width, height: size.height)
      let file = SharedFiles.repository(
        "Tests/WorkbenchUITests/Golden/\(name)-\(size.width)x\(size.height).txt")
      if ProcessInfo.processInfo.environment["HOOKBENCH_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(
          at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: file)
        continue
      }
      guard let data = FileManager.default.contents(atPath: file.path) else {
        let message =
          "golden file \(file.path) is missing; run the tests with HOOKBENCH_RECORD_GOLDEN=1"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        continue
      }
      let expected = String(decoding: data, as: UTF8.self)
      if actual != expected {
        let difference = Self.firstDifference(expected: expected, actual: actual)
        let message =
          "screen \(name) at \(size.width)x\(size.height) differs from "
          + "\(file.lastPathComponent)\(difference)\nfull screen:\n\(actual)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
      }
    }
  }

  private static func firstDifference(expected: String, actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
      let left = index < expectedLines.count ? String(expectedLines[index]) : "(none)"
      let right = index < actualLines.count ? String(actualLines[index]) : "(none)"
      if left != right {
        return "\nfirst difference at row \(index + 1):\nexpected: \(left)\nactual:   \(right)"
      }
    }
    return ""
  }
}

/// A workbench on the scripted driver, for commands whose effect the scripted driver records.
typealias ScriptedHarness = ScreenHarness<ScriptedDriver>

extension ScreenHarness where Driver == ScriptedDriver {
  convenience init() { self.init(driver: ScriptedDriver()) }
}

/// A workbench on the real engine running a sample scenario. The scenario's rule scanners
/// reply in-process with a fixed latency, ids are sequential and the clock starts at the
/// scenario's `startAt`, so every screen is the same on every run.
typealias EngineHarness = ScreenHarness<EngineDriver>

extension ScreenHarness where Driver == EngineDriver {
  /// The latency every scanner call reports, in milliseconds.
  static var fixedLatency: Double { 1.5 }

  /// Opens `samples/scenarios/NAME`.
  convenience init(scenario name: String) throws {
    var scenario = try Scenario.load(path: SharedFiles.repository("samples/scenarios/\(name)").path)
    // A scenario without `startAt` would follow the system clock.
    if scenario.startAt == nil { scenario.startAt = UTCTimestamp(rfc3339: "2026-12-04T16:00:00Z") }
    let latency = Self.fixedLatency
    self.init(
      driver: EngineDriver(scenario: scenario) { _, _ in RuleScannerChannel(milliseconds: latency) })
  }

  /// Presses n until the call shown is one to `scanner`.
  /// - Throws: when the run ends first.
  func step(to scanner: String) throws {
    while workbench.snapshot.scannerName != scanner {
      try #require(!workbench.snapshot.isFinished, "the run ended before a call to \(scanner)")
      press(.character("n"))
    }
  }
}
