import HooksProtocol
import HooksWire

/// Runs a scenario's transaction through the stage machine, with the stepping controls the
/// workbench uses: `step()` (one scanner call), `nextStage()`, and `continueRun()` up to a
/// breakpoint or the end.
///
/// The inbound stages come from the scenario: connect, EHLO, MAIL, one RCPT per recipient and
/// DATA. After an accepted DATA the outbound simulation runs, when the scenario has one.
public final class ScenarioRun {
  /// The reason `continueRun()` stopped.
  public enum StopReason: Sendable, Equatable {
    /// Before a scanner call that matches a breakpoint.
    case breakpoint(stage: Stage, scanner: String)
    /// The run ended.
    case finished
  }

  /// Breakpoints: before the first call of a stage, or before every call to a scanner.
  public struct Breakpoints: Sendable, Equatable {
    /// Stages that pause before their first scanner call.
    public var stages: Set<Stage> = []
    /// Scanners that pause before each call to them.
    public var scanners: Set<String> = []

    /// Creates an empty set of breakpoints.
    public init() {}
  }

  /// The stage machine; its state, snapshots and stage results are the run's record.
  public let machine: TransactionMachine

  /// The active breakpoints.
  public var breakpoints = Breakpoints()

  /// A stage after which the run ends, as `--quit-after` requests; nil to run to the end.
  public var quitAfter: Stage?

  /// The run's outcome, or nil while it is going on.
  public private(set) var outcome: RunOutcome?

  private var pendingEvents: [StageEvent]
  private var outbound: OutboundSimulation?
  private var callsAtStageStart = 0

  /// Creates a run; nothing is sent until the first step.
  public init(scenario: Scenario, channel: ScannerChannel, clock: EngineClock,
              ids: IdentifierSource, parseMessage: TransactionMachine.MessageParser?) {
    machine = TransactionMachine(
      scenario: scenario, channel: channel, clock: clock, ids: ids, parseMessage: parseMessage)
    pendingEvents = [.connect, .ehlo(scenario.client.ehlo), .mail(scenario.mailFrom)]
      + scenario.rcptTo.map { StageEvent.rcpt($0) } + [.data(scenario.message)]
  }

  /// Whether the run has ended.
  public var isFinished: Bool { outcome != nil }

  /// The notes of the outbound simulation: DSNs sent or suppressed, cancellation, expiry.
  public var outboundNotes: [String] { outbound?.notes ?? [] }

  /// The DSN messages that went out, as the last scanner left them.
  public var sentDSNs: [[UInt8]] { outbound?.sentDSNs ?? [] }

  /// The stage and scanner of the next call, after moving past stages without scanners; nil
  /// when the run has ended.
  public var nextCall: (event: StageEvent, scanner: String)? {
    prepareNextCall()
    guard let event = machine.currentEvent, let scanner = machine.nextScanner else { return nil }
    return (event, scanner.name)
  }

  /// Makes one scanner call, finishing the stage when it was the last one.
  ///
  /// - Returns: the call's snapshot, or nil when the run has ended.
  @discardableResult
  public func step() -> StepSnapshot? {
    prepareNextCall()
    guard machine.hasPendingCall, let snapshot = machine.step() else { return nil }
    if !machine.hasPendingCall { handle(machine.finishStage()) }
    return snapshot
  }

  /// Runs the current or next stage to its end.
  ///
  /// - Returns: the stage's result, or nil when the run had already ended.
  @discardableResult
  public func nextStage() -> StageResult? {
    let finishedBefore = machine.results.count
    if machine.currentEvent == nil {
      guard !isFinished, let event = pendingEvents.first else { return nil }
      pendingEvents.removeFirst()
      machine.begin(event)
    }
    while machine.hasPendingCall { machine.step() }
    if machine.currentEvent != nil { handle(machine.finishStage()) }
    return machine.results.count > finishedBefore ? machine.results[finishedBefore] : nil
  }

  /// Runs until a breakpoint or the end. The call the run is paused at always runs, so that
  /// continuing from a breakpoint moves on.
  @discardableResult
  public func continueRun() -> StopReason {
    var first = true
    while let next = nextCall {
      if !first && matches(next) {
        return .breakpoint(stage: next.event.stage, scanner: next.scanner)
      }
      step()
      first = false
    }
    return .finished
  }

  /// Runs to the end, ignoring breakpoints.
  @discardableResult
  public func runToEnd() -> RunOutcome {
    while step() != nil {}
    prepareNextCall()
    return outcome ?? finish(RunExitStatus.accepted, "ended", at: machine.state.stage)
  }

  private func matches(_ call: (event: StageEvent, scanner: String)) -> Bool {
    if breakpoints.scanners.contains(call.scanner) { return true }
    let stageStarts = machine.snapshots.last.map { $0.event != call.event } ?? true
    return stageStarts && breakpoints.stages.contains(call.event.stage)
  }

  /// Begins and finishes stages that have no scanner call, until a call is ready or the run
  /// ends.
  private func prepareNextCall() {
    while !isFinished {
      if machine.currentEvent != nil {
        if machine.hasPendingCall { return }
        handle(machine.finishStage())
        continue
      }
      guard let event = pendingEvents.first else {
        finishAfterLastStage()
        return
      }
      pendingEvents.removeFirst()
      machine.begin(event)
    }
  }

  // MARK: - Stage results

  private func handle(_ result: StageResult) {
    let stage = result.event.stage
    if stage.direction == .outbound {
      handleOutbound(result)
      return
    }
    let failedStatus = result.failed ? RunExitStatus.scannerFailure : nil
    switch result.action {
    case .disconnect:
      finish(RunExitStatus.disconnected, "disconnected at \(stage)", at: stage, result: result)
      return
    case .reject where stage != .rcpt:
      let status = failedStatus ?? RunExitStatus.rejected(at: stage)
      finish(status, "rejected at \(stage)", at: stage, result: result)
      return
    default:
      break
    }

    if stage == .rcpt, pendingEvents.first?.stage != .rcpt, machine.state.recipients.isEmpty {
      let anyFailure = machine.results.contains { $0.event.stage == .rcpt && $0.failed }
      let status = anyFailure ? RunExitStatus.scannerFailure : RunExitStatus.rejectedAtRcpt
      finish(status, "no recipient accepted", at: stage, result: result)
      return
    }
    if stage == .data {
      finishInbound(result)
      return
    }
    if let quitAfter, quitAfter == stage, pendingEvents.first?.stage != stage {
      finish(RunExitStatus.accepted, "stopped after \(stage) (--quit-after)", at: stage,
             result: result)
    }
  }

  private func finishInbound(_ result: StageResult) {
    var action = result.action
    if let remembered = machine.rememberedAction, remembered.strength > action.strength {
      action = remembered
    }
    switch action {
    case .discard:
      finish(RunExitStatus.discarded, "accepted with 250, then discarded", at: .data,
             result: result, action: .discard)
    case .quarantine:
      finish(RunExitStatus.quarantined, "accepted with 250, then quarantined", at: .data,
             result: result, action: .quarantine)
    default:
      if let plan = machine.scenario.outbound, quitAfter != .data {
        let simulation = OutboundSimulation(plan: plan, machine: machine)
        outbound = simulation
        if let event = simulation.beginNextAttempt() { pendingEvents = [event] }
        return
      }
      finish(RunExitStatus.accepted, "accepted", at: .data, result: result)
    }
  }

  private func handleOutbound(_ result: StageResult) {
    guard let outbound else { return }
    // The simulation is over when no event follows, so the run ends with the call that ended
    // its last stage, as a run ends with the call at data.
    guard let next = outbound.event(after: result) else {
      finishAfterLastStage()
      return
    }
    if quitAfter == result.event.stage {
      finish(RunExitStatus.accepted, "stopped after \(result.event.stage) (--quit-after)",
             at: result.event.stage, result: result, action: result.action)
      return
    }
    pendingEvents = [next]
  }

  private func finishAfterLastStage() {
    guard !isFinished else { return }
    if let outbound {
      let stage = machine.state.stage
      if outbound.cancelled {
        finish(RunExitStatus.outboundCancelled, "outbound delivery cancelled", at: stage,
               action: .cancel)
      } else if outbound.failed {
        finish(RunExitStatus.scannerFailure, "outbound finished after a scanner failure",
               at: stage, action: .continue)
      } else {
        let statuses = machine.state.outboundRecipients.map {
          "\($0.address) \($0.status?.rawValue ?? "?")"
        }
        finish(RunExitStatus.accepted, "outbound finished: " + statuses.joined(separator: ", "),
               at: stage, action: .continue)
      }
      return
    }
    finish(RunExitStatus.accepted, "accepted", at: machine.state.stage)
  }

  @discardableResult
  private func finish(_ status: Int32, _ summary: String, at stage: Stage,
                      result: StageResult? = nil, action: Action? = nil) -> RunOutcome {
    let outcome = RunOutcome(
      exitStatus: status, action: action ?? result?.action ?? machine.state.effectiveAction,
      stage: stage, reply: result?.reply, summary: summary)
    self.outcome = outcome
    pendingEvents = []
    machine.close()
    return outcome
  }
}
