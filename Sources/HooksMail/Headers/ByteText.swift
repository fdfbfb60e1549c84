/// Byte-level helpers shared by the header, MIME and writer code.
enum ByteText {
  static let cr: UInt8 = 13
  static let lf: UInt8 = 10
  static let space: UInt8 = 32
  static let tab: UInt8 = 9

  /// Returns whether `byte` is SP or HTAB (RFC 5322 WSP).
  static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

  /// Returns whether `byte` is WSP, CR or LF.
  static func isSpaceOrBreak(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == cr || byte == lf
  }

  /// Decodes header bytes as UTF-8 (RFC 6532) and drops NUL characters.
  ///
  /// Bytes that are not valid UTF-8 become U+FFFD, one for each maximal invalid subsequence
  /// as `String(decoding:as:)` replaces them. RFC 8621 §4.1.2.1 (the Raw form) tells servers
  /// to replace such octets with U+FFFD (SHOULD) and to drop NUL octets (MUST). Returns
  /// whether any byte was invalid, so callers can warn and keep the raw bytes.
  static func text(_ bytes: some Collection<UInt8>) -> (text: String, hadInvalidUTF8: Bool) {
    if let text = String(validating: bytes, as: UTF8.self) {
      return (text.replacingNULs(), false)
    }
    return (String(decoding: bytes, as: UTF8.self).replacingNULs(), true)
  }

  /// Decodes bytes as ISO-8859-1, which maps every byte to the code point of equal value.
  static func latin1(_ bytes: some Sequence<UInt8>) -> String {
    var text = String.UnicodeScalarView()
    for byte in bytes { text.append(Unicode.Scalar(byte)) }
    return String(text)
  }

  /// Removes the line breaks that fold a header value (RFC 5322 §2.2.3): a CRLF, bare LF or
  /// bare CR followed by WSP is dropped and the WSP kept.
  static func unfold(_ bytes: some Collection<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    for byte in bytes where byte != cr && byte != lf { output.append(byte) }
    return output
  }

  /// Trims WSP, CR and LF from both ends.
  static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    var slice = bytes[...]
    while let first = slice.first, isSpaceOrBreak(first) { slice = slice.dropFirst() }
    while let last = slice.last, isSpaceOrBreak(last) { slice = slice.dropLast() }
    return slice
  }

  /// Lowercases ASCII letters only.
  static func lowercasedASCII(_ bytes: some Sequence<UInt8>) -> [UInt8] {
    bytes.map { (65...90).contains($0) ? $0 + 32 : $0 }
  }

  /// Returns the end of the line that starts at `start`: the index of its CR or LF, or `end`.
  static func lineEnd(in bytes: [UInt8], from start: Int, to end: Int) -> Int {
    var index = start
    while index < end, bytes[index] != lf, bytes[index] != cr { index += 1 }
    return index
  }

  /// Returns the index just past the line break at `index` (CRLF, LF or CR), or `index`
  /// when there is none.
  static func skipLineBreak(in bytes: [UInt8], at index: Int, to end: Int) -> Int {
    guard index < end else { return index }
    if bytes[index] == cr {
      return index + 1 < end && bytes[index + 1] == lf ? index + 2 : index + 1
    }
    return bytes[index] == lf ? index + 1 : index
  }
}
