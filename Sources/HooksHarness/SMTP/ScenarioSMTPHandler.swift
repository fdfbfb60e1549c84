import Foundation
import HooksProtocol
import HooksWire

/// Runs each stage of a real SMTP session through a scenario's scanner chain, and turns the
/// scanners' decisions into the SMTP replies.
///
/// One handler serves one connection: the scanners are registered once when the client
/// connects, and each mail transaction (MAIL to the end of DATA, or to RSET or QUIT) is saved
/// as a transcript through `saveTranscript`.
public final class ScenarioSMTPHandler: SMTPSessionHandler {
  /// Receives a finished transaction's transcript and its outcome.
  public typealias TranscriptSink = (_ transcript: Transcript, _ outcome: RunOutcome) -> Void

  /// The stage machine of this session.
  public let machine: TransactionMachine

  private let saveTranscript: TranscriptSink
  private var sessionSnapshots = 0..<0
  private var sessionResults = 0..<0
  private var transactionSnapshotStart: Int?
  private var transactionResultStart = 0
  private var dialogue: [String] = []
  private var sessionDialogue: [String] = []

  /// Creates the handler for one connection.
  ///
  /// - Parameters:
  ///   - scenario: the settings and scanner chain; its envelope and message are not used,
  ///     because the client sends them.
  ///   - channel: how the scanners are reached.
  ///   - saveTranscript: called once per finished transaction.
  public init(scenario: Scenario, channel: ScannerChannel, clock: EngineClock,
              ids: IdentifierSource, saveTranscript: @escaping TranscriptSink) {
    machine = TransactionMachine(
      scenario: scenario, channel: channel, clock: clock, ids: ids,
      parseMessage: TransactionMachine.mailParser)
    self.saveTranscript = saveTranscript
  }

  public func connected(proposed: SMTPReply) -> SMTPDecision {
    let result = machine.runStage(.connect)
    sessionSnapshots = 0..<machine.snapshots.count
    sessionResults = 0..<machine.results.count
    let decision = record(decision(for: result, proposed: proposed))
    sessionDialogue = dialogue
    return decision
  }

  public func hello(domain: String, extended: Bool, proposed: SMTPReply) -> SMTPDecision {
    dialogue.append("C: \(extended ? "EHLO" : "HELO") \(domain)")
    let result = machine.runStage(.ehlo(domain))
    sessionSnapshots = sessionSnapshots.lowerBound..<machine.snapshots.count
    sessionResults = sessionResults.lowerBound..<machine.results.count
    let decision = record(decision(for: result, proposed: proposed))
    sessionDialogue = dialogue
    return decision
  }

  public func mail(address: String?, parameters: [SMTPParameter], proposed: SMTPReply)
    -> SMTPDecision
  {
    machine.resetTransaction()
    transactionSnapshotStart = machine.snapshots.count
    transactionResultStart = machine.results.count
    dialogue = sessionDialogue
    dialogue.append("C: MAIL FROM:<\(address ?? "")>" + Self.parameterText(parameters))
    let result = machine.runStage(.mail(ScenarioAddress(address: address, parameters: parameters)))
    let decision = record(decision(for: result, proposed: proposed))
    if !decision.reply.isPositive { finishTransaction(result, proposed: decision.reply) }
    return decision
  }

  public func recipient(address: String, parameters: [SMTPParameter], proposed: SMTPReply)
    -> SMTPDecision
  {
    dialogue.append("C: RCPT TO:<\(address)>" + Self.parameterText(parameters))
    let result = machine.runStage(.rcpt(ScenarioAddress(address: address, parameters: parameters)))
    let decision = record(decision(for: result, proposed: proposed))
    if decision.closesConnection { finishTransaction(result, proposed: decision.reply) }
    return decision
  }

  public func message(_ bytes: [UInt8], proposed: SMTPReply) -> SMTPDecision {
    dialogue.append("C: DATA (\(bytes.count) bytes)")
    let result = machine.runStage(.data(bytes))
    let decision = record(decision(for: result, proposed: proposed))
    finishTransaction(result, proposed: decision.reply)
    return decision
  }

  public func reset() {
    guard transactionSnapshotStart != nil else { return }
    dialogue.append("C: RSET or QUIT before the end of DATA")
    let noRecipient = machine.state.stage == .rcpt && machine.state.recipients.isEmpty
    let outcome = RunOutcome(
      exitStatus: noRecipient ? RunExitStatus.rejectedAtRcpt : RunExitStatus.accepted,
      action: machine.state.effectiveAction, stage: machine.state.stage, reply: nil,
      summary: noRecipient
        ? "no recipient accepted; the client ended the transaction"
        : "the client ended the transaction before the end of DATA")
    save(outcome)
  }

  public func closed() {
    machine.close()
  }

  // MARK: - Decisions

  private func decision(for result: StageResult, proposed: SMTPReply) -> SMTPDecision {
    let reply = result.reply.map { SMTPReply($0.code, $0.enhancedCode, $0.message) } ?? proposed
    return SMTPDecision(reply: reply, closesConnection: result.action == .disconnect)
  }

  private func record(_ decision: SMTPDecision) -> SMTPDecision {
    dialogue.append("S: \(decision.reply)")
    return decision
  }

  private func finishTransaction(_ result: StageResult, proposed reply: SMTPReply) {
    let stage = result.event.stage
    var status: Int32
    var summary: String
    var action = result.action
    switch result.action {
    case .disconnect:
      (status, summary) = (RunExitStatus.disconnected, "disconnected at \(stage)")
    case .reject:
      status = result.failed ? RunExitStatus.scannerFailure : RunExitStatus.rejected(at: stage)
      summary = "rejected at \(stage): \(reply)"
    default:
      if let remembered = machine.rememberedAction, remembered.strength > action.strength {
        action = remembered
      }
      switch action {
      case .discard: (status, summary) = (RunExitStatus.discarded, "accepted, then discarded")
      case .quarantine: (status, summary) = (RunExitStatus.quarantined, "accepted, then quarantined")
      default: (status, summary) = (RunExitStatus.accepted, "accepted: \(reply)")
      }
    }
    save(RunOutcome(exitStatus: status, action: action, stage: stage, reply: result.reply,
                    summary: summary))
  }

  private func save(_ outcome: RunOutcome) {
    guard let start = transactionSnapshotStart else { return }
    transactionSnapshotStart = nil
    let snapshots = Array(machine.snapshots[sessionSnapshots])
      + Array(machine.snapshots[start...])
    let results = Array(machine.results[sessionResults])
      + Array(machine.results[transactionResultStart...])
    let transcript = Transcript(
      machine: machine, outcome: outcome, dialogue: dialogue, snapshots: snapshots,
      results: results)
    saveTranscript(transcript, outcome)
  }

  private static func parameterText(_ parameters: [SMTPParameter]) -> String {
    parameters.map { $0.value.isEmpty ? " \($0.keyword)" : " \($0.keyword)=\($0.value)" }.joined()
  }
}
