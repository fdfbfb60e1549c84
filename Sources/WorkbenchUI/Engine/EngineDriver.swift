import Dispatch
import HooksHarness
import HooksProtocol
import HooksWire
import Synchronization

/// The workbench driver for a real scenario run: the fake MTA's `ScenarioRun` with its
/// scanners over loopback HTTP.
///
/// Commands run on one serial worker queue, because scanner calls block on sockets. Each
/// command posts a running snapshot at once, and the final snapshot and events through
/// `updates` when the worker is done. An applied edit is remembered by stage, scanner and
/// occurrence. Applying or reverting starts the run again from connect with every edit in
/// force, and steps it back to the same number of calls, so every later call gets the
/// edited state.
public final class EngineDriver: WorkbenchDriver, @unchecked Sendable {
  /// Creates the channel to the scanners of a scenario for one run.
  public typealias ChannelFactory =
    @Sendable (_ scenario: Scenario, _ ids: IdentifierSource) -> ScannerChannel

  public let updates = Mailbox<WorkbenchUpdate>()

  let scenario: Scenario
  let scenarioName: String
  private let makeChannel: ChannelFactory
  private let worker = DispatchQueue(label: "hookbench.engine")

  // Owned by the worker queue.
  private var run: ScenarioRun
  private var edits: [EditingScannerChannel.CallKey: String] = [:]
  private var stageBreakpoints: Set<Stage> = []
  private var reportedCalls = 0
  private var reportedOutcome = false

  /// The state that the main thread reads while the worker may be busy.
  struct Published: Sendable {
    var snapshot: WorkbenchSnapshot
    var validation: ValidationContext?
  }
  private let published: Mutex<Published>

  /// Creates a driver that reaches the scenario's scanners over loopback HTTP, serving its
  /// embedded rule scanners, as `hookbench run` does.
  public convenience init(scenario: Scenario) {
    self.init(scenario: scenario) { scenario, ids in
      HTTPScannerChannel(
        serverName: scenario.server.name, serialization: scenario.serialization, ids: ids,
        allowsRemotePlaintext: scenario.allowsRemotePlaintext,
        makeEmbedded: HTTPScannerChannel.ruleScanners)
    }
  }

  /// Creates a driver whose runs reach the scanners through `makeChannel`.
  public init(scenario: Scenario, makeChannel: @escaping ChannelFactory) {
    self.scenario = scenario
    self.makeChannel = makeChannel
    let file = scenario.path.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
    scenarioName = file ?? "\(scenario.name).json"
    run = Self.makeRun(scenario, makeChannel: makeChannel, edits: [:], breakpoints: [])
    let first = Self.snapshot(of: run, driver: (scenarioName, scenario), edits: [:])
    published = Mutex(Published(snapshot: first, validation: nil))
  }

  deinit {
    run.machine.close()
  }

  public func snapshot() -> WorkbenchSnapshot {
    published.withLock { $0.snapshot }
  }

  public func step() { perform { $0.run.step() } }

  public func nextStage() { perform { $0.run.nextStage() } }

  public func continueToBreakpoint() {
    perform { driver in
      switch driver.run.continueRun() {
      case .breakpoint(let stage, let scanner):
        driver.updates.post(
          .notice("paused at breakpoint: next call is \(stage.rawValue) to \(scanner)"))
      case .finished:
        driver.updates.post(.notice("continued to the end of the run"))
      }
    }
  }

  public func restart() {
    perform { driver in
      driver.rebuild(replayingCalls: 0)
      driver.updates.post(.event("restarted from connect"))
    }
  }

  public func toggleBreakpoint(stageIndex: Int) {
    guard Stage.allCases.indices.contains(stageIndex) else { return }
    let stage = Stage.allCases[stageIndex]
    perform { driver in
      if driver.stageBreakpoints.contains(stage) {
        driver.stageBreakpoints.remove(stage)
      } else {
        driver.stageBreakpoints.insert(stage)
      }
      driver.run.breakpoints.stages = driver.stageBreakpoints
    }
  }

  public func validate(responseText: String) -> [EditDiagnostic] {
    let context = published.withLock { $0.validation }
    guard let context else {
      return [
        EditDiagnostic(line: 1, column: 1, message: "no scanner call yet; press n to make one")
      ]
    }
    return context.diagnostics(for: responseText)
  }

  public func apply(responseText: String) -> [EditDiagnostic] {
    let context = published.withLock { $0.validation }
    guard let context else {
      return [
        EditDiagnostic(line: 1, column: 1, message: "no scanner call yet; press n to make one")
      ]
    }
    let problems = context.diagnostics(for: responseText)
    guard problems.isEmpty else { return problems }
    perform { driver in
      let calls = driver.run.machine.snapshots.count
      driver.edits[context.key] = responseText
      driver.rebuild(replayingCalls: calls)
      driver.updates.post(.event("applied the edited response for \(context.title)"))
    }
    return []
  }

  public func revertEdit() {
    let key = published.withLock { $0.validation?.key }
    perform { driver in
      let calls = driver.run.machine.snapshots.count
      var reverted: [EditingScannerChannel.CallKey] = []
      if let key, driver.edits[key] != nil {
        reverted = [key]
      } else {
        reverted = Self.runOrder(driver.edits.keys)
      }
      guard !reverted.isEmpty else { return }
      for key in reverted { driver.edits[key] = nil }
      driver.rebuild(replayingCalls: calls)
      let names = reverted.map(Self.label).joined(separator: ", ")
      driver.updates.post(.notice("reverted the edit of \(names); the later calls ran again"))
    }
  }

  public func saveTranscript(to path: String) throws {
    try worker.sync {
      var transcript = Transcript(run: run)
      let calls = run.machine.snapshots
      for (position, step) in calls.enumerated() where step.call.exchanges.isEmpty {
        guard let text = edits[Self.callKey(of: step, in: calls)],
          position < transcript.steps.count
        else { continue }
        transcript.steps[position].markEdited(responseText: text)
      }
      try transcript.write(to: path)
    }
  }

  // MARK: - Worker

  /// Marks the snapshot as running, then runs `work` on the worker and publishes the result.
  private func perform(_ work: @escaping @Sendable (EngineDriver) -> Void) {
    let running = published.withLock { state in
      state.snapshot.isRunning = true
      return state.snapshot
    }
    updates.post(.snapshot(running))
    worker.async { [self] in
      work(self)
      publish()
    }
  }

  /// Starts a new run with the edits and breakpoints in force and steps it until it has made
  /// `calls` calls or ended.
  private func rebuild(replayingCalls calls: Int) {
    run.machine.close()
    run = Self.makeRun(
      scenario, makeChannel: makeChannel, edits: parsedEdits(), breakpoints: stageBreakpoints)
    reportedCalls = 0
    reportedOutcome = false
    while run.machine.snapshots.count < calls, run.step() != nil {}
  }

  private func parsedEdits() -> [EditingScannerChannel.CallKey: JSONValue] {
    edits.compactMapValues { try? JSONParser.parse($0) }
  }

  private static func makeRun(
    _ scenario: Scenario, makeChannel: ChannelFactory,
    edits: [EditingScannerChannel.CallKey: JSONValue], breakpoints: Set<Stage>
  ) -> ScenarioRun {
    let ids = SequentialIdentifiers()
    let clock: EngineClock = scenario.startAt.map { SimulatedClock(start: $0) } ?? SystemClock()
    let channel = EditingScannerChannel(inner: makeChannel(scenario, ids), edits: edits)
    let run = ScenarioRun(
      scenario: scenario, channel: channel, clock: clock, ids: ids,
      parseMessage: TransactionMachine.mailParser)
    run.breakpoints.stages = breakpoints
    return run
  }

  /// Builds the snapshot and the validation context on the worker, stores them for the main
  /// thread, and posts the snapshot and the events of the calls made since the last one.
  private func publish() {
    let texts = edits.mapValues { $0 }
    let snapshot = Self.snapshot(of: run, driver: (scenarioName, scenario), edits: texts)
    let validation = run.machine.snapshots.last.map { ValidationContext(step: $0, run: run) }
    published.withLock { $0 = Published(snapshot: snapshot, validation: validation) }
    for step in run.machine.snapshots.dropFirst(reportedCalls) {
      updates.post(.event(Self.eventLine(for: step)))
    }
    if let outcome = run.outcome, !reportedOutcome {
      updates.post(.event("result: \(outcome.summary); exit status \(outcome.exitStatus)"))
      reportedOutcome = true
      if let expectation = scenario.expect {
        postExpectation(expectation, outcome: outcome)
      }
    }
    reportedCalls = run.machine.snapshots.count
    updates.post(.snapshot(snapshot))
  }

  /// Posts whether the finished run met the scenario's `expect` member, as `hookbench run`
  /// prints it: one event per mismatch, and a summary on the status line. With applied edits
  /// the summary goes to the event log only, so that the message of the apply stays visible.
  private func postExpectation(_ expectation: Expectation, outcome: RunOutcome) {
    let finalState = RequestBuilder.request(for: run.machine.state)
    let mismatches = expectation.mismatches(outcome: outcome, finalState: finalState)
    let edited = edits.isEmpty ? "" : " (with applied edits)"
    for mismatch in mismatches { updates.post(.event("expect: \(mismatch)")) }
    var summary = "expect: passed\(edited)"
    if let first = mismatches.first {
      let count = mismatches.count == 1 ? "1 mismatch" : "\(mismatches.count) mismatches"
      summary = "expect: \(count)\(edited): \(first); L shows the event log"
    }
    updates.post(edits.isEmpty ? .notice(summary) : .event(summary))
  }

  private static func eventLine(for step: StepSnapshot) -> String {
    var line = "\(step.event)  \(step.scanner)  "
    if let failure = step.call.failure {
      line += "failed: \(failure)"
    } else if let status = step.call.status {
      line += "\(status)"
    } else {
      line += "edited response"
    }
    line += "  action \(step.actionBefore.rawValue)"
    if step.actionAfter != step.actionBefore { line += " -> \(step.actionAfter.rawValue)" }
    return line
  }
}
