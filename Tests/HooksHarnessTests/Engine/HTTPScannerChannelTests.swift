import HooksWire
import Testing

@testable import HooksHarness

/// Runs a one-recipient scenario whose embedded rule scanner replies to `data` with `reply`, over
/// real loopback HTTP, and returns the run after it finished.
private func runWithDataReply(_ reply: String) throws -> ScenarioRun {
  let text = #"""
    {"rcptTo": [{"address": "alice@example.org"}],
     "message": {"text": "Subject: hi\n\nbody\n"},
     "scanners": [{"name": "refuser", "rules": [{"stage": "data", "reply": \#(reply)}]}]}
    """#
  let scenario = try Scenario.decode(try JSONParser.parse(text), file: "x.json", directory: "")
  let run = ScenarioRun.live(scenario)
  _ = run.runToEnd()
  run.machine.close()
  return run
}

@Suite("HTTP scanner channel")
struct HTTPScannerChannelTests {
  @Test("status failure keeps error body")
  func statusFailureKeepsErrorBody() throws {
    // 400 is not retried, so the run makes one hook call.
    let run = try runWithDataReply(
      #"{"status": 400, "error": {"code": "INVALID_REQUEST", "message": "no subject allowed"}}"#)
    let data = try #require(run.machine.snapshots.last)
    #expect(data.event.stage == .data)
    #expect(data.problems == ["HTTP/1.1 400 Bad Request (INVALID_REQUEST: no subject allowed)"])
    #expect(data.rule.contains("(HTTP/1.1 400 Bad Request (INVALID_REQUEST: no subject allowed))"))
    #expect(data.reply?.code == 451)
  }

  @Test("status failure without error body")
  func statusFailureWithoutErrorBody() {
    let failure = HTTPScannerChannel.failure(
      .status(code: 404, statusLine: "HTTP/1.1 404 Not Found", error: nil))
    #expect(failure == .status(404, "HTTP/1.1 404 Not Found"))
  }
}
