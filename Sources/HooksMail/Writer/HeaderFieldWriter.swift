/// Validation and serialization of header fields that the writer creates or changes.
enum HeaderFieldWriter {
  /// The column at which long new fields are folded (RFC 5322 §2.1.1 recommends 78).
  static let foldColumn = 78

  /// Checks a field name: one or more printable ASCII characters other than `:` (RFC 5322
  /// §2.2).
  static func validateName(_ name: String, path: String) throws {
    guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 58 }) else {
      throw MailWriteError(
        path: path,
        problem: "header field name \"\(name)\" must be printable ASCII without spaces or ':'")
    }
  }

  /// Checks that a value cannot start a new field: every line break (CRLF, LF or a bare CR)
  /// is followed by SP or HTAB, and the value does not end with a line break.
  static func validateValue(_ value: String, path: String) throws {
    let bytes = Array(value.utf8)
    for (index, byte) in bytes.enumerated() {
      if byte == ByteText.cr {
        guard index + 1 < bytes.count,
          bytes[index + 1] == ByteText.lf || ByteText.isWhitespace(bytes[index + 1])
        else {
          throw injection(path)
        }
      } else if byte == ByteText.lf {
        guard index + 1 < bytes.count, ByteText.isWhitespace(bytes[index + 1]) else {
          throw injection(path)
        }
      } else if byte == 0 {
        throw MailWriteError(path: path, problem: "header value contains a NUL character")
      }
    }
  }

  private static func injection(_ path: String) -> MailWriteError {
    MailWriteError(
      path: path,
      problem: "header value has a line break not followed by a space or tab, which would "
        + "start a new header field; fold with CRLF followed by a space, or remove the break")
  }

  /// Serializes `Name: value` and the line break.
  ///
  /// A value that starts with SP or HTAB is taken as JMAP Raw form and written right after
  /// the colon, so the space is not doubled. Any other value gets one space. A value with
  /// its own folding keeps it, with line breaks normalized to `lineBreak`. A longer
  /// single-line field is folded before whitespace so lines stay within 78 columns where
  /// the words allow it.
  static func serialize(name: String, value: String, lineBreak: [UInt8]) -> [UInt8] {
    let separator: [UInt8] = value.first.map { $0 == " " || $0 == "\t" } == true ? [] : [32]
    let valueBytes = Array(value.utf8)
    let line = Array(name.utf8) + [58] + separator
    if valueBytes.contains(where: { $0 == ByteText.cr || $0 == ByteText.lf }) {
      return line + normalizedLineBreaks(valueBytes, lineBreak) + lineBreak
    }
    return fold(line + valueBytes, lineBreak: lineBreak, minimumBreak: line.count) + lineBreak
  }

  /// Inserts `lineBreak` before whitespace so that lines stay within `foldColumn` where
  /// possible. Never breaks before `minimumBreak`, so the first line keeps some text, nor
  /// inside a quoted string.
  static func fold(_ bytes: [UInt8], lineBreak: [UInt8], minimumBreak: Int) -> [UInt8] {
    guard bytes.count > foldColumn else { return bytes }
    var output: [UInt8] = []
    var lineStart = 0
    var lastBreakCandidate: Int?
    var inQuotes = false
    var index = 0
    while index < bytes.count {
      if bytes[index] == 34 && (index == 0 || bytes[index - 1] != 92) { inQuotes.toggle() }
      if ByteText.isWhitespace(bytes[index]) && !inQuotes && index > minimumBreak
        && index > lineStart && !ByteText.isWhitespace(bytes[index - 1])
      {
        lastBreakCandidate = index
      }
      if index - lineStart >= foldColumn, let candidate = lastBreakCandidate, candidate > lineStart
      {
        output += bytes[lineStart..<candidate] + lineBreak
        lineStart = candidate
        lastBreakCandidate = nil
      }
      index += 1
    }
    output += bytes[lineStart...]
    return output
  }

  /// Replaces CRLF, bare LF and bare CR with `lineBreak`.
  static func normalizedLineBreaks(_ bytes: [UInt8], _ lineBreak: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == ByteText.cr || bytes[index] == ByteText.lf {
        output += lineBreak
        index = ByteText.skipLineBreak(in: bytes, at: index, to: bytes.count)
      } else {
        output.append(bytes[index])
        index += 1
      }
    }
    return output
  }
}
