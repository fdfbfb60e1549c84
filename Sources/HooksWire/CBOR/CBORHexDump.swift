/// Hex dumps of CBOR bytes for the screen.
public enum CBORHexDump {
  /// The bytes per row of `lines(_:)`.
  public static let bytesPerLine = 16

  /// Formats a plain hex dump in the layout of `hexdump -C`: an 8-digit hex offset, 16 bytes in two
  /// groups of 8, and an ASCII column that shows bytes 0x20 … 0x7e and `.` for the others.
  ///
  ///     00000000  a2 61 61 01 61 62 82 02  03                       |.aa.ab...|
  ///
  /// Empty input gives no lines.
  public static func lines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    while start < bytes.count {
      let row = bytes[start..<min(start + bytesPerLine, bytes.count)]
      var hex = ""
      for (index, byte) in row.enumerated() {
        hex += (index == 8 ? "  " : (index == 0 ? "" : " ")) + CBORHex.digitPair(byte)
      }
      // Full width: 16 pairs, 15 single spaces and one extra space between the groups.
      let padding = String(repeating: " ", count: 3 * bytesPerLine - hex.count)
      lines.append(
        CBORHex.padded(start, width: 8) + "  " + hex + padding + "  |" + asciiColumn(row) + "|")
      start += bytesPerLine
    }
    return lines
  }

  /// Formats an annotated dump that labels each item's header, one line per header, indented by
  /// nesting depth, in the spirit of cbor.me:
  ///
  ///     0000  a2                                map(2)
  ///     0001    61                              text(1)
  ///     0002      61                            "a"
  ///     0003    01                              unsigned(1)
  ///
  /// String payloads follow their header, 16 bytes per line, one level deeper. A payload
  /// longer than `maximumPayloadLines` lines shows that many, then a line `… N more bytes`,
  /// so a large `rawMessage` does not flood the screen. When the bytes are not one
  /// well-formed item, the lines so far are followed by a line
  /// `error: invalid CBOR at offset …`.
  public static func annotatedLines(_ bytes: [UInt8], maximumPayloadLines: Int = .max)
    -> [String]
  {
    var reader = CBORReader(bytes: bytes, recordsHeaders: true)
    var failure: CBORError?
    do {
      _ = try reader.decodeWhole()
    } catch let error as CBORError {
      failure = error
    } catch {
      failure = CBORError(offset: reader.position, "\(error)")
    }

    let offsetWidth = max(4, String(bytes.count, radix: 16).count)
    var lines: [String] = []
    for header in reader.headers {
      let headerBytes = bytes[header.offset..<header.offset + header.length]
      lines.append(
        annotatedLine(
          offset: header.offset, offsetWidth: offsetWidth, depth: header.depth,
          hex: CBORHex.spaced(headerBytes), label: label(for: header)))
      lines += payloadLines(
        header, in: bytes, offsetWidth: offsetWidth, maximumLines: max(1, maximumPayloadLines))
    }
    if let failure { lines.append("error: \(failure)") }
    return lines
  }

  private static let labelColumn = 40

  private static func annotatedLine(
    offset: Int, offsetWidth: Int, depth: Int, hex: String, label: String
  ) -> String {
    let left = String(repeating: " ", count: 2 * depth) + hex
    let start = CBORHex.padded(offset, width: offsetWidth) + "  " + left
    guard !label.isEmpty else { return start }
    // Labels start at `labelColumn` unless the hex runs past it.
    let used = offsetWidth + 2 + left.count
    let padding = String(repeating: " ", count: max(1, labelColumn - used))
    return start + padding + label
  }

  private static func payloadLines(
    _ header: CBORItemHeader, in bytes: [UInt8], offsetWidth: Int, maximumLines: Int
  ) -> [String] {
    guard header.payloadLength > 0 else { return [] }
    let payloadStart = header.offset + header.length
    let payload = bytes[payloadStart..<payloadStart + header.payloadLength]
    let isText = header.initialByte >> 5 == 3

    // A short text payload shows as a quoted string when it is valid UTF-8 on its own.
    if isText, payload.count <= bytesPerLine,
      let text = String(validating: payload, as: UTF8.self)
    {
      return [
        annotatedLine(
          offset: payloadStart, offsetWidth: offsetWidth, depth: header.depth + 1,
          hex: CBORHex.spaced(payload), label: CBORDiagnostic.quoted(text))
      ]
    }
    var lines: [String] = []
    var start = payload.startIndex
    while start < payload.endIndex {
      if lines.count == maximumLines {
        lines.append(
          annotatedLine(
            offset: start, offsetWidth: offsetWidth, depth: header.depth + 1,
            hex: "… \(payload.endIndex - start) more bytes", label: ""))
        break
      }
      let row = payload[start..<min(start + bytesPerLine, payload.endIndex)]
      lines.append(
        annotatedLine(
          offset: start, offsetWidth: offsetWidth, depth: header.depth + 1,
          hex: CBORHex.spaced(row), label: "|" + asciiColumn(row) + "|"))
      start += bytesPerLine
    }
    return lines
  }

  private static func label(for header: CBORItemHeader) -> String {
    let major = header.initialByte >> 5
    let isIndefinite = header.initialByte & 0x1f == 31
    let count = isIndefinite ? "_" : String(header.argument)
    switch major {
    case 0: return "unsigned(\(header.argument))"
    case 1: return "negative(\(CBORDiagnostic.negativeText(header.argument)))"
    case 2: return "bytes(\(count))"
    case 3: return "text(\(count))"
    case 4: return "array(\(count))"
    case 5: return "map(\(count))"
    case 6: return "tag(\(header.argument))"
    default: return simpleLabel(header)
    }
  }

  private static func simpleLabel(_ header: CBORItemHeader) -> String {
    switch header.initialByte {
    case 0xf4: return "false"
    case 0xf5: return "true"
    case 0xf6: return "null"
    case 0xf7: return "undefined"
    case 0xf9, 0xfa, 0xfb:
      let width: CBORFloat.Width =
        header.initialByte == 0xf9 ? .half : (header.initialByte == 0xfa ? .single : .double)
      let value = CBORFloat(width: width, bits: header.argument).value
      return "float\(width.byteCount * 8) \(CBORDiagnostic.floatText(value))"
    case 0xff: return "break"
    default: return "simple(\(header.argument))"
    }
  }

  private static func asciiColumn(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes.map { $0 >= 0x20 && $0 < 0x7f ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
  }
}
