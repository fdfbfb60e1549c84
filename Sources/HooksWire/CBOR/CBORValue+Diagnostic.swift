/// Diagnostic notation (RFC 8949 §8): a readable text form of a CBOR value for the screen and
/// for error messages.
extension CBORValue {
  /// The value in diagnostic notation on one line, as in RFC 8949 appendix A:
  /// `{1: 2, 3: 4}`, `[_ 1, [2, 3]]`, `(_ h'0102', h'030405')`, `23(h'01020304')`,
  /// `simple(16)`, `undefined`, `-Infinity`, `1.0e+300`, `"\u00fc"`.
  ///
  /// Text strings escape `"`, `\`, control characters and every non-ASCII character as
  /// `\uXXXX` (UTF-16), so the result is plain ASCII. Floats do not show their width.
  public var diagnostic: String {
    var writer = CBORDiagnostic(isPretty: false)
    writer.write(self, indent: 0)
    return writer.output
  }

  /// The value in diagnostic notation over several lines: each element of a non-empty array,
  /// map or indefinite-length string on its own line, indented by two spaces per level.
  public var prettyDiagnostic: String {
    var writer = CBORDiagnostic(isPretty: true)
    writer.write(self, indent: 0)
    return writer.output
  }
}

/// The diagnostic notation writer behind `diagnostic` and `prettyDiagnostic`.
struct CBORDiagnostic {
  let isPretty: Bool
  var output = ""

  init(isPretty: Bool) {
    self.isPretty = isPretty
  }

  mutating func write(_ value: CBORValue, indent: Int) {
    switch value {
    case .unsigned(let number):
      output += String(number)
    case .negative(let argument):
      output += CBORDiagnostic.negativeText(argument)
    case .byteString(let bytes):
      output += "h'" + CBORHex.string(bytes) + "'"
    case .byteStringChunks(let chunks):
      writeSequence(chunks.map(CBORValue.byteString), open: "(_", close: ")", indent: indent)
    case .textString(let text):
      output += CBORDiagnostic.quoted(text)
    case .textStringChunks(let chunks):
      writeSequence(chunks.map(CBORValue.textString), open: "(_", close: ")", indent: indent)
    case .array(let elements, let indefinite):
      writeSequence(elements, open: indefinite ? "[_" : "[", close: "]", indent: indent)
    case .map(let entries, let indefinite):
      writeMap(entries, indefinite: indefinite, indent: indent)
    case .tagged(let tag, let content):
      output += String(tag) + "("
      write(content, indent: indent)
      output += ")"
    case .bool(let flag):
      output += flag ? "true" : "false"
    case .null:
      output += "null"
    case .undefined:
      output += "undefined"
    case .simple(let number):
      output += "simple(\(number))"
    case .float(let float):
      output += CBORDiagnostic.floatText(float.value)
    }
  }

  /// Writes `[1, 2]`, `[_ 1, 2]` or `(_ "a", "b")`. An empty indefinite-length item is
  /// `[_ ]`, as in RFC 8949 appendix A.
  private mutating func writeSequence(
    _ elements: [CBORValue], open: String, close: String, indent: Int
  ) {
    let isIndefinite = open.hasSuffix("_")
    guard !elements.isEmpty else {
      output += open + (isIndefinite ? " " : "") + close
      return
    }
    output += open
    for (index, element) in elements.enumerated() {
      writeSeparator(isFirst: index == 0, afterIndefinite: isIndefinite, indent: indent + 2)
      write(element, indent: indent + 2)
    }
    writeClosing(close, indent: indent)
  }

  private mutating func writeMap(_ entries: [CBORMapEntry], indefinite: Bool, indent: Int) {
    let open = indefinite ? "{_" : "{"
    guard !entries.isEmpty else {
      output += open + (indefinite ? " " : "") + "}"
      return
    }
    output += open
    for (index, entry) in entries.enumerated() {
      writeSeparator(isFirst: index == 0, afterIndefinite: indefinite, indent: indent + 2)
      write(entry.key, indent: indent + 2)
      output += ": "
      write(entry.value, indent: indent + 2)
    }
    writeClosing("}", indent: indent)
  }

  private mutating func writeSeparator(isFirst: Bool, afterIndefinite: Bool, indent: Int) {
    if isPretty {
      output += (isFirst ? "" : ",") + "\n" + String(repeating: " ", count: indent)
    } else if !isFirst {
      output += ", "
    } else if afterIndefinite {
      output += " "
    }
  }

  private mutating func writeClosing(_ close: String, indent: Int) {
    if isPretty { output += "\n" + String(repeating: " ", count: indent) }
    output += close
  }

  /// Returns the decimal text of −1 − `argument`, exact down to −2^64.
  static func negativeText(_ argument: UInt64) -> String {
    if argument < UInt64.max { return "-" + String(argument + 1) }
    return "-"
      + CBORBignum.decimalText(bigEndian: CBORBignum.incremented(CBORBignum.bytes(argument)))
  }

  /// Formats a float as RFC 8949 appendix A mostly does: `Infinity`, `-Infinity`, `NaN`, or
  /// the shortest decimal that reads back as the value, always with a fraction, and with an
  /// exponent without leading zeros (`1.0e+300`, `5.960464477539063e-8`). Appendix A writes
  /// 2^-14 as `0.00006103515625`, where this writes `6.103515625e-5`.
  static func floatText(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    // Swift's description is the shortest round-trip form, such as `1e+300` or `2e-07`.
    let text = value.description
    guard let exponentStart = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
      return text.contains(".") ? text : text + ".0"
    }
    var mantissa = String(text[..<exponentStart])
    if !mantissa.contains(".") { mantissa += ".0" }
    var exponent = text[text.index(after: exponentStart)...]
    var sign = ""
    if let first = exponent.first, first == "+" || first == "-" {
      sign = String(first)
      exponent = exponent.dropFirst()
    }
    let digits = exponent.drop { $0 == "0" }
    return mantissa + "e" + sign + (digits.isEmpty ? "0" : String(digits))
  }

  /// Quotes a text string with JSON-style escapes and non-ASCII characters as `\uXXXX`
  /// UTF-16 code units.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value >= 0x20 && scalar.value < 0x7f {
          result.unicodeScalars.append(scalar)
        } else {
          for unit in String(scalar).utf16 {
            result += "\\u" + CBORHex.padded(Int(unit), width: 4)
          }
        }
      }
    }
    return result + "\""
  }
}
