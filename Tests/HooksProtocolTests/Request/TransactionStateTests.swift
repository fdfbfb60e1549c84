import HooksProtocol
import HooksWire
import Testing

@Suite struct TransactionStateTests {
  private let clock = UTCTimestamp(millisecondsSinceEpoch: 1_734_798_600_000)

  private func rcpt(_ address: String, after state: TransactionState) -> TransactionState {
    var next = state.advanced(to: .rcpt, at: clock.adding(milliseconds: 10))
    next.currentRecipient = EnvelopeAddress(address: address)
    return next
  }

  @Test func rejectedRecipientDisappears() {
    var state = TransactionState(stage: .mail, stageStartedAt: clock)
    state.envelopeFrom = EnvelopeAddress(address: "sender@example.org")
    state = rcpt("kept@example.com", after: state)
    state = rcpt("refused@example.com", after: state)
    state.action = .reject
    state = rcpt("also@example.com", after: state)
    #expect(state.action == nil)
    let data = state.advanced(to: .data, at: clock.adding(milliseconds: 20))
    let request = RequestBuilder.request(for: data, properties: ["/envelope"])
    let recipients = (request["envelope"]?["to"]?.arrayValue ?? []).map { $0["address"] }
    #expect(recipients == ["kept@example.com", "also@example.com"])
    #expect(data.stageStartedAt == clock.adding(milliseconds: 20))
  }

  @Test func quarantineCarriesToData() {
    var state = TransactionState(stage: .mail, stageStartedAt: clock)
    state.action = .quarantine
    state.response = SmtpResponse(code: 250, enhancedCode: "2.1.0", message: "Held")
    state = rcpt("a@example.com", after: state)
    #expect(state.action == .quarantine)
    #expect(state.response == nil)
    state.action = .accept
    let data = state.advanced(to: .data, at: clock)
    #expect(data.effectiveAction == .quarantine)
    #expect(RequestBuilder.request(for: data, properties: ["/action"])["action"] == "quarantine")
  }

  @Test func discardOutranksQuarantine() {
    var state = TransactionState(stage: .ehlo, stageStartedAt: clock)
    state.action = .discard
    state = state.advanced(to: .mail, at: clock)
    state.action = .quarantine
    state = state.advanced(to: .rcpt, at: clock)
    #expect(state.carriedAction == .discard)
    #expect(state.effectiveAction == .discard)
  }
}
