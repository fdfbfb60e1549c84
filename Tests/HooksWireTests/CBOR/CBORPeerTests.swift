import Foundation
import HooksWire
import Testing

/// The Swift half of the differential check against Python cbor2.
///
/// `Tests/Peers/cbor_peer.py generate` writes cases (cbor2-encoded items and their diagnostic
/// notation), this test decodes and re-encodes each one and writes HookBench's results, and
/// `cbor_peer.py check` decodes those results with cbor2. `.ci/steps/20-cbor-peer.sh` runs the
/// three steps. The test runs only when `HOOKBENCH_CBOR_PEER_FILE` names a cases file; it
/// writes the results to `HOOKBENCH_CBOR_PEER_RESULTS`, or beside the cases file with the
/// suffix `.results`.
@Suite struct CBORPeerTests {
  private static let environment = ProcessInfo.processInfo.environment

  @Test(.enabled(if: environment["HOOKBENCH_CBOR_PEER_FILE"] != nil))
  func peerCasesDecodeAndReencode() throws {
    let casesPath = try #require(Self.environment["HOOKBENCH_CBOR_PEER_FILE"])
    let resultsPath = Self.environment["HOOKBENCH_CBOR_PEER_RESULTS"] ?? casesPath + ".results"
    let text = try String(contentsOfFile: casesPath, encoding: .utf8)

    var results: [UInt8] = []
    var count = 0
    for line in text.split(separator: "\n") where !line.isEmpty {
      let testCase = try JSONParser.parse(String(line))
      let id = try #require(testCase["id"]?.intValue, "case without id: \(line)")
      let hexText = try #require(testCase["cbor"]?.stringValue, "case \(id) has no cbor")
      let input = try #require(bytes(hex: hexText), "case \(id) has invalid hex")
      let expectedDiagnostic = testCase["diagnostic"]?.stringValue

      let result = Self.result(id: id, input: input)
      #expect(result["decode_error"] == nil, "case \(id): \(result["decode_error"] ?? nil)")
      #expect(result["diagnostic"]?.stringValue == expectedDiagnostic, "case \(id)")
      #expect(result["reencoded"]?.stringValue == hexText, "case \(id) re-encoding")
      results += JSONSerializer.bytes(result) + [0x0a]
      count += 1
    }
    #expect(count > 0, "no cases in \(casesPath)")
    try Data(results).write(to: URL(fileURLWithPath: resultsPath))
  }

  /// HookBench's view of one case: diagnostic, re-encoding, JSON mapping and JSON-to-CBOR.
  private static func result(id: Int, input: [UInt8]) -> JSONValue {
    var object = JSONObject()
    object["id"] = .integer(id)
    let value: CBORValue
    do {
      value = try CBORDecoder.decode(input)
    } catch {
      object["decode_error"] = .string("\(error)")
      return .object(object)
    }
    object["diagnostic"] = .string(value.diagnostic)
    object["reencoded"] = .string(hex(CBOREncoder.encode(value)))
    do {
      let json = try value.toJSON()
      let direct = try CBORCodec.decodeJSON(input)
      let difference = strictJSONDifference(direct, json, exact: true)
      #expect(difference == nil, "case \(id): direct decoding differs: \(difference ?? "")")
      object["json"] = .string(JSONSerializer.string(json))
      object["json_cbor"] = .string(hex(CBORCodec.encodeJSON(json)))
    } catch {
      object["json_error"] = .string("\(error)")
    }
    return .object(object)
  }
}
