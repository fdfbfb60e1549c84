import HooksWire

/// Builds the JMAP Email object (RFC 8621 §4.1) from a parsed MIME tree, without the
/// metadata properties (`id`, `blobId`, `threadId`, `mailboxIds`, `keywords`, `receivedAt`).
enum EmailBuilder {
  static func build(raw: [UInt8], root: MIMEPart, warnings: inout [MailWarning]) -> JSONValue {
    let fields = root.header.fields
    var email = JSONObject()
    email["size"] = .integer(raw.count)
    email["headers"] = headersJSON(fields)
    email["messageId"] = messageIDs(fields, "Message-ID", raw)
    email["inReplyTo"] = messageIDs(fields, "In-Reply-To", raw)
    email["references"] = messageIDs(fields, "References", raw)
    for (property, name) in HeaderProperty.addressFields {
      email[property] = addresses(fields, name, raw)
    }
    email["subject"] = subject(fields, raw)
    email["sentAt"] = sentAt(fields, raw)

    var contents: [Int: PartContent] = [:]
    for part in root.allParts where !part.isMultipart {
      contents[part.position] = PartContent(part: part, raw: raw, warnings: &warnings)
    }
    var partsByPosition: [Int: JSONValue] = [:]
    email["bodyStructure"] = bodyPart(root, contents, &partsByPosition)

    var bodyValues = JSONObject()
    var texts: [Int: String] = [:]
    for part in root.allParts where !part.isMultipart && part.isText {
      guard let content = contents[part.position], let partID = part.partID else { continue }
      let decoded = content.text(charset: part.charset)
      texts[part.position] = decoded.text
      bodyValues[partID] = [
        "value": .string(decoded.text),
        "isEncodingProblem": .bool(decoded.isEncodingProblem),
        "isTruncated": false,
      ]
    }
    email["bodyValues"] = .object(bodyValues)

    let selection = BodySelection(root: root)
    func list(_ positions: [Int]) -> JSONValue {
      .array(positions.compactMap { partsByPosition[$0] })
    }
    email["textBody"] = list(selection.textBody)
    email["htmlBody"] = list(selection.htmlBody)
    email["attachments"] = list(selection.attachments)
    email["hasAttachment"] = .bool(!selection.attachments.isEmpty)
    email["preview"] = .string(Preview.make(selection: selection, root: root, texts: texts))
    return .object(email)
  }

  /// `[{name, value}]` in message order, values in Raw form.
  static func headersJSON(_ fields: [HeaderField]) -> JSONValue {
    .array(fields.map { ["name": .string($0.name), "value": .string($0.value)] })
  }

  /// Returns the value of the last field named `name`, which RFC 8621 §4.1.3 uses for
  /// parsed forms.
  private static func lastValue(_ fields: [HeaderField], _ name: String, _ raw: [UInt8])
    -> [UInt8]?
  {
    fields.all(named: name).last.map { Array(raw[$0.valueRange]) }
  }

  private static func messageIDs(_ fields: [HeaderField], _ name: String, _ raw: [UInt8])
    -> JSONValue
  {
    guard let value = lastValue(fields, name, raw), let ids = MessageIDParser.parse(value) else {
      return .null
    }
    return .array(ids.map { .string($0) })
  }

  private static func addresses(_ fields: [HeaderField], _ name: String, _ raw: [UInt8])
    -> JSONValue
  {
    guard let value = lastValue(fields, name, raw) else { return .null }
    return .array(
      AddressParser.parse(value).map { address in
        ["name": address.name.map { .string($0) } ?? .null, "email": .string(address.email)]
      })
  }

  private static func subject(_ fields: [HeaderField], _ raw: [UInt8]) -> JSONValue {
    guard let value = lastValue(fields, "Subject", raw) else { return .null }
    return .string(HeaderProperty.text(value))
  }

  private static func sentAt(_ fields: [HeaderField], _ raw: [UInt8]) -> JSONValue {
    guard let value = lastValue(fields, "Date", raw), let date = DateParser.parse(value) else {
      return .null
    }
    return .string(date.rfc3339)
  }

  /// Builds the EmailBodyPart object of `part` and its sub-parts, and records each by position.
  private static func bodyPart(
    _ part: MIMEPart, _ contents: [Int: PartContent], _ parts: inout [Int: JSONValue]
  ) -> JSONValue {
    var object = JSONObject()
    object["partId"] = part.partID.map { .string($0) } ?? .null
    object["headers"] = headersJSON(part.header.fields)
    object["type"] = .string(part.type)
    object["charset"] = part.charset.map { .string($0) } ?? .null
    object["disposition"] = part.disposition.map { .string($0) } ?? .null
    object["name"] = part.fileName.map { .string($0) } ?? .null
    object["cid"] = part.contentID.map { .string($0) } ?? .null
    object["language"] = part.languages.map { .array($0.map { .string($0) }) } ?? .null
    object["location"] = part.location.map { .string($0) } ?? .null
    if part.isMultipart {
      // RFC 8621 defines size for decoded leaf content; a container reports its raw body.
      object["size"] = .integer(part.bodyRange.count)
      object["subParts"] = .array(part.children.map { bodyPart($0, contents, &parts) })
    } else {
      let content = contents[part.position]
      object["size"] = .integer(content?.bytes.count ?? 0)
      if !part.isText { object["blob"] = .bytes(content?.bytes ?? []) }
    }
    let value = JSONValue.object(object)
    parts[part.position] = value
    return value
  }
}
