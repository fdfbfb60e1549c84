import HooksProtocol
import HooksWire

/// Renders a run as the text transcript that `hookbench run` prints: `->` for what the MTA
/// sent, `<-` for what it received, `==` for information, `**` for errors.
///
/// Every exchange line names the stage and the scanner; a response line adds the HTTP status,
/// the time taken and what happened to each operation.
public enum TranscriptPrinter {
  /// Returns the lines for the whole run so far.
  public static func lines(for run: ScenarioRun) -> [String] {
    var lines = header(for: run.machine)
    lines += body(for: run.machine)
    lines += run.outboundNotes.map { "== \($0)" }
    if let outcome = run.outcome {
      lines.append("== result: \(outcome.summary); exit status \(outcome.exitStatus)")
    }
    return lines
  }

  /// Returns the settings and registration lines.
  public static func header(for machine: TransactionMachine) -> [String] {
    let scenario = machine.scenario
    var lines = [
      "== scenario \"\(scenario.name)\": profile \(scenario.profile), \(scenario.serialization), "
        + "policy \(scenario.policy), \(scenario.scanners.count) scanner(s)"
    ]
    for (scanner, subscription) in zip(scenario.scanners, machine.registrations) {
      for exchange in subscription.exchanges {
        lines += exchangeLines(exchange, label: "setup", scanner: scanner.name)
      }
      if case .registration(let reason)? = subscription.failure {
        lines.append("** registration of \"\(scanner.name)\" failed: \(reason)")
      } else if let failure = subscription.failure {
        lines.append("** registration of \"\(scanner.name)\" failed: \(failure)")
      } else {
        let stages = Stage.allCases.filter(subscription.stages.contains).map(\.rawValue)
        lines.append("== registered \"\(scanner.name)\" for \(stages.joined(separator: " "))")
      }
    }
    return lines
  }

  /// Returns the exchange and stage lines, in order.
  public static func body(for machine: TransactionMachine) -> [String] {
    var lines: [String] = []
    var printed = 0
    for result in machine.results {
      for snapshot in machine.snapshots[result.snapshots] {
        lines += snapshotLines(snapshot)
      }
      printed = result.snapshots.upperBound
      lines.append(stageLine(result))
    }
    for snapshot in machine.snapshots[printed...] {
      lines += snapshotLines(snapshot)
    }
    return lines
  }

  /// Returns the lines of one scanner call: a `->`/`<-` pair per exchange, the verdict appended to
  /// the last response line, and a `**` line per failure, refused operation or problem.
  static func snapshotLines(_ snapshot: StepSnapshot) -> [String] {
    let label = snapshot.event.description
    var lines: [String] = []
    for exchange in snapshot.call.exchanges {
      lines += exchangeLines(exchange, label: label, scanner: snapshot.scanner)
    }

    let change = snapshot.actionBefore == snapshot.actionAfter
      ? "action \(snapshot.actionAfter)"
      : "action \(snapshot.actionBefore) -> \(snapshot.actionAfter)"
    if snapshot.call.failure != nil {
      // The rule already names the failure, so a call that never reached the scanner gets
      // one line rather than a second copy of the cause.
      let prefix = snapshot.call.exchanges.isEmpty ? "not called; " : ""
      lines.append("** \(label)  \(snapshot.scanner)  \(prefix)\(snapshot.rule); \(change)")
      return lines
    }

    let applied = snapshot.operations.filter { $0.status == .applied }
    var verdict = snapshot.rule
    if !snapshot.operations.isEmpty && applied.count == snapshot.operations.count {
      // The rule of a JSON Patch response starts with the format's label; keep that label.
      let format = snapshot.rule.hasPrefix(ResponseFormat.jsonPatch.label)
        ? "\(ResponseFormat.jsonPatch.label), " : ""
      verdict = format + "applied "
        + applied.map { "\($0.label) \($0.path)" }.joined(separator: ", ")
    }
    verdict += "; \(change)"
    if let last = lines.indices.last, lines[last].hasPrefix("<-") {
      lines[last] += "  " + verdict
    } else {
      lines.append("== \(label)  \(snapshot.scanner)  \(verdict)")
    }

    for operation in snapshot.operations where operation.status != .applied {
      lines.append("** \(label)  \(snapshot.scanner)  \(operation.line)")
    }
    for problem in snapshot.problems {
      lines.append("** \(label)  \(snapshot.scanner)  \(problem)")
    }
    return lines
  }

  static func exchangeLines(_ exchange: ExchangeRecord, label: String, scanner: String)
    -> [String]
  {
    let size = exchange.requestBody.isEmpty ? "" : "  \(exchange.requestBody.count) bytes"
    var lines = ["-> \(label)  \(scanner)  \(exchange.method) \(exchange.url)\(size)"]
    let time = formatMilliseconds(exchange.milliseconds)
    if let status = exchange.status {
      let reason = exchange.responseHead.split(separator: "\r\n").first
        .map { $0.split(separator: " ", maxSplits: 2).dropFirst(2).joined() } ?? ""
      let bodySize = exchange.responseBody.isEmpty ? "" : "  \(exchange.responseBody.count) bytes"
      let marker = (200..<300).contains(status) ? "<-" : "**"
      lines.append("\(marker) \(label)  \(scanner)  \(status) \(reason)  \(time)\(bodySize)")
    } else {
      lines.append("** \(label)  \(scanner)  \(exchange.error ?? "no response")  \(time)")
    }
    return lines
  }

  static func stageLine(_ result: StageResult) -> String {
    var line = "== \(result.event)  \(result.action)"
    if let reply = result.reply { line += "  \(reply.line)" }
    if let scanner = result.endedBy { line += "  (chain ended by \(scanner))" }
    for note in result.notes { line += "; \(note)" }
    return line
  }

  /// Milliseconds with one decimal: `3.1 ms`.
  static func formatMilliseconds(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) ms"
  }
}
