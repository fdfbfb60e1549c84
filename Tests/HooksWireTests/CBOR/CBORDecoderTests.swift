import HooksWire
import Testing

@Suite struct CBORDecoderTests {
  private func decode(_ hexText: String) throws -> CBORValue {
    try CBORDecoder.decode(try #require(bytes(hex: hexText)))
  }

  @Test func integersCoverFullRange() throws {
    #expect(try decode("00") == .unsigned(0))
    #expect(try decode("17") == .unsigned(23))
    #expect(try decode("1818") == .unsigned(24))
    #expect(try decode("1bffffffffffffffff") == .unsigned(UInt64.max))
    #expect(try decode("20") == .negative(0))
    #expect(try decode("3bffffffffffffffff") == .negative(UInt64.max))
    #expect(CBORValue.integer(-1) == .negative(0))
    #expect(CBORValue.integer(Int64.min) == .negative(UInt64(Int64.max)))
  }

  @Test func nonPreferredArgumentsDecode() throws {
    #expect(try decode("1800") == .unsigned(0))
    #expect(try decode("1b0000000000000001") == .unsigned(1))
    #expect(try decode("5900024142") == .byteString([0x41, 0x42]))
  }

  @Test func floatsRememberWidth() throws {
    let half = try decode("f93e00")
    #expect(half == .float(CBORFloat(width: .half, bits: 0x3e00)))
    let single = try decode("fa47c35000")
    #expect(single == .float(CBORFloat(width: .single, bits: 0x47c3_5000)))
    let double = try decode("fb3ff8000000000000")
    #expect(double == .float(CBORFloat(1.5)))
    #expect(half != double)
  }

  @Test func mapsKeepAnyKeyInOrder() throws {
    let value = try decode("a3 01 02 6161 03 80 04")
    let expected = CBORValue.map([
      CBORMapEntry(key: .unsigned(1), value: .unsigned(2)),
      CBORMapEntry(key: .textString("a"), value: .unsigned(3)),
      CBORMapEntry(key: .array([]), value: .unsigned(4)),
    ])
    #expect(value == expected)
  }

  @Test func duplicateMapKeysAreKept() throws {
    let value = try decode("a2 01 02 01 03")
    guard case .map(let entries, _) = value else {
      Issue.record("expected a map, got \(value)")
      return
    }
    #expect(entries.count == 2)
  }

  @Test func indefiniteItemsRememberForm() throws {
    #expect(try decode("5f 42 0102 43 030405 ff") == .byteStringChunks([[1, 2], [3, 4, 5]]))
    #expect(try decode("7f 65 7374726561 64 6d696e67 ff") == .textStringChunks(["strea", "ming"]))
    #expect(try decode("9f 01 ff") == .array([.unsigned(1)], indefinite: true))
    #expect(
      try decode("bf 6161 01 ff")
        == .map(
          [CBORMapEntry(key: .textString("a"), value: .unsigned(1))], indefinite: true))
    #expect(try decode("9f ff") == .array([], indefinite: true))
  }

  @Test func tagsAndSimpleValuesAreKept() throws {
    #expect(try decode("c1 1a514b67b0") == .tagged(1, .unsigned(1_363_896_240)))
    #expect(
      try decode("c2 49 010000000000000000")
        == .tagged(
          2,
          .byteString(
            [1]
              + Array(
                repeating: 0, count: 8))))
    #expect(try decode("f0") == .simple(16))
    #expect(try decode("f8ff") == .simple(255))
    #expect(try decode("f4") == .bool(false))
    #expect(try decode("f5") == .bool(true))
    #expect(try decode("f6") == .null)
    #expect(try decode("f7") == .undefined)
  }

  @Test func nestingUpToLimitDecodes() throws {
    let depth = CBORDecoder.maximumDepth
    let input = [UInt8](repeating: 0x81, count: depth) + [0x00]
    var value = try CBORDecoder.decode(input)
    var levels = 0
    while case .array(let elements, _) = value, let first = elements.first {
      value = first
      levels += 1
    }
    #expect(levels == depth)
    #expect(value == .unsigned(0))
  }
}
