import Foundation
import HooksHTTP
import TestSupport
import Testing

/// Runs `hookbench scanner` as a process on loopback.
@Suite struct ScannerCommandTests {
  private func run(_ arguments: [String]) throws -> PatchCommandTests.Run {
    try PatchCommandTests.run(["scanner"] + arguments)
  }

  @Test func invalidRulesFileExits65() throws {
    let scratch = try PatchCommandTests.Scratch()
    let path = try scratch.file(
      "bad.json", #"{"name": "bad", "stages": ["data"], "rules": [{"stage": "data"}]}"#)
    let result = try run(["--listen", "127.0.0.1:0", "--rules", path])
    #expect(result.status == 65)
    #expect(result.errors == "error: rules file \"bad.json\": /rules/0/reply: missing\n")
  }

  @Test func nonLoopbackListenNeedsFlag() throws {
    let result = try run(["--listen", "0.0.0.0:0"])
    #expect(result.status == 1)
    #expect(result.errors.contains("refusing to listen on non-loopback address 0.0.0.0:0"))
    #expect(result.errors.contains("add --allow-non-loopback"))
  }

  @Test(arguments: ["a b", " abc", "tok\u{e9}n", "==", "ab=c"])
  func unusableTokenIsUsageError(token: String) throws {
    // The port is invalid too, so a regression exits with a listen error and never serves.
    let result = try run(["--listen", "127.0.0.1:99999", "--token", token])
    #expect(result.status == 64)
    #expect(result.errors.hasPrefix("error: invalid --token \"\(token)\"; a bearer token uses"))
  }

  @Test func malformedListenIsUsageError() throws {
    let result = try run(["--listen", "8025"])
    #expect(result.status == 64)
    #expect(result.errors.hasPrefix("error: invalid --listen \"8025\"; use ADDR:PORT"))
  }

  @Test func servesAndStopsOnSIGTERM() throws {
    let process = Process()
    process.executableURL = PatchCommandTests.binary
    process.arguments = [
      "scanner", "--listen", "127.0.0.1:0", "--token", "t0k3n",
      "--rules", SharedFiles.repository("samples/scanners/add-header.json").path,
    ]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    var printed = ""
    let deadline = Date(timeIntervalSinceNow: 10)
    while !printed.contains("Stop with") && Date() < deadline {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      printed += String(decoding: chunk, as: UTF8.self)
    }
    #expect(printed.contains("scanner \"add-header\" listening on http://127.0.0.1:"))
    #expect(printed.contains("token: t0k3n\n"))
    let discovery = try #require(
      printed.split(separator: "\n").first { $0.hasPrefix("discovery URL: ") }?
        .dropFirst("discovery URL: ".count))
    let exchange = HTTPClient().send(method: "GET", url: String(discovery))
    let body = try #require(exchange.response?.body)
    #expect(String(decoding: body, as: UTF8.self).contains("\"stages\":[\"data\"]"))

    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(log.contains("GET /.well-known/mta-hooks -> 200 OK"))
    #expect(log.contains("received SIGTERM; stopping"))
  }
}
