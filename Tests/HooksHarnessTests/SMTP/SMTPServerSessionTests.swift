import Testing

@testable import HooksHarness

/// A handler that records every call and replies from a table set by the test.
private final class RecordingHandler: SMTPSessionHandler {
  var calls: [String] = []
  var messages: [[UInt8]] = []
  var rejectedRecipients: Set<String> = []
  var dataDecision: SMTPDecision?
  var greeting: SMTPDecision?

  func connected(proposed: SMTPReply) -> SMTPDecision {
    calls.append("connect")
    return greeting ?? SMTPDecision(reply: proposed)
  }

  func hello(domain: String, extended: Bool, proposed: SMTPReply) -> SMTPDecision {
    calls.append("hello \(domain) \(extended)")
    return SMTPDecision(reply: proposed)
  }

  func mail(address: String?, parameters: [SMTPParameter], proposed: SMTPReply) -> SMTPDecision {
    let keywords = parameters.map { "\($0.keyword)=\($0.value)" }.joined(separator: ",")
    calls.append("mail \(address ?? "<>") \(keywords)")
    return SMTPDecision(reply: proposed)
  }

  func recipient(address: String, parameters: [SMTPParameter], proposed: SMTPReply)
    -> SMTPDecision
  {
    calls.append("rcpt \(address)")
    if rejectedRecipients.contains(address) {
      return SMTPDecision(reply: SMTPReply(550, "5.7.1", "Rejected by policy"))
    }
    return SMTPDecision(reply: proposed)
  }

  func message(_ bytes: [UInt8], proposed: SMTPReply) -> SMTPDecision {
    calls.append("data")
    messages.append(bytes)
    return dataDecision ?? SMTPDecision(reply: proposed)
  }

  func reset() { calls.append("reset") }

  func closed() { calls.append("closed") }
}

/// Sends `input` and returns the reply lines.
private func send(_ session: SMTPServerSession, _ input: String) -> [String] {
  let output = String(decoding: session.receive(Array(input.utf8)), as: UTF8.self)
  return output.split(separator: "\r\n").map(String.init)
}

@Suite("SMTPServerSession")
struct SMTPServerSessionTests {
  @Test("full transaction with dot-stuffing")
  func fullTransaction() {
    let handler = RecordingHandler()
    let session = SMTPServerSession(hostname: "mx.example.org", handler: handler)
    let greeting = String(decoding: session.start(), as: UTF8.self)
    #expect(greeting == "220 mx.example.org ESMTP HookBench\r\n")

    let ehlo = send(session, "EHLO client.example.com\r\n")
    #expect(ehlo.first == "250-mx.example.org greets client.example.com")
    #expect(ehlo.contains("250-SMTPUTF8"))
    #expect(ehlo.last == "250 ENHANCEDSTATUSCODES")

    #expect(send(session, "MAIL FROM:<a@example.com> SIZE=100 BODY=8BITMIME\r\n")
      == ["250 2.1.0 Sender OK"])
    #expect(send(session, "RCPT TO:<b@example.org>\r\n") == ["250 2.1.5 Recipient OK"])
    #expect(send(session, "DATA\r\n") == ["354 End data with <CR><LF>.<CR><LF>"])
    #expect(send(session, "Subject: x\r\n\r\n..leading dot\r\nbody\r\n") == [])
    #expect(send(session, ".\r\n") == ["250 2.0.0 Message accepted"])
    #expect(handler.messages.first.map { String(decoding: $0, as: UTF8.self) }
      == "Subject: x\r\n\r\n.leading dot\r\nbody\r\n")
    #expect(handler.calls.contains("mail a@example.com SIZE=100,BODY=8BITMIME"))

    #expect(send(session, "QUIT\r\n") == ["221 2.0.0 mx.example.org closing connection"])
    #expect(session.isClosed)
  }

  @Test("null sender and pipelined commands")
  func pipelinedNullSender() {
    let handler = RecordingHandler()
    let session = SMTPServerSession(hostname: "mx.example.org", handler: handler)
    _ = session.start()
    let replies = send(
      session, "HELO c.example.com\r\nMAIL FROM:<>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n")
    #expect(replies.count == 4)
    #expect(replies.last?.hasPrefix("354") == true)
    #expect(handler.calls.contains("mail <> "))
  }

  @Test("rejected recipient leaves the others")
  func rejectedRecipient() {
    let handler = RecordingHandler()
    handler.rejectedRecipients = ["bad@example.org"]
    let session = SMTPServerSession(hostname: "mx.example.org", handler: handler)
    _ = session.start()
    _ = send(session, "EHLO c\r\nMAIL FROM:<a@example.com>\r\n")
    #expect(send(session, "RCPT TO:<bad@example.org>\r\n") == ["550 5.7.1 Rejected by policy"])
    #expect(send(session, "DATA\r\n") == ["554 5.5.1 No valid recipients"])
    #expect(send(session, "RCPT TO:<good@example.org>\r\n") == ["250 2.1.5 Recipient OK"])
    #expect(send(session, "DATA\r\n").first?.hasPrefix("354") == true)
  }

  @Test("data rejection gives one reply")
  func dataRejectionOneReply() {
    let handler = RecordingHandler()
    handler.dataDecision = SMTPDecision(reply: SMTPReply(550, "5.7.1", "Rejected by policy"))
    let session = SMTPServerSession(hostname: "mx.example.org", handler: handler)
    _ = session.start()
    _ = send(session, "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n")
    let replies = send(session, "Subject: x\r\n\r\nhi\r\n.\r\n")
    #expect(replies == ["550 5.7.1 Rejected by policy"])
    #expect(send(session, "NOOP\r\n") == ["250 2.0.0 OK"])
  }

  @Test("command order errors")
  func commandOrder() {
    let session = SMTPServerSession(hostname: "mx.example.org", handler: RecordingHandler())
    _ = session.start()
    #expect(send(session, "MAIL FROM:<a@example.com>\r\n") == ["503 5.5.1 Send EHLO or HELO first"])
    _ = send(session, "EHLO c\r\n")
    #expect(send(session, "RCPT TO:<b@example.org>\r\n") == ["503 5.5.1 Send MAIL FROM first"])
    #expect(send(session, "DATA\r\n") == ["503 5.5.1 Send MAIL FROM first"])
    #expect(send(session, "FOO\r\n") == ["500 5.5.2 Command FOO not recognized"])
    #expect(send(session, "MAIL FROM:a@example.com\r\n").first?.hasPrefix("501 5.5.4") == true)
  }

  @Test("SMTPUTF8 and SIZE parameters")
  func extensionParameters() {
    let handler = RecordingHandler()
    let session = SMTPServerSession(
      hostname: "mx.example.org", maxMessageSize: 1000, handler: handler)
    _ = session.start()
    _ = send(session, "EHLO c\r\n")
    #expect(send(session, "MAIL FROM:<jöran@example.com>\r\n").first?.hasPrefix("553 5.6.7")
      == true)
    #expect(send(session, "MAIL FROM:<a@example.com> SIZE=5000\r\n").first?.hasPrefix("552 5.3.4")
      == true)
    #expect(send(session, "MAIL FROM:<a@example.com> BODY=BINARYMIME\r\n").first?
      .hasPrefix("501") == true)
    #expect(send(session, "MAIL FROM:<a@example.com> XYZ=1\r\n").first?.hasPrefix("555") == true)
    #expect(send(session, "MAIL FROM:<jöran@example.com> SMTPUTF8\r\n") == ["250 2.1.0 Sender OK"])
    #expect(send(session, "RCPT TO:<ünal@example.org>\r\n") == ["250 2.1.5 Recipient OK"])
    #expect(handler.calls.contains("mail jöran@example.com SMTPUTF8="))
  }

  @Test("oversized message is refused after the dot")
  func oversizedMessage() {
    let handler = RecordingHandler()
    let session = SMTPServerSession(hostname: "mx.example.org", maxMessageSize: 20, handler: handler)
    _ = session.start()
    _ = send(session, "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n")
    let replies = send(session, "0123456789\r\n0123456789\r\n.\r\n")
    #expect(replies == ["552 5.3.4 Message exceeds the maximum size of 20 bytes"])
    #expect(handler.messages.isEmpty)
  }

  @Test("refused greeting accepts only QUIT")
  func refusedGreeting() {
    let handler = RecordingHandler()
    handler.greeting = SMTPDecision(reply: SMTPReply(554, "5.7.1", "Rejected by policy"))
    let session = SMTPServerSession(hostname: "mx.example.org", handler: handler)
    #expect(String(decoding: session.start(), as: UTF8.self) == "554 5.7.1 Rejected by policy\r\n")
    #expect(send(session, "EHLO c\r\n").first?.hasPrefix("503 5.5.1") == true)
    #expect(send(session, "QUIT\r\n") == ["221 2.0.0 Bye"])
    #expect(session.isClosed)
  }

  @Test("long command line is refused")
  func longLine() {
    let session = SMTPServerSession(hostname: "mx.example.org", handler: RecordingHandler())
    _ = session.start()
    let long = String(repeating: "A", count: SMTPServerSession.maxCommandLength + 10)
    #expect(send(session, long) == ["500 5.5.2 Line too long"])
    #expect(send(session, "tail\r\nNOOP\r\n") == ["250 2.0.0 OK"])
  }
}
