import Foundation
import HooksProtocol
import HooksWire
import Testing

@testable import HooksHarness

@Suite("Transcripts")
struct TranscriptTests {
  private func finishedRun() -> ScenarioRun {
    var scenario = makeScenario()
    scenario.scanners = [
      ScannerSettings(name: "remote", source: .external(url: "http://127.0.0.1:9", token: "s3cret"))
    ]
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .data ? .body(actionResponse("quarantine")) : .noChange
    }
    let run = makeRun(scenario, channel: channel)
    run.runToEnd()
    return run
  }

  @Test("write and load round trip")
  func roundTrip() throws {
    let run = finishedRun()
    let directory = NSTemporaryDirectory() + "hookbench-transcript-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/run" + Transcript.fileExtension

    try Transcript(run: run).write(to: path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["run.hooktrace.json"])

    let loaded = try Transcript.load(path: path)
    #expect(loaded.exitStatus == Int(RunExitStatus.quarantined))
    #expect(loaded.steps.count == run.machine.snapshots.count)
    let data = try #require(loaded.steps.last)
    #expect(data.stage == .data)
    #expect(data.actionBefore == "accept")
    #expect(data.actionAfter == "quarantine")
    #expect(data.operationLines == ["set[0] /action: applied"])
    // Byte strings come back as their Base64 text, so compare the serialized forms.
    let original = try #require(run.machine.snapshots.last?.request)
    #expect(JSONSerializer.string(data.request) == JSONSerializer.string(original))
    #expect(data.stateAfter["action"] == "quarantine")
    let exchange = try #require(data.exchanges.first)
    #expect(exchange.requestBody == JSONSerializer.bytes(data.request))
    #expect(loaded.settings["scanners"]?[0]?["token"] == "***")
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    #expect(!text.contains("s3cret"))
  }

  @Test("authorization header is redacted")
  func authorizationRedacted() {
    let head = "POST /hook HTTP/1.1\r\nAuthorization: Bearer abc.def\r\nX-Other: 1"
    #expect(ExchangeRecord.redactingAuthorization(head)
      == "POST /hook HTTP/1.1\r\nAuthorization: Bearer ***\r\nX-Other: 1")
  }

  @Test("binary bodies are stored as Base64")
  func binaryBodies() {
    let bytes: [UInt8] = [0xA1, 0x00, 0xFF]
    let stored = TranscriptEncoding.bytes(bytes)
    #expect(stored["base64"] == "oQD/")
    #expect(TranscriptEncoding.decodeBytes(stored) == bytes)
    #expect(TranscriptEncoding.bytes(Array("hi".utf8)) == ["text": "hi"])
  }

  @Test("loader rejects other files")
  func loaderRejects() {
    #expect(throws: TranscriptError.self) { try Transcript(json: ["format": "x"]) }
    #expect(throws: TranscriptError.self) {
      try Transcript(json: ["format": .string(Transcript.format), "version": 99, "steps": []])
    }
    #expect(throws: TranscriptError.self) { try Transcript.load(path: "/nonexistent/t.json") }
  }

  @Test("text lines use the four markers")
  func printerMarkers() {
    let lines = TranscriptPrinter.lines(for: finishedRun())
    #expect(lines.first?.hasPrefix("== scenario \"test\"") == true)
    #expect(lines.contains { $0.hasPrefix("-> data (") && $0.contains("remote  POST memory://remote") })
    #expect(lines.contains { $0.hasPrefix("<- data (") && $0.contains("200 OK") })
    #expect(lines.last == "== result: accepted with 250, then quarantined; exit status 8")
  }
}
