import Testing

@testable import HooksWire

/// Edits through a pointer must change buffers in place, not copy them: a copy per operation
/// makes a response with many operations on a large request quadratic.
@Suite struct JSONValueEditingTests {
  static func bufferAddress(_ value: JSONValue?) -> UnsafeRawPointer? {
    value?.arrayValue?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
  }

  static func largeDocument() -> JSONValue {
    let elements = (0..<1000).map { JSONValue.object(JSONObject([("x", .integer($0))])) }
    return ["outer": ["list": .array(elements)], "action": "accept"]
  }

  @Test func setKeepsArrayBuffer() throws {
    var document = Self.largeDocument()
    let before = Self.bufferAddress(document["outer"]?["list"])
    try document.editValue(at: try JSONPointer("/outer/list/500/x")) { $0 = -1 }
    #expect(Self.bufferAddress(document["outer"]?["list"]) == before)
    #expect(document["outer"]?["list"]?[500]?["x"] == -1)
  }

  @Test func draftOperationsKeepArrayBuffer() throws {
    var document = Self.largeDocument()
    let list = try JSONPointer("/outer/list")
    let before = Self.bufferAddress(document["outer"]?["list"])
    let operations = [
      PatchOperation(
        kind: .set, pathText: "/outer/list/1/x", path: try JSONPointer("/outer/list/1/x"),
        value: 7, label: "set[0]", raw: [:], format: .draft),
      PatchOperation(
        kind: .delete, pathText: "/outer/list/2", path: try JSONPointer("/outer/list/2"),
        label: "delete[0]", raw: [:], format: .draft),
    ]
    for operation in operations {
      try PatchEngine.applyDraft(operation, path: try #require(operation.path), to: &document)
      #expect(Self.bufferAddress(try document.value(at: list)) == before, "\(operation.label)")
    }
  }

  @Test func jsonPatchReplaceKeepsArrayBuffer() throws {
    var document = Self.largeDocument()
    let before = Self.bufferAddress(document["outer"]?["list"])
    let path = try JSONPointer("/outer/list/3")
    let operation = PatchOperation(
      kind: .replace, pathText: path.description, path: path, value: "new", label: "[0]",
      raw: [:], format: .jsonPatch)
    try PatchEngine.applyJSONPatch(operation, path: path, to: &document)
    #expect(Self.bufferAddress(document["outer"]?["list"]) == before)
    #expect(document["outer"]?["list"]?[3] == "new")
  }

  @Test func sharedDocumentIsCopiedNotChanged() throws {
    let original = Self.largeDocument()
    var edited = original
    try edited.editValue(at: try JSONPointer("/outer/list/0/x")) { $0 = 99 }
    #expect(original["outer"]?["list"]?[0]?["x"] == 0)
    #expect(edited["outer"]?["list"]?[0]?["x"] == 99)
    #expect(
      Self.bufferAddress(original["outer"]?["list"]) != Self.bufferAddress(edited["outer"]?["list"])
    )
  }

  @Test func failedDescentLeavesDocumentIntact() throws {
    var document = Self.largeDocument()
    let original = document
    #expect(throws: JSONPointerError.self) {
      try document.editValue(at: try JSONPointer("/outer/list/5000/x")) { $0 = 1 }
    }
    #expect(document == original)
  }
}
