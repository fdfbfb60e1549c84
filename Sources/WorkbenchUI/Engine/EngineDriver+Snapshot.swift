import HooksHarness
import HooksProtocol
import HooksWire

extension EngineDriver {
  /// Builds what the screen shows of `run`: the timeline, and the last call with its
  /// request, response, verdicts and the transaction before and after it.
  static func snapshot(
    of run: ScenarioRun, driver: (name: String, scenario: Scenario),
    edits: [EditingScannerChannel.CallKey: String]
  ) -> WorkbenchSnapshot {
    let scenario = driver.scenario
    var snapshot = WorkbenchSnapshot(
      scenarioName: driver.name, profile: scenario.profile, serialization: scenario.serialization)
    let calls = run.machine.snapshots
    let shownCall = calls.last
    snapshot.stages = timeline(of: run, shownStage: shownCall?.event.stage)
    snapshot.scannerCount = scenario.scanners.count
    snapshot.isFinished = run.isFinished
    snapshot.action = (run.outcome?.action ?? run.machine.state.effectiveAction).rawValue
    snapshot.smtpReply = run.machine.state.effectiveResponse.line
    snapshot.editedCalls = runOrder(edits.keys).map(label)
    guard let shown = shownCall else {
      if !run.isFinished { setPreview(of: run, in: &snapshot) }
      return snapshot
    }

    let stage = shown.event.stage
    let editText = edits[callKey(of: shown, in: calls)]

    snapshot.currentStage = Stage.allCases.firstIndex(of: stage)
    snapshot.callIndex = shown.index
    snapshot.scannerIndex = shown.scannerIndex
    snapshot.scannerName = shown.scanner
    setRequest(shown.request, exchanges: shown.call.exchanges, in: &snapshot)
    snapshot.requestHTTP = exchangeLines(shown.call.exchanges)
    if snapshot.requestHTTP.isEmpty {
      snapshot.requestHTTP = [editedExchangeNote]
    }
    snapshot.responseText = editText ?? responseText(of: shown.call)
    snapshot.operations = operationLines(of: shown)
    snapshot.isEdited = editText != nil
    snapshot.lastHTTPStatus = statusText(of: shown.call, edited: editText != nil)
    // An edited response applied in place made no HTTP call, so it has no latency.
    let applied = editText != nil && shown.call.exchanges.isEmpty
    snapshot.lastLatencyMs = applied ? nil : shown.call.milliseconds
    snapshot.action = shown.actionAfter.rawValue
    if let reply = shown.reply { snapshot.smtpReply = reply.line }
    if let outcome = run.outcome, run.machine.snapshots.last?.index == shown.index {
      snapshot.action = outcome.action.rawValue
    }

    snapshot.resultState = stateLines(of: shown)
    setMessage(
      before: messageLines(shown.stateBefore.rawMessage),
      after: messageLines(shown.stateAfter.rawMessage), in: &snapshot)
    return snapshot
  }

  /// Returns the keys of applied edits in the order the run makes their calls.
  static func runOrder(_ keys: some Sequence<EditingScannerChannel.CallKey>)
    -> [EditingScannerChannel.CallKey]
  {
    keys.sorted {
      let left = Stage.allCases.firstIndex(of: $0.stage) ?? 0
      let right = Stage.allCases.firstIndex(of: $1.stage) ?? 0
      if left != right { return left < right }
      if $0.occurrence != $1.occurrence { return $0.occurrence < $1.occurrence }
      return $0.scanner < $1.scanner
    }
  }

  /// Names an edited call for messages, such as `data spam-check` or `rcpt check (call 2)`.
  static func label(_ key: EditingScannerChannel.CallKey) -> String {
    let name = "\(key.stage.rawValue) \(key.scanner)"
    return key.occurrence == 0 ? name : "\(name) (call \(key.occurrence + 1))"
  }

  /// The `http` view of a call answered by an applied edit.
  static let editedExchangeNote = "(no HTTP exchange: the edited response was applied in place)"

  /// Returns the place of `step` in a run whose calls are `calls`: its stage, scanner and
  /// occurrence, which is how an applied edit is remembered.
  static func callKey(of step: StepSnapshot, in calls: [StepSnapshot])
    -> EditingScannerChannel.CallKey
  {
    let stage = step.event.stage
    let occurrence = calls.prefix(step.index).filter {
      $0.event.stage == stage && $0.scanner == step.scanner
    }.count
    return EditingScannerChannel.CallKey(
      stage: stage, scanner: step.scanner, occurrence: occurrence)
  }

  /// Fills the Request pane's JSON and CBOR views from the request body.
  ///
  /// When the hook call went out as CBOR, the CBOR view shows the bytes that crossed the
  /// socket. Otherwise it shows the request encoded as CBOR, with a first line stating that
  /// these are not the bytes a JSON scanner received.
  static func setRequest(
    _ request: JSONValue, exchanges: [ExchangeRecord] = [], in snapshot: inout WorkbenchSnapshot
  ) {
    snapshot.requestJSON = JSONSerializer.string(request, pretty: true).splitLines()
    let hook = exchanges.last { $0.method == "POST" && !$0.requestBody.isEmpty }
    let sentAsCBOR = hook.map { $0.requestHead.lowercased().contains("application/cbor") } ?? false
    if let hook, sentAsCBOR, let sent = try? CBORDecoder.decode(hook.requestBody) {
      snapshot.requestCBOR =
        ["sent as CBOR (\(hook.requestBody.count) bytes):", ""]
        + sent.prettyDiagnostic.splitLines()
        + ["", "bytes on the wire:"] + CBORHexDump.lines(hook.requestBody)
      return
    }
    let cbor = CBORCodec.encodeJSON(request)
    let origin = hook == nil ? "not sent" : "sent as JSON"
    snapshot.requestCBOR =
      ["\(origin); shown encoded as CBOR (\(cbor.count) bytes):", ""]
      + request.toCBOR().prettyDiagnostic.splitLines()
      + ["", "bytes:"] + CBORHexDump.lines(cbor)
  }

  /// Fills the Result pane's headers, raw and diff views from the raw message lines before
  /// and after the call.
  static func setMessage(
    before: [String], after: [String], in snapshot: inout WorkbenchSnapshot
  ) {
    snapshot.resultRaw = after.map { ResultLine($0) }
    snapshot.resultDiff = LineDiff.lines(before: before, after: after)
    snapshot.resultHeaders = LineDiff.lines(
      before: Array(before.prefix { !$0.isEmpty }), after: Array(after.prefix { !$0.isEmpty }))
  }

  /// Returns one timeline entry per stage, inbound then outbound. A stage with several occurrences
  /// (one RCPT per recipient, several delivery attempts) is one entry.
  static func timeline(of run: ScenarioRun, shownStage: Stage?) -> [StageEntry] {
    Stage.allCases.map { stage in
      let results = run.machine.results.filter { $0.event.stage == stage }
      let state: StageEntry.State
      if stage == shownStage {
        state = .current
      } else if !results.isEmpty {
        state = .done(mark: outcomeMark(results))
      } else if run.isFinished {
        state = .skipped
      } else {
        state = .pending
      }
      let direction: StageEntry.Direction = stage.direction == .inbound ? .inbound : .outbound
      // The current stage is decided once the occurrence of the call shown has ended.
      let shownIndex = run.machine.snapshots.last?.index
      let decided =
        stage == shownStage
        && results.contains { result in shownIndex.map(result.snapshots.contains) ?? false }
      return StageEntry(
        name: stage.rawValue, direction: direction, state: state,
        hasBreakpoint: run.breakpoints.stages.contains(stage),
        currentMark: decided ? outcomeMark(results) : "")
    }
  }

  /// Returns the mark after a finished stage: `!` a scanner failure decided it, `✗` every occurrence
  /// ended the transaction or was refused, `~` some were refused or the message was held
  /// back, `✓` accepted.
  static func outcomeMark(_ results: [StageResult]) -> String {
    let ending: Set<Action> = [.reject, .disconnect, .cancel]
    if results.contains(where: \.failed) { return "!" }
    if results.allSatisfy({ ending.contains($0.action) }) { return "✗" }
    let partial: Set<Action> = [.reject, .discard, .quarantine]
    if results.contains(where: { partial.contains($0.action) }) { return "~" }
    return "✓"
  }

  static func exchangeLines(_ exchanges: [ExchangeRecord]) -> [String] {
    var lines: [String] = []
    for exchange in exchanges {
      if !lines.isEmpty { lines.append("") }
      let request = Array((exchange.requestHead + "\r\n\r\n").utf8) + exchange.requestBody
      var response: [UInt8] = []
      if !exchange.responseHead.isEmpty {
        response = Array((exchange.responseHead + "\r\n\r\n").utf8) + exchange.responseBody
      }
      lines += ExchangeLines.lines(request: request, response: response)
      if let error = exchange.error { lines.append("** \(error)") }
    }
    return lines
  }

  /// Returns the response body as the user edits it: pretty JSON when it parsed, else the text the
  /// scanner sent, else "" (no body, as for 204).
  static func responseText(of call: ScannerCall) -> String {
    if let body = call.body { return JSONSerializer.string(body, pretty: true) }
    guard let bytes = call.exchanges.last?.responseBody, !bytes.isEmpty else { return "" }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func operationLines(of step: StepSnapshot) -> [OperationLine] {
    var lines: [OperationLine] = []
    if let failure = step.call.failure {
      lines.append(OperationLine(verdict: .failure, text: "\(failure)"))
    }
    for operation in step.operations {
      let text = "\(operation.label) \(operation.path)"
      switch operation.status {
      case .applied: lines.append(OperationLine(verdict: .applied, text: text))
      case .skipped(let reason):
        lines.append(OperationLine(verdict: .skipped, text: text, reason: reason))
      case .refused(let reason):
        lines.append(OperationLine(verdict: .rejected, text: text, reason: reason))
      }
    }
    let failureText = step.call.failure.map { "\($0)" }
    for problem in step.problems where problem != failureText {
      lines.append(OperationLine(verdict: .failure, text: problem))
    }
    for warning in step.warnings {
      lines.append(OperationLine(verdict: .note, text: "warning: \(warning)"))
    }
    if !step.rule.isEmpty {
      lines.append(OperationLine(verdict: .note, text: step.rule))
    }
    return lines
  }

  static func statusText(of call: ScannerCall, edited: Bool) -> String? {
    if edited && call.exchanges.isEmpty { return "edited" }
    guard let head = call.exchanges.last?.responseHead, !head.isEmpty else {
      return call.failure == nil ? nil : "no response"
    }
    let statusLine = head.splitLines().first ?? head
    return statusLine.hasPrefix("HTTP/1.1 ") ? String(statusLine.dropFirst(9)) : statusLine
  }

  /// Returns the Result pane's state lines after the call, with what the call changed marked.
  static func stateLines(of step: StepSnapshot) -> [ResultLine] {
    ResultStateLines.lines(
      stage: step.event.stage,
      action: (step.actionBefore.rawValue, step.actionAfter.rawValue),
      reply: (
        step.stateBefore.effectiveResponse.line,
        step.reply?.line ?? step.stateAfter.effectiveResponse.line
      ),
      before: RequestBuilder.request(for: step.stateBefore),
      after: RequestBuilder.request(for: step.stateAfter))
  }

  /// Returns the raw message as display lines. A tab, which starts many folded header lines,
  /// becomes four spaces, because the screen draws control characters as `?`.
  static func messageLines(_ raw: [UInt8]?) -> [String] {
    guard let raw, !raw.isEmpty else { return [] }
    return String(decoding: raw, as: UTF8.self).splitLines().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ")
    }
  }
}
