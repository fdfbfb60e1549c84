import HooksWire
import Testing

@Suite struct CBORCodecTests {
  @Test(arguments: [
    "{}", "[1]", "\"a\"", "0", "7", "-1", "true", "false", "null", " \r\n\t{", "\u{FEFF}{\"a\":1}",
  ])
  func jsonTextIsNotCBOR(text: String) {
    #expect(!CBORCodec.looksLikeCBOR(Array(text.utf8)))
  }

  @Test(arguments: ["a0", "bf ff", "80", "a1 6161 01", "d9d9f7 a0", "f6", "40"])
  func cborBodiesAreCBOR(input: String) throws {
    #expect(CBORCodec.looksLikeCBOR(try #require(bytes(hex: input))))
  }

  @Test func bareItemsWithJSONStartBytesReadAsJSON() {
    // The documented blind spots: each of these CBOR items starts with a JSON start byte.
    let items: [CBORValue] = [
      .integer(-1), .integer(-3), .integer(-14), .integer(-17), .integer(-24), .integer(-25),
      .integer(-300), .textString("123456"), .unsigned(9),
    ]
    for item in items {
      #expect(!CBORCodec.looksLikeCBOR(CBOREncoder.encode(item)), "\(item.diagnostic)")
    }
  }

  @Test func emptyInputIsNotCBOR() {
    #expect(!CBORCodec.looksLikeCBOR([]))
    #expect(!CBORCodec.looksLikeCBOR(Array("  \n".utf8)))
    #expect(!CBORCodec.looksLikeCBOR([0xef, 0xbb, 0xbf]))
  }
}
