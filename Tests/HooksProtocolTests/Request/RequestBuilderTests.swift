import HooksProtocol
import HooksWire
import Testing

@Suite struct RequestBuilderTests {
  private let clock = UTCTimestamp(millisecondsSinceEpoch: 1_734_798_600_250)

  /// The fixture with its `timestamp` replaced by the builder's, which has milliseconds.
  private func withTimestamp(_ body: JSONValue, _ timestamp: UTCTimestamp) -> JSONValue {
    guard var object = body.objectValue else { return body }
    object["timestamp"] = timestamp.json
    return .object(object)
  }

  /// Builds the transaction of the draft-01 inbound example request from the fixture's members.
  private func inboundDataState() throws -> (TransactionState, JSONValue) {
    let fixture = try Fixtures.body("16")
    var state = TransactionState(stage: .data, stageStartedAt: clock)
    let envelope = try Envelope(json: #require(fixture["envelope"]))
    state.envelopeFrom = envelope.from
    state.recipients = envelope.to
    state.message = fixture["message"]
    state.queue = try QueueInfo(json: #require(fixture["queue"]))
    state.client = try ClientInfo(json: #require(fixture["client"]))
    state.server = try ServerInfo(json: #require(fixture["server"]))
    state.tls = try TlsInfo(json: #require(fixture["tls"]))
    state.senderAuth = try SenderAuthentication(json: #require(fixture["senderAuth"]))
    return (state, fixture)
  }

  @Test func inboundDataMatchesDraftExample() throws {
    let (state, fixture) = try inboundDataState()
    let properties = try #require(fixture.objectValue).keys.map { "/" + $0 }
    let request = RequestBuilder.request(for: state, properties: properties)
    #expect(request == withTimestamp(fixture, clock))
    #expect(request["timestamp"] == "2024-12-21T16:30:00.250Z")
    #expect(request["response"] == ["code": 250, "enhancedCode": "2.0.0", "message": "OK"])
  }

  @Test func outboundDeliveryMatchesDraftExample() throws {
    let fixture = try Fixtures.body("17")
    var state = TransactionState(stage: .delivery, stageStartedAt: clock)
    let envelope = try OutboundEnvelope(json: #require(fixture["envelope"]))
    state.envelopeFrom = envelope.from
    state.outboundRecipients = envelope.to
    state.outboundQueue = try OutboundQueueInfo(json: #require(fixture["queue"]))
    state.message = fixture["message"]
    let properties = ["/stage", "/action", "/timestamp", "/queue", "/envelope", "/message"]
    let request = RequestBuilder.request(for: state, properties: properties)
    #expect(request == withTimestamp(fixture, clock))
    #expect(request["action"] == "continue")
  }

  @Test func rspamdDataRequestShape() throws {
    let fixture = try Fixtures.body("25")
    let raw = try #require(fixture["rawMessage"]?.stringValue.flatMap { Base64.decode($0) })
    var state = TransactionState(stage: .data, stageStartedAt: clock)
    state.envelopeFrom = EnvelopeAddress(smtpPath: "<>", parameters: [("size", "119")])
    state.recipients = [EnvelopeAddress(smtpPath: "<rcpt@example.com>")]
    state.rawMessage = raw
    state.client = ClientInfo(ip: "192.0.2.42", port: 34567, ehlo: "mx.example.com")
    state.queue = QueueInfo(id: "TESTQ")
    let properties = try #require(fixture.objectValue).keys.map { "/" + $0 }
    let request = RequestBuilder.request(for: state, properties: properties)
    #expect(request["rawMessage"] == .bytes(raw))
    let wire = try JSONParser.parse(JSONSerializer.string(request))
    #expect(wire == withTimestamp(fixture, clock))
  }

  @Test func unavailablePropertiesAreNull() {
    var state = TransactionState(stage: .ehlo, stageStartedAt: clock)
    state.client = ClientInfo(ip: "192.0.2.1", port: 2525, ehlo: "client.example")
    state.envelopeFrom = EnvelopeAddress(address: "early@example.org")
    state.rawMessage = Array("Subject: x\r\n\r\nbody\r\n".utf8)
    let request = RequestBuilder.request(
      for: state, properties: ["/stage", "/envelope", "/message", "/rawMessage", "/tls", "/client"])
    #expect(request["envelope"] == .null)
    #expect(request["message"] == .null)
    #expect(request["rawMessage"] == .null)
    #expect(request["tls"] == .null)
    #expect(request["client"]?["ehlo"] == "client.example")
    #expect(request["action"] == nil)
    #expect(
      request.objectValue?.keys == ["stage", "envelope", "message", "rawMessage", "client", "tls"])
  }

  @Test func rcptListsCurrentRecipientLast() {
    var state = TransactionState(stage: .rcpt, stageStartedAt: clock)
    state.envelopeFrom = EnvelopeAddress(
      smtpPath: "<Sender@Example.org>", parameters: [("body", "8BITMIME"), ("smtputf8", nil)])
    state.recipients = [EnvelopeAddress(smtpPath: "<first@example.com>")]
    state.currentRecipient = EnvelopeAddress(
      smtpPath: "<Second@example.com>", parameters: [("notify", "SUCCESS,FAILURE")])
    let request = RequestBuilder.request(for: state, properties: ["/envelope", "/response"])
    let recipients = request["envelope"]?["to"]?.arrayValue ?? []
    #expect(recipients.count == 2)
    #expect(recipients.last?["address"] == "Second@example.com")
    #expect(recipients.last?["parameters"] == ["NOTIFY": "SUCCESS,FAILURE"])
    #expect(request["envelope"]?["from"]?["address"] == "Sender@Example.org")
    #expect(request["envelope"]?["from"]?["parameters"] == ["BODY": "8BITMIME", "SMTPUTF8": ""])
    #expect(request["response"]?["enhancedCode"] == "2.1.5")
  }

  @Test func nullSenderAddressIsNull() {
    var state = TransactionState(stage: .mail, stageStartedAt: clock)
    state.envelopeFrom = EnvelopeAddress(smtpPath: "<>")
    let request = RequestBuilder.request(for: state, properties: ["/envelope"])
    #expect(request["envelope"]?["from"]?.objectValue?["address"] == .null)
    #expect(request["envelope"]?["to"] == [])
  }

  @Test func bothMessageFormsWhenNegotiated() {
    var state = TransactionState(stage: .data, stageStartedAt: clock)
    state.message = ["subject": "x"]
    state.rawMessage = Array("Subject: x\r\n\r\n".utf8)
    let request = RequestBuilder.request(for: state, properties: ["/message", "/rawMessage"])
    #expect(request["message"] == ["subject": "x"])
    #expect(request["rawMessage"] == .bytes(Array("Subject: x\r\n\r\n".utf8)))
  }

  @Test func outboundOmitsInboundOnlyProperties() {
    var state = TransactionState(stage: .dsn, stageStartedAt: clock)
    state.client = ClientInfo(ip: "192.0.2.1", port: 25)
    let request = RequestBuilder.request(for: state)
    #expect(request["client"] == nil)
    #expect(request["response"] == nil)
    #expect(request["action"] == "continue")
    #expect(request["queue"] == .null)
  }

  @Test func connectRejectDefaultsTo554() {
    var state = TransactionState(stage: .connect, stageStartedAt: clock)
    state.action = .reject
    let request = RequestBuilder.request(for: state, properties: ["/response"])
    #expect(
      request["response"] == [
        "code": 554, "enhancedCode": "5.7.1", "message": "Rejected by policy",
      ])
  }
}
