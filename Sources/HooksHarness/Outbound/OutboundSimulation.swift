import HooksProtocol
import HooksWire

/// The outbound queue of one accepted message: delivery attempts with the outcomes the
/// scenario gives, the retry schedule on a simulated clock, and DSNs.
///
/// For each attempt it sets every due recipient's status in the machine's state. It then
/// returns the stage events in order: `delivery`, then `defer` when a recipient will be
/// retried, then `dsn` when a failure DSN (or, with `delayDsn`, a delay DSN) is due. Between attempts the clock
/// jumps to the earliest `nextAttemptAt`, so a retry schedule of days runs at once.
final class OutboundSimulation {
  let plan: OutboundPlan
  private(set) var attempt = 0
  private(set) var cancelled = false
  private(set) var failed = false
  /// The DSN messages that went out, as the last scanner left them.
  private(set) var sentDSNs: [[UInt8]] = []
  private(set) var notes: [String] = []

  private let machine: TransactionMachine
  private let arrival: UTCTimestamp
  private let expiry: UTCTimestamp
  private let originalMessage: JSONValue?
  private let originalRaw: [UInt8]?
  private var reported: Set<String> = []

  init(plan: OutboundPlan, machine: TransactionMachine) {
    self.plan = plan
    self.machine = machine
    arrival = machine.clock.now()
    expiry = arrival.adding(seconds: plan.retry.expiresAfter)
    originalMessage = machine.state.message
    originalRaw = machine.state.rawMessage
    machine.state.outboundRecipients = machine.state.recipients.compactMap { recipient in
      guard let address = recipient.address else { return nil }
      return DeliveryRecipient(
        address: address, parameters: recipient.parameters.map { ($0.key, $0.value) },
        status: .pending, attempt: 0)
    }
    let queueID = machine.state.queue?.id ?? machine.ids.next("q")
    machine.state.outboundQueue = OutboundQueueInfo(id: queueID, expiresAt: expiry, attempts: 0)
  }

  /// Runs the next delivery attempt and returns its `delivery` event, or nil when nothing is
  /// left to deliver.
  func beginNextAttempt() -> StageEvent? {
    let due = machine.state.outboundRecipients.filter {
      $0.status == .pending || $0.status == .deferred
    }
    guard !cancelled, !due.isEmpty else { return nil }
    if attempt > 0 {
      let times = due.compactMap(\.nextAttemptAt)
      if let next = times.min() { machine.clock.advance(to: next) }
    }
    attempt += 1
    let now = machine.clock.now()
    let outcomes = attempt <= plan.attempts.count ? plan.attempts[attempt - 1] : [:]
    machine.state.outboundRecipients = machine.state.outboundRecipients.map { recipient in
      guard recipient.status == .pending || recipient.status == .deferred else { return recipient }
      return attempted(recipient, outcome: outcomes[recipient.address] ?? .deliveredOK, at: now)
    }
    machine.state.outboundQueue = OutboundQueueInfo(
      id: machine.state.outboundQueue?.id ?? "", expiresAt: expiry, attempts: attempt)
    return .delivery(attempt: attempt)
  }

  private func attempted(_ recipient: DeliveryRecipient, outcome: DeliveryOutcome,
                         at now: UTCTimestamp) -> DeliveryRecipient {
    var members = recipient.members
    let recipientAttempt = (recipient.attempt ?? 0) + 1
    var status = outcome.status
    members["attempt"] = .integer(recipientAttempt)
    members["lastResponse"] = SmtpResponse(
      code: outcome.reply.code, enhancedCode: outcome.reply.enhancedCode,
      message: outcome.reply.message
    ).json
    members["nextAttemptAt"] = nil
    if case .deferred = outcome {
      if let next = plan.retry.nextAttempt(after: recipientAttempt, at: now, expiry: expiry) {
        members["nextAttemptAt"] = next.json
      } else {
        status = "failed"
        notes.append("\(recipient.address): the queue entry expires before the next retry")
      }
    }
    members["status"] = .string(status)
    return DeliveryRecipient(unchecked: members)
  }

  /// Returns the event that follows a finished outbound stage, or nil when the message is done.
  func event(after result: StageResult) -> StageEvent? {
    if result.failed { failed = true }
    if result.action == .cancel {
      cancel(at: result.event.stage)
      return nil
    }
    switch result.event {
    case .delivery(let number):
      if machine.state.outboundRecipients.contains(where: { $0.status == .deferred }) {
        return .defer(attempt: number)
      }
      return dsnEvent(attempt: number) ?? beginNextAttempt()
    case .defer(let number):
      return dsnEvent(attempt: number) ?? beginNextAttempt()
    case .dsn:
      finishDSN()
      return beginNextAttempt()
    default:
      return nil
    }
  }

  private func cancel(at stage: Stage) {
    cancelled = true
    machine.state.outboundRecipients = machine.state.outboundRecipients.map { recipient in
      guard recipient.status == .pending || recipient.status == .deferred else { return recipient }
      var members = recipient.members
      members["status"] = .string(RecipientStatus.failedSilent.rawValue)
      members["nextAttemptAt"] = nil
      return DeliveryRecipient(unchecked: members)
    }
    notes.append("cancel at \(stage): every pending recipient is dropped without a DSN")
    restoreMessage()
  }

  /// Puts the DSN into the state and returns its event, when one is due.
  private func dsnEvent(attempt number: Int) -> StageEvent? {
    let now = machine.clock.now()
    var entries: [DSNRecipient] = []
    for recipient in machine.state.outboundRecipients {
      let reply = recipient.lastResponse.map {
        SMTPReply($0.code, $0.enhancedCode, $0.message)
      } ?? SMTPReply(550, "5.0.0", "Delivery failed")
      let original = recipient.members["parameters"]?["ORCPT"]?.stringValue
      switch recipient.status {
      case .failed where !reported.contains("failed " + recipient.address):
        reported.insert("failed " + recipient.address)
        entries.append(DSNRecipient(
          address: recipient.address, originalRecipient: original, action: "failed",
          reply: reply, lastAttempt: now))
      case .deferred where plan.delayDSN && !reported.contains("delayed " + recipient.address):
        reported.insert("delayed " + recipient.address)
        entries.append(DSNRecipient(
          address: recipient.address, originalRecipient: original, action: "delayed",
          reply: reply, lastAttempt: now, retryUntil: expiry))
      default:
        break
      }
    }
    guard !entries.isEmpty else { return nil }
    guard let sender = machine.state.envelopeFrom?.address else {
      notes.append("no DSN: the original sender is the null reverse-path (RFC 3461 §6.1)")
      return nil
    }
    let report = DeliveryStatusNotification(
      reportingMTA: machine.scenario.server.name, originalSender: sender,
      envelopeID: machine.state.envelopeFrom?.parameters.first { $0.key == "ENVID" }?.value,
      arrivalDate: arrival, recipients: entries, originalMessage: originalRaw ?? [])
    let bytes = report.render(date: now, identifier: machine.ids.next("dsn"))
    machine.state.rawMessage = bytes
    machine.state.message = machine.parseMessage.map { $0(bytes) }
    return .dsn(attempt: number)
  }

  private func finishDSN() {
    if machine.state.message == nil && machine.state.rawMessage == nil {
      notes.append("DSN suppressed: a scanner deleted both message and rawMessage")
    } else if let bytes = machine.state.rawMessage {
      sentDSNs.append(bytes)
      notes.append("DSN sent to <\(machine.state.envelopeFrom?.address ?? "")> from <>")
    }
    restoreMessage()
  }

  private func restoreMessage() {
    machine.state.message = originalMessage
    machine.state.rawMessage = originalRaw
  }
}
