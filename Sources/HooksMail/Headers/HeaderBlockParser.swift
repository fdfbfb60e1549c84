/// The header block of a message or a body part, split into fields.
struct HeaderBlock: Sendable {
  /// The offset at which the first field starts.
  var start: Int

  /// The fields in order.
  var fields: [HeaderField]

  /// The offset at which the header block ends: the start of the blank line, or of the first
  /// line that is not a header field.
  var end: Int

  /// The offset of the body: after the blank line, or `end` when the blank line is missing.
  var bodyStart: Int
}

/// Splits a header block into fields (RFC 5322 §2.2), leniently.
///
/// Lines may end in CRLF, bare LF or bare CR. A line that starts with SP or HTAB continues
/// the previous field, even when it holds only whitespace. A field name is one or more
/// printable ASCII characters other than the colon, optionally followed by WSP before the
/// colon (the obsolete syntax of RFC 5322 §4.5). The block ends at the first empty line.
/// A line that is neither a field nor a continuation also ends it, with a warning, and
/// becomes the first line of the body.
enum HeaderBlockParser {
  static func parse(
    _ bytes: [UInt8], from start: Int, to end: Int, warnings: inout [MailWarning]
  ) -> HeaderBlock {
    var fields: [HeaderField] = []
    var index = start
    while index < end {
      let lineEnd = ByteText.lineEnd(in: bytes, from: index, to: end)
      if lineEnd == index {
        let bodyStart = ByteText.skipLineBreak(in: bytes, at: index, to: end)
        return HeaderBlock(start: start, fields: fields, end: index, bodyStart: bodyStart)
      }
      guard let colon = nameEnd(in: bytes, from: index, to: lineEnd) else {
        warnings.append(
          MailWarning(
            offset: index,
            message: "line is not a header field and no blank line precedes it; "
              + "the body starts here"))
        return HeaderBlock(start: start, fields: fields, end: index, bodyStart: index)
      }

      // Take the continuation lines: each starts with SP or HTAB.
      var valueEnd = lineEnd
      var next = ByteText.skipLineBreak(in: bytes, at: lineEnd, to: end)
      while next < end, ByteText.isWhitespace(bytes[next]) {
        valueEnd = ByteText.lineEnd(in: bytes, from: next, to: end)
        next = ByteText.skipLineBreak(in: bytes, at: valueEnd, to: end)
      }

      var nameEnd = colon
      while nameEnd > index, ByteText.isWhitespace(bytes[nameEnd - 1]) { nameEnd -= 1 }
      let name = ByteText.latin1(bytes[index..<nameEnd])
      let valueBytes = bytes[(colon + 1)..<valueEnd]
      let decoded = ByteText.text(valueBytes)
      if decoded.hadInvalidUTF8 {
        warnings.append(
          MailWarning(
            offset: index,
            message: "header field \(name) contains bytes that are not UTF-8; "
              + "shown as U+FFFD, raw bytes kept"))
      }
      if valueBytes.contains(0) {
        warnings.append(
          MailWarning(
            offset: index,
            message: "header field \(name) contains NUL bytes; dropped from the value, "
              + "raw bytes kept"))
      }
      fields.append(
        HeaderField(
          name: name, range: index..<next, valueRange: (colon + 1)..<valueEnd,
          value: decoded.text, hasInvalidUTF8: decoded.hadInvalidUTF8))
      index = next
    }
    return HeaderBlock(start: start, fields: fields, end: end, bodyStart: end)
  }

  /// Returns the index of the colon that ends a field name on the line, or nil when the
  /// line does not start with a field name.
  private static func nameEnd(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
    var index = start
    while index < end, bytes[index] != 58, bytes[index] > 32, bytes[index] < 127 {
      index += 1
    }
    guard index > start else { return nil }
    var colon = index
    while colon < end, ByteText.isWhitespace(bytes[colon]) { colon += 1 }
    guard colon < end, bytes[colon] == 58 else { return nil }
    return colon
  }
}
