/// A rewriter from EUC-JP to ISO-2022-JP, because Foundation on Linux (swift-corelibs-
/// foundation 6.3) decodes ISO-2022-JP but not EUC-JP. Both carry JIS X 0208; EUC-JP sets the
/// high bit of each byte, ISO-2022-JP switches with escape sequences.
enum EUCJapanese {
  private static let toKanji: [UInt8] = [0x1B, 0x24, 0x42]  // ESC $ B: JIS X 0208
  private static let toSupplement: [UInt8] = [0x1B, 0x24, 0x28, 0x44]  // ESC $ ( D: JIS X 0212
  private static let toKatakana: [UInt8] = [0x1B, 0x28, 0x49]  // ESC ( I: JIS X 0201 kana
  private static let toASCII: [UInt8] = [0x1B, 0x28, 0x42]  // ESC ( B

  /// Rewrites `bytes`; an invalid sequence becomes `?` and sets `hadInvalid`.
  static func toISO2022JP(_ bytes: [UInt8]) -> (bytes: [UInt8], hadInvalid: Bool) {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + 16)
    var mode = toASCII
    var hadInvalid = false
    func switchTo(_ target: [UInt8]) {
      if mode != target {
        output += target
        mode = target
      }
    }
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let next = index + 1 < bytes.count ? bytes[index + 1] : 0
      if byte < 0x80 {
        switchTo(toASCII)
        output.append(byte)
        index += 1
      } else if byte == 0x8E, (0xA1...0xDF).contains(next) {
        switchTo(toKatakana)
        output.append(next & 0x7F)
        index += 2
      } else if byte == 0x8F, index + 2 < bytes.count, (0xA1...0xFE).contains(next),
        (0xA1...0xFE).contains(bytes[index + 2])
      {
        switchTo(toSupplement)
        output += [next & 0x7F, bytes[index + 2] & 0x7F]
        index += 3
      } else if (0xA1...0xFE).contains(byte), (0xA1...0xFE).contains(next) {
        switchTo(toKanji)
        output += [byte & 0x7F, next & 0x7F]
        index += 2
      } else {
        switchTo(toASCII)
        output.append(0x3F)
        hadInvalid = true
        index += 1
      }
    }
    switchTo(toASCII)
    return (output, hadInvalid)
  }
}
