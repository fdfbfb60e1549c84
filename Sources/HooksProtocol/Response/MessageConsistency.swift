import HooksWire

/// Tidies the request after a response was applied: addresses lose their angle brackets,
/// a Base64 `rawMessage` becomes bytes, and `message` and `rawMessage` are made consistent.
///
/// After a `rawMessage` edit the message is re-parsed. After `message` edits the raw message is
/// rewritten from the original bytes and then re-parsed, so derived properties such as
/// `subject` follow the header edits.
struct MessageConsistency {
  var document: JSONValue
  let applied: [PatchOperation]
  let stage: Stage
  let rawMessage: [UInt8]?
  let codec: MessageCodec?
  var warnings: [String] = []
  var changedMessage: JSONValue?
  var changedRawMessage: [UInt8]?
  var suppressesDSN = false

  init(
    document: JSONValue, applied: [PatchOperation], stage: Stage, rawMessage: [UInt8]?,
    codec: MessageCodec?
  ) {
    self.document = document
    self.applied = applied
    self.stage = stage
    self.rawMessage = rawMessage
    self.codec = codec
  }

  mutating func run() throws {
    guard var object = document.objectValue else { return }
    let touched = Set(applied.compactMap { $0.path?.tokens.first })
    if touched.contains("envelope"), let envelope = object["envelope"] {
      object["envelope"] = removingBrackets(envelope)
    }
    if let text = object["rawMessage"]?.stringValue, let bytes = Base64.decode(text) {
      object["rawMessage"] = .bytes(bytes)
    }

    if stage == .dsn && (touched.contains("message") || touched.contains("rawMessage")) {
      let messageGone = object["message"]?.isNull ?? true
      let rawGone = object["rawMessage"]?.isNull ?? true
      suppressesDSN = messageGone && rawGone
    }

    if touched.contains("rawMessage"), let bytes = object["rawMessage"]?.bytesValue {
      changedRawMessage = bytes
      if let parsed = parse(bytes) {
        changedMessage = parsed
        if object["message"] != nil { object["message"] = parsed }
      }
    } else if touched.contains("message"), let email = object["message"], !email.isNull {
      changedMessage = email
      let original = object["rawMessage"]?.bytesValue ?? rawMessage
      if let codec, let original {
        let bytes = try codec.write(email, original)
        changedRawMessage = bytes
        if object["rawMessage"]?.bytesValue != nil { object["rawMessage"] = .bytes(bytes) }
        if let parsed = parse(bytes) {
          changedMessage = parsed
          object["message"] = parsed
        }
      } else {
        warnings.append(
          "rawMessage was not regenerated after the message edits: "
            + (codec == nil ? "no message codec was given" : "the original raw message is unknown"))
      }
    }
    document = .object(object)
  }

  private mutating func parse(_ bytes: [UInt8]) -> JSONValue? {
    guard let codec else {
      warnings.append(
        "message was not re-parsed after the rawMessage edit: no message codec was given")
      return nil
    }
    let parsed = codec.parse(bytes)
    warnings += parsed.warnings
    return parsed.email
  }

  private mutating func removingBrackets(_ envelope: JSONValue) -> JSONValue {
    guard var object = envelope.objectValue else { return envelope }
    if let from = object["from"] {
      object["from"] = removingBrackets(address: from, at: "/envelope/from")
    }
    if let recipients = object["to"]?.arrayValue {
      object["to"] = .array(
        recipients.enumerated().map { removingBrackets(address: $1, at: "/envelope/to/\($0)") })
    }
    return .object(object)
  }

  private mutating func removingBrackets(address: JSONValue, at pointer: String) -> JSONValue {
    guard var object = address.objectValue, let text = object["address"]?.stringValue,
      text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2
    else { return address }
    let bare = String(text.dropFirst().dropLast())
    object["address"] = .string(bare)
    warnings.append("\(pointer)/address: angle brackets removed from \(ValueRules.quoted(text))")
    return .object(object)
  }
}
