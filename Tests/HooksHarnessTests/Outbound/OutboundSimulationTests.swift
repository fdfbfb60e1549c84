import HooksProtocol
import HooksWire
import Testing

@testable import HooksHarness

/// Recipient a is deferred on attempt 1 and fails on attempt 2; b is delivered at once.
private func deferThenFailScenario() -> Scenario {
  var scenario = makeScenario()
  var plan = OutboundPlan(attempts: [
    ["a@example.org": .deferred(SMTPReply(451, "4.7.1", "Greylisted"))],
    ["a@example.org": .failed(SMTPReply(550, "5.1.1", "User unknown"))],
  ])
  plan.retry = RetrySchedule(intervals: [900], expiresAfter: 86_400)
  scenario.outbound = plan
  return scenario
}

@Suite("Outbound simulation")
struct OutboundSimulationTests {
  @Test("deferral, failure and DSN")
  func deferralFailureDSN() throws {
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(deferThenFailScenario(), channel: channel)
    let outcome = run.runToEnd()

    #expect(outcome.exitStatus == RunExitStatus.accepted)
    let outbound = run.machine.results.map(\.event).filter { $0.stage.direction == .outbound }
    #expect(outbound == [.delivery(attempt: 1), .defer(attempt: 1), .delivery(attempt: 2), .dsn(attempt: 2)])

    let deferRequest = try #require(channel.requests.first { $0.stage == .defer }?.request)
    let deferred = try #require(deferRequest["envelope"]?["to"]?[0])
    #expect(deferred["status"] == "deferred")
    #expect(deferred["lastResponse"]?["code"] == 451)
    let firstAttempt = try #require(deferRequest["timestamp"]?.stringValue.flatMap(UTCTimestamp.init))
    let nextAttempt = try #require(deferred["nextAttemptAt"]?.stringValue.flatMap(UTCTimestamp.init))
    #expect(nextAttempt.millisecondsSinceEpoch - firstAttempt.millisecondsSinceEpoch >= 900_000)
    #expect(deferRequest["envelope"]?["to"]?[1]?["status"] == "delivered")
    #expect(deferRequest["queue"]?["attempts"] == 1)

    let secondDelivery = try #require(channel.requests.last { $0.stage == .delivery }?.request)
    let secondTime = try #require(secondDelivery["timestamp"]?.stringValue.flatMap(UTCTimestamp.init))
    #expect(secondTime >= nextAttempt)
    #expect(secondDelivery["envelope"]?["to"]?[0]?["attempt"] == 2)

    let dsnRequest = try #require(channel.requests.first { $0.stage == .dsn }?.request)
    #expect(dsnRequest["message"]?["subject"] == "Delivery Status Notification (Failure)")
    let raw = String(decoding: try #require(dsnRequest["rawMessage"]?.bytesValue), as: UTF8.self)
    #expect(raw.contains("Content-Type: multipart/report; report-type=delivery-status;"))
    #expect(raw.contains("To: <sender@example.org>"))
    #expect(raw.contains("Final-Recipient: rfc822; a@example.org\r\nAction: failed\r\nStatus: 5.1.1"))
    #expect(raw.contains("Diagnostic-Code: smtp; 550 5.1.1 User unknown"))
    #expect(raw.contains("Content-Type: text/rfc822-headers\r\n\r\nFrom: sender@example.org"))
    #expect(raw.contains("Subject: Hello\r\n\r\n--dsn-"))
    #expect(!raw.contains("Hi there."))
    #expect(!raw.contains("Final-Recipient: rfc822; b@example.org"))
    #expect(run.sentDSNs.count == 1)
    #expect(run.machine.state.outboundRecipients.map { $0.status } == [.failed, .delivered])
  }

  @Test("failed-silent suppresses the recipient's DSN")
  func failedSilent() {
    let channel = InMemoryScannerChannel { _, stage, request in
      guard stage == .delivery, request["envelope"]?["to"]?[0]?["status"] == "failed" else {
        return .noChange
      }
      return .body(["set": [["path": "/envelope/to/0/status", "value": "failed-silent"]]])
    }
    let run = makeRun(deferThenFailScenario(), channel: channel)
    run.runToEnd()
    #expect(!channel.requests.contains { $0.stage == .dsn })
    #expect(run.sentDSNs.isEmpty)
    #expect(run.machine.state.outboundRecipients.first?.status == .failedSilent)
  }

  @Test("deleting both message forms suppresses the DSN")
  func dsnDeletion() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .dsn
        ? .body(["delete": [["path": "/message"], ["path": "/rawMessage"]]]) : .noChange
    }
    let run = makeRun(deferThenFailScenario(), channel: channel)
    #expect(run.runToEnd().exitStatus == RunExitStatus.accepted)
    #expect(channel.requests.contains { $0.stage == .dsn })
    #expect(run.sentDSNs.isEmpty)
    #expect(run.outboundNotes.contains { $0.hasPrefix("DSN suppressed") })
  }

  @Test("cancel drops pending recipients")
  func cancel() {
    let channel = InMemoryScannerChannel { _, stage, _ in
      stage == .defer ? .body(actionResponse("cancel")) : .noChange
    }
    let run = makeRun(deferThenFailScenario(), channel: channel)
    let outcome = run.runToEnd()
    #expect(outcome.exitStatus == RunExitStatus.outboundCancelled)
    #expect(outcome.action == .cancel)
    #expect(!channel.requests.contains { $0.stage == .dsn })
    #expect(run.machine.state.outboundRecipients.first?.status == .failedSilent)
  }

  @Test("null sender gets no DSN")
  func nullSenderNoDSN() {
    var scenario = deferThenFailScenario()
    scenario.mailFrom = ScenarioAddress(address: nil)
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(scenario, channel: channel)
    run.runToEnd()
    #expect(!channel.requests.contains { $0.stage == .dsn })
    #expect(run.outboundNotes.contains { $0.hasPrefix("no DSN") })
  }

  @Test("delay DSN when asked")
  func delayDSN() throws {
    var scenario = deferThenFailScenario()
    scenario.outbound?.delayDSN = true
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(scenario, channel: channel)
    run.runToEnd()
    let dsns = channel.requests.filter { $0.stage == .dsn }
    #expect(dsns.count == 2)
    #expect(dsns.first?.request["message"]?["subject"] == "Delivery Status Notification (Delay)")
  }

  @Test("expiry fails a deferred recipient")
  func expiry() {
    var scenario = makeScenario(recipients: ["a@example.org"])
    var plan = OutboundPlan(attempts: [["a@example.org": .deferred(SMTPReply(451, "4.4.1", "Later"))]])
    plan.retry = RetrySchedule(intervals: [7200], expiresAfter: 3600)
    scenario.outbound = plan
    let channel = InMemoryScannerChannel { _, _, _ in .noChange }
    let run = makeRun(scenario, channel: channel)
    run.runToEnd()
    #expect(run.machine.state.outboundRecipients.first?.status == .failed)
    #expect(run.sentDSNs.count == 1)
  }

  @Test("DSN parses as multipart/report")
  func dsnStructure() throws {
    let report = DeliveryStatusNotification(
      reportingMTA: "mx.example.org", originalSender: "sender@example.org",
      arrivalDate: UTCTimestamp(millisecondsSinceEpoch: 0),
      recipients: [
        DSNRecipient(
          address: "a@example.org", action: "failed", reply: SMTPReply(550, nil, "No"),
          lastAttempt: UTCTimestamp(millisecondsSinceEpoch: 0))
      ],
      originalMessage: makeScenario().message)
    let raw = report.render(date: UTCTimestamp(millisecondsSinceEpoch: 0), identifier: "x1")
    let email = TransactionMachine.mailParser(raw)
    #expect(email["bodyStructure"]?["type"] == "multipart/report")
    let parts = try #require(email["bodyStructure"]?["subParts"]?.arrayValue)
    #expect(parts.map { $0["type"] } == ["text/plain", "message/delivery-status", "text/rfc822-headers"])
    let text = String(decoding: raw, as: UTF8.self)
    #expect(text.contains("Status: 5.0.0\r\n"))
    #expect(text.contains("Diagnostic-Code: smtp; 550 No\r\n"))
  }

  @Test("RFC 5322 dates")
  func rfc5322Dates() {
    #expect(UTCTimestamp(millisecondsSinceEpoch: 0).rfc5322 == "Thu, 01 Jan 1970 00:00:00 +0000")
    #expect(UTCTimestamp(rfc3339: "2026-12-04T16:30:05.000Z")?.rfc5322
      == "Fri, 04 Dec 2026 16:30:05 +0000")
  }
}
