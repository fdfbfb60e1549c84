import HooksWire

extension TransactionState {
  /// Returns the state after `processed`, so the next scanner's request shows what this one
  /// changed: the action and reply, the envelope, and both message forms.
  ///
  /// At `rcpt` the last recipient of the processed envelope becomes `currentRecipient` and the
  /// others `recipients`. A reject there still leaves the recipient in place: the caller
  /// decides, when the chain ends, to drop the refused recipient.
  public func absorbing(_ processed: ProcessedResponse) -> TransactionState {
    var state = self
    state.action = processed.action
    if stage.direction == .inbound { state.response = processed.reply }

    if let envelope = processed.request["envelope"], !envelope.isNull {
      if let from = envelope["from"]?.objectValue {
        state.envelopeFrom = EnvelopeAddress(unchecked: from)
      }
      let recipients = envelope["to"]?.arrayValue?.compactMap(\.objectValue) ?? []
      if stage.direction == .outbound {
        state.outboundRecipients = recipients.map(DeliveryRecipient.init(unchecked:))
      } else {
        var addresses = recipients.map(EnvelopeAddress.init(unchecked:))
        if stage == .rcpt && currentRecipient != nil {
          state.currentRecipient = addresses.popLast()
        }
        state.recipients = addresses
      }
    }

    if processed.suppressesDSN {
      state.message = nil
      state.rawMessage = nil
    } else {
      if let message = processed.message { state.message = message }
      if let raw = processed.rawMessage { state.rawMessage = raw }
    }
    return state
  }
}
