import HooksProtocol
import HooksWire

extension TransactionMachine {
  /// Applies a scanner failure under the scanner's failure policy.
  ///
  /// - `tempfail`: at an inbound stage the action becomes `reject` with `451 4.3.0`, which
  ///   stops the chain. Outbound stages have no client to answer, so the failure is recorded
  ///   and the chain goes on.
  /// - `fail-open`: nothing changes and the chain goes on.
  func applyFailure(_ failure: ScannerCallFailure, scanner: ScannerSettings,
                    to snapshot: inout StepSnapshot) {
    let stage = snapshot.event.stage
    switch scanner.failurePolicy {
    case .failOpen:
      snapshot.rule = "fail-open: scanner \"\(scanner.name)\" failed at stage \(stage) "
        + "(\(failure)); continuing with the default action"
    case .tempfail:
      stageFailed = true
      if stage.direction == .inbound {
        state.action = .reject
        state.response = SmtpResponse(
          code: 451, enhancedCode: "4.3.0",
          message: "Scanner \(scanner.name) unavailable, try again later")
        snapshot.stopsChain = true
        snapshot.rule = "tempfail: scanner \"\(scanner.name)\" failed at stage \(stage) "
          + "(\(failure)); answering 451 4.3.0"
      } else {
        snapshot.rule = "tempfail: scanner \"\(scanner.name)\" failed at stage \(stage) "
          + "(\(failure)); outbound stages have no client to answer, continuing"
      }
    }
    snapshot.problems.append("\(failure)")
  }

  /// Validates and applies one scanner response to the state.
  ///
  /// TODO: switch to HooksProtocol's `ResponseProcessor` once it is on main; this interim
  /// version checks writable paths and action precedence, but not value types, and does not
  /// rebuild `rawMessage` after `message` edits.
  func applyResponse(_ body: JSONValue?, scanner: ScannerSettings,
                     registration: ScannerSubscription, to snapshot: inout StepSnapshot) {
    let stage = snapshot.event.stage
    guard let body, !Self.isEmptyBody(body) else {
      snapshot.rule = "no change"
      return
    }
    let patch = Patch.parse(body)
    let policy: PatchFailurePolicy = scenario.policy == "per-operation" ? .perOperation : .atomic
    let writable = WritablePaths(
      stage: stage,
      updateProperties: registration.updateProperties[stage.direction]
        ?? DiscoveryDocument.draftExampleCapabilities.capabilities(for: stage.direction)?
        .updateProperties ?? [])
    let result = PatchEngine.apply(patch, to: snapshot.request, policy: policy) { operation, _ in
      guard let path = operation.path else { return nil }
      return writable.refusal(for: path.tokens, stage: stage)
    }
    snapshot.operations = result.outcomes.map { outcome in
      OperationRecord(
        label: outcome.operation.label, kind: outcome.operation.kind.rawValue,
        path: outcome.operation.pathText, status: outcome.status)
    }
    snapshot.problems += result.problems.map { $0.description }

    let before = state.effectiveAction
    if let name = result.document["action"]?.stringValue {
      guard let action = Action(rawValue: name), action.direction == stage.direction else {
        snapshot.problems.append("action \"\(name)\" is not valid at stage \(stage)")
        snapshot.rule = "refused: invalid action; nothing applied"
        return
      }
      if action.strength < before.strength && !scanner.trusted
        && scenario.profile != "draft-00"
      {
        snapshot.problems.append(
          "action \(before) → \(action) lowers the action; only a trusted scanner may do that")
        snapshot.rule = "refused: the response lowers the action (draft-01 precedence)"
        return
      }
    }
    state.absorb(result.document, sent: snapshot.request)
    snapshot.stopsChain = state.effectiveAction.isTerminal
    let refused = result.outcomes.filter { $0.status != OperationStatus.applied }.count
    switch (policy, refused) {
    case (_, 0): snapshot.rule = "applied"
    case (.atomic, _): snapshot.rule = "atomic: nothing applied because \(refused) operations failed"
    default: snapshot.rule = "per-operation: \(refused) operations skipped"
    }
  }

  /// Whether `body` means "no change": `{}`, an empty JSON Patch, or empty operation lists.
  static func isEmptyBody(_ body: JSONValue) -> Bool {
    if let object = body.objectValue {
      return object.members.allSatisfy { member in
        ["set", "add", "delete"].contains(member.key)
          && (member.value.isNull || member.value.arrayValue?.isEmpty == true)
      }
    }
    return body.arrayValue?.isEmpty == true
  }
}
