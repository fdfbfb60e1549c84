/// Re-encodes a text part whose `bodyValues` entry a scanner changed.
///
/// The new content is quoted-printable. The part keeps its charset when every character of
/// the new text exists in it. Otherwise it switches to UTF-8, and the `charset` parameter of
/// Content-Type changes with it.
enum BodyPartEncoder {
  /// The replacement header fields and body of `part`.
  struct Result {
    /// Content-Transfer-Encoding and, when needed, Content-Type values to set.
    var fieldChanges: [(name: String, value: String)]
    var body: [UInt8]
  }

  static func encode(
    text: String, part: MIMEPart, raw: [UInt8], lineBreak: [UInt8]
  ) -> Result {
    let currentCharset = part.charset ?? "us-ascii"
    var changes: [(name: String, value: String)] = []
    let bytes: [UInt8]
    if let encoded = Charset.encode(text, charset: currentCharset) {
      bytes = encoded
    } else {
      bytes = Array(text.utf8)
      changes.append(("Content-Type", contentTypeWithUTF8(part: part, raw: raw)))
    }
    if part.transferEncoding != "quoted-printable" {
      changes.append(("Content-Transfer-Encoding", "quoted-printable"))
    }
    let body = TransferEncoding.encodeQuotedPrintable(bytes, lineBreak: lineBreak)
    return Result(fieldChanges: changes, body: body)
  }

  /// Returns the part's Content-Type value with `charset=utf-8`. The existing parameter's
  /// value is replaced in place, or the parameter is appended.
  private static func contentTypeWithUTF8(part: MIMEPart, raw: [UInt8]) -> String {
    guard let field = part.header.fields.first(named: "Content-Type") else {
      return "\(part.type); charset=utf-8"
    }
    let value = Array(raw[field.valueRange])
    let lowered = ByteText.lowercasedASCII(value)
    let key = Array("charset".utf8)
    var index = 0
    while index + key.count <= lowered.count {
      let before = index == 0 ? UInt8(59) : lowered[index - 1]
      if lowered[index..<(index + key.count)].elementsEqual(key),
        before == 59 || ByteText.isSpaceOrBreak(before)
      {
        var cursor = index + key.count
        while cursor < value.count, ByteText.isWhitespace(value[cursor]) { cursor += 1 }
        if cursor < value.count, value[cursor] == 61 {
          cursor += 1
          while cursor < value.count, ByteText.isWhitespace(value[cursor]) { cursor += 1 }
          let valueStart = cursor
          if cursor < value.count, value[cursor] == 34 {
            cursor += 1
            while cursor < value.count, value[cursor] != 34 { cursor += 1 }
            cursor = min(cursor + 1, value.count)
          } else {
            while cursor < value.count, value[cursor] != 59, !ByteText.isSpaceOrBreak(value[cursor])
            {
              cursor += 1
            }
          }
          let rewritten =
            Array(value[..<valueStart]) + Array("utf-8".utf8) + Array(value[cursor...])
          return ByteText.text(rewritten).text
        }
      }
      index += 1
    }
    return ByteText.text(value).text + "; charset=utf-8"
  }
}
