import HooksProtocol
import HooksWire

extension TransactionState {
  /// Takes over what a scanner changed in a request: the action, the reply, the envelope and
  /// the message forms.
  ///
  /// Only the top-level members of `sent` that changed are read, so that an untouched default
  /// (the stage's reply, for one) stays a default. Only members of `sent` count, because a property that was not negotiated
  /// is absent from both documents. A member present in `sent` but missing from `edited` was
  /// deleted, and becomes nil (this is how a scanner suppresses a DSN).
  ///
  /// At `rcpt` the last element of `envelope.to` is the recipient under test; the others are
  /// the recipients accepted so far.
  mutating func absorb(_ edited: JSONValue, sent: JSONValue) {
    guard let sentMembers = sent.objectValue, let members = edited.objectValue else { return }
    for key in sentMembers.keys where members[key] != sentMembers[key] {
      let value = members[key]
      switch key {
      case "action":
        if let name = value?.stringValue, let action = Action(rawValue: name) {
          self.action = action
        }
      case "response":
        if let object = value?.objectValue { response = SmtpResponse(unchecked: object) }
      case "envelope":
        absorbEnvelope(value)
      case "message":
        message = value.flatMap { $0.isNull ? nil : $0 }
      case "rawMessage":
        rawMessage = value.flatMap(Self.bytes(of:))
      default:
        break
      }
    }
  }

  private mutating func absorbEnvelope(_ value: JSONValue?) {
    guard let envelope = value?.objectValue else { return }
    if let from = envelope["from"]?.objectValue { envelopeFrom = EnvelopeAddress(unchecked: from) }
    guard let list = envelope["to"]?.arrayValue else { return }
    let objects = list.compactMap(\.objectValue)
    if stage.direction == .outbound {
      outboundRecipients = objects.map { DeliveryRecipient(unchecked: $0) }
      return
    }
    var addresses = objects.map { EnvelopeAddress(unchecked: $0) }
    if stage == .rcpt {
      currentRecipient = addresses.popLast()
    }
    recipients = addresses
  }

  /// Returns the bytes of a `rawMessage` value: a byte string (CBOR) or Base64 text (JSON).
  static func bytes(of value: JSONValue) -> [UInt8]? {
    if let bytes = value.bytesValue { return bytes }
    if let text = value.stringValue { return Base64.decode(text) }
    return nil
  }
}
