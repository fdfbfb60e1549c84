import HooksWire
import Testing

@Suite struct JSONParserTests {
  @Test func parsesEveryKind() throws {
    let value = try JSONParser.parse(#"{"a": [1, -2.5, "x", true, false, null, {}], "b": {}}"#)
    #expect(value["a"]?[0] == 1)
    #expect(value["a"]?[1] == .double(-2.5))
    #expect(value["a"]?[2] == "x")
    #expect(value["a"]?[3] == true)
    #expect(value["a"]?[5] == .null)
    #expect(value["b"] == .object(JSONObject()))
  }

  @Test func memberOrderIsKept() throws {
    let value = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#)
    #expect(value.objectValue?.keys == ["z", "a", "m"])
  }

  @Test func numbersKeepTheirText() throws {
    let value = try JSONParser.parse("[1, 1.0, 1e2, -0, 1.50, 9007199254740993]")
    let texts = value.arrayValue?.compactMap { element -> String? in
      if case .number(let number) = element { return number.text }
      return nil
    }
    #expect(texts == ["1", "1.0", "1e2", "-0", "1.50", "9007199254740993"])
    #expect(value[0]?.int64Value == 1)
    #expect(value[1]?.int64Value == nil)
    #expect(value[5]?.int64Value == 9_007_199_254_740_993)
  }

  @Test func integersBeyondInt64KeepDigits() throws {
    let value = try JSONParser.parse("18446744073709551616")
    guard case .number(let number) = value else {
      Issue.record("expected a number")
      return
    }
    #expect(number.isInteger)
    #expect(number.int64 == nil)
    #expect(JSONSerializer.string(value) == "18446744073709551616")
  }

  @Test func int64BoundsAreExact() throws {
    #expect(try JSONParser.parse("9223372036854775807").int64Value == Int64.max)
    #expect(try JSONParser.parse("-9223372036854775808").int64Value == Int64.min)
    #expect(try JSONParser.parse("9223372036854775808").int64Value == nil)
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
    #expect(value == .string("a\"b\\c/d\né😀"))
  }

  @Test func acceptsByteOrderMark() throws {
    #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == [])
  }

  @Test(arguments: [
    ("[1,]", "trailing commas"),
    (#"{"a":1,}"#, "trailing commas"),
    ("01", "leading zeros"),
    ("-01", "leading zeros"),
    ("[1] x", "expected end of input"),
    (#"{"a":1,"a":2}"#, "duplicate member name \"a\""),
    (#""\ud800""#, "not followed by a low surrogate"),
    (#""\udc00""#, "lone low surrogate"),
    (#""\ud800\u0041""#, "not a low surrogate"),
    ("\"a\u{01}\"", "must be escaped"),
    ("tru", "expected 'true'"),
    ("1.", "expected a digit after '.'"),
    ("1e", "exponent"),
    (#"{"a" 1}"#, "expected ':'"),
    (#"{a:1}"#, "member name in double quotes"),
    ("", "found end of input"),
    ("[1 2]", "expected ',' or ']'"),
    (#""\x""#, "invalid escape"),
  ])
  func rejectsInvalidText(text: String, fragment: String) {
    do {
      _ = try JSONParser.parse(text)
      Issue.record("\(text) parsed")
    } catch let error as JSONParseError {
      #expect(error.description.contains(fragment), "\(error.description)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func reportsLineAndColumn() {
    let text = "{\n  \"a\": 1,\n  \"b\": x\n}"
    #expect(throws: JSONParseError(line: 3, column: 8, offset: 19, message: "expected a value, found 'x'")) {
      try JSONParser.parse(text)
    }
  }

  @Test(arguments: [
    [0x22, 0xC3, 0x28, 0x22],  // bad continuation byte
    [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
    [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate
    [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
    [0x22, 0xE2, 0x82],  // cut off
    [0x22, 0xFF, 0x22],
  ] as [[UInt8]])
  func rejectsInvalidUTF8(bytes: [UInt8]) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
  }

  @Test func nestingLimitIsEnforced() throws {
    let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(throws: Never.self) { try JSONParser.parse(allowed) }
    let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(throws: JSONParseError.self) { try JSONParser.parse(tooDeep) }
  }

  @Test func deeplyNestedInputDoesNotTrap() {
    let hostile = String(repeating: "[{\"a\":", count: 100_000)
    #expect(throws: JSONParseError.self) { try JSONParser.parse(hostile) }
  }

  @Test func truncatedInputAtEveryPrefixFails() throws {
    let text = #"{"stage":"data","envelope":{"to":[{"address":"a@example.org"}]},"n":[1.5e3,true]}"#
    let bytes = Array(text.utf8)
    for length in 0..<bytes.count {
      #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(bytes[0..<length])) }
    }
    #expect(throws: Never.self) { try JSONParser.parse(bytes) }
  }

  @Test func hugeNumberDoesNotTrap() throws {
    let digits = "1" + String(repeating: "0", count: 100_000)
    let value = try JSONParser.parse(digits)
    #expect(value.int64Value == nil)
    #expect(value.doubleValue == .infinity)
    #expect(JSONSerializer.string(value) == digits)
  }
}
