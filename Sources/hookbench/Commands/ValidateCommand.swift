import HooksProtocol
import HooksWire

/// `hookbench validate`: prints the verdict on each operation of a scanner response without
/// applying it.
struct ValidateCommand: Subcommand {
  static let name = "validate"
  static let summary = "Check a scanner response operation by operation without applying it"
  static let usage =
    "usage: hookbench validate [--stage STAGE] RESPONSE [--request REQ] [--print-request] "
    + "[--profile P] [--update-properties P1,P2,...] [--trusted] [--policy atomic|per-operation]"

  static let help = """
    \(usage)

    Checks every operation of the scanner response in RESPONSE against the rules of the
    stage, as the fake MTA would, and prints one verdict per operation, then the verdict on
    the whole response under the failure policy. Nothing is written back.

    Each operation is checked on the request as the earlier valid operations left it, so a
    verdict does not depend on whether an earlier operation failed. Without --request, a
    built-in sample request for the stage is used (run with --print-request to see it).

    Options:
      --request FILE      The hook request the response answers (JSON or CBOR).
      --print-request     Print the request that was checked, as pretty JSON, first.
    \(ResponseOptions.helpLines)

    Exit status: 0 when the response is valid, 65 when it is invalid or a file cannot be read,
    64 for a usage error.

    """

  /// The instant the built-in sample request is dated, 2024-12-21T16:30:00Z, so the output
  /// is the same on every run.
  static let sampleInstant = UTCTimestamp(millisecondsSinceEpoch: 1_734_798_600_000)

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let requestPath = try arguments.option("--request")
    let printsRequest = arguments.flag("--print-request")
    let options = try ResponseOptions.parse(&arguments)
    let positionals = try arguments.finish()
    guard let responsePath = positionals.first else { throw UsageError("missing RESPONSE file") }
    if positionals.count > 1 {
      throw UsageError("unexpected argument \"\(positionals[1])\"; give one RESPONSE file")
    }

    let request: JSONValue
    let response: JSONValue
    do {
      if let requestPath {
        request = try BodyFile.readRequest(requestPath)
      } else {
        let state = TransactionState.sample(stage: options.rules.stage, at: sampleInstant)
        request = RequestBuilder.request(for: state)
      }
      response = try BodyFile.read(responsePath, role: "response")
    } catch let error as BodyFile.ReadError {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.invalidInput
    }
    if printsRequest { StandardStreams.out(request.prettyJSON + "\n") }

    // Every operation gets its own verdict: per-operation checks each one even after a
    // failure. The verdict on the whole response then follows the chosen policy.
    var perOperationRules = options.rules
    perOperationRules.policy = .perOperation
    let verdicts = ResponseProcessor.process(
      body: response, request: request, rules: perOperationRules)
    let overall = ResponseProcessor.process(body: response, request: request, rules: options.rules)

    var text = "response \(responsePath): \(verdicts.format.label), \(options.summary)\n"
    for outcome in verdicts.outcomes {
      switch outcome.status {
      case .applied: text += "  \(outcome.label) \(outcome.path): valid\n"
      case .skipped(let reason):
        // Only a refusal of the whole response skips operations in the per-operation run,
        // and the operation itself may be valid, so the verdict reports what happened to it.
        text += "  \(outcome.label) \(outcome.path): not applied: \(reason)\n"
      case .refused(let reason): text += "  \(outcome.label) \(outcome.path): invalid: \(reason)\n"
      }
    }
    for problem in overall.problems { text += "  problem: \(problem)\n" }
    for warning in overall.warnings { text += "  warning: \(warning)\n" }
    text += overall.isValid ? "valid: " : "invalid: "
    text += "\(overall.rule)\n"
    if overall.isValid { text += "result: \(overall.actionLine)\n" }
    StandardStreams.out(text)
    return overall.isValid ? ExitStatus.success : ExitStatus.invalidInput
  }
}
