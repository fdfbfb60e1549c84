import HooksWire
import Testing

@testable import HooksHarness

private func decode(_ text: String) throws -> Scenario {
  try Scenario.decode(try JSONParser.parse(text), file: "x.json", directory: "")
}

/// Returns the error message for an invalid scenario, or nil when it decodes.
private func failure(_ text: String) -> String? {
  do {
    _ = try decode(text)
    return nil
  } catch {
    return "\(error)"
  }
}

@Suite("Scenario decoding")
struct ScenarioDecodingTests {
  @Test("minimal scenario gets defaults")
  func minimalDefaults() throws {
    let scenario = try decode(
      #"{"rcptTo": [{"address": "user@example.org"}], "message": {"text": "Subject: hi\n\nbody\n"}}"#)
    #expect(scenario.name == "x")
    #expect(scenario.profile == "draft-01")
    #expect(scenario.serialization == "json")
    #expect(scenario.client.ip == "192.0.2.10")
    #expect(scenario.server.name == "mx.example.org")
    #expect(scenario.mailFrom.address == "sender@example.org")
    #expect(scenario.scanners.isEmpty)
    #expect(scenario.outbound == nil)
    #expect(String(decoding: scenario.message, as: UTF8.self) == "Subject: hi\r\n\r\nbody\r\n")
  }

  @Test("null sender and parameters")
  func nullSenderAndParameters() throws {
    let scenario = try decode(#"""
      {"mailFrom": {"address": null, "parameters": {"body": "8BITMIME", "SMTPUTF8": ""}},
       "rcptTo": [{"address": "a@example.org", "parameters": {"NOTIFY": "FAILURE"}}],
       "message": {"text": "x"}}
      """#)
    #expect(scenario.mailFrom.address == nil)
    #expect(scenario.mailFrom.parameters == [
      SMTPParameter(keyword: "BODY", value: "8BITMIME"), SMTPParameter(keyword: "SMTPUTF8", value: ""),
    ])
    #expect(scenario.mailFrom.jsonValue["address"] == .null)
  }

  @Test("wrong type names the pointer and value")
  func wrongTypeMessage() {
    let message = failure(#"{"rcptTo": [{"address": 42}], "message": {"text": "x"}}"#)
    #expect(message == #"scenario "x.json": /rcptTo/0/address: expected a string, found 42"#)
  }

  @Test("unknown key gets a hint")
  func unknownKeyHint() {
    let message = failure(#"{"rcptTo": [{"address": "a@example.org"}], "mesage": {"text": "x"}}"#)
    #expect(message == #"scenario "x.json": /mesage: unknown key "mesage"; did you mean "message"?"#)
    let nested = failure(
      #"{"rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"}, "client": {"EHLO": "c"}}"#)
    #expect(nested == #"scenario "x.json": /client/EHLO: unknown key "EHLO"; did you mean "ehlo"?"#)
  }

  @Test("missing recipients and message")
  func missingRequiredKeys() {
    #expect(failure(#"{"message": {"text": "x"}}"#)?.contains("missing key \"rcptTo\"") == true)
    #expect(failure(#"{"rcptTo": [{"address": "a@example.org"}]}"#)?
      .contains("missing key \"message\"") == true)
    #expect(failure(#"{"rcptTo": [], "message": {"text": "x"}}"#)
      == #"scenario "x.json": /rcptTo: give at least one recipient"#)
  }

  @Test("planned profile is refused")
  func plannedProfileRefused() {
    let message = failure(
      #"{"profile": "stalwart", "rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"}}"#)
    #expect(message?.hasPrefix(#"scenario "x.json": /profile: profile "stalwart" is planned"#) == true)
  }

  @Test("scanner settings")
  func scannerSettings() throws {
    let scenario = try decode(#"""
      {"rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"},
       "scanners": [
         {"name": "inline", "rules": [{"stage": "rcpt", "reply": {"status": 204}}],
          "failurePolicy": "fail-open", "trusted": true,
          "timeoutMs": 250, "serialization": "cbor", "stages": ["rcpt"]},
         {"name": "remote", "url": "http://127.0.0.1:9", "token": "secret"}]}
      """#)
    let first = try #require(scenario.scanners.first)
    #expect(first.failurePolicy == .failOpen)
    #expect(first.trusted)
    #expect(first.timeoutMilliseconds == 250)
    #expect(first.serialization == "cbor")
    #expect(first.stages == ["rcpt"])
    #expect(scenario.scanners[1].source == .external(url: "http://127.0.0.1:9", token: "secret"))
    #expect(scenario.scanners[1].redactedToken == "***")
  }

  @Test("scanner errors")
  func scannerErrors() {
    let base = #"{"rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"}, "scanners": "#
    #expect(failure(base + #"[{"name": "a"}]}"#)?.contains("/scanners/0: give \"rules\"") == true)
    #expect(failure(base + #"[{"name": "a", "rules": [], "stages": ["rctp"]}]}"#)
      == #"scenario "x.json": /scanners/0/stages/0: invalid value "rctp"; use one of: "#
      + "connect, ehlo, mail, rcpt, data, delivery, defer, dsn")
    let rules = #"[{"stage": "data", "reply": {"status": 204}}]"#
    #expect(failure(base + #"[{"name": "a", "rules": \#(rules)}, {"name": "a", "rules": \#(rules)}]}"#)?
      .contains("/scanners/1/name: scanner name \"a\" is used twice") == true)
  }

  @Test("scanner rule and URL errors")
  func scannerRuleAndURLErrors() {
    let base = #"{"rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"}, "scanners": "#
    let cases: [(scanners: String, expected: String)] = [
      (
        #"[{"name": "f", "rules": [{"stage": "data", "when": {"path": "/message/subject", "matches": "(["}, "reply": {"status": 204}}]}]}"#,
        #"scenario "x.json": /scanners/0/rules/0/when/matches: invalid regular expression "([""#
      ),
      (
        #"[{"name": "f", "rules": {"name": "f", "stages": ["data"], "rules": [{"stage": "data", "reply": {"status": 204, "delayMs": 600001}}]}}]}"#,
        #"scenario "x.json": /scanners/0/rules/rules/0/reply/delayMs: "#
      ),
      (
        #"[{"name": "f", "rules": [{"stage": "data", "reply": {"status": 200, "body": {"set": [{"path": "action", "value": "reject"}]}}}]}]}"#,
        #"scenario "x.json": /scanners/0/rules/0/reply/body: "#
      ),
      (
        #"[{"name": "e", "url": "http://127.0.0.1:99999"}]}"#,
        #"scenario "x.json": /scanners/0/url: invalid URL "http://127.0.0.1:99999": invalid port"#
      ),
      (
        #"[{"name": "e", "url": "https://127.0.0.1:8443"}]}"#,
        #"scenario "x.json": /scanners/0/url: unsupported URL "https://127.0.0.1:8443""#
      ),
      (
        #"[{"name": "e", "url": "http://scanner.invalid:8080"}]}"#,
        #"scenario "x.json": /scanners/0/url: host "scanner.invalid" is not a numeric address"#
      ),
    ]
    for (scanners, expected) in cases {
      let message = failure(base + scanners)
      #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }
  }

  @Test("envelope addresses follow mailbox rules")
  func envelopeAddressRules() throws {
    let message = #""message": {"text": "x"}"#
    let cases: [(envelope: String, expected: String)] = [
      (
        #""mailFrom": {"address": "a b@example.org"}, "rcptTo": [{"address": "a@example.org"}]"#,
        #"scenario "x.json": /mailFrom/address: invalid address: address "a b@example.org""#
      ),
      (
        #""rcptTo": [{"address": "not an address"}]"#,
        #"scenario "x.json": /rcptTo/0/address: invalid address: address "not an address" has no @"#
      ),
      (
        #""rcptTo": [{"address": "a@example.org", "parameters": {"NOTIFY": "a=b"}}]"#,
        #"scenario "x.json": /rcptTo/0/parameters/NOTIFY: ESMTP parameter NOTIFY="#
      ),
    ]
    for (envelope, expected) in cases {
      let error = failure("{\(envelope), \(message)}")
      #expect(error?.hasPrefix(expected) == true, "\(error ?? "no error")")
    }
    let utf8 = try decode(#"{"rcptTo": [{"address": "jöran@exämple.org"}], "message": {"text": "x"}}"#)
    #expect(utf8.rcptTo.first?.address == "jöran@exämple.org")
  }

  @Test("outbound outcomes")
  func outboundOutcomes() throws {
    let scenario = try decode(#"""
      {"rcptTo": [{"address": "a@example.org"}, {"address": "b@example.org"}],
       "message": {"text": "x"},
       "outbound": {"attempts": [
         {"a@example.org": "deferred",
          "b@example.org": {"status": "failed", "code": 550, "enhancedCode": "5.1.1",
                            "message": "No such user"}},
         {"a@example.org": "delivered"}], "retrySchedule": [60, 120]}}
      """#)
    let plan = try #require(scenario.outbound)
    #expect(plan.attempts.count == 2)
    #expect(plan.attempts[0]["b@example.org"] == .failed(SMTPReply(550, "5.1.1", "No such user")))
    #expect(plan.attempts[0]["a@example.org"]?.status == "deferred")
    #expect(plan.retry.intervals == [60, 120])
  }

  @Test("outbound errors")
  func outboundErrors() {
    let base = #"{"rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"}, "outbound": "#
    #expect(failure(base + #"{"attempts": [{"z@example.org": "delivered"}]}}"#)?
      .contains("/outbound/attempts/0/z@example.org: \"z@example.org\" is not in rcptTo") == true)
    #expect(failure(base + #"{"attempts": [{"a@example.org": {"status": "deferred", "code": 550}}]}}"#)?
      .contains("code 550 does not fit status \"deferred\"") == true)
  }

  @Test("message file not found")
  func messageFileNotFound() {
    let message = failure(
      #"{"rcptTo": [{"address": "a@example.org"}], "message": {"file": "/nonexistent/m.eml"}}"#)
    #expect(message?.hasPrefix(#"scenario "x.json": /message/file: file "/nonexistent/m.eml" not found"#)
      == true)
  }

  @Test("expectation checks")
  func expectationChecks() throws {
    let scenario = try decode(#"""
      {"rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"},
       "expect": {"exitStatus": 8, "action": "quarantine",
                  "checks": [{"path": "/envelope/to/0/address", "equals": "a@example.org"}]}}
      """#)
    #expect(scenario.expect?.exitStatus == 8)
    #expect(scenario.expect?.action == "quarantine")
    #expect(scenario.expect?.checks.first?.equals == "a@example.org")
    #expect(failure(#"""
      {"rcptTo": [{"address": "a@example.org"}], "message": {"text": "x"},
       "expect": {"checks": [{"path": "envelope", "equals": 1}]}}
      """#)?.contains("invalid JSON Pointer \"envelope\"") == true)
  }
}
