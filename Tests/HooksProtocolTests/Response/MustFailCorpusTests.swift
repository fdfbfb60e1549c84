import HooksProtocol
import HooksWire
import Testing

/// The 14 bodies of the milter bridge's negative corpus, under HookBench's rules. The bridge
/// refused all of them; HookBench accepts renaming a header and `disconnect` with a 421 reply,
/// and refuses the other 12 as a whole.
@Suite struct MustFailCorpusTests {
  private let rules = ResponseRules(stage: .data)

  /// Three headers and one recipient, with both message forms.
  private let request = SampleRequests.request(stage: .data)

  private func body(_ index: Int) throws -> JSONValue {
    try #require(try Fixtures.body("28")[index])
  }

  private func process(_ index: Int, against request: JSONValue? = nil) throws -> ProcessedResponse
  {
    ResponseProcessor.process(body: try body(index), request: request ?? self.request, rules: rules)
  }

  /// Checks that nothing was applied and returns the reason shown first.
  private func refusalReason(_ processed: ProcessedResponse) -> String {
    #expect(processed.isValid == false)
    #expect(processed.changedRequest == false)
    return processed.firstRefusal ?? processed.problems.first ?? "no reason given"
  }

  @Test func corpusHasFourteenBodies() throws {
    #expect(try Fixtures.body("28").arrayValue?.count == 14)
  }

  @Test func disconnectWith421IsValid() throws {
    let processed = try process(0)
    #expect(processed.isValid)
    #expect(processed.action == .disconnect)
    #expect(processed.reply?.code == 421)
  }

  @Test func emptyRawMessageRefused() throws {
    #expect(refusalReason(try process(1)).contains("/rawMessage is empty"))
  }

  @Test func renamingHeaderIsValid() throws {
    let processed = try process(2)
    #expect(processed.isValid)
    #expect(SampleRequests.headerNames(processed.request) == ["Renamed", "To", "Subject"])
  }

  @Test func setHeaderOutOfRangeRefused() throws {
    #expect(refusalReason(try process(3)).contains("index 9 is out of range"))
  }

  @Test func deleteHeaderOutOfRangeRefused() throws {
    #expect(refusalReason(try process(4)).contains("index 7 is out of range"))
  }

  @Test func deleteRecipientOutOfRangeRefused() throws {
    #expect(
      refusalReason(try process(5)).contains(
        #"index 1 is out of range for the array at "/envelope/to""#))
  }

  @Test func nullRecipientRefused() throws {
    #expect(refusalReason(try process(6)).contains("a recipient address cannot be null"))
  }

  @Test func spaceInParameterValueRefused() throws {
    #expect(refusalReason(try process(7)).contains("NOTIFY=\"a b\" contains a space"))
  }

  @Test func lineBreakInSenderRefused() throws {
    #expect(refusalReason(try process(8)).contains("contains a control character"))
  }

  @Test func deleteWithIndexMemberRefused() throws {
    #expect(refusalReason(try process(9)).contains("delete[0] has unknown member \"index\""))
  }

  @Test func headerInjectionRefused() throws {
    #expect(refusalReason(try process(10)).contains("would start a new header field"))
  }

  @Test func addIndexPastEndRefused() throws {
    let noHeaders = SampleRequests.request(stage: .data, headers: [])
    #expect(
      refusalReason(try process(11, against: noHeaders)).contains(#""index" 1 is out of range"#))
  }

  @Test func numericActionRefused() throws {
    #expect(refusalReason(try process(12)).contains("action must be a string"))
  }

  @Test func unknownTopLevelMemberRefused() throws {
    #expect(refusalReason(try process(13)).contains("unknown top-level member \"unknown\""))
  }

  @Test func refusalsAreWholeUnderPerOperation() throws {
    let perOperation = ResponseRules(stage: .data, policy: .perOperation)
    for index in [1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13] {
      let processed = ResponseProcessor.process(
        body: try body(index), request: request, rules: perOperation)
      #expect(
        processed.request
          == ResponseProcessor.process(body: nil, request: request, rules: perOperation).request,
        "body \(index)")
    }
  }
}
