/// Encodes a `CBORValue` into bytes with preferred serialization (RFC 8949 §4.1).
///
/// Every argument takes its shortest form. Floats keep the width they carry, so a value
/// decoded from a double-width 1.5 encodes as a double again. Build the value with
/// `CBORFloat.shortest(_:)` to get the shortest width. Indefinite-length items encode as
/// indefinite-length items with the same chunks, so decoding and re-encoding preferred
/// input reproduces it byte for byte.
public enum CBOREncoder {
  /// Encodes `value`.
  public static func encode(_ value: CBORValue) -> [UInt8] {
    var output: [UInt8] = []
    // Reserving the exact size up front saves the copies of a growing buffer, which on
    // bodies of a megabyte were most of the encoding time.
    output.reserveCapacity(encodedLength(value))
    append(value, to: &output)
    return output
  }

  /// Returns the number of bytes that `append(_:to:)` writes for `value`.
  static func encodedLength(_ value: CBORValue) -> Int {
    switch value {
    case .unsigned(let argument), .negative(let argument):
      return headerLength(argument)
    case .byteString(let bytes):
      return headerLength(UInt64(bytes.count)) + bytes.count
    case .byteStringChunks(let chunks):
      return chunks.reduce(2) { $0 + headerLength(UInt64($1.count)) + $1.count }
    case .textString(let text):
      return headerLength(UInt64(text.utf8.count)) + text.utf8.count
    case .textStringChunks(let chunks):
      return chunks.reduce(2) { $0 + headerLength(UInt64($1.utf8.count)) + $1.utf8.count }
    case .array(let elements, let indefinite):
      let start = indefinite ? 2 : headerLength(UInt64(elements.count))
      return elements.reduce(start) { $0 + encodedLength($1) }
    case .map(let entries, let indefinite):
      let start = indefinite ? 2 : headerLength(UInt64(entries.count))
      return entries.reduce(start) { $0 + encodedLength($1.key) + encodedLength($1.value) }
    case .tagged(let tag, let content):
      return headerLength(tag) + encodedLength(content)
    case .bool, .null, .undefined:
      return 1
    case .simple(let number):
      return headerLength(UInt64(number))
    case .float(let float):
      return 1 + float.width.byteCount
    }
  }

  /// Returns the length of an initial byte with the shortest form of `argument`.
  private static func headerLength(_ argument: UInt64) -> Int {
    switch argument {
    case 0..<24: return 1
    case 24...0xff: return 2
    case 0x100...0xffff: return 3
    case 0x1_0000...0xffff_ffff: return 5
    default: return 9
    }
  }

  /// Appends the initial byte and the shortest argument (RFC 8949 §3).
  static func appendHeader(major: UInt8, argument: UInt64, to output: inout [UInt8]) {
    let prefix = major << 5
    switch argument {
    case 0..<24:
      output.append(prefix | UInt8(argument))
    case 24...0xff:
      output.append(prefix | 24)
      output.append(UInt8(argument))
    case 0x100...0xffff:
      output.append(prefix | 25)
      appendBigEndian(argument, byteCount: 2, to: &output)
    case 0x1_0000...0xffff_ffff:
      output.append(prefix | 26)
      appendBigEndian(argument, byteCount: 4, to: &output)
    default:
      output.append(prefix | 27)
      appendBigEndian(argument, byteCount: 8, to: &output)
    }
  }

  private static func appendBigEndian(_ value: UInt64, byteCount: Int, to output: inout [UInt8]) {
    for index in stride(from: byteCount - 1, through: 0, by: -1) {
      output.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
    }
  }

  private static func append(_ value: CBORValue, to output: inout [UInt8]) {
    switch value {
    case .unsigned(let number):
      appendHeader(major: 0, argument: number, to: &output)
    case .negative(let argument):
      appendHeader(major: 1, argument: argument, to: &output)
    case .byteString(let bytes):
      appendHeader(major: 2, argument: UInt64(bytes.count), to: &output)
      output.append(contentsOf: bytes)
    case .byteStringChunks(let chunks):
      output.append(0x5f)
      for chunk in chunks { append(.byteString(chunk), to: &output) }
      output.append(0xff)
    case .textString(let text):
      appendHeader(major: 3, argument: UInt64(text.utf8.count), to: &output)
      output.append(contentsOf: text.utf8)
    case .textStringChunks(let chunks):
      output.append(0x7f)
      for chunk in chunks { append(.textString(chunk), to: &output) }
      output.append(0xff)
    case .array(let elements, let indefinite):
      appendContainerStart(major: 4, count: elements.count, indefinite, to: &output)
      for element in elements { append(element, to: &output) }
      if indefinite { output.append(0xff) }
    case .map(let entries, let indefinite):
      appendContainerStart(major: 5, count: entries.count, indefinite, to: &output)
      for entry in entries {
        append(entry.key, to: &output)
        append(entry.value, to: &output)
      }
      if indefinite { output.append(0xff) }
    case .tagged(let tag, let content):
      appendHeader(major: 6, argument: tag, to: &output)
      append(content, to: &output)
    case .bool(let flag):
      output.append(flag ? 0xf5 : 0xf4)
    case .null:
      output.append(0xf6)
    case .undefined:
      output.append(0xf7)
    case .simple(let number):
      appendHeader(major: 7, argument: UInt64(number), to: &output)
    case .float(let float):
      appendFloat(float, to: &output)
    }
  }

  private static func appendContainerStart(
    major: UInt8, count: Int, _ indefinite: Bool, to output: inout [UInt8]
  ) {
    if indefinite {
      output.append(major << 5 | 31)
    } else {
      appendHeader(major: major, argument: UInt64(count), to: &output)
    }
  }

  private static func appendFloat(_ float: CBORFloat, to output: inout [UInt8]) {
    switch float.width {
    case .half: output.append(0xf9)
    case .single: output.append(0xfa)
    case .double: output.append(0xfb)
    }
    appendBigEndian(float.bits, byteCount: float.width.byteCount, to: &output)
  }
}
