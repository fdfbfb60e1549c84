import Foundation
import HooksWire
import TestSupport
import Testing

/// The draft -01 example responses applied to the example requests, with pointer rules only
/// (no writable-path or value checks).
@Suite struct PatchFixtureTests {
  /// Parses the shared fixture whose file name starts with the two-digit `number`.
  static func fixture(_ number: Int) throws -> JSONValue {
    let folder = SharedFiles.shared("fixtures")
    let prefix = String(format: "%02d-", number)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let name = try #require(names.first { $0.hasPrefix(prefix) }, "no fixture \(prefix)*")
    return try JSONParser.parse(SharedFiles.bytes(folder.appendingPathComponent(name)))
  }

  static func apply(
    _ response: Int, to request: JSONValue, policy: PatchFailurePolicy = .atomic
  ) throws -> PatchResult {
    let patch = Patch.parse(try fixture(response))
    #expect(patch.format == .draft)
    #expect(patch.problems.isEmpty)
    return PatchEngine.apply(patch, to: request, policy: policy)
  }

  static func headerNames(_ document: JSONValue) -> [String] {
    (document["message"]?["headers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
  }

  static func addresses(_ document: JSONValue) -> [String] {
    (document["envelope"]?["to"]?.arrayValue ?? []).compactMap { $0["address"]?.stringValue }
  }

  @Test func addHeadersAtIndexes() throws {
    let request = try Self.fixture(16)
    let result = try Self.apply(18, to: request)
    #expect(result.isClean)
    #expect(
      Self.headerNames(result.document) == [
        "X-Spam-Status", "X-Spam-Score", "From", "To", "Subject", "Date", "Message-ID",
      ])
    #expect(result.document["message"]?["headers"]?[1]?["value"] == "1.2")
  }

  @Test func rejectWithCustomResponse() throws {
    let result = try Self.apply(19, to: try Self.fixture(16))
    #expect(result.isClean)
    #expect(result.document["action"] == "reject")
    #expect(result.document["response"]?["code"] == 550)
    #expect(result.document["response"]?["enhancedCode"] == "5.7.1")
    #expect(Patch.describe(result.outcomes[0]) == "set /action = \"reject\"  applied")
    #expect(Patch.describe(result.outcomes[1].operation).hasPrefix("set /response = {\"code\":550"))
  }

  @Test func setMissingResponseFailsAtomically() throws {
    // The rspamd-style request has no "response" member, and set needs an existing value.
    let request = try Self.fixture(25)
    let result = try Self.apply(19, to: request)
    #expect(!result.isClean)
    #expect(result.document == request)
    #expect(
      result.outcomes[0].status
        == .skipped(
          "not applied: the atomic policy rejects the whole response because another "
            + "operation failed"))
    guard case .refused(let reason) = result.outcomes[1].status else {
      Issue.record("set /response was not refused: \(result.outcomes[1].status)")
      return
    }
    #expect(reason.contains("has no member \"response\""))
  }

  @Test func subjectAndRecipientChange() throws {
    let result = try Self.apply(20, to: try Self.fixture(16))
    #expect(result.isClean)
    #expect(result.document["message"]?["subject"] == "[EXTERNAL] Original Subject")
    #expect(Self.addresses(result.document) == ["recipient@example.com", "compliance@example.com"])
  }

  @Test func perOperationSkipsOnlyFailingSet() throws {
    // Request 25 has no structured message, so only the recipient add applies.
    let request = try Self.fixture(25)
    let atomic = try Self.apply(20, to: request)
    #expect(atomic.document == request)

    let partial = try Self.apply(20, to: request, policy: .perOperation)
    #expect(!partial.isClean)
    #expect(partial.outcomes.map(\.status.isApplied) == [false, true])
    #expect(Self.addresses(partial.document) == ["rcpt@example.com", "compliance@example.com"])
    #expect(partial.document["message"] == nil)
  }

  @Test func outboundRecipientStatus() throws {
    let result = try Self.apply(21, to: try Self.fixture(17))
    #expect(result.isClean)
    #expect(result.document["envelope"]?["to"]?[1]?["status"] == "failed-silent")
    #expect(result.document["envelope"]?["to"]?[0]?["status"] == "delivered")
  }

  @Test func outboundStatusOnSingleRecipientFails() throws {
    let result = try Self.apply(21, to: try Self.fixture(25))
    guard case .refused(let reason) = result.outcomes[0].status else {
      Issue.record("expected a refusal, got \(result.outcomes[0].status)")
      return
    }
    #expect(reason.contains("index 1 is out of range"))
  }

  @Test func deletesShiftIndexes() throws {
    // Deleting 3 (Date) first and then 1 (To) leaves From, Subject, Message-ID.
    let result = try Self.apply(22, to: try Self.fixture(16))
    #expect(result.isClean)
    #expect(Self.headerNames(result.document) == ["From", "Subject", "Message-ID"])
  }

  @Test func deletesOnOutboundRequestFail() throws {
    let request = try Self.fixture(17)
    let result = try Self.apply(22, to: request)
    #expect(result.refusals.count == 2)
    #expect(result.document == request)
  }

  @Test func deletesIndexWorkingListAfterAdds() throws {
    // Response 27 expects 4 original headers and 2 original recipients: with 3 headers
    // added, /message/headers/6 is the just-added X-Gone, and /envelope/to/4 is e@.
    var request = try Self.fixture(16)
    var message = try #require(request["message"]?.objectValue)
    message["headers"] = [
      ["name": "From", "value": "a@example.com"], ["name": "To", "value": "b@example.com"],
      ["name": "Subject", "value": "hi"], ["name": "Date", "value": "Mon, 1 Jan 2024"],
    ]
    var envelope = try #require(request["envelope"]?.objectValue)
    envelope["to"] = [
      ["address": "a@example.com", "parameters": [:]],
      ["address": "b@example.com", "parameters": [:]],
    ]
    var top = try #require(request.objectValue)
    top["message"] = .object(message)
    top["envelope"] = .object(envelope)
    request = .object(top)

    let result = try Self.apply(27, to: request)
    #expect(result.isClean, "\(result.refusals.map(\.summary))")
    #expect(Self.headerNames(result.document) == ["X-First", "To", "Date", "X-Last"])
    #expect(result.document["message"]?["headers"]?[1]?["value"] == "changed")
    #expect(
      Self.addresses(result.document) == ["b@example.com", "c@example.com", "<d@example.com>"])
    #expect(result.document["envelope"]?["from"]?["address"] == "new@example.com")
    #expect(
      result.outcomes.map(\.operation.label) == [
        "set[0]", "set[1]", "add[0]", "add[1]", "add[2]", "add[3]", "add[4]", "add[5]",
        "delete[0]", "delete[1]", "delete[2]", "delete[3]", "delete[4]",
      ])
  }

  @Test func headerAddsOnRawOnlyRequestFail() throws {
    let request = try Self.fixture(25)
    let result = try Self.apply(18, to: request)
    #expect(result.refusals.count == 2)
    #expect(result.document == request)
  }
}

extension OperationStatus {
  var isApplied: Bool { self == .applied }
}
