import Foundation
import HooksWire
import TestSupport
import Testing

/// Runs the community JSON Patch suite (json-patch/json-patch-tests) unchanged.
@Suite struct JSONPatchConformanceTests {
  struct Record: Sendable, CustomTestStringConvertible {
    var file: String
    var position: Int
    var comment: String
    var document: JSONValue
    var patch: JSONValue
    var expected: JSONValue?
    var isError: Bool
    var isDisabled: Bool

    var testDescription: String { "\(file) #\(position): \(comment)" }
  }

  /// Reads a suite file.
  ///
  /// `JSONParser` is strict and rejects `spec_tests.json` as a whole, because one disabled
  /// record repeats the `op` key on purpose. Foundation's decoder accepts the repeat, so the
  /// suite is read with it. Member order is lost, which no record depends on, because
  /// JSON Patch compares objects without regard to order.
  static func records(_ file: String) throws -> [Record] {
    let data = try Data(contentsOf: SharedFiles.shared("conformance/json-patch/\(file)"))
    let decoded = try JSONDecoder().decode([LooseJSON].self, from: data)
    return decoded.enumerated().map { position, entry in
      let object = entry.value.objectValue ?? JSONObject()
      return Record(
        file: file, position: position, comment: object["comment"]?.stringValue ?? "",
        document: object["doc"] ?? .null, patch: object["patch"] ?? .null,
        expected: object["expected"], isError: object["error"] != nil,
        isDisabled: object["disabled"]?.boolValue == true)
    }
  }

  static let allRecords: [Record] = {
    let tests = (try? records("tests.json")) ?? []
    let spec = (try? records("spec_tests.json")) ?? []
    return tests + spec
  }()

  @Test func suiteFilesAreRead() throws {
    #expect(try Self.records("tests.json").count == 95)
    #expect(try Self.records("spec_tests.json").count == 17)
  }

  @Test(arguments: allRecords.filter { !$0.isDisabled })
  func record(_ record: Record) {
    let patch = Patch.parse(record.patch)
    let result = PatchEngine.apply(patch, to: record.document)
    let failures = result.refusals.map(\.summary) + result.problems.map(\.description)
    if record.isError {
      #expect(!result.isClean, "expected an error, got \(result.document.compactJSON)")
      #expect(result.document == record.document, "a failed patch changed the document")
    } else {
      #expect(result.isClean, "unexpected failures: \(failures)")
      if let expected = record.expected {
        #expect(result.document == expected)
      }
    }
  }

  @Test func enabledRecordCounts() {
    let enabled = Self.allRecords.filter { !$0.isDisabled }
    #expect(enabled.count == 108)
    #expect(enabled.filter(\.isError).count == 34)
  }
}

/// A JSON value read through Foundation's `JSONDecoder`, for files that the strict parser
/// rejects on purpose.
private struct LooseJSON: Decodable {
  var value: JSONValue

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      value = .null
    } else if let flag = try? container.decode(Bool.self) {
      value = .bool(flag)
    } else if let integer = try? container.decode(Int64.self) {
      value = .number(JSONNumber(integer))
    } else if let number = try? container.decode(Double.self) {
      value = .double(number)
    } else if let text = try? container.decode(String.self) {
      value = .string(text)
    } else if let elements = try? container.decode([LooseJSON].self) {
      value = .array(elements.map(\.value))
    } else {
      let members = try container.decode([String: LooseJSON].self)
      value = .object(
        JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) }))
    }
  }
}
