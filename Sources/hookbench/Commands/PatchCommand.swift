import HooksWire

/// `hookbench patch`: applies one scanner response to one request offline.
struct PatchCommand: Subcommand {
  static let name = "patch"
  static let summary = "Apply a scanner response to a request and print the result"
  static let usage =
    "usage: hookbench patch --request REQ --response RESP [--policy atomic|per-operation] [--diff]"

  static let help = """
    \(usage)

    Applies the modifications in RESP to the hook request in REQ and prints the resulting
    request as pretty JSON, with its members in the request's order. RESP is either the
    draft's {"set": [...], "add": [...], "delete": [...]} object or an RFC 6902 JSON Patch
    array, shown as "JSON Patch (draft-02 preview)". Only JSON Pointer rules are checked:
    which paths a stage may write is not.

    Either file may be JSON or CBOR; the format is detected from the content.

    Options:
      --request FILE      The hook request body.
      --response FILE     The scanner's response body.
      --policy POLICY     What an invalid response does: atomic (default) applies nothing,
                          per-operation skips only the failing operations.
      --diff              Print a unified diff of the request and the result instead of the
                          result.

    Exit status: 0 when every operation applied, 65 when a file cannot be read or the
    response is invalid (each failing operation is listed on stderr; under atomic nothing is
    printed, under per-operation the partial result is), 64 for a usage error.

    """

  /// The command line, read before any file is opened.
  struct Options {
    var requestPath: String
    var responsePath: String
    var policy: PatchFailurePolicy
    var showsDiff: Bool
  }

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let options = try parseOptions(&arguments)

    let request: JSONValue
    let response: JSONValue
    do {
      request = try BodyFile.read(options.requestPath, role: "request")
      response = try BodyFile.read(options.responsePath, role: "response")
    } catch let error as BodyFile.ReadError {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.invalidInput
    }

    let patch = Patch.parse(response)
    let result = PatchEngine.apply(
      patch, to: request, policy: options.policy, check: makeCheck(options))
    if !result.isClean {
      reportFailures(result, patch: patch, responsePath: options.responsePath)
      if options.policy == .atomic { return ExitStatus.invalidInput }
    }

    if options.showsDiff {
      StandardStreams.out(
        LineDiff.unified(
          from: request.prettyJSON + "\n", to: result.document.prettyJSON + "\n",
          oldName: options.requestPath, newName: "result"))
    } else {
      StandardStreams.out(result.document.prettyJSON + "\n")
    }
    return result.isClean ? ExitStatus.success : ExitStatus.invalidInput
  }

  /// Reads the options.
  ///
  /// - Throws: `UsageError` for a missing or unknown option or a positional argument.
  static func parseOptions(_ arguments: inout ArgumentList) throws -> Options {
    let requestPath = try arguments.option("--request")
    let responsePath = try arguments.option("--response")
    let policyName = try arguments.choice(
      "--policy", from: PatchFailurePolicy.allCases.map(\.rawValue))
    let showsDiff = arguments.flag("--diff")
    let positionals = try arguments.finish()

    if let extra = positionals.first {
      throw UsageError("unexpected argument \"\(extra)\"; give files with --request and --response")
    }
    guard let requestPath else { throw UsageError("missing --request FILE") }
    guard let responsePath else { throw UsageError("missing --response FILE") }
    return Options(
      requestPath: requestPath, responsePath: responsePath,
      policy: policyName.flatMap(PatchFailurePolicy.init(rawValue:)) ?? .atomic,
      showsDiff: showsDiff)
  }

  /// Returns the per-operation check for the options, or nil for pointer rules only.
  ///
  /// This is where stage rules (writable paths, action values) will plug in once the command
  /// takes `--stage` and `--profile`. Today no option selects a check.
  static func makeCheck(_ options: Options) -> OperationCheck? {
    nil
  }

  /// Writes the failure policy's verdict, every failing operation and every structural
  /// problem to stderr.
  static func reportFailures(_ result: PatchResult, patch: Patch, responsePath: String) {
    var text =
      "error: invalid response in \"\(responsePath)\" (\(patch.format.displayName)); "
      + "\(result.policySummary)\n"
    for outcome in result.refusals {
      guard case .refused(let reason) = outcome.status else { continue }
      text += "  \(outcome.operation.label) \"\(outcome.operation.pathText)\": \(reason)\n"
    }
    for problem in result.problems {
      text += "  \(problem.location): \(problem.message)\n"
    }
    StandardStreams.err(text)
  }
}
