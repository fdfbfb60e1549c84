import HooksWire
import Testing

@Suite struct CBOREncoderTests {
  private func encodedHex(_ value: CBORValue) -> String { hex(CBOREncoder.encode(value)) }

  @Test(arguments: [
    (UInt64(0), "00"), (23, "17"), (24, "1818"), (255, "18ff"), (256, "190100"),
    (65535, "19ffff"), (65536, "1a00010000"), (4_294_967_295, "1affffffff"),
    (4_294_967_296, "1b0000000100000000"), (UInt64.max, "1bffffffffffffffff"),
  ])
  func unsignedUsesShortestArgument(value: UInt64, expected: String) {
    #expect(encodedHex(.unsigned(value)) == expected)
  }

  @Test func negativeUsesShortestArgument() {
    #expect(encodedHex(.integer(-1)) == "20")
    #expect(encodedHex(.integer(-25)) == "3818")
    #expect(encodedHex(.integer(Int64.min)) == "3b7fffffffffffffff")
    #expect(encodedHex(.negative(UInt64.max)) == "3bffffffffffffffff")
  }

  @Test func floatsKeepTheirWidth() {
    #expect(encodedHex(.float(CBORFloat(1.5))) == "fb3ff8000000000000")
    #expect(encodedHex(.float(CBORFloat(width: .single, bits: 0x3fc0_0000))) == "fa3fc00000")
    #expect(encodedHex(.float(CBORFloat(width: .half, bits: 0x7e01))) == "f97e01")
  }

  @Test func stringsAndContainersEncode() {
    #expect(encodedHex(.byteString([1, 2, 3, 4])) == "4401020304")
    #expect(encodedHex(.textString("\u{6c34}")) == "63e6b0b4")
    #expect(encodedHex(.byteStringChunks([[1, 2], [3, 4, 5]])) == "5f42010243030405ff")
    #expect(encodedHex(.textStringChunks(["strea", "ming"])) == "7f657374726561646d696e67ff")
    #expect(encodedHex(.array([.unsigned(1), .array([], indefinite: true)])) == "82019fff")
    #expect(encodedHex(.textMap([("a", .unsigned(1))])) == "a1616101")
    #expect(encodedHex(.map([], indefinite: true)) == "bfff")
    #expect(encodedHex(.tagged(24, .byteString([0x64]))) == "d8184164")
  }

  @Test func simpleValuesEncode() {
    #expect(encodedHex(.bool(false)) == "f4")
    #expect(encodedHex(.bool(true)) == "f5")
    #expect(encodedHex(.null) == "f6")
    #expect(encodedHex(.undefined) == "f7")
    #expect(encodedHex(.simple(16)) == "f0")
    #expect(encodedHex(.simple(32)) == "f820")
  }

  @Test func longLengthsUseLongArguments() throws {
    let payload = [UInt8](repeating: 0xab, count: 70_000)
    let encoded = CBOREncoder.encode(.byteString(payload))
    #expect(Array(encoded.prefix(5)) == [0x5a, 0x00, 0x01, 0x11, 0x70])
    #expect(try CBORDecoder.decode(encoded) == .byteString(payload))
  }
}

@Suite struct CBORFloatTests {
  @Test(arguments: [
    (0.0, "f90000"), (-0.0, "f98000"), (1.0, "f93c00"), (1.5, "f93e00"), (65504.0, "f97bff"),
    (5.960464477539063e-08, "f90001"), (6.103515625e-05, "f90400"), (-4.0, "f9c400"),
    (100000.0, "fa47c35000"), (3.4028234663852886e+38, "fa7f7fffff"), (1.1, "fb3ff199999999999a"),
    (1.0e+300, "fb7e37e43c8800759c"), (Double.infinity, "f97c00"), (-Double.infinity, "f9fc00"),
    (Double.nan, "f97e00"), (65505.0, "fa477fe100"), (2.9802322387695312e-08, "fa33000000"),
    (6.097555160522461e-05, "f903ff"), (1.0 / 3.0, "fb3fd5555555555555"),
  ])
  func shortestKeepsValueExactly(value: Double, expected: String) {
    let float = CBORFloat.shortest(value)
    #expect(hex(CBOREncoder.encode(.float(float))) == expected)
    if value.isNaN {
      #expect(float.value.isNaN)
    } else {
      #expect(float.value == value)
      #expect(float.value.sign == value.sign)
    }
  }

  @Test func halfValuesConvertBack() {
    // Every finite binary16 value survives half → Double → shortest without change.
    for bits in UInt16(0)...UInt16.max where bits & 0x7c00 != 0x7c00 {
      let half = CBORFloat(width: .half, bits: UInt64(bits))
      #expect(CBORFloat.shortest(half.value) == half, "bits \(bits)")
    }
  }
}
