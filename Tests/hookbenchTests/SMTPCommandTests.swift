import Foundation
import Testing

/// Runs `hookbench smtp` as a process on loopback.
@Suite struct SMTPCommandTests {
  @Test func localhostListensAndSIGTERMLogsStop() throws {
    let process = Process()
    process.executableURL = PatchCommandTests.binary
    let scratch = try PatchCommandTests.Scratch()
    process.arguments = [
      "smtp", "--listen", "localhost:0", "--transcripts", scratch.folder.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    var printed = ""
    let deadline = Date(timeIntervalSinceNow: 10)
    while !printed.contains("\n") && Date() < deadline {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      printed += String(decoding: chunk, as: UTF8.self)
    }
    #expect(printed.hasPrefix("== listening on 127.0.0.1:"), "stdout: \(printed)")

    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    printed += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(printed.contains("== received SIGTERM; stopping"), "stdout: \(printed)")
  }
}
