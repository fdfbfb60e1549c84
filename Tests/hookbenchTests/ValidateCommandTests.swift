import Foundation
import TestSupport
import Testing

/// Runs `hookbench validate` on real fixture files.
@Suite struct ValidateCommandTests {
  private typealias Runner = PatchCommandTests

  @Test func validResponseListsEachOperation() throws {
    let run = try Runner.run([
      "validate", "--stage", "data", Runner.fixture("19-draft01-spec-response-reject-custom.json"),
    ])
    #expect(run.status == 0)
    #expect(run.output.contains("  set[0] /action: valid\n"))
    #expect(run.output.contains("  set[1] /response: valid\n"))
    #expect(run.output.contains("valid: atomic: all 2 operations applied\n"))
    #expect(
      run.output.hasSuffix(
        "result: action reject, reply 550 5.7.1 Message rejected: virus detected\n"))
  }

  @Test func eachOperationGetsItsOwnVerdict() throws {
    let run = try Runner.run([
      "validate", "--stage", "rcpt",
      Runner.fixture("20-draft01-spec-response-modify-subject-add-rcpt.json"),
    ])
    #expect(run.status == 65)
    #expect(
      run.output.contains(
        "  set[0] /message/subject: invalid: /message/subject is not writable at stage rcpt"))
    #expect(run.output.contains("  add[0] /envelope/to: valid\n"))
    #expect(run.output.contains("invalid: atomic: nothing applied because set[0] failed"))
  }

  @Test func loweredActionIsNotApplied() throws {
    let scratch = try PatchCommandTests.Scratch()
    let request = try scratch.file("request.json", #"{"stage": "data", "action": "quarantine"}"#)
    let response = try scratch.file(
      "response.json", #"{"set": [{"path": "/action", "value": "accept"}]}"#)
    let run = try Runner.run(["validate", "--request", request, response])
    #expect(run.status == 65)
    #expect(
      run.output.contains(
        "  set[0] /action: not applied: the response lowers the action from quarantine to accept"))
  }

  @Test func perOperationPolicyIsStillInvalid() throws {
    let run = try Runner.run([
      "validate", "--stage", "rcpt", "--policy", "per-operation",
      Runner.fixture("20-draft01-spec-response-modify-subject-add-rcpt.json"),
    ])
    #expect(run.status == 65)
    #expect(
      run.output.contains("invalid: per-operation: 1 of 2 operations applied; not applied: set[0]"))
  }

  @Test func validatesAgainstGivenRequest() throws {
    let run = try Runner.run([
      "validate", "--stage", "delivery", "--request",
      Runner.fixture("17-draft01-spec-hook-request-outbound-delivery-partial.json"),
      Runner.fixture("21-draft01-spec-response-outbound-failed-silent.json"),
    ])
    #expect(run.status == 0)
    #expect(run.output.contains("  set[0] /envelope/to/1/status: valid\n"))
    #expect(run.output.hasSuffix("result: action continue\n"))
  }

  @Test func updatePropertiesNarrowWrites() throws {
    let run = try Runner.run([
      "validate", "--stage", "data", "--update-properties", "/action,/response,/message/headers",
      Runner.fixture("20-draft01-spec-response-modify-subject-add-rcpt.json"),
    ])
    #expect(run.status == 65)
    #expect(
      run.output.contains(
        "/message/subject is outside the scanner's updateProperties (/action, /response, /message/headers)"
      ))
  }

  @Test func printRequestShowsSample() throws {
    let scratch = try Runner.Scratch()
    let response = try scratch.file("empty.json", "{}")
    let run = try Runner.run(["validate", "--stage", "mail", "--print-request", response])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("{\n  \"stage\": \"mail\",\n"))
    #expect(run.output.contains("\"timestamp\": \"2024-12-21T16:30:00.000Z\""))
    #expect(run.output.contains("valid: no change: the response is empty\n"))
  }

  @Test func connectSampleSendsNullEHLO() throws {
    let scratch = try Runner.Scratch()
    let response = try scratch.file("empty.json", "{}")
    let run = try Runner.run(["validate", "--stage", "connect", "--print-request", response])
    #expect(run.status == 0)
    #expect(run.output.contains("\"ehlo\": null,"), "stdout: \(run.output)")
  }

  @Test func missingResponseIsUsageError() throws {
    let run = try Runner.run(["validate", "--stage", "data"])
    #expect(run.status == 64)
    #expect(run.errors.hasPrefix("error: missing RESPONSE file\nusage: hookbench validate"))
  }
}
