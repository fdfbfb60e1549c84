import HooksWire
import Testing

@Suite struct JSONSerializerTests {
  @Test func compactFormRoundTrips() throws {
    let text = #"{"b":[1,1.0,-2.5e-3,"x/y",null,true],"a":{},"c":[],"d":"é"}"#
    #expect(try JSONParser.parse(text).compactJSON == text)
  }

  @Test func prettyFormIndentsByTwo() throws {
    let value = try JSONParser.parse(#"{"a":[1,{"b":null}],"c":{},"d":[]}"#)
    let expected = """
      {
        "a": [
          1,
          {
            "b": null
          }
        ],
        "c": {},
        "d": []
      }
      """
    #expect(value.prettyJSON == expected)
  }

  @Test func escapesOnlyWhatJSONRequires() {
    let value = JSONValue.string("a/b\"c\\d\n\r\t\u{08}\u{0C}\u{01}é😀")
    #expect(value.compactJSON == #""a/b\"c\\d\n\r\t\b\f\u0001é😀""#)
  }

  @Test func bytesBecomeBase64() {
    #expect(JSONValue.bytes(Array("Hello".utf8)).compactJSON == #""SGVsbG8=""#)
    #expect(JSONValue.bytes([]).compactJSON == #""""#)
  }

  @Test func nonFiniteNumbersBecomeNull() {
    #expect(JSONValue.double(.infinity).compactJSON == "null")
    #expect(JSONValue.double(.nan).compactJSON == "null")
  }

  @Test func overflowingNumbersKeepTheirText() throws {
    let value = try JSONParser.parse("[1e999, -1e999]")
    #expect(value.compactJSON == "[1e999,-1e999]")
  }

  @Test func builtDoublesStayFloatingPoint() throws {
    let text = JSONValue.double(3).compactJSON
    #expect(text == "3.0")
    #expect(try JSONParser.parse(text).int64Value == nil)
  }

  @Test func parsedFixturesRoundTripExactly() throws {
    // Every fixture is pretty JSON from a real implementation; after normalising whitespace
    // through one compact pass, a second pass must be byte-identical.
    for name in [
      "12-draft01-spec-discovery-document.json", "16-draft01-spec-hook-request-inbound-data.json",
      "17-draft01-spec-hook-request-outbound-delivery-partial.json",
      "25-rspamd-test-hook-request-data-rendered.json",
    ] {
      let bytes = try SharedFilesBridge.fixture(name)
      let first = try JSONParser.parse(bytes).compactJSON
      let second = try JSONParser.parse(first).compactJSON
      #expect(first == second, "\(name)")
    }
  }
}
