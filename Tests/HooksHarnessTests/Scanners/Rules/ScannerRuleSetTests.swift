import Foundation
import HooksHTTP
import HooksWire
import TestSupport
import Testing

@testable import HooksHarness

@Suite struct ScannerRuleSetTests {
  private func sample(_ name: String) throws -> ScannerRuleSet {
    try ScannerRuleSet.load(path: SharedFiles.repository("samples/scanners/" + name).path)
  }

  private func parseError(_ text: String) -> String? {
    do {
      _ = try ScannerRuleSet.parse(Array(text.utf8), file: "x.json")
      return nil
    } catch {
      return "\(error)"
    }
  }

  private func dataRequest(subject: String, from: JSONValue = "alice@example.org") -> JSONValue {
    [
      "stage": "data", "action": "accept",
      "envelope": ["from": ["address": from, "parameters": [:]], "to": []],
      "message": ["subject": .string(subject), "headers": []],
    ]
  }

  @Test func everySampleLoads() throws {
    let folder = SharedFiles.repository("samples/scanners")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(
      names == [
        "add-header.json", "faulty.json", "outbound-silent.json", "quarantine-softfail.json",
        "reject-recipient.json", "rewrite-subject.json", "spam-score.json", "tempfail.json",
      ])
    for name in names {
      let rules = try sample(name)
      #expect(rules.name + ".json" == name)
      #expect(!rules.rules.isEmpty, "\(name)")
    }
  }

  @Test func addHeaderSample() throws {
    let rules = try sample("add-header.json")
    guard
      case .body(200, let body) = rules.reply(stage: "data", request: dataRequest(subject: "hi"))
    else {
      Issue.record("expected a 200 body")
      return
    }
    #expect(body["add"]?[0]?["value"]?["name"] == "X-HookBench-Scanned")
    #expect(rules.reply(stage: "rcpt", request: [:]) == .noChange)
  }

  @Test func spamScoreSample() throws {
    let rules = try sample("spam-score.json")
    let spam = rules.reply(stage: "data", request: dataRequest(subject: "You are a WINNER today"))
    guard case .body(_, let spamBody) = spam else {
      Issue.record("expected a body for spam, got \(spam)")
      return
    }
    #expect(spamBody["set"]?[0]?["value"] == "quarantine")
    #expect(spamBody["add"]?[0]?["value"]?["value"] == " 9.5")
    let ham = rules.reply(stage: "data", request: dataRequest(subject: "Minutes of the meeting"))
    guard case .body(_, let hamBody) = ham else {
      Issue.record("expected a body for ham, got \(ham)")
      return
    }
    #expect(hamBody["set"] == nil)
    #expect(hamBody["add"]?[0]?["value"]?["value"] == " 0.1")
    #expect(
      rules.serviceConfiguration(token: "t").inbound?.updateProperties == [
        "/action", "/response", "/message/headers",
      ])
    #expect(rules.serviceConfiguration(token: "t").outbound == nil)
  }

  @Test func rejectRecipientSample() throws {
    let rules = try sample("reject-recipient.json")
    let blocked: JSONValue = [
      "stage": "rcpt",
      "envelope": [
        "to": [
          ["address": "ok@example.com", "parameters": [:]],
          ["address": "blocked@example.com", "parameters": [:]],
        ]
      ],
    ]
    guard case .body(_, let body) = rules.reply(stage: "rcpt", request: blocked) else {
      Issue.record("expected a reject body")
      return
    }
    #expect(body["set"]?[1]?["value"]?["code"]?.intValue == 550)
    #expect(body["set"]?[1]?["value"]?["enhancedCode"] == "5.1.1")
    let fine: JSONValue = [
      "stage": "rcpt", "envelope": ["to": [["address": "ok@example.com", "parameters": [:]]]],
    ]
    #expect(rules.reply(stage: "rcpt", request: fine) == .noChange)
  }

  @Test func quarantineSoftfailSample() throws {
    let rules = try sample("quarantine-softfail.json")
    let softfail: JSONValue = [
      "stage": "mail", "action": "accept", "senderAuth": ["spf-mail": "softfail"],
    ]
    guard case .body(200, let body) = rules.reply(stage: "mail", request: softfail) else {
      Issue.record("expected a quarantine body")
      return
    }
    #expect(body["set"]?[0]?["path"] == "/action")
    #expect(body["set"]?[0]?["value"] == "quarantine")
    let pass: JSONValue = ["stage": "mail", "action": "accept", "senderAuth": ["spf-mail": "pass"]]
    #expect(rules.reply(stage: "mail", request: pass) == .noChange)
    let unknown: JSONValue = ["stage": "mail", "action": "accept", "senderAuth": .null]
    #expect(rules.reply(stage: "mail", request: unknown) == .noChange)
  }

  @Test func tempfailAndRewriteSamples() throws {
    guard
      case .body(_, let tempfail) = try sample("tempfail.json").reply(stage: "data", request: [:])
    else {
      Issue.record("expected a tempfail body")
      return
    }
    #expect(tempfail["set"]?[1]?["value"]?["enhancedCode"] == "4.7.1")
    #expect(tempfail["set"]?[1]?["value"]?["code"]?.intValue == 451)

    let rewrite = try sample("rewrite-subject.json")
    let outside = rewrite.reply(
      stage: "data", request: dataRequest(subject: "x", from: "bob@elsewhere.test"))
    guard case .body(_, .array(let operations)) = outside else {
      Issue.record("expected a JSON Patch array, got \(outside)")
      return
    }
    #expect(operations.first?["op"] == "replace")
    #expect(
      rewrite.reply(stage: "data", request: dataRequest(subject: "x", from: .null)) != .noChange)
    #expect(rewrite.reply(stage: "data", request: dataRequest(subject: "x")) == .noChange)
  }

  @Test func outboundSilentSample() throws {
    let rules = try sample("outbound-silent.json")
    let request: JSONValue = [
      "stage": "delivery",
      "envelope": [
        "to": [
          ["address": "a@example.com", "status": "delivered"],
          ["address": "b@example.com", "status": "failed"],
        ]
      ],
    ]
    guard case .body(_, let body) = rules.reply(stage: "delivery", request: request) else {
      Issue.record("expected a body")
      return
    }
    #expect(body["set"]?.arrayValue?.count == 1)
    #expect(body["set"]?[0]?["path"] == "/envelope/to/1/status")
    #expect(body["set"]?[0]?["value"] == "failed-silent")
  }

  @Test func conditions() throws {
    let request: JSONValue = [
      "queue": ["attempts": 3], "envelope": ["to": [["address": "x@example.com"]]],
      "tags": ["a", "b"], "message": ["subject": "Hello World"],
    ]
    let cases: [(RuleCondition, Bool)] = [
      (.equals(try JSONPointer("/queue/attempts"), 3), true),
      (.equals(try JSONPointer("/queue/attempts"), .double(3.0)), true),
      (.equals(try JSONPointer("/queue/missing"), .null), false),
      (.contains(try JSONPointer("/message/subject"), "World"), true),
      (.contains(try JSONPointer("/message/subject"), "world"), false),
      (.contains(try JSONPointer("/tags"), "b"), true),
      (.contains(try JSONPointer("/envelope/to"), "x@example.com"), true),
      (.contains(try JSONPointer("/queue/attempts"), "3"), false),
      (.matches(try JSONPointer("/message/subject"), try RulePattern("^Hel+o")), true),
      (.matches(try JSONPointer("/queue/attempts"), try RulePattern("3")), false),
      (.all([]), true),
      (.any([]), false),
      (
        .any([
          .equals(try JSONPointer("/queue/attempts"), 4), .contains(try JSONPointer("/tags"), "a"),
        ]), true
      ),
      (
        .all([
          .equals(try JSONPointer("/queue/attempts"), 3), .contains(try JSONPointer("/tags"), "z"),
        ]), false
      ),
    ]
    for (index, (condition, expected)) in cases.enumerated() {
      #expect(condition.evaluate(request) == expected, "case \(index)")
    }
  }

  @Test func firstMatchingRuleWins() throws {
    let text = """
      {"name": "order", "stages": ["mail"], "rules": [
        {"stage": "mail", "when": {"path": "/envelope/from/address", "equals": "a@x.test"}, "reply": {"status": 451}},
        {"stage": "mail", "reply": {"delayMs": 5, "status": 500}},
        {"stage": "mail", "reply": {"status": 204}}
      ]}
      """
    let rules = try ScannerRuleSet.parse(Array(text.utf8), file: "order.json")
    let first = rules.reply(stage: "mail", request: ["envelope": ["from": ["address": "a@x.test"]]])
    guard case .error(let error) = first else {
      Issue.record("expected an error reply, got \(first)")
      return
    }
    #expect(error.status == 451)
    #expect(error.code == "INVALID_REQUEST")
    let second = rules.reply(
      stage: "mail", request: ["envelope": ["from": ["address": "b@x.test"]]])
    guard case .delayed(5, .error(let delayed)) = second else {
      Issue.record("expected a delayed error, got \(second)")
      return
    }
    #expect(delayed.code == "INTERNAL_ERROR")
  }

  @Test func fileErrorsNameThePointer() {
    let head = #"{"name": "x", "stages": ["data", "rcpt"], "rules": ["#
    let ok = #"{"stage": "data", "reply": {"status": 204}}"#
    let cases: [(String, String)] = [
      (
        head + ok + "," + ok + ","
          + #"{"stage": "data", "when": {"path": "envelope", "equals": 1}, "reply": {"status": 204}}]}"#,
        #"rules file "x.json": /rules/2/when/path: invalid JSON Pointer "envelope": a JSON Pointer is empty or starts with "/"; did you mean "/envelope"?"#
      ),
      (
        head + #"{"stage": "data", "reply": {"status": 204}, "extra": 1}]}"#,
        #"rules file "x.json": /rules/0/extra: unknown key "extra"; allowed keys: stage, when, reply, description"#
      ),
      (
        head + #"{"stage": "dsn", "reply": {"status": 204}}]}"#,
        #"rules file "x.json": /rules/0/stage: stage "dsn" is not in /stages; add it there or change the rule"#
      ),
      (
        head + #"{"stage": "route", "reply": {"status": 204}}]}"#,
        #"rules file "x.json": /rules/0/stage: unknown stage "route"; use one of: connect, ehlo, mail, rcpt, data, delivery, defer, dsn"#
      ),
      (
        head + #"{"stage": "data", "reply": {"fault": "explode"}}]}"#,
        #"rules file "x.json": /rules/0/reply/fault: unknown fault "explode"; use one of: close, malformed-json, wrong-content-type, timeout"#
      ),
      (
        head + #"{"stage": "data", "reply": {"status": 200}}]}"#,
        #"rules file "x.json": /rules/0/reply/body: missing; a 200 reply needs draft operations or a JSON Patch array"#
      ),
      (
        head + #"{"stage": "data", "reply": {"status": 99}}]}"#,
        #"rules file "x.json": /rules/0/reply/status: expected an HTTP status from 200 to 599, found 99"#
      ),
      (
        head + #"{"stage": "data", "reply": {"status": 204, "delayMs": -1}}]}"#,
        #"rules file "x.json": /rules/0/reply/delayMs: expected milliseconds from 0 to 600000, found -1"#
      ),
      (
        head
          + #"{"stage": "data", "when": {"path": "/a", "matches": "("}, "reply": {"status": 204}}]}"#,
        #"rules file "x.json": /rules/0/when/matches: invalid regular expression "(""#
      ),
      (
        head + #"{"stage": "data", "when": {"path": "/a"}, "reply": {"status": 204}}]}"#,
        #"rules file "x.json": /rules/0/when: give exactly one of "equals", "contains" or "matches" with "path""#
      ),
      (
        head
          + #"{"stage": "data", "when": {"all": [{"path": "/a", "equals": 1, "contains": "x"}]}, "reply": {"status": 204}}]}"#,
        #"rules file "x.json": /rules/0/when/all/0: give exactly one of "equals", "contains" or "matches" with "path""#
      ),
      (
        #"{"name": "x", "stages": [], "rules": []}"#,
        #"rules file "x.json": /stages: missing or not a non-empty array of stage names"#
      ),
      (
        #"{"name": "x", "stages": ["data"], "rules": [], "updateProperties": ["action"]}"#,
        #"rules file "x.json": /updateProperties/0: invalid JSON Pointer "action": a JSON Pointer is empty or starts with "/"; did you mean "/action"?"#
      ),
      (#"{"stages": ["data"], "rules": []}"#, #"rules file "x.json": /name: missing"#),
    ]
    for (text, expected) in cases {
      #expect(parseError(text) == expected)
    }
    #expect(parseError("{") != nil)
    #expect(parseError("{")?.hasPrefix(#"rules file "x.json": invalid JSON at line 1"#) == true)
  }

  @Test func malformedPatchNeedsUnchecked() {
    let body = #"{"set": [{"path": "action", "value": "reject"}]}"#
    let checked =
      #"{"name": "x", "stages": ["data"], "rules": [{"stage": "data", "reply": {"status": 200, "body": "#
      + body + "}}]}"
    let message = parseError(checked)
    #expect(message?.hasPrefix(#"rules file "x.json": /rules/0/reply/body: "#) == true)
    #expect(message?.hasSuffix(#"add "unchecked": true to send it anyway"#) == true)
    let unchecked = checked.replacingOccurrences(
      of: #""status": 200"#, with: #""status": 200, "unchecked": true"#)
    #expect(parseError(unchecked) == nil)
  }

  @Test func faultySampleSeenFromTheMTA() throws {
    let rules = try sample("faulty.json")
    let token = "faulty-token"
    let service = ScannerService(
      configuration: rules.serviceConfiguration(token: token), replier: rules.replier)
    let server = try service.start()
    defer { service.stop(graceMilliseconds: 200) }
    let sleeps = Recorder<Int>()
    let client = ScannerClient(
      configuration: ScannerClientConfiguration(
        discoveryURL: server.baseURL + "/.well-known/mta-hooks", token: token,
        http: HTTPClientConfiguration(readTimeoutMilliseconds: 400)),
      sleep: { sleeps.append($0) }, random: SeededRandomNumberGenerator(seed: 11))

    func cause(_ stage: String) -> ScannerFailureCause? {
      if case .failure(let failure) = client.callHook(sampleHookBody(stage: stage)).outcome {
        #expect(failure.smtpReply == "451 4.3.0 Scanner unavailable, try again later")
        return failure.cause
      }
      return nil
    }
    guard case .connection = cause("connect") else {
      Issue.record("connect: expected a connection failure")
      return
    }
    guard case .parse = cause("ehlo") else {
      Issue.record("ehlo: expected a parse failure")
      return
    }
    #expect(
      cause("mail")
        == .wrongContentType(expected: "application/json", received: "text/plain; charset=utf-8"))
    guard case .timeout = cause("rcpt") else {
      Issue.record("rcpt: expected a timeout")
      return
    }
    guard case .status(503, _, let unavailable) = cause("data") else {
      Issue.record("data: expected 503")
      return
    }
    #expect(unavailable?.message == "scanner overloaded")
    guard case .status(429, _, let limited) = cause("delivery") else {
      Issue.record("delivery: expected 429")
      return
    }
    #expect(limited?.code == "RATE_LIMITED")
    // The 1500 ms delay is longer than this client's 400 ms read timeout.
    let started = MonotonicClock.milliseconds()
    guard case .timeout = cause("defer") else {
      Issue.record("defer: expected a timeout")
      return
    }
    #expect(MonotonicClock.milliseconds() - started >= 400)
    let dsn = client.callHook(sampleHookBody(stage: "dsn")).outcome
    #expect(dsn == .success(.body(["set": [["path": "message", "value": .null]]])))
  }
}
