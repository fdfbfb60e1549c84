import HooksWire
import TestSupport
import Testing

/// The examples of RFC 8949 appendix A, read unchanged from the shared conformance file.
@Suite struct CBORAppendixATests {
  private struct Vector {
    let index: Int
    let bytes: [UInt8]
    let roundtrip: Bool
    let decoded: JSONValue?
    let diagnostic: String?
  }

  private func vectors() throws -> [Vector] {
    let url = SharedFiles.shared("conformance/cbor/appendix_a.json")
    let document = try JSONParser.parse(try SharedFiles.bytes(url))
    let entries = try #require(document.arrayValue, "appendix_a.json is not an array")
    return try entries.enumerated().map { index, entry in
      let hexText = try #require(entry["hex"]?.stringValue, "vector \(index) has no hex")
      let encoded = try #require(bytes(hex: hexText), "vector \(index) has invalid hex")
      let base64 = try #require(entry["cbor"]?.stringValue, "vector \(index) has no cbor")
      #expect(Base64.decode(base64) == encoded, "vector \(index): cbor and hex disagree")
      return Vector(
        index: index, bytes: encoded, roundtrip: entry["roundtrip"]?.boolValue ?? false,
        decoded: entry["decoded"], diagnostic: entry["diagnostic"]?.stringValue)
    }
  }

  @Test func fileHasEveryVector() throws {
    let all = try vectors()
    #expect(all.count == 82)
    #expect(all.allSatisfy { $0.decoded != nil || $0.diagnostic != nil })
  }

  @Test func decodedVectorsMatchThroughJSON() throws {
    var checked = 0
    for vector in try vectors() {
      guard let expected = vector.decoded else { continue }
      let actual = try CBORCodec.decodeJSON(vector.bytes)
      let difference = strictJSONDifference(actual, expected)
      #expect(difference == nil, "vector \(vector.index) \(hex(vector.bytes)): \(difference ?? "")")
      checked += 1
    }
    #expect(checked == 59)
  }

  @Test func diagnosticVectorsMatchPrinter() throws {
    var checked = 0
    for vector in try vectors() {
      guard let expected = vector.diagnostic else { continue }
      let value = try CBORDecoder.decode(vector.bytes)
      #expect(value.diagnostic == expected, "vector \(vector.index) \(hex(vector.bytes))")
      checked += 1
    }
    #expect(checked == 23)
  }

  @Test func roundtripVectorsReencodeExactly() throws {
    var checked = 0
    for vector in try vectors() where vector.roundtrip {
      let value = try CBORDecoder.decode(vector.bytes)
      #expect(hex(CBOREncoder.encode(value)) == hex(vector.bytes), "vector \(vector.index)")
      checked += 1
    }
    #expect(checked > 0)
  }

  @Test func decodedValuesEncodeToPreferredBytes() throws {
    // A JSON value built from `decoded` encodes to the vector's own bytes whenever the vector
    // is in preferred serialization and has no tag or simple value the JSON drops.
    for vector in try vectors() where vector.roundtrip {
      guard let decoded = vector.decoded else { continue }
      #expect(
        hex(CBORCodec.encodeJSON(decoded)) == hex(vector.bytes),
        "vector \(vector.index) \(JSONSerializer.string(decoded))")
    }
  }

  @Test func definiteVectorsReencodeFromJSON() throws {
    // Indefinite-length vectors map to the same JSON as their definite forms.
    let pairs = [
      ("9f018202039f0405ffff", "8301820203820405"),
      ("bf61610161629f0203ffff", "a26161016162820203"),
      ("7f657374726561646d696e67ff", "6973747265616d696e67"),
    ]
    for (indefinite, definite) in pairs {
      let json = try CBORCodec.decodeJSON(try #require(bytes(hex: indefinite)))
      #expect(hex(CBORCodec.encodeJSON(json)) == definite)
    }
  }
}
