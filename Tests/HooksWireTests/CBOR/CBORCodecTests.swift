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

  @Test func emptyInputIsNotCBOR() {
    #expect(!CBORCodec.looksLikeCBOR([]))
    #expect(!CBORCodec.looksLikeCBOR(Array("  \n".utf8)))
    #expect(!CBORCodec.looksLikeCBOR([0xef, 0xbb, 0xbf]))
  }
}
