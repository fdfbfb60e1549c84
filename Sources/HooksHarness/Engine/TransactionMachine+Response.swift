import HooksProtocol
import HooksWire

extension TransactionMachine {
  /// Applies a scanner failure under the scanner's failure policy.
  ///
  /// - `tempfail`: at an inbound stage the action becomes `reject` with `451 4.3.0`, which
  ///   stops the chain. Outbound stages have no client to reply to, so the failure is recorded
  ///   and the chain goes on.
  /// - `fail-open`: nothing changes and the chain goes on.
  func applyFailure(_ failure: ScannerCallFailure, scanner: ScannerSettings,
                    to snapshot: inout StepSnapshot) {
    let stage = snapshot.event.stage
    // A failed registration is reported once, with its cause, in the registration record.
    // Each stage it affects names it without repeating the cause.
    let cause: String
    if case .registration = failure, registrationFailed(scanner) {
      cause = "not registered, see the registration failure"
    } else {
      cause = "\(failure)"
    }
    switch scanner.failurePolicy {
    case .failOpen:
      snapshot.rule = "fail-open: scanner \"\(scanner.name)\" failed at stage \(stage) "
        + "(\(cause)); continuing with the default action"
    case .tempfail:
      stageFailed = true
      if stage.direction == .inbound {
        state.action = .reject
        state.response = SmtpResponse(
          code: 451, enhancedCode: "4.3.0",
          message: "Scanner \(scanner.name) unavailable, try again later")
        snapshot.stopsChain = true
        snapshot.rule = "tempfail: scanner \"\(scanner.name)\" failed at stage \(stage) "
          + "(\(cause)); answering 451 4.3.0"
      } else {
        snapshot.rule = "tempfail: scanner \"\(scanner.name)\" failed at stage \(stage) "
          + "(\(cause)); outbound stages have no client to reply to, continuing"
      }
    }
    snapshot.problems.append("\(failure)")
  }

  /// Whether `scanner`'s registration at the start of the session failed.
  private func registrationFailed(_ scanner: ScannerSettings) -> Bool {
    guard let position = scenario.scanners.firstIndex(where: { $0.name == scanner.name }),
      position < registrations.count
    else { return false }
    return registrations[position].failure != nil
  }

  /// Returns the rules a scanner's response is checked against at `stage`: the scenario's
  /// profile and failure policy, and what the scanner's registration negotiated. The
  /// workbench checks edited responses with the same rules.
  public static func responseRules(
    at stage: Stage, scenario: Scenario, registration: ScannerSubscription?, isTrusted: Bool
  ) -> ResponseRules {
    ResponseRules(
      stage: stage, profile: Profile(rawValue: scenario.profile) ?? .draft01,
      updateProperties: registration?.updateProperties[stage.direction],
      actions: registration?.actions[stage.direction],
      policy: scenario.policy == "per-operation" ? .perOperation : .atomic,
      isTrusted: isTrusted)
  }

  /// Validates and applies one scanner response to the state, through HooksProtocol's
  /// `ResponseProcessor`: writable paths, value rules, action precedence and the failure
  /// policy are all checked there, and both message forms are kept consistent.
  func applyResponse(_ body: JSONValue?, scanner: ScannerSettings,
                     registration: ScannerSubscription, to snapshot: inout StepSnapshot) {
    let rules = Self.responseRules(
      at: snapshot.event.stage, scenario: scenario, registration: registration,
      isTrusted: scanner.trusted)
    let processed = ResponseProcessor.process(
      body: body, request: snapshot.request, rules: rules, rawMessage: state.rawMessage,
      codec: messageCodec)

    snapshot.operations = processed.outcomes
    snapshot.problems += processed.problems
    snapshot.warnings += processed.warnings
    // JSON Patch is not part of draft-00 or draft-01, so the rule names the format, as
    // `hookbench validate` does.
    snapshot.rule = processed.format == .jsonPatch
      ? "\(processed.format.label), \(processed.rule)" : processed.rule

    state = state.absorbing(processed)
    // A discard carried from an earlier stage already stopped the chain where it was chosen.
    // Left in force unchanged, it does not stop the chains of later stages.
    let carried = rememberedAction != nil && processed.action == rememberedAction
      && processed.action == snapshot.actionBefore
    snapshot.stopsChain = processed.stopsChain && !carried
  }
}
