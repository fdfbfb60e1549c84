import Foundation
import TestSupport
import Testing
import WorkbenchUI

/// A workbench under test: sends keys, drains the driver's mailbox after each one, and
/// compares rendered screens with golden files.
///
/// Golden files live in `Tests/WorkbenchUITests/Golden/NAME-WxH.txt`. Set
/// `HOOKBENCH_RECORD_GOLDEN=1` to write them from the current rendering instead of comparing,
/// then review the diff.
final class ScreenHarness {
  /// The driver behind every golden screen. Swapping the engine is this one line.
  static func makeDriver() -> ScriptedDriver { ScriptedDriver() }

  /// The screen sizes every golden screen is recorded at.
  static let goldenSizes = [(width: 80, height: 24), (width: 160, height: 45)]

  let driver: ScriptedDriver
  let workbench: Workbench

  init(driver: ScriptedDriver = ScreenHarness.makeDriver(), keyTable: KeyTable = .defaults) {
    self.driver = driver
    workbench = Workbench(driver: driver, keyTable: keyTable)
  }

  /// Sends each key and drains the driver's updates after it.
  @discardableResult
  func press(_ keys: Key...) -> [WorkbenchEffect] {
    var effects: [WorkbenchEffect] = []
    for key in keys {
      if let effect = workbench.handle(key) { effects.append(effect) }
      workbench.receiveUpdates()
    }
    return effects
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
  func expectGolden(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for size in Self.goldenSizes {
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
