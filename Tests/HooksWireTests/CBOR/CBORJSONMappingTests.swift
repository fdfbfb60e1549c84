import HooksWire
import Testing

@Suite struct CBORJSONMappingTests {
  private func json(_ hexText: String) throws -> JSONValue {
    try CBORCodec.decodeJSON(try #require(bytes(hex: hexText)))
  }

  private func conversionError(_ hexText: String) throws -> CBORError? {
    do {
      let value = try json(hexText)
      Issue.record("converted \(hexText) to \(value)")
      return nil
    } catch let error as CBORError {
      return error
    }
  }

  @Test func integersBeyondInt64KeepExactText() throws {
    let cases: [(String, String, Int64?)] = [
      ("1bffffffffffffffff", "18446744073709551615", nil),
      ("1b7fffffffffffffff", "9223372036854775807", Int64.max),
      ("3b7fffffffffffffff", "-9223372036854775808", Int64.min),
      ("3b8000000000000000", "-9223372036854775809", nil),
      ("3bffffffffffffffff", "-18446744073709551616", nil),
      ("c249010000000000000000", "18446744073709551616", nil),
      ("c349010000000000000000", "-18446744073709551617", nil),
      ("c24101", "1", 1),
      ("c240", "0", 0),
      ("c341ff", "-256", -256),
      ("c3487fffffffffffffff", "-9223372036854775808", Int64.min),
      ("c25f41014101ff", "257", 257),
    ]
    for (input, text, int64) in cases {
      let value = try json(input)
      guard case .number(let number) = value else {
        Issue.record("\(input) gave \(value)")
        continue
      }
      #expect(number.isInteger, "\(input)")
      #expect(number.text == text, "\(input)")
      #expect(number.int64 == int64, "\(input)")
    }
  }

  @Test func scalarsMap() throws {
    #expect(try json("f93e00") == .double(1.5))
    #expect(try json("f93e00").int64Value == nil)
    #expect(try json("4401020304") == .bytes([1, 2, 3, 4]))
    #expect(try json("5f42010243030405ff") == .bytes([1, 2, 3, 4, 5]))
    #expect(try json("7f657374726561646d696e67ff") == "streaming")
    #expect(try json("f7") == .null)
    #expect(
      try json("d82076687474703a2f2f7777772e6578616d706c652e636f6d") == "http://www.example.com")
    #expect(try json("f97e00").doubleValue?.isNaN == true)
  }

  @Test func mapsBecomeOrderedObjects() throws {
    let value = try json("a3 617a 01 6161 02 616d 03")
    #expect(value.objectValue?.keys == ["z", "a", "m"])
    #expect(value["a"] == 2)
  }

  @Test func nonTextKeyIsRejected() throws {
    let failure = try #require(try conversionError("a1 61 61 a1 01 02"))
    #expect(
      failure.description
        == "cannot convert CBOR to JSON at /a: map key 1 (unsigned integer) is not a text "
        + "string; JSON object keys must be text strings")
  }

  @Test func duplicateKeyIsRejected() throws {
    let failure = try #require(try conversionError("82 00 a2 6161 01 6161 02"))
    #expect(failure.path == "/1")
    #expect(failure.message == "map key \"a\" appears twice")
  }

  @Test func simpleValueIsRejected() throws {
    let failure = try #require(try conversionError("a1 62 7e2f f0"))
    #expect(failure.path == "/~0~1")
    #expect(failure.message.hasPrefix("simple(16) has no JSON form"))
  }

  @Test func bignumOfWrongContentIsRejected() throws {
    let failure = try #require(try conversionError("c3 6161"))
    #expect(failure.message.contains("must enclose a byte string"))
  }

  @Test func oversizedBignumIsRejected() throws {
    let content = [UInt8](repeating: 0xff, count: 129)
    let value = CBORValue.tagged(2, .byteString(content))
    #expect(throws: CBORError.self) { try value.toJSON() }
    let fitting = CBORValue.tagged(2, .byteString(Array(content.dropFirst())))
    #expect(try fitting.toJSON().int64Value == nil)
  }

  @Test func integersEncodeSmallest() {
    #expect(hex(CBORCodec.encodeJSON(.integer(0))) == "00")
    #expect(hex(CBORCodec.encodeJSON(.integer(-1000))) == "3903e7")
    #expect(hex(CBORCodec.encodeJSON(.integer(1_000_000))) == "1a000f4240")
    let big: [(String, String)] = [
      ("18446744073709551615", "1bffffffffffffffff"),
      ("18446744073709551616", "c249010000000000000000"),
      ("-18446744073709551616", "3bffffffffffffffff"),
      ("-18446744073709551617", "c349010000000000000000"),
      ("-9223372036854775809", "3b8000000000000000"),
    ]
    for (text, expected) in big {
      let number = JSONNumber(text: text, isInteger: true, int64: nil, double: Double(text) ?? 0)
      #expect(hex(CBORCodec.encodeJSON(.number(number))) == expected, "\(text)")
    }
  }

  @Test func doublesEncodeShortestExactFloat() {
    #expect(hex(CBORCodec.encodeJSON(.double(1.5))) == "f93e00")
    #expect(hex(CBORCodec.encodeJSON(.double(100000.0))) == "fa47c35000")
    #expect(hex(CBORCodec.encodeJSON(.double(1.1))) == "fb3ff199999999999a")
    #expect(hex(CBORCodec.encodeJSON(.double(2.0))) == "f94000")
  }

  @Test func objectsEncodeInMemberOrder() {
    let value: JSONValue = ["b": [1, "x"], "a": .bytes([0xff]), "c": nil, "d": true]
    #expect(
      hex(CBORCodec.encodeJSON(value))
        == "a4 6162 82 01 6178 6161 41ff 6163 f6 6164 f5"
        .filter { $0 != " " })
  }

  @Test func jsonSurvivesRoundTrip() throws {
    let value: JSONValue = [
      "envelope": ["from": "a@example.com", "to": ["b@example.com"], "size": 12345],
      "rawMessage": .bytes(Array("Subject: hi\r\n\r\nbody".utf8)),
      "score": -2.5, "flags": [true, false, nil], "empty": [:],
    ]
    let decoded = try CBORCodec.decodeJSON(CBORCodec.encodeJSON(value))
    #expect(decoded == value)
    #expect(decoded.objectValue?.keys == value.objectValue?.keys)
  }
}
