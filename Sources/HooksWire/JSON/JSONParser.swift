/// A strict RFC 8259 JSON parser that produces `JSONValue`.
///
/// It rejects what RFC 8259 forbids and what would be ambiguous to show: invalid UTF-8, lone
/// UTF-16 surrogates in `\u` escapes, leading zeros, trailing commas, unescaped control
/// characters, duplicate object keys, nesting deeper than `maximumDepth`, and anything after
/// the value but whitespace. Errors carry the line, the column and what was expected.
///
/// Numbers keep their original text. A number without fraction or exponent is an integer;
/// when it fits in `Int64` it is exact, otherwise its digits stay exact in the text.
public enum JSONParser {
  /// The deepest nesting of arrays and objects that parses.
  public static let maximumDepth = 512

  /// Parses a complete JSON text from UTF-8 bytes. A leading UTF-8 byte order mark is
  /// skipped, as RFC 8259 §8.1 allows.
  ///
  /// - Throws: `JSONParseError`.
  public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    try bytes.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer)
      return try reader.parseDocument()
    }
  }

  /// Parses a complete JSON text.
  ///
  /// - Throws: `JSONParseError`.
  public static func parse(_ text: String) throws -> JSONValue {
    try parse(Array(text.utf8))
  }
}

/// The cursor over the input; one instance parses one document.
struct JSONReader {
  private let input: UnsafeBufferPointer<UInt8>
  private var position = 0
  private var depth = 0

  init(_ input: UnsafeBufferPointer<UInt8>) {
    self.input = input
  }

  mutating func parseDocument() throws -> JSONValue {
    if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF {
      position = 3
    }
    skipWhitespace()
    guard position < input.count else { throw error("expected a JSON value, found end of input") }
    let value = try parseValue()
    skipWhitespace()
    if position < input.count {
      throw error("expected end of input after the value, found \(describeCurrent())")
    }
    return value
  }

  // MARK: Values

  private mutating func parseValue() throws -> JSONValue {
    guard position < input.count else { throw error("expected a value, found end of input") }
    switch input[position] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("expected a value, found \(describeCurrent())")
    }
  }

  private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
    let count = word.utf8CodeUnitCount
    let start = word.utf8Start
    for index in 0..<count {
      guard position + index < input.count, input[position + index] == start[index] else {
        position += index
        throw error("expected '\(word)', found \(describeCurrent())")
      }
    }
    position += count
    return value
  }

  private mutating func enterContainer() throws {
    depth += 1
    if depth > JSONParser.maximumDepth {
      throw error("nesting is deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  private mutating func parseArray() throws -> JSONValue {
    try enterContainer()
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if position < input.count && input[position] == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      if position < input.count && input[position] == UInt8(ascii: "]") {
        throw error("expected a value after ',', found ']' (trailing commas are not allowed)")
      }
      elements.append(try parseValue())
      skipWhitespace()
      guard position < input.count else {
        throw error("expected ',' or ']' in an array, found end of input")
      }
      if input[position] == UInt8(ascii: ",") {
        position += 1
      } else if input[position] == UInt8(ascii: "]") {
        position += 1
        depth -= 1
        return .array(elements)
      } else {
        throw error("expected ',' or ']' in an array, found \(describeCurrent())")
      }
    }
  }

  private mutating func parseObject() throws -> JSONValue {
    try enterContainer()
    position += 1
    var object = JSONObject()
    skipWhitespace()
    if position < input.count && input[position] == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(object)
    }
    while true {
      skipWhitespace()
      guard position < input.count, input[position] == UInt8(ascii: "\"") else {
        if position < input.count && input[position] == UInt8(ascii: "}") {
          throw error("expected a member name after ',', found '}' (trailing commas are not allowed)")
        }
        throw error("expected a member name in double quotes, found \(describeCurrent())")
      }
      let keyStart = position
      let key = try parseString()
      skipWhitespace()
      guard position < input.count, input[position] == UInt8(ascii: ":") else {
        throw error("expected ':' after member name \"\(key)\", found \(describeCurrent())")
      }
      position += 1
      skipWhitespace()
      let value = try parseValue()
      if object.contains(key) {
        position = keyStart
        throw error("duplicate member name \"\(key)\" in an object")
      }
      object[key] = value
      skipWhitespace()
      guard position < input.count else {
        throw error("expected ',' or '}' in an object, found end of input")
      }
      if input[position] == UInt8(ascii: ",") {
        position += 1
      } else if input[position] == UInt8(ascii: "}") {
        position += 1
        depth -= 1
        return .object(object)
      } else {
        throw error("expected ',' or '}' after an object member, found \(describeCurrent())")
      }
    }
  }

  // MARK: Strings

  private mutating func parseString() throws -> String {
    position += 1  // opening quote
    let start = position

    // Fast path: plain ASCII without escapes.
    while position < input.count {
      let byte = input[position]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
        position += 1
        return text
      }
      if byte == UInt8(ascii: "\\") || byte >= 0x80 || byte < 0x20 { break }
      position += 1
    }

    var bytes = Array(input[start..<position])
    while position < input.count {
      let byte = input[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return String(decoding: bytes, as: UTF8.self)
      case UInt8(ascii: "\\"):
        try parseEscape(into: &bytes)
      case 0..<0x20:
        throw error("control character U+\(hex4(UInt32(byte))) must be escaped in a string")
      case 0x80...:
        try copyUTF8Sequence(into: &bytes)
      default:
        bytes.append(byte)
        position += 1
      }
    }
    throw error("expected '\"' to close the string, found end of input")
  }

  private mutating func parseEscape(into bytes: inout [UInt8]) throws {
    position += 1
    guard position < input.count else { throw error("expected an escape character, found end of input") }
    let escape = input[position]
    position += 1
    switch escape {
    case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
    case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
    case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "/"))
    case UInt8(ascii: "b"): bytes.append(0x08)
    case UInt8(ascii: "f"): bytes.append(0x0C)
    case UInt8(ascii: "n"): bytes.append(0x0A)
    case UInt8(ascii: "r"): bytes.append(0x0D)
    case UInt8(ascii: "t"): bytes.append(0x09)
    case UInt8(ascii: "u"):
      let scalar = try parseUnicodeEscape()
      appendUTF8(scalar, to: &bytes)
    default:
      position -= 1
      throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
    }
  }

  /// Reads the four hex digits after `\u`, and a second `\uXXXX` for a surrogate pair.
  private mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
    let escapeStart = position - 2
    let first = try parseHex4()
    if (0xDC00...0xDFFF).contains(first) {
      position = escapeStart
      throw error("lone low surrogate \\u\(hex4(first)) in a string")
    }
    guard (0xD800...0xDBFF).contains(first) else {
      // Not a surrogate, so always a valid scalar.
      return Unicode.Scalar(first) ?? "\u{FFFD}"
    }
    guard position + 1 < input.count, input[position] == UInt8(ascii: "\\"),
      input[position + 1] == UInt8(ascii: "u")
    else {
      position = escapeStart
      throw error("high surrogate \\u\(hex4(first)) is not followed by a low surrogate")
    }
    position += 2
    let second = try parseHex4()
    guard (0xDC00...0xDFFF).contains(second) else {
      position = escapeStart
      throw error("high surrogate \\u\(hex4(first)) is followed by \\u\(hex4(second)), not a low surrogate")
    }
    let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }

  private mutating func parseHex4() throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard position < input.count else { throw error("expected 4 hex digits after \\u, found end of input") }
      let byte = input[position]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("expected 4 hex digits after \\u, found \(describeCurrent())")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  /// Validates one UTF-8 sequence at `position` and copies it (RFC 3629 §4: no overlong
  /// forms, no surrogates, nothing above U+10FFFF).
  private mutating func copyUTF8Sequence(into bytes: inout [UInt8]) throws {
    let lead = input[position]
    let length: Int
    var lowerBound: UInt8 = 0x80
    var upperBound: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; lowerBound = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; upperBound = 0x9F
    case 0xF0: length = 4; lowerBound = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; upperBound = 0x8F
    default: throw error("invalid UTF-8 byte 0x\(hex2(lead))")
    }
    guard position + length <= input.count else {
      throw error("invalid UTF-8: sequence starting with 0x\(hex2(lead)) is cut off by the end of input")
    }
    for offset in 1..<length {
      let byte = input[position + offset]
      let low: UInt8 = offset == 1 ? lowerBound : 0x80
      let high: UInt8 = offset == 1 ? upperBound : 0xBF
      guard byte >= low && byte <= high else {
        position += offset
        throw error("invalid UTF-8 continuation byte 0x\(hex2(byte))")
      }
    }
    bytes.append(contentsOf: input[position..<position + length])
    position += length
  }

  private func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: String(Character(scalar)).utf8)
  }

  // MARK: Numbers

  private mutating func parseNumber() throws -> JSONValue {
    let start = position
    if input[position] == UInt8(ascii: "-") { position += 1 }
    guard position < input.count, isDigit(input[position]) else {
      throw error("expected a digit after '-', found \(describeCurrent())")
    }
    if input[position] == UInt8(ascii: "0") {
      position += 1
      if position < input.count && isDigit(input[position]) {
        position -= 1
        throw error("numbers must not have leading zeros")
      }
    } else {
      while position < input.count && isDigit(input[position]) { position += 1 }
    }

    var isInteger = true
    if position < input.count && input[position] == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      guard position < input.count, isDigit(input[position]) else {
        throw error("expected a digit after '.', found \(describeCurrent())")
      }
      while position < input.count && isDigit(input[position]) { position += 1 }
    }
    if position < input.count && (input[position] == UInt8(ascii: "e") || input[position] == UInt8(ascii: "E")) {
      isInteger = false
      position += 1
      if position < input.count && (input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-")) {
        position += 1
      }
      guard position < input.count, isDigit(input[position]) else {
        throw error("expected a digit in the exponent, found \(describeCurrent())")
      }
      while position < input.count && isDigit(input[position]) { position += 1 }
    }

    let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
    let int64 = isInteger ? parseInt64(start..<position) : nil
    let double = int64.map(Double.init) ?? Double(text) ?? .nan
    return .number(JSONNumber(text: text, isInteger: isInteger, int64: int64, double: double))
  }

  /// The exact value of an integer literal, or nil when it does not fit in `Int64`.
  private func parseInt64(_ range: Range<Int>) -> Int64? {
    var index = range.lowerBound
    let negative = input[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    guard range.upperBound - index <= 19 else { return nil }
    var magnitude: UInt64 = 0
    while index < range.upperBound {
      magnitude = magnitude * 10 + UInt64(input[index] - UInt8(ascii: "0"))
      index += 1
    }
    if negative {
      if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  // MARK: Whitespace and errors

  private mutating func skipWhitespace() {
    while position < input.count {
      switch input[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  private func describeCurrent() -> String {
    guard position < input.count else { return "end of input" }
    let byte = input[position]
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x\(hex2(byte))"
  }

  private func error(_ message: String) -> JSONParseError {
    var line = 1
    var lineStart = 0
    let end = min(position, input.count)
    for index in 0..<end where input[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return JSONParseError(line: line, column: end - lineStart + 1, offset: end, message: message)
  }

  private func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }

  private func hex4(_ value: UInt32) -> String {
    hex2(UInt8(value >> 8 & 0xFF)) + hex2(UInt8(value & 0xFF))
  }
}
