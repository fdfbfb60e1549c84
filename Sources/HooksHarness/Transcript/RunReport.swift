import HooksWire

/// The report `hookbench run --json` prints: the outcome and exit status, the final state,
/// and every stage with its scanner calls, their exchanges and the operation results.
public enum RunReport {
  /// Builds the report.
  ///
  /// - Parameter mismatches: the differences from the scenario's `expect`, or nil when the
  ///   scenario has none.
  public static func json(for run: ScenarioRun, mismatches: [String]?) -> JSONValue {
    let machine = run.machine
    let stages: [JSONValue] = machine.results.map { result in
      guard var object = TranscriptEncoding.stage(result).objectValue else { return .null }
      object["steps"] = nil
      object["calls"] = .array(machine.snapshots[result.snapshots].map(call))
      return .object(object)
    }
    var report = JSONObject()
    report["scenario"] = TranscriptEncoding.settings(machine.scenario)
    report["exitStatus"] = run.outcome.map { .integer(Int($0.exitStatus)) } ?? .null
    report["outcome"] = TranscriptEncoding.outcome(run.outcome)
    report["registrations"] = .array(
      zip(machine.scenario.scanners, machine.registrations).map {
        TranscriptEncoding.registration($0.name, $1)
      })
    report["stages"] = .array(stages)
    report["notes"] = .array(run.outboundNotes.map { .string($0) })
    report["dsns"] = .array(run.sentDSNs.map(TranscriptEncoding.bytes))
    report["finalState"] = TranscriptEncoding.state(machine.state)
    if let mismatches {
      report["expect"] = [
        "passed": .bool(mismatches.isEmpty),
        "mismatches": .array(mismatches.map { .string($0) }),
      ]
    }
    return .object(report)
  }

  private static func call(_ snapshot: StepSnapshot) -> JSONValue {
    [
      "scanner": .string(snapshot.scanner),
      "requestId": .string(snapshot.requestID),
      "status": snapshot.call.status.map { JSONValue.integer($0) } ?? .null,
      "failure": TranscriptEncoding.optional(snapshot.call.failure.map { "\($0)" }),
      "milliseconds": .double(snapshot.call.milliseconds),
      "rule": .string(snapshot.rule),
      "actionBefore": .string(snapshot.actionBefore.rawValue),
      "actionAfter": .string(snapshot.actionAfter.rawValue),
      "operations": .array(snapshot.operations.map(TranscriptEncoding.operation)),
      "problems": .array(snapshot.problems.map { .string($0) }),
      "request": snapshot.request,
      "exchanges": .array(snapshot.call.exchanges.map(TranscriptEncoding.exchange)),
    ]
  }
}
