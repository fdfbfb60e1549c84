/// Content-Transfer-Encoding decoders and the quoted-printable encoder (RFC 2045 §6), also
/// used for the B and Q encodings of RFC 2047 encoded words. Base64 encoding is
/// `HooksWire.Base64`; this decoder is separate because mail needs a lenient one.
///
/// The decoders are lenient, as mail readers are. They skip characters that do not belong
/// instead of failing, and return `hadInvalid` when they skipped or kept anything.
enum TransferEncoding {
  /// Decodes Base64 (RFC 2045 §6.8), skipping characters outside the alphabet and accepting
  /// missing padding. `hadInvalid` is true when anything but the alphabet, `=`, and
  /// whitespace was found.
  static func decodeBase64(_ bytes: some Sequence<UInt8>) -> (bytes: [UInt8], hadInvalid: Bool) {
    var output: [UInt8] = []
    var accumulator: UInt32 = 0
    var count = 0
    var hadInvalid = false
    var sawPadding = false
    for byte in bytes {
      let value: UInt32
      switch byte {
      case 65...90: value = UInt32(byte - 65)
      case 97...122: value = UInt32(byte - 71)
      case 48...57: value = UInt32(byte + 4)
      case 43: value = 62
      case 47: value = 63
      case 61:
        sawPadding = true
        continue
      case 9, 10, 13, 32: continue
      default:
        hadInvalid = true
        continue
      }
      if sawPadding { hadInvalid = true }
      accumulator = accumulator << 6 | value
      count += 1
      if count == 4 {
        output += [
          UInt8(accumulator >> 16), UInt8(accumulator >> 8 & 0xFF), UInt8(accumulator & 0xFF),
        ]
        accumulator = 0
        count = 0
      }
    }
    switch count {
    case 2: output.append(UInt8(accumulator >> 4 & 0xFF))
    case 3: output += [UInt8(accumulator >> 10 & 0xFF), UInt8(accumulator >> 2 & 0xFF)]
    case 1: hadInvalid = true
    default: break
    }
    return (output, hadInvalid)
  }

  /// Decodes quoted-printable (RFC 2045 §6.7). A soft line break (`=` at the end of a line,
  /// before CRLF or LF) is removed. An `=` not followed by two hex digits is kept as is and
  /// sets `hadInvalid`. With `underscoreIsSpace`, `_` decodes to a space (the Q encoding of
  /// RFC 2047 §4.2).
  static func decodeQuotedPrintable(
    _ input: some Collection<UInt8>, underscoreIsSpace: Bool = false
  ) -> (bytes: [UInt8], hadInvalid: Bool) {
    let bytes = Array(input)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var hadInvalid = false
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 61 {
        // A soft line break may have trailing whitespace before the line break.
        var probe = index + 1
        while probe < bytes.count, ByteText.isWhitespace(bytes[probe]) { probe += 1 }
        if probe == bytes.count && !underscoreIsSpace {
          index = probe
          continue
        }
        if probe < bytes.count, bytes[probe] == ByteText.cr || bytes[probe] == ByteText.lf {
          index = ByteText.skipLineBreak(in: bytes, at: probe, to: bytes.count)
          continue
        }
        if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
          let low = hexValue(bytes[index + 2])
        {
          output.append(high << 4 | low)
          index += 3
          continue
        }
        hadInvalid = true
        output.append(byte)
        index += 1
      } else if byte == 95 && underscoreIsSpace {
        output.append(32)
        index += 1
      } else {
        output.append(byte)
        index += 1
      }
    }
    return (output, hadInvalid)
  }

  /// Encodes bytes as quoted-printable body text (RFC 2045 §6.7).
  ///
  /// Input line breaks (CRLF, LF or CR) become `lineBreak`, which is a hard line break.
  /// Output lines are at most 76 characters, split with soft line breaks. `=`, control
  /// characters, bytes above 126, and a space or tab at the end of a line are encoded.
  static func encodeQuotedPrintable(_ bytes: [UInt8], lineBreak: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var lineLength = 0
    var index = 0
    func append(_ token: [UInt8]) {
      if lineLength + token.count > 75 {
        output += [61] + lineBreak
        lineLength = 0
      }
      output += token
      lineLength += token.count
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == ByteText.cr || byte == ByteText.lf {
        output += lineBreak
        lineLength = 0
        index = ByteText.skipLineBreak(in: bytes, at: index, to: bytes.count)
        continue
      }
      let atLineEnd =
        index + 1 == bytes.count || bytes[index + 1] == ByteText.cr
        || bytes[index + 1] == ByteText.lf
      let isPlain =
        (byte >= 33 && byte <= 126 && byte != 61) || (ByteText.isWhitespace(byte) && !atLineEnd)
      append(isPlain ? [byte] : hexEscape(byte))
      index += 1
    }
    return output
  }

  /// `=XX` with upper-case hex digits.
  static func hexEscape(_ byte: UInt8) -> [UInt8] {
    let digits = Array("0123456789ABCDEF".utf8)
    return [61, digits[Int(byte >> 4)], digits[Int(byte & 15)]]
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 48...57: return byte - 48
    case 65...70: return byte - 55
    case 97...102: return byte - 87
    default: return nil
    }
  }
}
