import HooksProtocol
import HooksWire
import Testing

@Suite struct ModelRoundTripTests {
  /// Decodes `json` as `Model`, encodes it again, and checks nothing changed.
  private func roundTrip<Model: JSONModel>(_ type: Model.Type, _ json: JSONValue) throws {
    let decoded = try Model(json: json)
    #expect(decoded.json == json)
    #expect(JSONSerializer.string(decoded.json) == JSONSerializer.string(json))
  }

  @Test func discoveryDocumentFixtures() throws {
    for number in ["12", "24"] {
      let body = try Fixtures.body(number)
      try roundTrip(DiscoveryDocument.self, body)
      let document = try DiscoveryDocument(json: body)
      let inbound = try #require(document.capabilities?.capabilities(for: .inbound))
      #expect(inbound.stages.contains("data"))
      #expect(inbound.updateProperties.contains("/action"))
    }
  }

  @Test func discoveryKeepsExtensionsAndLimits() throws {
    let document = try DiscoveryDocument(json: Fixtures.body("12"))
    #expect(document.limits?.maxMessageSize == 52_428_800)
    #expect(document.strings("extensions") == ["x-vendor-feature"])
    #expect(document.extra.isEmpty)
  }

  @Test func draftExampleCapabilitiesMatchFixture() throws {
    let document = try DiscoveryDocument(json: Fixtures.body("12"))
    #expect(document.capabilities == DiscoveryDocument.draftExampleCapabilities)
  }

  @Test func registrationRequestFixtures() throws {
    for number in ["13", "23", "26"] {
      try roundTrip(RegistrationRequest.self, Fixtures.body(number))
    }
    let request = try RegistrationRequest(json: Fixtures.body("13"))
    #expect(request.name == "Acme MTA mx1")
    #expect(request.outbound?.properties == nil)
    #expect(request.outbound?.members["properties"] == .null)
    #expect(request.inbound?.properties == ["/message", "/envelope", "/senderAuth"])
  }

  @Test func registrationResponseFixture() throws {
    let body = try Fixtures.body("14")
    try roundTrip(RegistrationResponse.self, body)
    let response = try RegistrationResponse(json: body)
    #expect(response.hookEndpoint == "/v1/hooks/invoke/reg_7a3b9c2e-4d5f-6a7b-8c9d-0e1f2a3b4c5d")
    #expect(response.negotiated?.subscription(for: .outbound)?.properties?.count == 4)
    #expect(response.endpoints?.status.hasSuffix("/status") == true)
  }

  @Test func statusResponseFixture() throws {
    let body = try Fixtures.body("15")
    try roundTrip(StatusResponse.self, body)
    let status = try StatusResponse(json: body)
    #expect(status.statistics?.invocations?.total == 15482)
    #expect(status.health?.status == "healthy")
  }

  @Test func inboundRequestMembers() throws {
    let body = try Fixtures.body("16")
    try roundTrip(ClientInfo.self, #require(body["client"]))
    try roundTrip(ServerInfo.self, #require(body["server"]))
    try roundTrip(TlsInfo.self, #require(body["tls"]))
    try roundTrip(SenderAuthentication.self, #require(body["senderAuth"]))
    try roundTrip(QueueInfo.self, #require(body["queue"]))
    try roundTrip(ProtocolInfo.self, #require(body["protocol"]))
    try roundTrip(SmtpResponse.self, #require(body["response"]))
    try roundTrip(Envelope.self, #require(body["envelope"]))
    let senderAuth = try SenderAuthentication(json: #require(body["senderAuth"]))
    #expect(senderAuth["spf-mail"] == "pass")
  }

  @Test func outboundRequestMembers() throws {
    let body = try Fixtures.body("17")
    try roundTrip(OutboundQueueInfo.self, #require(body["queue"]))
    try roundTrip(OutboundEnvelope.self, #require(body["envelope"]))
    let envelope = try OutboundEnvelope(json: #require(body["envelope"]))
    #expect(envelope.to.map(\.status) == [.delivered, .deferred, .failed])
    #expect(envelope.to[1].nextAttemptAt?.rfc3339 == "2024-12-21T12:15:00.000Z")
    #expect(envelope.to[2].lastResponse?.line == "550 5.1.1 User unknown")
  }

  @Test func rspamdRequestMembers() throws {
    let body = try Fixtures.body("25")
    try roundTrip(Envelope.self, #require(body["envelope"]))
    try roundTrip(ClientInfo.self, #require(body["client"]))
    let envelope = try Envelope(json: #require(body["envelope"]))
    #expect(envelope.from?.address == nil)
    #expect(envelope.from?.members["address"] == .null)
  }

  @Test func unknownMembersAreKept() throws {
    var client = try #require(try Fixtures.body("16")["client"]?.objectValue)
    client["fcrdns"] = "pass"
    client["x-vendor"] = ["a": 1]
    let decoded = try ClientInfo(json: .object(client))
    #expect(decoded.extra.keys == ["fcrdns", "x-vendor"])
    #expect(decoded.extraPointers == ["/fcrdns", "/x-vendor"])
    #expect(decoded.json == .object(client))
  }

  @Test func decodingErrorNamesPointer() throws {
    var body = try #require(try Fixtures.body("16").objectValue)
    body["client"] = ["ip": "192.0.2.1", "port": "25"]
    let error = #expect(throws: ProtocolDecodingError.self) {
      try ClientInfo(json: body["client"] ?? .null, at: "/client")
    }
    #expect(error?.pointer == "/client/port")
    #expect(error?.problem == "expected an unsigned integer, found string")
  }

  @Test func decodingErrorForNestedArray() throws {
    let envelope: JSONValue = [
      "from": ["address": nil, "parameters": [:]],
      "to": [["address": "a@example.com", "parameters": ["SIZE": 10]]],
    ]
    let error = #expect(throws: ProtocolDecodingError.self) { try Envelope(json: envelope) }
    #expect(error?.pointer == "/to/0/parameters/SIZE")
  }

  @Test func missingRequiredMember() {
    let error = #expect(throws: ProtocolDecodingError.self) {
      try ErrorBody(json: ["error": ["code": "RATE_LIMITED"]])
    }
    #expect(error?.pointer == "/error/message")
    #expect(error?.problem == "required member is missing")
  }

  @Test func builtDocumentsDecode() throws {
    let created = try #require(UTCTimestamp(rfc3339: "2024-12-21T15:30:00Z"))
    let deregistration = DeregistrationResponse(
      registrationId: "reg_1", deregisteredAt: created)
    try roundTrip(DeregistrationResponse.self, deregistration.json)
    try roundTrip(ErrorBody.self, ErrorBody(code: "REGISTRATION_NOT_FOUND", message: "gone").json)
    try roundTrip(VerificationRequest.self, VerificationRequest(token: "vrf_1").json)
    #expect(deregistration.string("deregisteredAt") == "2024-12-21T15:30:00.000Z")
  }
}
