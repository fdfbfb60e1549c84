import Foundation
import Testing

/// `hookbench run` paths that need no scanner to answer.
@Suite struct RunCommandTests {
  /// A scenario whose only scanner is external, at a documentation address (RFC 5737). The
  /// client checks the address before it opens a socket, so no packet leaves the machine.
  static let remoteScenario = """
    {
      "name": "remote",
      "rcptTo": [{"address": "alice@example.org"}],
      "message": {"text": "Subject: hi\\r\\n\\r\\nhello\\r\\n"},
      "scanners": [{"name": "far-away", "url": "http://192.0.2.1:8080", "token": "t"}]
    }
    """

  @Test func remotePlaintextScannerIsRefused() throws {
    let scratch = try PatchCommandTests.Scratch()
    let path = try scratch.file("remote.json", Self.remoteScenario)
    let run = try PatchCommandTests.run(["run", path])
    #expect(run.status == 1, "stdout: \(run.output)")
    #expect(run.output.contains("refusing plain HTTP to non-loopback http://192.0.2.1:8080"))
    #expect(run.output.contains("--allow-remote-plaintext"))
  }

  @Test(arguments: [
    (
      #"[{"name": "f", "rules": [{"stage": "data", "when": {"path": "/message/subject", "matches": "(["}, "reply": {"status": 204}}]}]"#,
      "/scanners/0/rules/0/when/matches: invalid regular expression"
    ),
    (#"[{"name": "e", "url": "http://127.0.0.1:99999"}]"#, "/scanners/0/url: invalid URL"),
  ])
  func scannerMistakeExits65AtLoad(scanners: String, expected: String) throws {
    let scratch = try PatchCommandTests.Scratch()
    let path = try scratch.file(
      "bad.json",
      #"{"rcptTo": [{"address": "bob@example.org"}], "message": {"text": "Subject: x\n\n"}, "#
        + #""scanners": \#(scanners)}"#)
    let run = try PatchCommandTests.run(["run", path])
    #expect(run.status == 65, "stdout: \(run.output)")
    #expect(run.errors.contains("scenario \"bad.json\": \(expected)"), "stderr: \(run.errors)")
    #expect(run.errors.components(separatedBy: expected).count == 2, "stderr: \(run.errors)")
    #expect(!run.output.contains("connect"))
  }

  @Test func missingScenarioHasNoRelativeHint() throws {
    let run = try PatchCommandTests.run(["run", "/nonexistent/missing.json"])
    #expect(run.status == 65)
    #expect(run.errors.contains("file \"/nonexistent/missing.json\" not found; check the path"))
    #expect(!run.errors.contains("relative to the scenario file"))
  }

  @Test func helpNamesRemotePlaintextFlag() throws {
    for command in ["run", "tui", "smtp"] {
      let run = try PatchCommandTests.run([command, "--help"])
      #expect(run.output.contains("--allow-remote-plaintext"), "\(command)")
    }
  }
}
