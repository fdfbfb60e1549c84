/// A hex dump of bytes for the Request pane's CBOR view.
public enum HexDump {
  /// Returns one line per 16 bytes: the offset, the bytes in hex in two groups of 8, and the
  /// printable ASCII characters, with `.` for the rest.
  ///
  /// Example: `00000000  a1 65 73 74 61 67 65 64  64 61 74 61           |.estagedata|`.
  public static func lines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var offset = 0
    while offset < bytes.count {
      let row = bytes[offset..<min(offset + 16, bytes.count)]
      var hex = ""
      for (index, byte) in row.enumerated() {
        if index == 8 { hex += " " }
        hex += hexByte(byte) + " "
      }
      hex += String(repeating: " ", count: 49 - hex.count)
      let text = String(
        row.map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." })
      lines.append("\(hexOffset(offset))  \(hex) |\(text)|")
      offset += 16
    }
    return lines
  }

  private static func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }

  private static func hexOffset(_ offset: Int) -> String {
    let text = String(offset, radix: 16)
    return String(repeating: "0", count: max(0, 8 - text.count)) + text
  }
}
