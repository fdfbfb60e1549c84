/// Standard Base64 with padding (RFC 4648 §4), the form MTA Hooks uses for binary values in
/// JSON bodies (`rawMessage`, `blob`).
public enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  private static let decodeTable: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
    return table
  }()

  /// Encodes bytes as Base64 text with `=` padding and no line breaks.
  public static func encode(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index + 3 <= bytes.count {
      let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      output.append(alphabet[Int(chunk >> 6 & 63)])
      output.append(alphabet[Int(chunk & 63)])
      index += 3
    }
    let remaining = bytes.count - index
    if remaining == 1 {
      let chunk = UInt32(bytes[index]) << 16
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      output.append(contentsOf: "==".utf8)
    } else if remaining == 2 {
      let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      output.append(alphabet[Int(chunk >> 6 & 63)])
      output.append(UInt8(ascii: "="))
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Decodes standard Base64 text, or returns nil when it is not valid.
  ///
  /// Padding is required when the length is not a multiple of 4 characters, as RFC 4648 §4
  /// specifies. With `ignoringWhitespace`, spaces, tabs, CR and LF are skipped, which MIME
  /// bodies need (RFC 2045 §6.8).
  public static func decode(_ text: String, ignoringWhitespace: Bool = false) -> [UInt8]? {
    decode(Array(text.utf8), ignoringWhitespace: ignoringWhitespace)
  }

  /// Decodes standard Base64 from ASCII bytes, or returns nil when it is not valid.
  public static func decode(_ input: [UInt8], ignoringWhitespace: Bool = false) -> [UInt8]? {
    var symbols: [UInt8] = []
    symbols.reserveCapacity(input.count)
    var padding = 0
    for byte in input {
      if ignoringWhitespace && (byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A) {
        continue
      }
      if byte == UInt8(ascii: "=") {
        padding += 1
        continue
      }
      // Data after padding is invalid.
      guard padding == 0 else { return nil }
      let value = decodeTable[Int(byte)]
      guard value != 0xFF else { return nil }
      symbols.append(value)
    }
    guard (symbols.count + padding) % 4 == 0, padding <= 2 else { return nil }
    guard symbols.count % 4 != 1 else { return nil }

    var output: [UInt8] = []
    output.reserveCapacity(symbols.count * 3 / 4)
    var index = 0
    while index + 4 <= symbols.count {
      let chunk = UInt32(symbols[index]) << 18 | UInt32(symbols[index + 1]) << 12
        | UInt32(symbols[index + 2]) << 6 | UInt32(symbols[index + 3])
      output.append(UInt8(chunk >> 16 & 0xFF))
      output.append(UInt8(chunk >> 8 & 0xFF))
      output.append(UInt8(chunk & 0xFF))
      index += 4
    }
    let remaining = symbols.count - index
    if remaining == 2 {
      let chunk = UInt32(symbols[index]) << 18 | UInt32(symbols[index + 1]) << 12
      output.append(UInt8(chunk >> 16 & 0xFF))
    } else if remaining == 3 {
      let chunk = UInt32(symbols[index]) << 18 | UInt32(symbols[index + 1]) << 12
        | UInt32(symbols[index + 2]) << 6
      output.append(UInt8(chunk >> 16 & 0xFF))
      output.append(UInt8(chunk >> 8 & 0xFF))
    }
    return output
  }
}
