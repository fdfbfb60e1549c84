/// One recipient's entry in a delivery status notification (RFC 3464 §2.3).
import HooksProtocol
public struct DSNRecipient: Sendable, Equatable {
  /// The recipient address, for `Final-Recipient: rfc822; …`.
  public var address: String

  /// The ORCPT parameter of RCPT TO, for `Original-Recipient`, or nil.
  public var originalRecipient: String?

  /// `failed` or `delayed` (RFC 3464 §2.3.3).
  public var action: String

  /// The remote server's last reply, for `Status` and `Diagnostic-Code`.
  public var reply: SMTPReply

  /// When the last attempt for this recipient happened.
  public var lastAttempt: UTCTimestamp

  /// For delayed recipients, when the MTA gives up (`Will-Retry-Until`).
  public var retryUntil: UTCTimestamp?

  /// Creates an entry.
  public init(address: String, originalRecipient: String? = nil, action: String,
              reply: SMTPReply, lastAttempt: UTCTimestamp, retryUntil: UTCTimestamp? = nil) {
    self.address = address
    self.originalRecipient = originalRecipient
    self.action = action
    self.reply = reply
    self.lastAttempt = lastAttempt
    self.retryUntil = retryUntil
  }
}

/// Builds a delivery status notification: an RFC 6522 `multipart/report` with
/// `report-type=delivery-status` (RFC 3464), addressed to the original sender.
///
/// The parts are a plain-text explanation, the `message/delivery-status` part with one
/// per-recipient block each, and the original header block as `text/rfc822-headers`.
public struct DeliveryStatusNotification: Sendable {
  /// The reporting MTA's host name (`Reporting-MTA: dns; …`).
  public var reportingMTA: String

  /// The original envelope sender, which receives the DSN.
  public var originalSender: String

  /// The ENVID parameter of the original MAIL FROM, or nil.
  public var envelopeID: String?

  /// When the MTA received the original message (`Arrival-Date`).
  public var arrivalDate: UTCTimestamp

  /// The recipients to report on, in envelope order.
  public var recipients: [DSNRecipient]

  /// The original message, whose header block is attached.
  public var originalMessage: [UInt8]

  /// Creates a notification.
  public init(reportingMTA: String, originalSender: String, envelopeID: String? = nil,
              arrivalDate: UTCTimestamp, recipients: [DSNRecipient], originalMessage: [UInt8]) {
    self.reportingMTA = reportingMTA
    self.originalSender = originalSender
    self.envelopeID = envelopeID
    self.arrivalDate = arrivalDate
    self.recipients = recipients
    self.originalMessage = originalMessage
  }

  /// Whether every entry reports a delay, so the subject reads "Delay" and not "Failure".
  public var isDelayReport: Bool { recipients.allSatisfy { $0.action == "delayed" } }

  /// Renders the message with CRLF line endings.
  ///
  /// - Parameters:
  ///   - date: the `Date` header.
  ///   - identifier: a unique token for the `Message-ID` and the MIME boundary.
  public func render(date: UTCTimestamp, identifier: String) -> [UInt8] {
    let boundary = "dsn-\(identifier)"
    let subject = isDelayReport
      ? "Delivery Status Notification (Delay)" : "Delivery Status Notification (Failure)"
    var lines = [
      "From: Mail Delivery System <MAILER-DAEMON@\(reportingMTA)>",
      "To: <\(originalSender)>",
      "Subject: \(subject)",
      "Date: \(date.rfc5322)",
      "Message-ID: <\(identifier)@\(reportingMTA)>",
      "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0",
      "Content-Type: multipart/report; report-type=delivery-status;",
      "\tboundary=\"\(boundary)\"",
      "",
      "This is a delivery status notification in MIME format.",
      "",
      "--\(boundary)",
      "Content-Type: text/plain; charset=utf-8",
      "",
    ]

    lines += explanation()
    lines += [
      "",
      "--\(boundary)",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; \(reportingMTA)",
    ]
    if let envelopeID { lines.append("Original-Envelope-Id: \(envelopeID)") }
    lines.append("Arrival-Date: \(arrivalDate.rfc5322)")

    for recipient in recipients {
      lines.append("")
      lines += fields(for: recipient)
    }

    lines += [
      "",
      "--\(boundary)",
      "Content-Type: text/rfc822-headers",
      "",
    ]
    lines += Self.headerBlock(of: originalMessage)
    lines += ["", "--\(boundary)--", ""]
    return Array(lines.joined(separator: "\r\n").utf8)
  }

  private func explanation() -> [String] {
    var lines: [String] = []
    let failed = recipients.filter { $0.action == "failed" }
    let delayed = recipients.filter { $0.action == "delayed" }
    if !failed.isEmpty {
      lines.append("Your message could not be delivered to these recipients:")
      lines.append("")
      lines += failed.map { "  <\($0.address)>: \($0.reply.description)" }
    }
    if !delayed.isEmpty {
      if !lines.isEmpty { lines.append("") }
      lines.append("Delivery to these recipients is delayed; the server will keep trying:")
      lines.append("")
      lines += delayed.map { "  <\($0.address)>: \($0.reply.description)" }
    }
    return lines
  }

  private func fields(for recipient: DSNRecipient) -> [String] {
    var lines: [String] = []
    if let original = recipient.originalRecipient {
      lines.append("Original-Recipient: \(original)")
    }
    lines.append("Final-Recipient: rfc822; \(recipient.address)")
    lines.append("Action: \(recipient.action)")
    lines.append("Status: \(Self.status(of: recipient.reply))")
    lines.append("Diagnostic-Code: smtp; \(recipient.reply.description)")
    lines.append("Last-Attempt-Date: \(recipient.lastAttempt.rfc5322)")
    if let until = recipient.retryUntil {
      lines.append("Will-Retry-Until: \(until.rfc5322)")
    }
    return lines
  }

  /// Returns the RFC 3463 status for the `Status` field: the reply's enhanced code, or one derived
  /// from its class when the server gave none (`5.0.0`, `4.0.0`).
  static func status(of reply: SMTPReply) -> String {
    if let code = reply.enhancedCode { return code }
    return reply.isTransient ? "4.0.0" : "5.0.0"
  }

  /// Returns the header lines of a raw message: everything before the first empty line, folded lines
  /// kept as they are. Works on bytes, because Swift treats CRLF as one `Character`.
  static func headerBlock(of message: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    while start < message.count {
      var end = message[start...].firstIndex(of: 0x0A) ?? message.count
      let next = end + 1
      if end > start && message[end - 1] == 0x0D { end -= 1 }
      if end == start { break }
      lines.append(String(decoding: message[start..<end], as: UTF8.self))
      start = next
    }
    return lines
  }
}
