import HooksWire
import TestSupport
import Testing

/// `CBORCodec` decodes and encodes JSON directly, and must give exactly what the `CBORValue`
/// tree gives: `CBORDecoder.decode(_:).toJSON()` and `CBOREncoder.encode(_:)` of `toCBOR()`.
/// Every check here runs both paths on the same input and compares the bytes, the values
/// (number spelling and string bytes included) or the errors.
@Suite struct CBORDirectPathTests {
  /// The outcome of one decode: a value or an error.
  private enum Outcome {
    case value(JSONValue)
    case failure(CBORError)
  }

  private func directOutcome(_ input: [UInt8]) -> Outcome {
    do {
      return .value(try CBORCodec.decodeJSON(input))
    } catch let error as CBORError {
      return .failure(error)
    } catch {
      Issue.record("unexpected error type \(type(of: error)): \(error)")
      return .failure(CBORError(offset: -1, "\(error)"))
    }
  }

  private func treeOutcome(_ input: [UInt8]) -> Outcome {
    do {
      return .value(try CBORDecoder.decode(input).toJSON())
    } catch let error as CBORError {
      return .failure(error)
    } catch {
      Issue.record("unexpected error type \(type(of: error)): \(error)")
      return .failure(CBORError(offset: -1, "\(error)"))
    }
  }

  /// Returns the difference between the two decode paths on `input`, or nil when they agree.
  private func decodeDifference(_ input: [UInt8]) -> String? {
    switch (directOutcome(input), treeOutcome(input)) {
    case (.value(let direct), .value(let tree)):
      return strictJSONDifference(direct, tree, exact: true)
    case (.failure(let direct), .failure(let tree)):
      return direct == tree ? nil : "direct path: \(direct); tree path: \(tree)"
    case (.value(let direct), .failure(let tree)):
      return "direct path decoded \(JSONSerializer.string(direct)); tree path: \(tree)"
    case (.failure(let direct), .value(let tree)):
      return "direct path: \(direct); tree path decoded \(JSONSerializer.string(tree))"
    }
  }

  private func expectSameDecoding(_ input: [UInt8], _ label: String) {
    let difference = decodeDifference(input)
    #expect(difference == nil, "\(label) \(hex(input)): \(difference ?? "")")
  }

  private func expectSameEncoding(_ value: JSONValue, _ label: String) {
    let direct = CBORCodec.encodeJSON(value)
    let tree = CBOREncoder.encode(value.toCBOR())
    guard direct != tree else { return }
    let offset = zip(direct, tree).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    let start = offset ?? min(direct.count, tree.count)
    let directPart = hex(Array(direct.dropFirst(start).prefix(16)))
    let treePart = hex(Array(tree.dropFirst(start).prefix(16)))
    Issue.record(
      "\(label): encodings of \(direct.count) and \(tree.count) bytes differ from offset \(start): \(directPart) (direct) and \(treePart) (tree)")
  }

  // MARK: - Seeded random values

  @Test func randomValuesEncodeAndDecodeAlike() throws {
    var random = SeededGenerator(state: 0x4342_4f52)
    for index in 0..<400 {
      let value = randomValue(depth: 0, &random)
      let label = "random value \(index)"
      expectSameEncoding(value, label)
      let encoded = CBORCodec.encodeJSON(value)
      expectSameDecoding(encoded, label)
      let decoded = try CBORCodec.decodeJSON(encoded)
      let difference = strictJSONDifference(decoded, value)
      #expect(difference == nil, "\(label) round trip: \(difference ?? "")")
    }
  }

  @Test func mutatedEncodingsDecodeAlike() {
    // Changed, cut and lengthened encodings of random values give malformed input, values
    // with no JSON form and a few inputs that still decode. Both paths must agree on each.
    var random = SeededGenerator(state: 0x6d75_7461)
    var failures = 0
    for index in 0..<300 {
      let encoded = CBORCodec.encodeJSON(randomValue(depth: 0, &random))
      for mutation in 0..<8 {
        let mutated = mutate(encoded, &random)
        if case .failure = treeOutcome(mutated) { failures += 1 }
        expectSameDecoding(mutated, "value \(index) mutation \(mutation)")
      }
      for length in stride(from: 0, to: encoded.count, by: max(1, encoded.count / 16)) {
        expectSameDecoding(Array(encoded.prefix(length)), "value \(index) cut to \(length)")
      }
    }
    // Most mutations must fail, or the test would compare only successful decodes.
    #expect(failures > 1000)
  }

  // MARK: - Appendix A of RFC 8949

  @Test func appendixVectorsDecodeAndEncodeAlike() throws {
    let url = SharedFiles.shared("conformance/cbor/appendix_a.json")
    let document = try JSONParser.parse(try SharedFiles.bytes(url))
    let entries = try #require(document.arrayValue)
    var mapped = 0
    for (index, entry) in entries.enumerated() {
      let hexText = try #require(entry["hex"]?.stringValue, "vector \(index) has no hex")
      let input = try #require(bytes(hex: hexText), "vector \(index) has invalid hex")
      expectSameDecoding(input, "vector \(index)")
      guard case .value(let value) = treeOutcome(input) else { continue }
      expectSameEncoding(value, "vector \(index)")
      mapped += 1
    }
    // The other four have no JSON form: simple(16), simple(24), simple(255) and {1: 2, 3: 4}.
    #expect(mapped == 78)
  }

  // MARK: - Chosen inputs

  @Test(arguments: [
    // Integers at every argument width and both ends of the range.
    "00", "17", "1818", "18ff", "190100", "1a00010000", "1b0000000100000000",
    "1bffffffffffffffff", "20", "3bffffffffffffffff", "3b7fffffffffffffff", "1800",
    // Bignums: small, beyond 64 bits, chunked, empty, and with the wrong content.
    "c24101", "c349010000000000000000", "c25f41014101ff", "c240", "c3 6161", "c2 01",
    "c2 80",
    // Floats of each width, NaN payloads and signed zero.
    "f93e00", "f98000", "f97e01", "fa47c35000", "fb3ff199999999999a", "fa7fc00001",
    // Strings: chunked, empty, ill-formed UTF-8 and a character split across chunks.
    "7f657374726561646d696e67ff", "60", "7fff", "62c080", "63eda080", "64f4908080",
    "62e282", "7f 61e2 62 82ac ff", "5f42010243030405ff", "5f 61 61 ff",
    // Maps: duplicate, non-text and tagged keys, and keys needing pointer escapes.
    "a2 6161 01 6161 02", "a1 01 02", "a1 c0 6161 01", "a1 d9d9f7 7f 6161 ff 01",
    "a1 a0 01", "a1 f6 01", "bf 6161 01 6161 02 ff", "a1 62 7e2f f0",
    "82 00 a2 6161 01 6161 02", "a1 6161 a1 01 02",
    // A value with no JSON form before malformed bytes: the malformed bytes win.
    "82 f0 ff", "a2 01 02 63 61", "82 a2 6161 01 6161 02 1c", "82 f0 7f 61 ff",
    // Simple values and the break.
    "f0", "f818", "f810", "f7", "ff", "9f ff", "bf ff", "bf 6161 ff", "9f 01",
    // Tags that the JSON mapping drops, and trailing bytes.
    "d82076687474703a2f2f7777772e6578616d706c652e636f6d", "c6 c6 01", "00 00", "a0 ff",
    // Declared lengths beyond the input.
    "5bffffffffffffffff0102", "9bffffffffffffffff00", "bbffffffffffffffff0000",
    "a2010203", "1c", "5f 01 ff", "7f 41 00 ff",
  ])
  func chosenInputsDecodeAlike(input: String) throws {
    expectSameDecoding(try #require(bytes(hex: input)), "input")
  }

  @Test func deepNestingDecodesAlike() {
    let depth = CBORDecoder.maximumDepth
    for opener: [UInt8] in [[0x81], [0xa1, 0x61, 0x61], [0xc6], [0x9f]] {
      for levels in [depth, depth + 1] {
        let closer: [UInt8] = opener == [0x9f] ? Array(repeating: 0xff, count: levels) : []
        let input = Array([[UInt8]](repeating: opener, count: levels).joined()) + [0x00] + closer
        expectSameDecoding(input, "\(levels) levels of \(hex(opener))")
      }
    }
    // Tagged map keys nest too.
    let keyTags = [UInt8](repeating: 0xc6, count: depth) + [0x61, 0x61, 0x01]
    expectSameDecoding([0xa1] + keyTags, "map key under \(depth) tags")
  }

  @Test func boundaryLengthsEncodeAndDecodeAlike() {
    for count in [0, 1, 23, 24, 255, 256, 65_535, 65_536] {
      let text = String(repeating: "é", count: count / 2) + String(repeating: "x", count: count % 2)
      let values: [JSONValue] = [
        .string(text),
        .bytes([UInt8](repeating: 0xab, count: count)),
        .array([JSONValue](repeating: .integer(count), count: min(count, 300))),
      ]
      for value in values {
        expectSameEncoding(value, "\(value.typeName) of length \(count)")
        expectSameDecoding(CBORCodec.encodeJSON(value), "\(value.typeName) of length \(count)")
      }
    }
  }

  @Test func unusualNumbersEncodeAlike() {
    let integers: [Int64] = [
      0, 23, 24, 255, 256, 65_535, 65_536, 4_294_967_295, 4_294_967_296, .max, -1, -24, -25,
      -256, -257, -65_536, -65_537, -4_294_967_296, -4_294_967_297, .min,
    ]
    for integer in integers {
      expectSameEncoding(.number(JSONNumber(integer)), "integer \(integer)")
    }
    let largeTexts = [
      "9223372036854775808", "18446744073709551615", "18446744073709551616",
      "-9223372036854775809", "-18446744073709551616", "-18446744073709551617",
      "123456789012345678901234567890", "12a", "-", "",
    ]
    for text in largeTexts {
      let number = JSONNumber(text: text, isInteger: true, int64: nil, double: Double(text) ?? 0)
      expectSameEncoding(.number(number), "integer text \(text)")
    }
    let doubles: [Double] = [
      0, -0.0, 1.5, 65504, 65505, 0x1p-24, 0x1p-25, 0x1p-14, 100_000, 1.1, .infinity,
      -.infinity, .nan, Double(bitPattern: 0x7ff0_0000_0000_0001), .leastNonzeroMagnitude,
      .greatestFiniteMagnitude, Double(Float.leastNonzeroMagnitude),
    ]
    for double in doubles {
      expectSameEncoding(.double(double), "double \(double)")
    }
  }
}

// MARK: - Generators

/// The seeded generator of the line diff tests, so that every run tests the same values.
private typealias SeededGenerator = LineDiffTests.SeededGenerator

private let textPieces = [
  "a", "Subject", " ", "~", "/", "é", "€", "😀", "\u{0}", "\u{7f}", "\u{80}", "\u{ffff}",
  "e\u{301}", String(repeating: "ascii text ", count: 4),
]

private func randomText(_ random: inout SeededGenerator) -> String {
  let pieceCount = Int.random(in: 0...(Bool.random(using: &random) ? 4 : 40), using: &random)
  var text = ""
  for _ in 0..<pieceCount {
    text += textPieces.randomElement(using: &random) ?? ""
  }
  return text
}

private func randomNumber(_ random: inout SeededGenerator) -> JSONNumber {
  switch Int.random(in: 0..<6, using: &random) {
  case 0:
    return JSONNumber(Int64.random(in: -300...300, using: &random))
  case 1:
    return JSONNumber(Int64(bitPattern: random.next()) >> Int64.random(in: 0..<64, using: &random))
  case 2:
    let digits = (0..<Int.random(in: 19...40, using: &random)).map { _ in
      String(Int.random(in: 1...9, using: &random))
    }.joined()
    let text = (Bool.random(using: &random) ? "-" : "") + digits
    return JSONNumber(text: text, isInteger: true, int64: Int64(text), double: Double(text) ?? 0)
  case 3:
    return JSONNumber(Double(bitPattern: random.next()))
  case 4:
    return JSONNumber(Double(Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))))
  default:
    return JSONNumber(Double(Int.random(in: -2048...2048, using: &random)) / 8)
  }
}

private func randomValue(depth: Int, _ random: inout SeededGenerator) -> JSONValue {
  let kind = Int.random(in: 0..<(depth < 4 ? 9 : 6), using: &random)
  switch kind {
  case 0: return .null
  case 1: return .bool(Bool.random(using: &random))
  case 2: return .number(randomNumber(&random))
  case 3: return .string(randomText(&random))
  case 4:
    let count = Int.random(in: 0...(Bool.random(using: &random) ? 30 : 300), using: &random)
    return .bytes((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
  case 5: return .number(randomNumber(&random))
  case 6:
    let count = Int.random(in: 0...26, using: &random)
    return .array((0..<count).map { _ in randomValue(depth: depth + 1, &random) })
  default:
    var object = JSONObject()
    for _ in 0..<Int.random(in: 0...12, using: &random) {
      object[randomText(&random)] = randomValue(depth: depth + 1, &random)
    }
    return .object(object)
  }
}

/// Changes one byte, inserts one or removes one.
private func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
  var result = bytes
  let position = Int.random(in: 0...result.count, using: &random)
  let byte = UInt8.random(in: 0...255, using: &random)
  switch Int.random(in: 0..<3, using: &random) {
  case 0 where position < result.count: result[position] = byte
  case 1: result.insert(byte, at: position)
  default: if position < result.count { result.remove(at: position) }
  }
  return result
}
