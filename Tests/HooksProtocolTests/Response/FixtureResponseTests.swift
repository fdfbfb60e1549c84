import HooksProtocol
import HooksWire
import Testing

/// Each draft-01 response fixture applied to a request that matches it.
@Suite struct FixtureResponseTests {
  private func dataRules() -> ResponseRules { ResponseRules(stage: .data) }

  /// Reads the draft's own inbound example request, at `data`.
  private func draftRequest() throws -> JSONValue { try Fixtures.body("16") }

  @Test func addHeadersAtIndexes() throws {
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("18"), request: try draftRequest(), rules: dataRules())
    #expect(processed.isValid)
    #expect(processed.rule == "atomic: all 2 operations applied")
    #expect(
      SampleRequests.headerNames(processed.request)
        == ["X-Spam-Status", "X-Spam-Score", "From", "To", "Subject", "Date", "Message-ID"])
    #expect(processed.action == .accept)
  }

  @Test func rejectWithCustomReply() throws {
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("19"), request: try draftRequest(), rules: dataRules())
    #expect(processed.isValid)
    #expect(processed.action == .reject)
    #expect(processed.reply?.line == "550 5.7.1 Message rejected: virus detected")
    #expect(processed.isTemporary == false)
    #expect(processed.stopsChain)
    #expect(processed.request["action"] == "reject")
  }

  @Test func subjectAndAddedRecipient() throws {
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("20"), request: try draftRequest(), rules: dataRules())
    #expect(processed.isValid)
    #expect(processed.request["message"]?["subject"] == "[EXTERNAL] Original Subject")
    #expect(
      SampleRequests.recipients(processed.request)
        == ["recipient@example.com", "compliance@example.com"])
  }

  @Test func outboundFailedSilent() throws {
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("21"), request: try Fixtures.body("17"),
      rules: ResponseRules(stage: .delivery))
    #expect(processed.isValid)
    let statuses = (processed.request["envelope"]?["to"]?.arrayValue ?? []).map { $0["status"] }
    #expect(statuses == ["delivered", "failed-silent", "failed"])
    #expect(processed.action == .continue)
    #expect(processed.reply == nil)
  }

  @Test func deletesShiftIndexes() throws {
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("22"), request: try draftRequest(), rules: dataRules())
    #expect(processed.isValid)
    #expect(SampleRequests.headerNames(processed.request) == ["From", "Subject", "Message-ID"])
  }

  @Test func milterHeaderAndEnvelopeEdits() throws {
    let request = SampleRequests.request(
      stage: .data, recipients: ["a@example.com", "b@example.com"],
      headers: [("H0", " 0"), ("H1", " 1"), ("H2", " 2"), ("H3", " 3")])
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("27"), request: request, rules: dataRules())
    #expect(processed.isValid)
    let headers = processed.request["message"]?["headers"]?.arrayValue ?? []
    #expect(headers.map { $0["name"] } == ["X-First", "H1", "H3", "X-Last"])
    #expect(headers[1]["value"] == " changed")
    #expect(processed.request["envelope"]?["from"]?["address"] == "new@example.com")
    #expect(
      SampleRequests.recipients(processed.request)
        == ["b@example.com", "c@example.com", "d@example.com"])
    #expect(processed.warnings.contains { $0.contains("angle brackets removed") })
  }

  @Test func rcptPartialReplyIsTemporary() throws {
    let request = SampleRequests.request(
      stage: .rcpt, recipients: ["first@localhost", "later@localhost"])
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("29"), request: request, rules: ResponseRules(stage: .rcpt))
    #expect(processed.isValid)
    #expect(processed.action == .reject)
    #expect(processed.isTemporary)
    #expect(processed.reply?.line == "451 Recipient deferred at RCPT")
    #expect(processed.reply?.enhancedCode == nil)
  }

  @Test func interopDataEdits() throws {
    let request = SampleRequests.request(
      stage: .data, recipients: ["alice@localhost", "bob@localhost"],
      headers: [
        ("From", " alice@localhost"), ("To", " bob@localhost"), ("Subject", " edits"),
        ("Message-ID", " <edits@localhost>"), ("X-Dup", " 1"), ("X-Dup", " 2"),
      ])
    let processed = ResponseProcessor.process(
      body: try Fixtures.body("30"), request: request, rules: dataRules())
    #expect(processed.isValid)
    let headers = processed.request["message"]?["headers"]?.arrayValue ?? []
    #expect(
      headers.map { $0["name"] }
        == ["From", "To", "Subject", "Message-ID", "X-Dup", "X-Interop-Scanned"])
    #expect(headers[2]["value"] == " [scanned] edits")
    #expect(headers[4]["value"] == " 1")
    #expect(processed.request["envelope"]?["from"]?["address"] == "rewritten@example.test")
    #expect(SampleRequests.recipients(processed.request) == ["bob@localhost", "carol@localhost"])
  }
}
