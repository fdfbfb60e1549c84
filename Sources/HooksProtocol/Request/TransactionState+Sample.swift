import HooksMail
import HooksWire

extension TransactionState {
  /// Builds a complete sample transaction at `stage`, for `hookbench validate` without a
  /// request file and for the protocol primer.
  ///
  /// The client is 192.0.2.10 (a documentation address) speaking to `mx.example.test`; the
  /// sender is `sender@example.org` and the recipients `rcpt@example.com` and
  /// `second@example.com` (the current one at `rcpt`). From `data` on, the message has five
  /// header fields and a one-line text body. Outbound stages have one delivered and one
  /// deferred recipient.
  public static func sample(stage: Stage, at instant: UTCTimestamp) -> TransactionState {
    var state = TransactionState(stage: stage, stageStartedAt: instant)
    state.server = ServerInfo(name: "mx.example.test", ip: "192.0.2.1", port: 25)
    var client = ClientInfo(
      ip: "192.0.2.10", port: 50123, ptr: "client.example.org", ehlo: "client.example.org",
      activeConnections: 1)
    // The EHLO name is unknown at connect, so it is null there, as the engine sends it.
    if stage == .connect { client.members["ehlo"] = .null }
    state.client = client
    state.tls = TlsInfo(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", cipherBits: 256)
    if stage.hasEnvelope {
      state.envelopeFrom = EnvelopeAddress(
        smtpPath: "<sender@example.org>", parameters: [("SIZE", "512"), ("BODY", "8BITMIME")])
    }
    switch stage {
    case .connect, .ehlo, .mail:
      break
    case .rcpt:
      state.recipients = [EnvelopeAddress(smtpPath: "<rcpt@example.com>")]
      state.currentRecipient = EnvelopeAddress(
        smtpPath: "<second@example.com>", parameters: [("NOTIFY", "FAILURE")])
    case .data:
      state.recipients = [
        EnvelopeAddress(smtpPath: "<rcpt@example.com>"),
        EnvelopeAddress(smtpPath: "<second@example.com>", parameters: [("NOTIFY", "FAILURE")]),
      ]
      state.queue = QueueInfo(id: "q-sample-1")
      state.senderAuth = SenderAuthentication(results: [
        ("spf-mail", "pass"), ("dkim", "pass"), ("dmarc", "pass"),
      ])
    case .delivery, .defer, .dsn:
      state.outboundQueue = OutboundQueueInfo(
        id: "q-sample-1", expiresAt: instant.adding(milliseconds: 5 * 86_400_000), attempts: 1)
      state.outboundRecipients = [
        DeliveryRecipient(
          address: "rcpt@example.com", status: .delivered, attempt: 1,
          lastResponse: SmtpResponse(code: 250, enhancedCode: "2.0.0", message: "Delivered")),
        DeliveryRecipient(
          address: "second@example.com", status: .deferred, attempt: 1,
          lastResponse: SmtpResponse(code: 451, enhancedCode: "4.7.1", message: "Try later"),
          nextAttemptAt: instant.adding(milliseconds: 900_000)),
      ]
    }
    if stage.hasMessage {
      state.setMessage(MailMessage(parsing: Array(sampleRawMessage.utf8)))
    }
    return state
  }

  /// The sample message: five header fields and a one-line text body.
  static let sampleRawMessage =
    "From: Sender <sender@example.org>\r\nTo: rcpt@example.com\r\nSubject: Quarterly report\r\n"
    + "Date: Sat, 21 Dec 2024 16:29:00 +0000\r\nMessage-ID: <sample-1@example.org>\r\n\r\n"
    + "See you tomorrow.\r\n"
}
