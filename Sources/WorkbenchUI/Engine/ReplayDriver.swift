import HooksHarness
import HooksProtocol
import HooksWire

/// The workbench driver for `hookbench tui --replay FILE`: steps through the calls saved in a
/// transcript without calling any scanner.
///
/// A replay is read-only: it cannot apply edits. Stepping, breakpoints and restart work as
/// in a live run, and every command finishes before it returns.
public final class ReplayDriver: WorkbenchDriver {
  public let updates = Mailbox<WorkbenchUpdate>()

  private let transcript: Transcript
  private let name: String
  /// The number of saved calls shown so far; the call shown is the last of them.
  private var position = 0
  private var breakpoints: Set<Stage> = []

  /// Creates a replay of `transcript`, shown under the file name `name`.
  public init(transcript: Transcript, name: String) {
    self.transcript = transcript
    self.name = name
  }

  public func snapshot() -> WorkbenchSnapshot {
    let settings = transcript.settings
    var snapshot = WorkbenchSnapshot(
      scenarioName: name, profile: settings["profile"]?.stringValue ?? "",
      serialization: settings["serialization"]?.stringValue ?? "")
    snapshot.isReadOnly = true
    snapshot.isFinished = position == transcript.steps.count
    snapshot.scannerCount = settings["scanners"]?.arrayValue?.count ?? 0
    let shown = position > 0 ? transcript.steps[position - 1] : nil
    snapshot.stages = timeline(shownStage: shown?.stage)
    snapshot.action = transcript.outcome["action"]?.stringValue ?? ""
    guard let shown else { return snapshot }

    snapshot.currentStage = shown.stage.flatMap { Stage.allCases.firstIndex(of: $0) }
    snapshot.callIndex = position - 1
    snapshot.scannerIndex = shown.json["scannerIndex"]?.intValue
    snapshot.scannerName = shown.scanner
    let exchanges = shown.exchanges
    EngineDriver.setRequest(shown.request, exchanges: exchanges, in: &snapshot)
    let editedText = shown.editedResponseText
    snapshot.requestHTTP = EngineDriver.exchangeLines(exchanges)
    if let editedText {
      snapshot.requestHTTP = [EngineDriver.editedExchangeNote]
      snapshot.responseText = editedText
    } else {
      let body = exchanges.last?.responseBody ?? []
      let text = String(decoding: body, as: UTF8.self)
      let parsed = try? JSONParser.parse(body)
      snapshot.responseText = parsed.map { JSONSerializer.string($0, pretty: true) } ?? text
    }
    snapshot.isEdited = editedText != nil
    snapshot.operations = operationLines(shown)
    snapshot.lastHTTPStatus = EngineDriver.statusText(
      of: ScannerCall(status: nil, body: nil, failure: nil, exchanges: exchanges, milliseconds: 0),
      edited: editedText != nil)
    // An edited response made no HTTP call, so it has no latency.
    snapshot.lastLatencyMs =
      editedText != nil ? nil : shown.json["call"]?["milliseconds"]?.doubleValue
    snapshot.action = shown.actionAfter
    snapshot.smtpReply = Self.replyLine(shown.json["reply"]) ?? ""

    snapshot.resultState = ResultStateLines.lines(
      stage: shown.stage, action: (shown.actionBefore, shown.actionAfter),
      reply: (Self.replyLine(shown.stateBefore["response"]) ?? "", snapshot.smtpReply),
      before: shown.stateBefore, after: shown.stateAfter)
    EngineDriver.setMessage(
      before: Self.rawLines(shown.stateBefore["rawMessage"]),
      after: Self.rawLines(shown.stateAfter["rawMessage"]), in: &snapshot)
    return snapshot
  }

  public func step() {
    if position < transcript.steps.count { position += 1 }
    post()
  }

  public func nextStage() {
    guard position < transcript.steps.count else { return post() }
    let event = transcript.steps[position].event
    while position < transcript.steps.count, transcript.steps[position].event == event {
      position += 1
    }
    post()
  }

  public func continueToBreakpoint() {
    if position < transcript.steps.count { position += 1 }
    while position < transcript.steps.count {
      let next = transcript.steps[position]
      let startsEvent = transcript.steps[position - 1].event != next.event
      if startsEvent, let stage = next.stage, breakpoints.contains(stage) { break }
      position += 1
    }
    post()
  }

  public func restart() {
    position = 0
    post()
  }

  public func toggleBreakpoint(stageIndex: Int) {
    guard Stage.allCases.indices.contains(stageIndex) else { return }
    let stage = Stage.allCases[stageIndex]
    if breakpoints.contains(stage) {
      breakpoints.remove(stage)
    } else {
      breakpoints.insert(stage)
    }
    post()
  }

  public func validate(responseText: String) -> [EditDiagnostic] {
    [EditDiagnostic(line: 1, column: 1, message: "this is a read-only replay; editing is off")]
  }

  public func apply(responseText: String) -> [EditDiagnostic] {
    validate(responseText: responseText)
  }

  public func revertEdit() {}

  public func saveTranscript(to path: String) throws {
    try transcript.write(to: path)
  }

  private func post() {
    updates.post(.snapshot(snapshot()))
  }

  private func timeline(shownStage: Stage?) -> [StageEntry] {
    let stageResults = transcript.stages
    return Stage.allCases.map { stage in
      let finished = stageResults.filter { result in
        guard result["stage"]?.stringValue == stage.rawValue,
          let range = result["steps"]?.arrayValue, range.count == 2,
          let start = range[0].intValue, let end = range[1].intValue
        else { return false }
        // A stage without calls finished before the call at its position was made.
        return start < end
          ? end <= position
          : position > start
            || position == transcript.steps.count
      }
      var state: StageEntry.State = .pending
      if stage == shownStage {
        state = .current
      } else if !finished.isEmpty {
        state = .done(mark: Self.outcomeMark(finished))
      } else if position == transcript.steps.count {
        state = .skipped
      }
      let direction: StageEntry.Direction = stage.direction == .inbound ? .inbound : .outbound
      // The current stage is decided once the occurrence of the call shown has ended.
      let shownCall = position - 1
      let decided =
        stage == shownStage
        && finished.contains { result in
          guard let range = result["steps"]?.arrayValue, range.count == 2,
            let start = range[0].intValue, let end = range[1].intValue
          else { return false }
          return start <= shownCall && shownCall < end
        }
      return StageEntry(
        name: stage.rawValue, direction: direction, state: state,
        hasBreakpoint: breakpoints.contains(stage),
        currentMark: decided ? Self.outcomeMark(finished) : "")
    }
  }

  private static func outcomeMark(_ results: [JSONValue]) -> String {
    let actions = results.map { $0["action"]?.stringValue ?? "" }
    if results.contains(where: { $0["failed"]?.boolValue == true }) { return "!" }
    if actions.allSatisfy({ ["reject", "disconnect", "cancel"].contains($0) }) { return "✗" }
    if actions.contains(where: { ["reject", "discard", "quarantine"].contains($0) }) { return "~" }
    return "✓"
  }

  private func operationLines(_ step: TranscriptStep) -> [OperationLine] {
    var lines: [OperationLine] = []
    if let failure = step.json["call"]?["failure"]?.stringValue {
      lines.append(OperationLine(verdict: .failure, text: failure))
    }
    for operation in step.json["operations"]?.arrayValue ?? [] {
      let text =
        "\(operation["label"]?.stringValue ?? "") \(operation["path"]?.stringValue ?? "")"
      let reason = operation["reason"]?.stringValue
      switch operation["status"]?.stringValue {
      case "applied": lines.append(OperationLine(verdict: .applied, text: text))
      case "skipped": lines.append(OperationLine(verdict: .skipped, text: text, reason: reason))
      default: lines.append(OperationLine(verdict: .rejected, text: text, reason: reason))
      }
    }
    for warning in step.json["warnings"]?.arrayValue ?? [] {
      lines.append(OperationLine(verdict: .note, text: "warning: \(warning.stringValue ?? "")"))
    }
    if !step.rule.isEmpty { lines.append(OperationLine(verdict: .note, text: step.rule)) }
    return lines
  }

  private static func replyLine(_ value: JSONValue?) -> String? {
    guard let value, let code = value["code"]?.intValue else { return nil }
    return [String(code), value["enhancedCode"]?.stringValue, value["message"]?.stringValue]
      .compactMap { $0 }.joined(separator: " ")
  }

  /// Returns the lines of a saved `rawMessage`: bytes in memory, or Base64 text once the
  /// transcript went through a file.
  private static func rawLines(_ value: JSONValue?) -> [String] {
    guard let bytes = value?.bytesValue ?? value?.stringValue.flatMap({ Base64.decode($0) }) else {
      return []
    }
    return String(decoding: bytes, as: UTF8.self).splitLines()
  }
}
