import HooksWire

/// One pass of `ResponseProcessor` over one response: the request as prepared, the initial
/// action and reply, and the steps that turn a body into a `ProcessedResponse`.
struct ProcessingRun {
  /// The most /response operations skipped, one per pass, while a reply conflicts with the
  /// action under `per-operation`. A real scanner writes a few /response members, so more
  /// conflicts than this refuse the response as a whole.
  static let maxReplyConflictRetries = 16

  let rules: ResponseRules
  let codec: MessageCodec?
  let rawMessage: [UInt8]?
  /// The request with `action` (and `response`, inbound) present, so a scanner can set them
  /// even when they were not negotiated.
  let working: JSONValue
  let initialAction: Action
  let initialReply: SmtpResponse?
  var warnings: [String] = []

  init(request: JSONValue, rules: ResponseRules, rawMessage: [UInt8]?, codec: MessageCodec?) {
    self.rules = rules
    self.codec = codec
    self.rawMessage = rawMessage
    var object = request.objectValue ?? JSONObject()
    let action =
      object["action"]?.stringValue.flatMap(Action.init(rawValue:))
      ?? rules.stage.direction.neutralAction
    object["action"] = .string(action.rawValue)
    var reply: SmtpResponse?
    if rules.stage.direction == .inbound {
      let existing = object["response"]?.objectValue.map(SmtpResponse.init(unchecked:))
      let serverName = object["server"]?["name"]?.stringValue
      let resolved =
        existing ?? DefaultReply.reply(for: action, at: rules.stage, serverName: serverName)
      object["response"] = resolved.json
      reply = resolved
    }
    working = .object(object)
    initialAction = action
    initialReply = reply
  }

  mutating func process(_ body: JSONValue?) -> ProcessedResponse {
    guard let body, !ResponseProcessor.isEmptyBody(body) else {
      return unchanged(format: .empty, outcomes: [], rule: "no change: the response is empty")
    }
    let patch = Patch.parse(body)
    let format: ResponseFormat = patch.format == .jsonPatch ? .jsonPatch : .draft
    // The shape check names problems in the draft's terms; the parser's own problems are
    // shown only when the shape check found none.
    var shapeProblems = ResponseShape.problems(body)
    if shapeProblems.isEmpty { shapeProblems = patch.problems.map { "\($0)" } }
    guard shapeProblems.isEmpty else {
      var result = refusedWhole(
        patch.operations, format: format, reason: shapeProblems[0], label: "malformed response")
      result.problems = shapeProblems
      return result
    }

    let split = RawMessagePrecedence(patch: patch)
    for operation in split.dropped {
      warnings.append(
        "\(operation.label) \(operation.pathText) dropped: the response also replaces "
          + "/rawMessage, and the rawMessage change wins")
    }
    return apply(split, format: format)
  }

  private mutating func apply(_ split: RawMessagePrecedence, format: ResponseFormat)
    -> ProcessedResponse
  {
    let validator = OperationValidator(rules: rules)
    var blamed: [String: String] = [:]
    // Each pass either succeeds or blames one more operation for a whole-response conflict.
    // Every pass applies the whole response again, so the passes are capped: without the
    // cap, a response of n conflicting /response operations costs n passes of n operations.
    let passLimit = min(split.applied.operations.count, Self.maxReplyConflictRetries) + 1
    for _ in 0..<passLimit {
      let known = blamed
      let check: OperationCheck = { operation, document in
        known[operation.label] ?? validator.refusal(for: operation, in: document)
      }
      let result = PatchEngine.apply(
        split.applied, to: working, policy: rules.policy, check: check)
      let reports = split.reports(for: result.outcomes)
      let refused = reports.filter {
        if case .refused = $0.status { return true } else { return false }
      }
      if rules.policy == .atomic && !refused.isEmpty {
        return atomicFailure(reports, refused: refused, format: format)
      }

      let appliedOperations = result.outcomes.filter { $0.status == .applied }.map(\.operation)
      let finalAction =
        result.document["action"]?.stringValue.flatMap(Action.init(rawValue:)) ?? initialAction
      var resolution: ReplyResolution?
      if let initialReply {
        let resolved = ReplyResolution(
          document: result.document, applied: appliedOperations, initialAction: initialAction,
          initialReply: initialReply, finalAction: finalAction, stage: rules.stage)
        if let conflict = resolved.conflict(with: finalAction) {
          let label = resolved.lastResponseLabel ?? appliedOperations.last?.label
          if let label, blamed[label] == nil {
            blamed[label] = conflict
            continue
          }
          return refusedWhole(
            reports, format: format, reason: conflict, label: "refused as a whole")
        }
        resolution = resolved
      }
      if let reason = rules.profile.overrideRefusal(
        from: initialAction, to: finalAction, isTrusted: rules.isTrusted)
      {
        return refusedWhole(reports, format: format, reason: reason, label: "refused as a whole")
      }
      return finish(
        result.document, reports: reports, applied: appliedOperations, action: finalAction,
        reply: resolution?.reply, format: format, refusedCount: refused.count)
    }
    return refusedWhole(
      split.all, format: format,
      reason: "the reply still conflicts with the action after skipping "
        + "\(Self.maxReplyConflictRetries) /response operations; write one /response that "
        + "fits the action",
      label: "refused as a whole")
  }

  private mutating func finish(
    _ document: JSONValue, reports: [OperationReport], applied: [PatchOperation], action: Action,
    reply: SmtpResponse?, format: ResponseFormat, refusedCount: Int
  ) -> ProcessedResponse {
    var consistency = MessageConsistency(
      document: document, applied: applied, stage: rules.stage, rawMessage: rawMessage,
      codec: codec)
    do {
      try consistency.run()
    } catch {
      return refusedWhole(
        reports, format: format,
        reason: "the edited message could not be written back to raw form: \(error)",
        label: "refused as a whole")
    }
    warnings += consistency.warnings

    var object = consistency.document.objectValue ?? JSONObject()
    object["action"] = .string(action.rawValue)
    if let reply { object["response"] = reply.json }

    let total = reports.count
    let appliedCount = reports.filter { $0.status == .applied }.count
    let policyName = rules.policy.rawValue
    var rule =
      "\(policyName): " + (total == 1 ? "1 operation" : "all \(total) operations") + " applied"
    if refusedCount > 0 || appliedCount < total {
      let skipped = reports.filter { $0.status != .applied }.map(\.label).joined(separator: ", ")
      rule =
        "\(policyName): \(appliedCount) of \(total) operations applied; not applied: \(skipped)"
    }
    return ProcessedResponse(
      format: format, isValid: refusedCount == 0, request: .object(object), action: action,
      reply: reply, outcomes: reports, problems: [], warnings: warnings, rule: rule,
      message: consistency.changedMessage, rawMessage: consistency.changedRawMessage,
      suppressesDSN: consistency.suppressesDSN)
  }

  private func atomicFailure(
    _ reports: [OperationReport], refused: [OperationReport], format: ResponseFormat
  ) -> ProcessedResponse {
    let names = refused.map(\.label).joined(separator: ", ")
    let reason = "atomic: nothing applied because \(names) failed"
    let outcomes = reports.map { report -> OperationReport in
      if case .refused = report.status { return report }
      return OperationReport(
        label: report.label, kind: report.kind, path: report.path,
        status: .skipped("atomic: nothing applied because \(names) failed"))
    }
    var result = unchanged(
      format: format, outcomes: outcomes,
      rule: "\(reason); the stage continues with the request's action (\(initialAction))")
    result.isValid = false
    return result
  }

  /// Refuses the whole response after the engine ran: operations it refused keep their own
  /// reason, and every other one is marked skipped for `reason`.
  private func refusedWhole(
    _ reports: [OperationReport], format: ResponseFormat, reason: String, label: String
  ) -> ProcessedResponse {
    var result = refusedWhole([PatchOperation](), format: format, reason: reason, label: label)
    result.outcomes = reports.map { report in
      if case .refused = report.status { return report }
      return OperationReport(
        label: report.label, kind: report.kind, path: report.path, status: .skipped(reason))
    }
    return result
  }

  private func refusedWhole(
    _ operations: [PatchOperation], format: ResponseFormat, reason: String, label: String
  ) -> ProcessedResponse {
    let outcomes = operations.map {
      OperationReport(
        label: $0.label, kind: $0.kind.rawValue, path: $0.pathText, status: .skipped(reason))
    }
    var result = unchanged(
      format: format, outcomes: outcomes,
      rule: "\(label): \(reason); nothing applied, the stage continues with the request's "
        + "action (\(initialAction))")
    result.isValid = false
    result.problems = [reason]
    return result
  }

  private func unchanged(format: ResponseFormat, outcomes: [OperationReport], rule: String)
    -> ProcessedResponse
  {
    ProcessedResponse(
      format: format, isValid: true, request: working, action: initialAction,
      reply: initialReply, outcomes: outcomes, problems: [], warnings: warnings, rule: rule,
      message: nil, rawMessage: nil, suppressesDSN: false)
  }
}
