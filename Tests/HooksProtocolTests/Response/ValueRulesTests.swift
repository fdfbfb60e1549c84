import HooksProtocol
import HooksWire
import Testing

@Suite struct ValueRulesTests {
  @Test(arguments: [
    "user@example.com", "first.last+tag@sub.example.org", "\"quoted local\"@example.com",
    "user@[192.0.2.1]", "用户@例子.广告", "c@d",
  ])
  func validMailboxes(address: String) {
    #expect(ValueRules.mailboxProblem(address) == nil)
  }

  @Test(arguments: [
    ("no-at-sign", "has no @"), ("@example.com", "empty local part"),
    ("user@", "the domain is empty"), ("a..b@example.com", "doubled dot"),
    ("user@-bad.example", "starts or ends with a hyphen"), ("us er@example.com", "a space"),
    ("a\r\nb@example.com", "control character"),
  ])
  func invalidMailboxes(address: String, problem: String) {
    #expect(ValueRules.mailboxProblem(address)?.contains(problem) == true)
  }

  @Test func parameterRules() {
    #expect(ValueRules.parameterProblem(keyword: "NOTIFY", value: "SUCCESS,FAILURE") == nil)
    #expect(ValueRules.parameterProblem(keyword: "SMTPUTF8", value: "") == nil)
    #expect(ValueRules.parameterProblem(keyword: "X-VENDOR", value: "ü") == nil)
    #expect(ValueRules.parameterProblem(keyword: "-BAD", value: "x") != nil)
    #expect(ValueRules.parameterProblem(keyword: "ORCPT", value: "a=b") != nil)
    #expect(ValueRules.parameterProblem(keyword: "ORCPT", value: "a\tb") != nil)
  }

  @Test func headerValueRules() {
    #expect(ValueRules.headerValueProblem(" plain") == nil)
    #expect(ValueRules.headerValueProblem("a\r\n\tb") == nil)
    #expect(ValueRules.headerValueProblem("a\r\n b\r\n c") == nil)
    #expect(ValueRules.headerValueProblem("a\nb")?.contains("bare LF") == true)
    #expect(ValueRules.headerValueProblem("a\rb")?.contains("bare CR") == true)
    #expect(ValueRules.headerValueProblem("a\r\n")?.contains("new header field") == true)
    #expect(ValueRules.headerValueProblem("a\r\n  ")?.contains("only white space") == true)
    #expect(ValueRules.headerValueProblem(String(repeating: "x", count: 999)) != nil)
  }

  @Test func headerNameRules() {
    #expect(ValueRules.headerNameProblem("X-Spam-Score") == nil)
    #expect(ValueRules.headerNameProblem("") != nil)
    #expect(ValueRules.headerNameProblem("Bad Name") != nil)
    #expect(ValueRules.headerNameProblem("Bad:Name") != nil)
    #expect(ValueRules.headerNameProblem("Ünicode") != nil)
  }

  @Test func replyCodeRules() {
    #expect(ValueRules.replyCodeProblem(250) == nil)
    #expect(ValueRules.replyCodeProblem(421) == nil)
    #expect(ValueRules.replyCodeProblem(199) != nil)
    #expect(ValueRules.replyCodeProblem(560) != nil)
    #expect(ValueRules.replyCodeProblem("550") != nil)
    #expect(ValueRules.replyCodeProblem(550.0) != nil)
  }

  @Test func enhancedCodeRules() {
    #expect(ValueRules.enhancedCodeProblem("5.7.1") == nil)
    #expect(ValueRules.enhancedCodeProblem("4.123.999") == nil)
    #expect(ValueRules.enhancedCodeProblem("3.0.0") != nil)
    #expect(ValueRules.enhancedCodeProblem("5.7") != nil)
    #expect(ValueRules.enhancedCodeProblem("5.1000.1") != nil)
  }
}

@Suite struct WritablePathsTests {
  private func refusal(_ pointer: String, at stage: Stage, update: [String]? = nil) -> String? {
    let rules = ResponseRules(stage: stage, updateProperties: update)
    let tokens = pointer.split(separator: "/").map(String.init)
    return rules.writablePaths.refusal(for: tokens, stage: stage)
  }

  @Test func stageTableNarrowsWrites() {
    #expect(refusal("/action", at: .connect) == nil)
    #expect(refusal("/envelope/from", at: .ehlo) != nil)
    #expect(refusal("/envelope/from/address", at: .mail) == nil)
    #expect(refusal("/envelope/to", at: .mail) != nil)
    #expect(refusal("/envelope/to/0", at: .rcpt) == nil)
    #expect(refusal("/message/headers/0", at: .data) == nil)
    #expect(refusal("/client/ip", at: .data) != nil)
  }

  @Test func outboundRecipientFields() {
    #expect(refusal("/envelope/to/1/status", at: .delivery) == nil)
    #expect(refusal("/envelope/to/1/nextDsnAt", at: .defer) == nil)
    #expect(refusal("/envelope/to/1/address", at: .delivery) != nil)
    #expect(refusal("/envelope/to/01/status", at: .delivery) != nil)
    #expect(refusal("/envelope/to/1/status", at: .dsn) != nil)
  }

  @Test func updatePropertiesNarrowFurther() {
    let update = ["/action", "/response", "/message/headers"]
    #expect(refusal("/message/headers/2/value", at: .data, update: update) == nil)
    #expect(
      refusal("/message/subject", at: .data, update: update)
        == "/message/subject is outside the scanner's updateProperties (/action, /response, "
        + "/message/headers)")
  }
}
