import HooksHarness
import HooksProtocol
import HooksWire

extension EngineDriver {
  /// Fills the opening screen of a run that has made no call yet: the connect request as the
  /// MTA builds it now (not sent), the scenario and its scanner chain, and the transaction
  /// state before the first stage.
  static func setPreview(of run: ScenarioRun, in snapshot: inout WorkbenchSnapshot) {
    let state = run.machine.state
    setRequest(RequestBuilder.request(for: state), in: &snapshot)
    snapshot.requestHTTP = ["not sent yet: the HTTP exchange appears after the first call"]
    let scenario = run.machine.scenario
    let connectScanners = scenario.scanners.filter { stages(of: $0)?.contains("connect") ?? true }
    if connectScanners.isEmpty {
      snapshot.previewNote =
        "The connect request as the MTA builds it now. No scanner of this scenario handles "
        + "connect, so it is never sent. Press n to run the first scanner call."
    } else {
      let names = connectScanners.map(\.name).joined(separator: ", ")
      snapshot.previewNote =
        "The connect request as the MTA builds it now, not sent yet. Press n to send it to "
        + "\(names)."
    }
    snapshot.overview = overviewLines(of: scenario)
    snapshot.resultState = initialStateLines(of: state)
  }

  /// Returns the scenario in a few lines: client, envelope, message and the scanner chain with
  /// the stages each scanner handles.
  static func overviewLines(of scenario: Scenario) -> [String] {
    let client = scenario.client
    var lines = [
      "client \(client.ip):\(client.port) (\(client.ptr ?? "no PTR"))",
      "  EHLO \(client.ehlo)",
      "MAIL FROM:<\(scenario.mailFrom.address ?? "")>" + parameterText(scenario.mailFrom),
    ]
    for recipient in scenario.rcptTo {
      lines.append("RCPT TO:<\(recipient.address ?? "")>" + parameterText(recipient))
    }
    lines.append("DATA \(scenario.message.count) bytes from \(fileName(scenario.messageOrigin))")
    if let outbound = scenario.outbound {
      lines.append("outbound: \(outbound.attempts.count) delivery attempt(s) planned")
    }
    lines.append("")
    lines.append("scanners, in calling order:")
    if scenario.scanners.isEmpty { lines.append("  (none)") }
    for (index, scanner) in scenario.scanners.enumerated() {
      lines.append("\(index + 1). \(scanner.name)")
      lines.append("   stages: \(stagesText(of: scanner))")
      switch scanner.source {
      case .rules(_, let path):
        lines.append("   rules: \(path.map(fileName) ?? "inline")")
      case .external(let url, _):
        lines.append("   url: \(url)")
      }
      lines.append("   on failure: \(scanner.failurePolicy.rawValue)")
    }
    return lines
  }

  /// Returns the action, SMTP reply and envelope before the first stage.
  static func initialStateLines(of state: TransactionState) -> [ResultLine] {
    let lines = [
      ResultLine("before the first stage:"),
      ResultLine("action: \(state.effectiveAction.rawValue)"),
      ResultLine("reply: \(state.effectiveResponse.line)"),
    ]
    return lines + ResultStateLines.inboundLines(of: RequestBuilder.request(for: state)).map { ResultLine($0) }
  }

  private static func parameterText(_ address: ScenarioAddress) -> String {
    address.parameters.map { " \($0.keyword)" + ($0.value.isEmpty ? "" : "=\($0.value)") }
      .joined()
  }

  /// Returns the stages a scanner registers for: its `stages` setting, or the stages its rules
  /// offer when it has rules too (registration takes the intersection). Returns nil for an
  /// external scanner without a `stages` setting, whose stages are known only after discovery.
  private static func stages(of scanner: ScannerSettings) -> [String]? {
    guard case .rules(let rules, let path) = scanner.source,
      let ruleSet = try? ScannerRuleSet.forScanner(scanner, rules: rules, path: path)
    else {
      return scanner.stages
    }
    guard let wanted = scanner.stages else { return ruleSet.stages }
    return ruleSet.stages.filter(wanted.contains)
  }

  private static func stagesText(of scanner: ScannerSettings) -> String {
    guard let stages = stages(of: scanner) else { return "every stage it offers" }
    return stages.isEmpty ? "none" : stages.joined(separator: " ")
  }

  private static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
