import HooksWire
import Testing

@Suite struct Base64Tests {
  // RFC 4648 §10 test vectors.
  @Test(arguments: [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
    ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
  ])
  func rfc4648Vectors(plain: String, encoded: String) {
    #expect(Base64.encode(Array(plain.utf8)) == encoded)
    #expect(Base64.decode(encoded) == Array(plain.utf8))
  }

  @Test func rejectsInvalidText() {
    #expect(Base64.decode("Zg") == nil)
    #expect(Base64.decode("Zg=a") == nil)
    #expect(Base64.decode("Z===") == nil)
    #expect(Base64.decode("Zm9v!") == nil)
  }

  @Test func skipsWhitespaceWhenAsked() {
    #expect(Base64.decode("Zm9v\r\nYmFy", ignoringWhitespace: true) == Array("foobar".utf8))
    #expect(Base64.decode("Zm9v\r\nYmFy") == nil)
  }

  @Test func allByteValuesRoundTrip() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    #expect(Base64.decode(Base64.encode(bytes)) == bytes)
  }
}
