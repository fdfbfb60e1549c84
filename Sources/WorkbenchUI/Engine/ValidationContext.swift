import HooksHarness
import HooksProtocol
import HooksWire

/// The basis for checking an edited response: the request of the call shown and the rules
/// the engine applied to that call.
struct ValidationContext: Sendable {
  /// The call's place in the run, under which an applied edit is remembered.
  var key: EditingScannerChannel.CallKey
  /// The call for messages, such as `rcpt <bob@example.org> gatekeeper`.
  var title: String
  var request: JSONValue
  var rules: ResponseRules

  /// Captures the context of `step`, the last call of `run`.
  init(step: StepSnapshot, run: ScenarioRun) {
    let stage = step.event.stage
    let occurrence = run.machine.snapshots.prefix(step.index).filter {
      $0.event.stage == stage && $0.scanner == step.scanner
    }.count
    key = EditingScannerChannel.CallKey(stage: stage, scanner: step.scanner, occurrence: occurrence)
    title = "\(step.event) \(step.scanner)"
    request = step.request
    let scenario = run.machine.scenario
    let registration =
      run.machine.registrations.indices.contains(step.scannerIndex)
      ? run.machine.registrations[step.scannerIndex] : nil
    let trusted =
      scenario.scanners.indices.contains(step.scannerIndex)
      ? scenario.scanners[step.scannerIndex].trusted : false
    // The same rules the engine applies, so a valid edit is one the engine accepts.
    rules = TransactionMachine.responseRules(
      at: stage, scenario: scenario, registration: registration, isTrusted: trusted)
  }

  /// Parses and validates `text` without applying it.
  ///
  /// A JSON syntax error is reported at its line and column. A refused operation is reported
  /// at the first line that contains its JSON Pointer in quotes, else at line 1, column 1, and
  /// so is a problem with the response as a whole.
  func diagnostics(for text: String) -> [EditDiagnostic] {
    let body: JSONValue
    do {
      body = try JSONParser.parse(text)
    } catch let error as JSONParseError {
      return [EditDiagnostic(line: error.line, column: error.column, message: error.message)]
    } catch {
      return [EditDiagnostic(line: 1, column: 1, message: "\(error)")]
    }
    var perOperationRules = rules
    perOperationRules.policy = .perOperation
    let perOperation = ResponseProcessor.process(
      body: body, request: request, rules: perOperationRules)
    var diagnostics: [EditDiagnostic] = []
    for outcome in perOperation.outcomes {
      guard case .refused(let reason) = outcome.status else { continue }
      let (line, column) = Self.position(of: "\"\(outcome.path)\"", in: text)
      diagnostics.append(
        EditDiagnostic(
          line: line, column: column, message: "\(outcome.label) \(outcome.path): \(reason)"))
    }
    let whole = ResponseProcessor.process(body: body, request: request, rules: rules)
    if !whole.isValid && diagnostics.isEmpty {
      let problems = whole.problems.isEmpty ? [whole.rule] : whole.problems
      diagnostics += problems.map { EditDiagnostic(line: 1, column: 1, message: $0) }
    }
    return diagnostics
  }

  /// Returns the 1-based line and column of the first occurrence of `needle`, or (1, 1).
  static func position(of needle: String, in text: String) -> (Int, Int) {
    for (index, line) in text.splitLines().enumerated() {
      var column = 1
      var rest = Substring(line)
      while !rest.isEmpty {
        if rest.hasPrefix(needle) { return (index + 1, column) }
        rest.removeFirst()
        column += 1
      }
    }
    return (1, 1)
  }
}
