import Foundation
import TestSupport
import Testing

/// Runs `hookbench message` as a process on real and hostile files.
@Suite struct MessageCommandTests {
  private func run(_ arguments: [String]) throws -> PatchCommandTests.Run {
    try PatchCommandTests.run(["message"] + arguments)
  }

  @Test func missingFileExits65() throws {
    let result = try run(["/nonexistent/message.eml"])
    #expect(result.status == 65)
    #expect(result.output == "")
    #expect(
      result.errors
        == "error: cannot read message file \"/nonexistent/message.eml\": "
        + "No such file or directory\n")
  }

  @Test func secondFileIsUsageError() throws {
    let result = try run(["a.eml", "b.eml"])
    #expect(result.status == 64)
    #expect(result.errors.hasPrefix("error: unexpected argument \"b.eml\"; give one FILE.eml\n"))
  }

  @Test func directoryExits65() throws {
    let scratch = try PatchCommandTests.Scratch()
    let result = try run([scratch.folder.path])
    #expect(result.status == 65)
    #expect(result.errors.hasSuffix(": Is a directory\n"))
  }

  @Test func emptyDeviceIsEmptyMessage() throws {
    let result = try run(["/dev/null"])
    #expect(result.status == 0, "stderr: \(result.errors)")
    #expect(result.output.hasPrefix("{\n"))
  }

  @Test func corpusMessagePrintsEmail() throws {
    let path = SharedFiles.shared("corpus/eml/rfc/000.eml").path
    let result = try run([path])
    #expect(result.status == 0, "stderr: \(result.errors)")
    #expect(result.output.contains("\"headers\": ["))
  }

  @Test(arguments: ["deep-multipart", "deep-rfc822", "binary"])
  func hostileMessageNeverTraps(kind: String) throws {
    let scratch = try PatchCommandTests.Scratch()
    var contents = Data()
    switch kind {
    case "deep-multipart":
      contents.append(Data("Content-Type: multipart/mixed; boundary=b0\r\n\r\n".utf8))
      for level in 0..<3_000 {
        let part = "--b\(level)\r\nContent-Type: multipart/mixed; boundary=b\(level + 1)\r\n\r\n"
        contents.append(Data(part.utf8))
      }
    case "deep-rfc822":
      let header = "Content-Type: message/rfc822\r\n\r\n"
      contents = Data(String(repeating: header, count: 10_000).utf8)
    default:
      contents = Data((0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 37) })
    }
    let path = try scratch.file("hostile.eml", contents)
    for options in [[], ["--raw-form"], ["--cbor"]] {
      let result = try run([path] + options)
      #expect(result.status == 0, "\(options) stderr: \(result.errors.prefix(300))")
      #expect(!result.output.isEmpty)
    }
  }

  @Test func subcommandSummariesHaveNoFinalPeriod() throws {
    let result = try PatchCommandTests.run(["--help"])
    let lines = result.output.split(separator: "\n")
    guard let start = lines.firstIndex(of: "Subcommands:") else {
      Issue.record("top-level help has no Subcommands: section")
      return
    }
    let entries = lines[(start + 1)...].prefix { $0.hasPrefix("  ") }
    #expect(entries.count >= 4)
    for entry in entries {
      #expect(!entry.hasSuffix("."), "summary ends with a period: \(entry)")
    }
  }
}
