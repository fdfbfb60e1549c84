import HooksWire

/// Writes the raw message for an Email object that scanners edited.
///
/// Only what changed is rewritten:
/// - Header fields: the edited `headers` list is aligned with the original fields (longest
///   common subsequence on name and value). A field that is still there with the same name
///   and value keeps its exact bytes; a changed or added field is written `Name: value`. The
///   body is copied byte for byte.
/// - Parsed properties (`subject`, `from`, `to`, `cc`, `bcc`, `replyTo`, `sender`,
///   `messageId`, `inReplyTo`, `references`, `sentAt`): when one differs from the original,
///   its field is re-encoded, with RFC 2047 encoded words for non-ASCII text. The new field
///   replaces the last field of that name, which the parsed form reads (RFC 8621 §4.1.3),
///   or is appended when there is none. Null or a removed property removes every field of that
///   name. These run after the `headers` edits, so the parsed property wins when a
///   response changes both for the same field.
/// - `bodyValues`: a text part whose `value` changed is re-encoded as quoted-printable, in
///   its charset when the text fits, else in UTF-8. Every other part stays byte-identical.
/// - The computed properties (`size`, `bodyStructure`, `textBody`, `htmlBody`,
///   `attachments`, `hasAttachment`, `preview`) cannot be edited, and unknown properties
///   cannot be added: either is a `MailWriteError`.
public enum MailWriter {
  /// Produces the raw message for an edited Email object. Untouched parts stay
  /// byte-identical, and with no edits the result equals `original.raw`.
  ///
  /// - Throws: `MailWriteError` naming the JSON Pointer of the first value that cannot be
  ///   written, and why.
  public static func write(edited email: JSONValue, original: MailMessage) throws -> [UInt8] {
    guard let edited = email.objectValue, let source = original.email.objectValue else {
      throw MailWriteError(path: "", problem: "expected a JSON object, got \(email.typeName)")
    }
    try checkComputedProperties(edited, source)

    let raw = original.raw
    let root = original.root
    let lineBreak = detectLineBreak(raw)

    var fields = try HeaderListEditor.align(
      edited: edited["headers"], original: root.header.fields)
    for property in HeaderValueEncoder.fieldNames.keys.sorted() {
      let newValue = edited[property] ?? .null
      guard !JSONComparison.same(newValue, source[property] ?? .null) else { continue }
      let fieldName = HeaderValueEncoder.fieldNames[property] ?? property
      let encoded = try HeaderValueEncoder.encode(newValue, property: property)
      HeaderListEditor.replaceLast(named: fieldName, with: encoded, in: &fields)
    }

    let bodyEdits = try editedTextParts(edited["bodyValues"], source["bodyValues"], root)
    var rootBody: [UInt8]?
    var splices: [(range: Range<Int>, bytes: [UInt8])] = []
    for (part, text) in bodyEdits {
      let result = BodyPartEncoder.encode(text: text, part: part, raw: raw, lineBreak: lineBreak)
      if part.position == root.position {
        for change in result.fieldChanges {
          HeaderListEditor.replaceLast(named: change.name, with: change.value, in: &fields)
        }
        rootBody = result.body
      } else {
        var partFields = part.header.fields.map { HeaderListEditor.Entry.original($0) }
        for change in result.fieldChanges {
          HeaderListEditor.replaceLast(named: change.name, with: change.value, in: &partFields)
        }
        let header =
          Array(raw[part.start..<part.header.start])
          + HeaderListEditor.serialize(partFields, raw: raw, lineBreak: lineBreak)
        splices.append(
          (part.start..<part.end, header + separator(part, raw, lineBreak) + result.body))
      }
    }

    var output = Array(raw[root.start..<root.header.start])
    output += HeaderListEditor.serialize(fields, raw: raw, lineBreak: lineBreak)
    output += separator(root, raw, lineBreak, bodyReplaced: rootBody != nil)
    if let rootBody {
      output += rootBody
      return output
    }
    var cursor = root.header.bodyStart
    for splice in splices.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      output += raw[cursor..<splice.range.lowerBound]
      output += splice.bytes
      cursor = splice.range.upperBound
    }
    output += raw[cursor...]
    return output
  }

  /// Returns the bytes between a part's header fields and its body: the original blank
  /// line, or a new one when the original had none and the body is replaced.
  private static func separator(
    _ part: MIMEPart, _ raw: [UInt8], _ lineBreak: [UInt8], bodyReplaced: Bool = true
  ) -> [UInt8] {
    let original = Array(raw[part.header.end..<part.header.bodyStart])
    return original.isEmpty && bodyReplaced ? lineBreak : original
  }

  /// Returns the line break of the message's first line: CRLF unless it is a bare LF.
  static func detectLineBreak(_ raw: [UInt8]) -> [UInt8] {
    guard let lf = raw.firstIndex(of: ByteText.lf) else { return [ByteText.cr, ByteText.lf] }
    return lf > 0 && raw[lf - 1] == ByteText.cr ? [ByteText.cr, ByteText.lf] : [ByteText.lf]
  }

  private static let computedProperties = [
    "size", "bodyStructure", "textBody", "htmlBody", "attachments", "hasAttachment", "preview",
  ]

  private static func checkComputedProperties(_ edited: JSONObject, _ source: JSONObject) throws {
    for property in computedProperties {
      guard JSONComparison.same(edited[property] ?? .null, source[property] ?? .null) else {
        throw MailWriteError(
          path: "/\(property)",
          problem: "\(property) is computed from the message and cannot be edited; "
            + "edit headers, bodyValues or a parsed header property instead")
      }
    }
    for key in edited.keys where source[key] == nil {
      throw MailWriteError(
        path: "/\(key)",
        problem: "unknown Email property; the writer accepts edits of headers, bodyValues "
          + "and the parsed header properties")
    }
  }

  /// Returns the text parts whose `bodyValues` value changed, with the new text.
  private static func editedTextParts(
    _ edited: JSONValue?, _ source: JSONValue?, _ root: MIMEPart
  ) throws -> [(MIMEPart, String)] {
    guard let edited, !JSONComparison.same(edited, source ?? .null) else { return [] }
    guard let values = edited.objectValue else {
      throw MailWriteError(path: "/bodyValues", problem: "expected an object keyed by partId")
    }
    var result: [(MIMEPart, String)] = []
    let parts = root.allParts
    for (partID, entry) in values.members {
      let path = "/bodyValues/\(partID)"
      guard !JSONComparison.same(entry, source?[partID] ?? .null) else { continue }
      guard let part = parts.first(where: { $0.partID == partID }), part.isText else {
        throw MailWriteError(
          path: path, problem: "no text part has partId \"\(partID)\"; see bodyStructure")
      }
      guard let text = entry["value"]?.stringValue else {
        throw MailWriteError(path: "\(path)/value", problem: "expected a string")
      }
      if text != source?[partID]?["value"]?.stringValue { result.append((part, text)) }
    }
    return result
  }
}
