import HooksWire
import Testing

/// RFC 6902 cases beyond the community suite.
@Suite struct JSONPatchEngineTests {
  static func apply(_ patch: JSONValue, to document: JSONValue) -> PatchResult {
    PatchEngine.apply(Patch.parse(patch), to: document, policy: .perOperation)
  }

  static func refusal(_ result: PatchResult) -> String? {
    guard case .refused(let reason) = result.outcomes.first?.status else { return nil }
    return reason
  }

  @Test func arrayBodyIsJSONPatch() {
    let patch = Patch.parse([["op": "remove", "path": "/a"]])
    #expect(patch.format == .jsonPatch)
    #expect(patch.format.displayName == "JSON Patch (draft-02 preview)")
    #expect(patch.operations.first?.label == "[0]")
  }

  @Test func dashAppends() {
    let result = Self.apply([["op": "add", "path": "/list/-", "value": 3]], to: ["list": [1, 2]])
    #expect(result.document == ["list": [1, 2, 3]])
  }

  @Test func addReplacesExistingMember() {
    let result = Self.apply([["op": "add", "path": "/a", "value": 2]], to: ["a": 1, "b": 0])
    #expect(result.document == ["a": 2, "b": 0])
    #expect(result.document.objectValue?.keys == ["a", "b"])
  }

  @Test func moveIntoOwnChildFails() {
    let result = Self.apply(
      [["op": "move", "from": "/a", "path": "/a/b"]], to: ["a": ["b": 1]])
    #expect(Self.refusal(result)?.contains("into its own child") == true)
    #expect(result.document == ["a": ["b": 1]])
  }

  @Test func moveOntoItselfChangesNothing() {
    let result = Self.apply([["op": "move", "from": "/a", "path": "/a"]], to: ["a": 1])
    #expect(result.isClean)
    #expect(result.document == ["a": 1])
  }

  @Test func failedMoveRestoresSource() {
    // The source is removed first. The target's parent is missing, so the removal is undone.
    let document: JSONValue = ["list": [1, 2, 3], "other": 0]
    let result = Self.apply([["op": "move", "from": "/list/0", "path": "/none/x"]], to: document)
    #expect(Self.refusal(result) != nil)
    #expect(result.document == document)
  }

  @Test func moveWithinArrayUsesShiftedIndex() {
    let result = Self.apply(
      [["op": "move", "from": "/0", "path": "/2"]], to: ["a", "b", "c"])
    #expect(result.document == ["b", "c", "a"])
  }

  @Test func testComparesNumbersByValue() {
    let result = Self.apply(
      [["op": "test", "path": "/n", "value": 1.0], ["op": "test", "path": "/m", "value": 10]],
      to: ["n": 1, "m": 1e1])
    #expect(result.isClean)
  }

  @Test func failedTestShowsBothValues() {
    let result = Self.apply([["op": "test", "path": "/n", "value": "1"]], to: ["n": 1])
    #expect(Self.refusal(result) == "test failed: the value at \"/n\" is 1, not \"1\"")
  }

  @Test func removeRootFails() {
    let result = Self.apply([["op": "remove", "path": ""]], to: ["a": 1])
    #expect(Self.refusal(result)?.contains("whole document") == true)
  }

  @Test func unknownOpIsProblem() {
    let patch = Patch.parse([["op": "spam", "path": "/a"], 7, ["path": "/a"]])
    #expect(patch.operations.isEmpty)
    #expect(patch.problems.map(\.location) == ["[0]", "[1]", "[2]"])
    #expect(patch.problems[0].message.contains("\"spam\""))
  }

  @Test func unknownMembersAreIgnored() {
    let result = Self.apply(
      [["op": "add", "path": "/b", "value": 2, "index": 9, "note": "x"]], to: ["a": 1])
    #expect(result.isClean)
    #expect(result.document == ["a": 1, "b": 2])
  }

  @Test func draftOperationsAreNotJSONPatch() {
    let patch = Patch.parse([["op": "set", "path": "/a", "value": 1]])
    #expect(patch.problems.first?.message.contains("\"set\"") == true)
  }

  // Where Python's jsonpatch 1.33 departs from the RFCs, HookBench follows the RFCs.

  @Test func testNeverEqualsBooleanAndNumber() {
    let result = Self.apply([["op": "test", "path": "/n", "value": true]], to: ["n": 1])
    #expect(Self.refusal(result) == "test failed: the value at \"/n\" is 1, not true")
  }

  @Test func pointerDoesNotIndexStrings() {
    let result = Self.apply([["op": "test", "path": "/s/0", "value": "a"]], to: ["s": "abc"])
    #expect(Self.refusal(result)?.contains("the string at \"/s\" has no member or element") == true)
  }

  @Test func copyWholeDocument() {
    let result = Self.apply([["op": "copy", "from": "", "path": "/copy"]], to: ["a": 1])
    #expect(result.document == ["a": 1, "copy": ["a": 1]])
  }

  @Test func replaceMemberNamedDash() {
    let result = Self.apply([["op": "replace", "path": "/-", "value": 2]], to: ["-": 1])
    #expect(result.document == ["-": 2])
  }

  @Test func moveArrayElementIntoOwnChildFails() {
    let result = Self.apply([["op": "move", "from": "/0", "path": "/0/0"]], to: [[1], [2]])
    #expect(Self.refusal(result)?.contains("into its own child") == true)
  }
}
