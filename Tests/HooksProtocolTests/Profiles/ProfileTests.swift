import HooksProtocol
import HooksWire
import Testing

@Suite struct ProfileTests {
  @Test func draft01RegistrationIsValid() throws {
    let request = try RegistrationRequest(json: Fixtures.body("13"))
    #expect(Profile.draft01.registrationRequestProblems(request).isEmpty)
    let response = try RegistrationResponse(json: Fixtures.body("14"))
    #expect(Profile.draft01.registrationResponseProblems(response).isEmpty)
  }

  @Test func draft00CallbackFlaggedUnderDraft01() throws {
    let request = try RegistrationRequest(json: Fixtures.body("23"))
    let problems = Profile.draft01.registrationRequestProblems(request)
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("callback is a draft-00 member") == true)
    #expect(Profile.draft00.registrationRequestProblems(request).isEmpty)
  }

  @Test func draft01RegistrationFlaggedUnderDraft00() throws {
    let request = try RegistrationRequest(json: Fixtures.body("13"))
    let problems = Profile.draft00.registrationRequestProblems(request)
    #expect(problems.contains { $0.hasPrefix("draft-00 registration needs callback.url") })
  }

  @Test func draft01ResponseNeedsHookEndpoint() throws {
    var members = try #require(try Fixtures.body("14").objectValue)
    members.removeValue(forKey: "hookEndpoint")
    let response = try RegistrationResponse(json: .object(members))
    #expect(
      Profile.draft01.registrationResponseProblems(response) == [
        "draft-01 registration response needs hookEndpoint"
      ])
  }

  @Test func noSubscriptionIsAProblem() {
    let request = RegistrationRequest(
      name: "mx", version: nil, timeoutMs: nil, serialization: "json", inbound: nil, outbound: nil)
    #expect(
      Profile.draft01.registrationRequestProblems(request).first?.hasPrefix("NO_STAGES_REQUESTED")
        == true)
  }

  @Test func callbackVerification() {
    let request = VerificationRequest(token: "vrf_123")
    #expect(
      Profile.draft00.callbackVerified(
        request: request, response: VerificationResponse(token: "vrf_123")))
    #expect(
      !Profile.draft00.callbackVerified(
        request: request, response: VerificationResponse(token: "vrf_999")))
    #expect(Profile.draft00.verifiesCallback)
    #expect(!Profile.draft01.verifiesCallback)
  }

  @Test func roles() {
    #expect(Profile.draft01.registrant == .mta)
    #expect(Profile.draft00.registrant == .scanner)
    #expect(Profile.draft01.requiredHookHeaders.contains("X-MTA-Hooks-Request-Id"))
    #expect(Profile.draft00.requiredHookHeaders.isEmpty)
  }

  @Test func overrideRules() {
    #expect(
      Profile.draft01.overrideRefusal(from: .quarantine, to: .accept, isTrusted: false) != nil)
    #expect(Profile.draft01.overrideRefusal(from: .quarantine, to: .accept, isTrusted: true) == nil)
    #expect(Profile.draft01.overrideRefusal(from: .accept, to: .reject, isTrusted: false) == nil)
    #expect(Profile.draft01.overrideRefusal(from: .reject, to: .discard, isTrusted: false) == nil)
    #expect(
      Profile.draft00.overrideRefusal(from: .quarantine, to: .accept, isTrusted: false) == nil)
    #expect(Profile.draft00.overrideRefusal(from: .reject, to: .accept, isTrusted: true) != nil)
  }
}
