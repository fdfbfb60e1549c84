/// Lowercase hexadecimal spelling of bytes, shared by diagnostics, dumps and error messages.
enum CBORHex {
  private static let digits = Array("0123456789abcdef".utf8)

  /// Two lowercase digits, such as `"a2"`.
  static func digitPair(_ byte: UInt8) -> String {
    String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]], as: UTF8.self)
  }

  /// Formats a byte for messages, such as `"0xa2"`.
  static func byte(_ byte: UInt8) -> String { "0x" + digitPair(byte) }

  /// Formats bytes as one run of lowercase digits, such as `"01020304"`.
  static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var ascii: [UInt8] = []
    ascii.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      ascii.append(digits[Int(byte >> 4)])
      ascii.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: ascii, as: UTF8.self)
  }

  /// Formats bytes as digit pairs separated by spaces, such as `"a2 61 61"`.
  static func spaced<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    bytes.map(digitPair).joined(separator: " ")
  }

  /// Formats a number as `width` lowercase digits, zero-padded.
  static func padded(_ value: Int, width: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
