import HooksWire

/// RFC 2047 encoded words (`=?charset?B?…?=` and `=?charset?Q?…?=`) in header text.
enum EncodedWords {
  /// Decodes every encoded word in an unfolded header value.
  ///
  /// Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2), and adjacent
  /// words in the same charset are joined before charset decoding, because senders split
  /// multi-byte characters across words. Text outside encoded words is UTF-8, with U+FFFD
  /// for bytes that are not valid UTF-8 (RFC 8621 §4.1.2.1). NUL characters are dropped.
  ///
  /// NOTE: words are decoded even where RFC 2047 §5 forbids them (inside a quoted string or
  /// glued to other text), as most mail readers do. RFC 8621 §4.1.2.4 requires servers not
  /// to decode those, so HookBench may show decoded text where a strict server shows the
  /// raw word.
  static func decode(_ bytes: [UInt8]) -> (text: String, hadProblem: Bool) {
    var text = ""
    var hadProblem = false
    var literal: [UInt8] = []
    var pending: (charset: String, bytes: [UInt8])?

    func flushPending() {
      guard let word = pending else { return }
      let decoded = Charset.decode(word.bytes, charset: word.charset)
      text += decoded.text
      hadProblem = hadProblem || decoded.isEncodingProblem
      pending = nil
    }
    func flushLiteral() {
      guard !literal.isEmpty else { return }
      flushPending()
      text += ByteText.text(literal).text
      literal = []
    }

    var index = 0
    while index < bytes.count {
      if let word = parseWord(bytes, at: index) {
        // Whitespace between two encoded words is not part of the text.
        if pending != nil, literal.allSatisfy(ByteText.isWhitespace) { literal = [] }
        flushLiteral()
        if let current = pending,
          Charset.normalizedName(current.charset)
            == Charset.normalizedName(word.charset)
        {
          pending = (current.charset, current.bytes + word.bytes)
        } else {
          flushPending()
          pending = (word.charset, word.bytes)
        }
        hadProblem = hadProblem || word.hadInvalid
        index = word.end
      } else {
        literal.append(bytes[index])
        index += 1
      }
    }
    flushLiteral()
    flushPending()
    return (text.replacingNULs(), hadProblem)
  }

  private struct Word {
    let charset: String
    let bytes: [UInt8]
    let hadInvalid: Bool
    let end: Int
  }

  /// Parses the encoded word starting at `start`, or returns nil when there is none. The
  /// encoded text may not hold whitespace or `?`.
  private static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
    guard start + 1 < bytes.count, bytes[start] == 61, bytes[start + 1] == 63 else {
      return nil
    }
    var index = start + 2
    let charsetStart = index
    while index < bytes.count, bytes[index] != 63, bytes[index] > 32 { index += 1 }
    guard index + 2 < bytes.count, index > charsetStart, bytes[index] == 63,
      bytes[index + 2] == 63
    else { return nil }
    let charset = ByteText.latin1(bytes[charsetStart..<index])
    let encoding = bytes[index + 1] | 0x20
    guard encoding == 98 || encoding == 113 else { return nil }
    index += 3
    let textStart = index
    while index + 1 < bytes.count, !(bytes[index] == 63 && bytes[index + 1] == 61) {
      if ByteText.isSpaceOrBreak(bytes[index]) { return nil }
      index += 1
    }
    guard index + 1 < bytes.count else { return nil }
    let encoded = bytes[textStart..<index]
    let decoded =
      encoding == 98
      ? TransferEncoding.decodeBase64(encoded)
      : TransferEncoding.decodeQuotedPrintable(encoded, underscoreIsSpace: true)
    return Word(
      charset: charset, bytes: decoded.bytes, hadInvalid: decoded.hadInvalid, end: index + 2)
  }

  /// Encodes `text` as UTF-8 B encoded words of at most 64 characters each (RFC 2047 §2
  /// allows 75), never splitting a character across words. Returns the words in order, and
  /// the writer joins them with folding whitespace.
  static func encode(_ text: String) -> [String] {
    let maxBytesPerWord = 39  // 52 Base64 characters + 12 for `=?UTF-8?B?` and `?=`: 64
    var words: [String] = []
    var chunk: [UInt8] = []
    func flush() {
      guard !chunk.isEmpty else { return }
      let payload = Base64.encode(chunk)
      words.append("=?UTF-8?B?\(payload)?=")
      chunk = []
    }
    for character in text {
      let utf8 = Array(String(character).utf8)
      if chunk.count + utf8.count > maxBytesPerWord { flush() }
      chunk += utf8
    }
    flush()
    return words
  }
}

extension String {
  /// Returns the string without NUL characters, which RFC 8621 §4.1.2.4 drops from decoded
  /// header text.
  func replacingNULs() -> String {
    guard contains("\u{0}") else { return self }
    return String(unicodeScalars.filter { $0.value != 0 }.map(Character.init))
  }
}
