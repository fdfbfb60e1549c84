/// Writes `JSONValue` as RFC 8259 JSON text, compact or pretty.
///
/// Only what JSON requires is escaped: `"`, `\` and the control characters below U+0020.
/// So `/` stays `/` and non-ASCII text is written as UTF-8. Members keep their order, and
/// numbers are written with their original text, even when the value overflows `Double`
/// (`1e999`). A non-finite number built in code has no JSON form and is written as `null`. A byte string is written as standard Base64 with
/// padding (RFC 4648 §4).
///
/// The pretty form indents by 2 spaces, puts one member or element per line, writes
/// `"name": value`, and writes empty containers as `{}` and `[]`.
public enum JSONSerializer {
  /// Serializes `value` to a string.
  public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
    String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
  }

  /// Serializes `value` to UTF-8 bytes.
  public static func bytes(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256)
    write(value, to: &output, pretty: pretty, indent: 0)
    return output
  }

  private static func write(_ value: JSONValue, to output: inout [UInt8], pretty: Bool, indent: Int) {
    switch value {
    case .null:
      output.append(contentsOf: "null".utf8)
    case .bool(let flag):
      output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number):
      if number.isInteger || number.double.isFinite || hasJSONSpelling(number.text) {
        output.append(contentsOf: number.text.utf8)
      } else {
        output.append(contentsOf: "null".utf8)
      }
    case .string(let text):
      writeString(text, to: &output)
    case .bytes(let bytes):
      writeString(Base64.encode(bytes), to: &output)
    case .array(let elements):
      writeArray(elements, to: &output, pretty: pretty, indent: indent)
    case .object(let object):
      writeObject(object, to: &output, pretty: pretty, indent: indent)
    }
  }

  /// Whether `text` is a JSON number literal, as parsed text is even when its value overflows
  /// `Double` (`1e999`); built non-finite values are spelled `Infinity` or `NaN` instead.
  private static func hasJSONSpelling(_ text: String) -> Bool {
    var scalars = text.unicodeScalars.makeIterator()
    guard var first = scalars.next() else { return false }
    if first == "-", let next = scalars.next() { first = next }
    return ("0"..."9").contains(first)
  }

  private static func writeArray(
    _ elements: [JSONValue], to output: inout [UInt8], pretty: Bool, indent: Int
  ) {
    guard !elements.isEmpty else {
      output.append(contentsOf: "[]".utf8)
      return
    }
    output.append(UInt8(ascii: "["))
    for (position, element) in elements.enumerated() {
      if position > 0 { output.append(UInt8(ascii: ",")) }
      if pretty { newline(to: &output, indent: indent + 2) }
      write(element, to: &output, pretty: pretty, indent: indent + 2)
    }
    if pretty { newline(to: &output, indent: indent) }
    output.append(UInt8(ascii: "]"))
  }

  private static func writeObject(
    _ object: JSONObject, to output: inout [UInt8], pretty: Bool, indent: Int
  ) {
    guard !object.isEmpty else {
      output.append(contentsOf: "{}".utf8)
      return
    }
    output.append(UInt8(ascii: "{"))
    for position in 0..<object.count {
      if position > 0 { output.append(UInt8(ascii: ",")) }
      if pretty { newline(to: &output, indent: indent + 2) }
      writeString(object.keys[position], to: &output)
      output.append(UInt8(ascii: ":"))
      if pretty { output.append(UInt8(ascii: " ")) }
      write(object.values[position], to: &output, pretty: pretty, indent: indent + 2)
    }
    if pretty { newline(to: &output, indent: indent) }
    output.append(UInt8(ascii: "}"))
  }

  private static func newline(to output: inout [UInt8], indent: Int) {
    output.append(0x0A)
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func writeString(_ text: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""):
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"):
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A:
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D:
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09:
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0x08:
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
      case 0x0C:
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
      case 0..<0x20:
        output.append(contentsOf: "\\u00".utf8)
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
      default:
        output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}

extension JSONValue {
  /// The value as compact JSON text.
  public var compactJSON: String { JSONSerializer.string(self) }

  /// The value as pretty JSON text with a 2-space indent.
  public var prettyJSON: String { JSONSerializer.string(self, pretty: true) }
}
