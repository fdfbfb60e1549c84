import HooksProtocol
import HooksWire

/// The options that select the rules a scanner response is checked against, shared by
/// `patch` and `validate`.
struct ResponseOptions {
  /// The help lines for these options, indented like the rest of each command's help.
  static let helpLines = """
      --stage STAGE       The stage the request was sent at: connect, ehlo, mail, rcpt,
                          data (default), delivery, defer or dsn.
      --profile PROFILE   The protocol profile: draft-01 (default) or draft-00.
      --update-properties P1,P2,...
                          The scanner's updateProperties, as comma-separated JSON Pointers.
                          Default: those of the draft-01 example discovery document
                          (inbound: /envelope,/message,/rawMessage,/action,/response;
                          outbound: /envelope/to,/action,/message,/rawMessage).
      --trusted           Let the scanner lower the action (quarantine to accept).
      --policy POLICY     What an invalid operation does: atomic (default) applies nothing,
                          per-operation skips only the failing operations.
    """

  var rules: ResponseRules

  /// Reads the options and builds the rules.
  ///
  /// - Throws: `UsageError` for an unknown stage, profile or policy, or an invalid pointer.
  static func parse(_ arguments: inout ArgumentList) throws -> ResponseOptions {
    let stageName = try arguments.choice("--stage", from: Stage.allCases.map(\.rawValue))
    let profileName = try arguments.choice("--profile", from: Profile.allCases.map(\.rawValue))
    let policyName = try arguments.choice(
      "--policy", from: PatchFailurePolicy.allCases.map(\.rawValue))
    let propertyList = try arguments.option("--update-properties")
    let isTrusted = arguments.flag("--trusted")

    var updateProperties: [String]?
    if let propertyList {
      let pointers = propertyList.split(separator: ",").map {
        String($0.drop { $0 == " " })
      }
      for pointer in pointers where !pointer.hasPrefix("/") {
        throw UsageError(
          "invalid JSON Pointer \"\(pointer)\" in --update-properties; write it like /message")
      }
      updateProperties = pointers
    }
    let rules = ResponseRules(
      stage: stageName.flatMap(Stage.init(rawValue:)) ?? .data,
      profile: profileName.flatMap(Profile.init(rawValue:)) ?? .draft01,
      updateProperties: updateProperties,
      policy: policyName.flatMap(PatchFailurePolicy.init(rawValue:)) ?? .atomic,
      isTrusted: isTrusted)
    return ResponseOptions(rules: rules)
  }

  /// One line naming the rules, for reports: `stage data, profile draft-01, policy atomic`.
  var summary: String {
    var text = "stage \(rules.stage), profile \(rules.profile), policy \(rules.policy.rawValue)"
    if rules.isTrusted { text += ", trusted" }
    return text
  }
}

extension ProcessedResponse {
  /// The per-operation verdicts, warnings and problems, one per line, each indented by two
  /// spaces.
  var reportLines: String {
    var text = ""
    for outcome in outcomes { text += "  \(outcome.line)\n" }
    for problem in problems where !outcomes.contains(where: { $0.line.hasSuffix(problem) }) {
      text += "  \(problem)\n"
    }
    for warning in warnings { text += "  warning: \(warning)\n" }
    return text
  }

  /// The effective action and reply on one line: `action reject, reply 550 5.7.1 …`.
  var actionLine: String {
    var text = "action \(action)"
    if let reply { text += ", reply \(reply.line)" }
    if isTemporary { text += " (temporary)" }
    if suppressesDSN { text += ", DSN suppressed" }
    return text
  }
}
