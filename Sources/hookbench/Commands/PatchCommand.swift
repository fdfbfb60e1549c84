import HooksProtocol
import HooksWire

/// `hookbench patch`: applies one scanner response to one request offline, under the rules of
/// a stage and a profile.
struct PatchCommand: Subcommand {
  static let name = "patch"
  static let summary = "Apply a scanner response to a request and print the result"
  static let usage =
    "usage: hookbench patch --request REQ --response RESP [--stage STAGE] [--profile P] "
    + "[--update-properties P1,P2,...] [--trusted] [--policy atomic|per-operation] "
    + "[--pointer-only] [--diff]"

  static let help = """
    \(usage)

    Applies the modifications in RESP to the hook request in REQ and prints the resulting
    request as pretty JSON, with its members in the request's order. RESP is either the
    draft's {"set": [...], "add": [...], "delete": [...]} object or an RFC 6902 JSON Patch
    array, shown as "JSON Patch (draft-02 preview)".

    The response is validated first, as the fake MTA does: writable paths per stage and
    updateProperties, action values, reply codes against the action, header names and
    values, recipient syntax, array bounds, and the profile's rule for lowering the action.
    The printed request carries the effective "action" and "response".

    Either file may be JSON or CBOR; the format is detected from the content.

    Options:
      --request FILE      The hook request body.
      --response FILE     The scanner's response body.
    \(ResponseOptions.helpLines)
      --pointer-only      Apply with the patch engine alone: JSON Pointer and operation
                          rules only, no stage, profile or value checks, and no effective
                          action or reply added. For comparing with other JSON Patch tools.
      --diff              Print a unified diff of the request and the result instead of the
                          result.

    Exit status: 0 when the response is valid, 65 when a file cannot be read or the response
    is invalid (each failing operation is listed on stderr; under atomic nothing is printed,
    under per-operation the partial result is), 64 for a usage error.

    """

  /// The command line, read before any file is opened.
  struct Options {
    var requestPath: String
    var responsePath: String
    var response: ResponseOptions
    var isPointerOnly: Bool
    var showsDiff: Bool
  }

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let options = try parseOptions(&arguments)

    let request: JSONValue
    let response: JSONValue
    do {
      // The pointer-only mode takes any JSON document, as JSON Patch tools do.
      request =
        options.isPointerOnly
        ? try BodyFile.read(options.requestPath, role: "request")
        : try BodyFile.readRequest(options.requestPath)
      response = try BodyFile.read(options.responsePath, role: "response")
    } catch let error as BodyFile.ReadError {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.invalidInput
    }

    if options.isPointerOnly { return applyPointerOnly(request, response, options) }

    let processed = ResponseProcessor.process(
      body: response, request: request, rules: options.response.rules)
    if !processed.isValid {
      StandardStreams.err(
        "error: invalid response in \"\(options.responsePath)\" (\(processed.format.label), "
          + "\(options.response.summary)); \(processed.rule)\n" + processed.reportLines)
      if options.response.rules.policy == .atomic { return ExitStatus.invalidInput }
    } else if !processed.warnings.isEmpty {
      StandardStreams.err(processed.warnings.map { "warning: \($0)\n" }.joined())
    }

    printResult(request, processed.request, options)
    return processed.isValid ? ExitStatus.success : ExitStatus.invalidInput
  }

  /// Reads the options.
  ///
  /// - Throws: `UsageError` for a missing or unknown option or a positional argument.
  static func parseOptions(_ arguments: inout ArgumentList) throws -> Options {
    let requestPath = try arguments.option("--request")
    let responsePath = try arguments.option("--response")
    let response = try ResponseOptions.parse(&arguments)
    let isPointerOnly = arguments.flag("--pointer-only")
    let showsDiff = arguments.flag("--diff")
    let positionals = try arguments.finish()

    if let extra = positionals.first {
      throw UsageError("unexpected argument \"\(extra)\"; give files with --request and --response")
    }
    guard let requestPath else { throw UsageError("missing --request FILE") }
    guard let responsePath else { throw UsageError("missing --response FILE") }
    return Options(
      requestPath: requestPath, responsePath: responsePath, response: response,
      isPointerOnly: isPointerOnly, showsDiff: showsDiff)
  }

  /// Applies the response with the patch engine alone and prints the result.
  static func applyPointerOnly(_ request: JSONValue, _ response: JSONValue, _ options: Options)
    -> Int32
  {
    let patch = Patch.parse(response)
    let policy = options.response.rules.policy
    let result = PatchEngine.apply(patch, to: request, policy: policy)
    if !result.isClean {
      var text =
        "error: invalid response in \"\(options.responsePath)\" (\(patch.format.displayName)); "
        + "\(result.policySummary)\n"
      for outcome in result.refusals {
        guard case .refused(let reason) = outcome.status else { continue }
        text += "  \(outcome.operation.label) \"\(outcome.operation.pathText)\": \(reason)\n"
      }
      for problem in result.problems {
        text += "  \(problem.location): \(problem.message)\n"
      }
      StandardStreams.err(text)
      if policy == .atomic { return ExitStatus.invalidInput }
    }
    printResult(request, result.document, options)
    return result.isClean ? ExitStatus.success : ExitStatus.invalidInput
  }

  /// Prints the resulting request, or its diff against the request with `--diff`.
  static func printResult(_ request: JSONValue, _ result: JSONValue, _ options: Options) {
    if options.showsDiff {
      StandardStreams.out(
        LineDiff.unified(
          from: request.prettyJSON + "\n", to: result.prettyJSON + "\n",
          oldName: options.requestPath, newName: "result"))
    } else {
      StandardStreams.out(result.prettyJSON + "\n")
    }
  }
}
