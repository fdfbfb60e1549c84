extension TransactionState {
  /// Returns the state at the start of `next`, once the scanner chain for the current stage
  /// has ended.
  ///
  /// - At `rcpt`, the current recipient joins `recipients` unless the effective action is
  ///   `reject`, which refuses that recipient only, so it disappears from every later request.
  /// - `quarantine` and `discard` chosen at an inbound stage carry forward as the default
  ///   action of later stages (held or dropped after DATA); `discard` outranks `quarantine`.
  /// - `response` resets to the next stage's default reply.
  ///
  /// A `reject` at `connect`, `ehlo` or `mail`, a `disconnect`, and outbound `cancel` end the
  /// transaction or session; the caller does not advance past them.
  public func advanced(to next: Stage, at instant: UTCTimestamp) -> TransactionState {
    var state = self
    let final = effectiveAction
    if stage == .rcpt, let current = currentRecipient {
      if final != .reject { state.recipients.append(current) }
      state.currentRecipient = nil
    }
    if final == .discard || (final == .quarantine && carriedAction != .discard) {
      state.carriedAction = final
    }
    state.stage = next
    state.stageStartedAt = instant
    state.action = state.carriedAction
    state.response = nil
    return state
  }
}
