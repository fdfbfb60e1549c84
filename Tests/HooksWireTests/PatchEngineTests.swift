import HooksWire
import Testing

@Suite struct PatchEngineTests {
  static let request: JSONValue = [
    "action": "accept",
    "envelope": ["to": [["address": "a@example.com"], ["address": "b@example.com"]]],
    "message": ["headers": [["name": "From"], ["name": "To"]], "subject": "hi"],
  ]

  static func apply(_ body: JSONValue, policy: PatchFailurePolicy = .atomic) -> PatchResult {
    PatchEngine.apply(Patch.parse(body), to: request, policy: policy)
  }

  static func refusal(_ result: PatchResult, _ position: Int) -> String? {
    guard result.outcomes.indices.contains(position),
      case .refused(let reason) = result.outcomes[position].status
    else { return nil }
    return reason
  }

  @Test func addAppendsWithoutIndex() {
    let result = Self.apply(["add": [["path": "/envelope/to", "value": ["address": "c@x"]]]])
    #expect(result.isClean)
    #expect(result.document["envelope"]?["to"]?.arrayValue?.count == 3)
    #expect(result.document["envelope"]?["to"]?[2]?["address"] == "c@x")
  }

  @Test func addNullIndexAppends() {
    let body: JSONValue = ["add": [["path": "/envelope/to", "value": 1, "index": nil]]]
    #expect(Self.apply(body).document["envelope"]?["to"]?[2] == 1)
  }

  @Test func addInsertsAtIndexAndAtEnd() {
    let body: JSONValue = [
      "add": [
        ["path": "/message/headers", "value": "first", "index": 0],
        ["path": "/message/headers", "value": "last", "index": 3],
      ]
    ]
    let result = Self.apply(body)
    #expect(result.isClean)
    #expect(result.document["message"]?["headers"]?[0] == "first")
    #expect(result.document["message"]?["headers"]?[3] == "last")
  }

  @Test func addIndexPastEndFails() {
    let body: JSONValue = ["add": [["path": "/message/headers", "value": 1, "index": 3]]]
    let reason = Self.refusal(Self.apply(body), 0)
    #expect(reason?.contains("\"index\" 3 is out of range") == true)
    #expect(reason?.contains("has 2 elements") == true)
  }

  @Test(arguments: [-1, 1.5, "0", true] as [JSONValue])
  func addInvalidIndexIsStructural(index: JSONValue) {
    let body: JSONValue = ["add": [["path": "/message/headers", "value": 1, "index": index]]]
    let result = Self.apply(body)
    #expect(result.outcomes[0].operation.structuralError?.contains("\"index\" must be") == true)
    #expect(result.document == Self.request)
  }

  @Test func addCreatesObjectMember() {
    let body: JSONValue = ["add": [["path": "/message/keywords", "value": ["$junk"]]]]
    let result = Self.apply(body)
    #expect(result.isClean)
    #expect(result.document["message"]?["keywords"] == ["$junk"])
    #expect(result.document["message"]?.objectValue?.keys.last == "keywords")
  }

  @Test func addExistingMemberFails() {
    let body: JSONValue = ["add": [["path": "/message/subject", "value": "new"]]]
    let reason = Self.refusal(Self.apply(body), 0)
    #expect(reason == "\"/message/subject\" already exists (a string); use set to replace it")
  }

  @Test func addIndexOnObjectTargetFails() {
    let body: JSONValue = ["add": [["path": "/message/keywords", "value": 1, "index": 0]]]
    let reason = Self.refusal(Self.apply(body), 0)
    #expect(reason?.contains("applies only to an array") == true)
  }

  @Test func addToArrayElementSuggestsIndex() {
    let body: JSONValue = ["add": [["path": "/message/headers/1", "value": 1]]]
    let reason = Self.refusal(Self.apply(body), 0)
    #expect(reason?.contains("use path \"/message/headers\" with \"index\": 1") == true)
  }

  @Test func addIntoMissingParentFails() {
    let body: JSONValue = ["add": [["path": "/queue/id", "value": "q"]]]
    let reason = Self.refusal(Self.apply(body), 0)
    #expect(reason?.contains("has no member \"queue\"") == true)
  }

  @Test func setNeedsExistingTarget() {
    let ok = Self.apply(["set": [["path": "/envelope/to/1/address", "value": "z@example.com"]]])
    #expect(ok.document["envelope"]?["to"]?[1]?["address"] == "z@example.com")

    let missing = Self.apply(["set": [["path": "/message/keywords", "value": []]]])
    #expect(Self.refusal(missing, 0)?.contains("has no member \"keywords\"") == true)
  }

  @Test func setNullValueIsAllowed() {
    let result = Self.apply(["set": [["path": "/message/subject", "value": nil]]])
    #expect(result.isClean)
    #expect(result.document["message"]?["subject"] == .null)
  }

  @Test func setWholeDocument() {
    let result = Self.apply(["set": [["path": "", "value": ["action": "reject"]]]])
    #expect(result.document == ["action": "reject"])
  }

  @Test func deleteRemovesMemberAndElement() {
    let body: JSONValue = [
      "delete": [["path": "/message/subject"], ["path": "/envelope/to/0"]]
    ]
    let result = Self.apply(body)
    #expect(result.isClean)
    #expect(result.document["message"]?["subject"] == nil)
    #expect(result.document["envelope"]?["to"] == [["address": "b@example.com"]])
  }

  @Test func deleteMissingOrRootFails() {
    let result = Self.apply(
      ["delete": [["path": "/message/keywords"], ["path": ""], ["path": "/envelope/to/-"]]],
      policy: .perOperation)
    #expect(Self.refusal(result, 0)?.contains("has no member \"keywords\"") == true)
    #expect(Self.refusal(result, 1)?.contains("whole document") == true)
    #expect(Self.refusal(result, 2)?.contains("\"-\"") == true)
  }

  @Test(
    arguments: [
      ["delete": [["path": "/action", "index": 0]]],
      ["delete": [["path": "/action", "value": 1]]],
      ["set": [["path": "/action", "value": "reject", "index": 0]]],
      ["add": [["path": "/envelope/to", "value": 1, "op": "add"]]],
    ] as [JSONValue])
  func unknownOperationMemberIsStructural(body: JSONValue) {
    let result = Self.apply(body)
    #expect(result.outcomes[0].operation.structuralError?.contains("unknown member") == true)
    #expect(!result.isClean)
  }

  @Test func missingPathAndValue() {
    let result = Self.apply(["set": [["value": 1], ["path": "/action"], ["path": 7, "value": 1]]])
    #expect(result.outcomes[0].operation.structuralError == "missing \"path\"")
    #expect(result.outcomes[1].operation.structuralError?.hasPrefix("missing \"value\"") == true)
    #expect(
      result.outcomes[2].operation.structuralError == "\"path\" must be a string, not an integer")
  }

  @Test func invalidPointerKeepsText() {
    let result = Self.apply(["set": [["path": "action", "value": 1]]])
    let operation = result.outcomes[0].operation
    #expect(operation.pathText == "action")
    #expect(operation.path == nil)
    #expect(operation.structuralError?.hasPrefix("invalid JSON Pointer \"action\"") == true)
  }

  @Test func operationThatIsNotAnObject() {
    let result = Self.apply(["delete": ["/action"]])
    #expect(result.outcomes[0].operation.label == "delete[0]")
    #expect(result.outcomes[0].operation.structuralError?.contains("not a string") == true)
  }

  @Test func unknownTopLevelKeyIsProblem() {
    let result = Self.apply(["set": [["path": "/action", "value": "reject"]], "modify": []])
    #expect(
      result.problems == [
        PatchProblem(
          location: "modify",
          message: "unknown top-level key \"modify\"; a response has only set, add and delete")
      ])
    #expect(result.document == Self.request)
    #expect(result.outcomes[0].status != .applied)
  }

  @Test func problemsUnderPerOperationStillApplyRest() {
    let result = Self.apply(
      ["set": [["path": "/action", "value": "reject"]], "add": "oops"], policy: .perOperation)
    #expect(result.problems.map(\.location) == ["add"])
    #expect(result.document["action"] == "reject")
    #expect(!result.isClean)
  }

  @Test func bodyOfWrongType() {
    let patch = Patch.parse("accept")
    #expect(patch.problems.first?.location == "body")
    #expect(!patch.isEmpty)
  }

  @Test(
    arguments: [
      [:], ["set": nil, "add": [], "delete": nil], [] as JSONValue,
    ] as [JSONValue])
  func emptyBodiesChangeNothing(body: JSONValue) {
    let patch = Patch.parse(body)
    #expect(patch.isEmpty)
    let result = PatchEngine.apply(patch, to: Self.request)
    #expect(result.isClean)
    #expect(result.document == Self.request)
  }

  @Test func listsApplyInDraftOrder() {
    // The keys are written delete, add, set, but the engine runs set, then add, then delete.
    let body: JSONValue = [
      "delete": [["path": "/message/headers/0"]],
      "add": [["path": "/message/headers", "value": ["name": "X-New"], "index": 0]],
      "set": [["path": "/message/headers/0/name", "value": "Sender"]],
    ]
    let result = Self.apply(body)
    #expect(result.outcomes.map(\.operation.label) == ["set[0]", "add[0]", "delete[0]"])
    #expect(result.document["message"]?["headers"] == [["name": "Sender"], ["name": "To"]])
  }

  @Test func atomicSkipsEverythingOnFailure() {
    let body: JSONValue = [
      "set": [["path": "/action", "value": "reject"], ["path": "/nope", "value": 1]]
    ]
    let result = Self.apply(body)
    #expect(result.document == Self.request)
    guard case .skipped = result.outcomes[0].status else {
      Issue.record("set /action was not skipped: \(result.outcomes[0].status)")
      return
    }
    #expect(Self.refusal(result, 1) != nil)
    #expect(result.policySummary == "atomic: nothing applied, 1 operation failed")
  }

  @Test func perOperationAppliesTheRest() {
    let body: JSONValue = [
      "set": [["path": "/action", "value": "reject"], ["path": "/nope", "value": 1]]
    ]
    let result = Self.apply(body, policy: .perOperation)
    #expect(result.document["action"] == "reject")
    #expect(result.outcomes[0].status == .applied)
    #expect(Self.refusal(result, 1) != nil)
    #expect(result.policySummary == "per-operation: 1 of 2 applied, 1 operation failed")
  }

  @Test func failedOperationLeavesNoTrace() {
    // The failing add must not leave the document half-edited for the operation after it.
    let body: JSONValue = [
      "add": [["path": "/message/headers", "value": 1, "index": 9]],
      "delete": [["path": "/message/headers/1"]],
    ]
    let result = Self.apply(body, policy: .perOperation)
    #expect(result.document["message"]?["headers"] == [["name": "From"]])
  }

  @Test func checkSeesDocumentBeforeEachOperation() {
    let body: JSONValue = [
      "set": [["path": "/action", "value": "reject"], ["path": "/message/subject", "value": "x"]]
    ]
    let check: OperationCheck = { operation, before in
      if operation.path == (try? JSONPointer("/message/subject")), before["action"] == "reject" {
        return "\"/message/subject\" is not writable after a reject"
      }
      return nil
    }
    let result = PatchEngine.apply(
      Patch.parse(body), to: Self.request, policy: .perOperation, check: check)
    #expect(result.outcomes[0].status == .applied)
    #expect(Self.refusal(result, 1) == "\"/message/subject\" is not writable after a reject")
    #expect(result.document["message"]?["subject"] == "hi")
  }

  @Test func inputDocumentStaysUnchanged() {
    let original = Self.request
    var shared = original
    let result = PatchEngine.apply(
      Patch.parse(["set": [["path": "/message/headers/0/name", "value": "Sender"]]]),
      to: shared)
    #expect(result.document["message"]?["headers"]?[0]?["name"] == "Sender")
    #expect(shared == original)
    shared = .null
    #expect(original["message"]?["headers"]?[0]?["name"] == "From")
  }

  @Test func deepPointerNeedsNoRecursion() throws {
    // 10,000 levels of {"a": …} and a pointer that walks all of them.
    let depth = 10_000
    var document: JSONValue = 0
    for _ in 0..<depth { document = ["a": document] }
    let pointer = JSONPointer(tokens: Array(repeating: "a", count: depth))
    let patch = Patch(
      format: .draft,
      operations: [
        PatchOperation(
          kind: .set, pathText: pointer.description, path: pointer, value: 1, label: "set[0]",
          raw: [:], format: .draft)
      ])
    let result = PatchEngine.apply(patch, to: document)
    #expect(result.isClean)
    #expect(try result.document.value(at: pointer) == 1)
  }

  @Test func outcomeSummaries() {
    let body: JSONValue = [
      "set": [["path": "/action", "value": "reject"]],
      "add": [["path": "/message/headers", "value": ["name": "X"], "index": 0]],
      "delete": [["path": "/envelope/to/0"]],
    ]
    let lines = Self.apply(body).outcomes.map(\.summary)
    #expect(
      lines == [
        "set /action = \"reject\"  applied",
        "add /message/headers at 0 = {\"name\":\"X\"}  applied",
        "delete /envelope/to/0  applied",
      ])
  }

  @Test func jsonPatchSummaries() {
    let body: JSONValue = [
      ["op": "move", "from": "/action", "path": "/verdict"],
      ["op": "test", "path": "/verdict", "value": "accept"],
      ["op": "copy", "from": "/verdict", "path": "/action"],
    ]
    let result = PatchEngine.apply(Patch.parse(body), to: Self.request)
    #expect(
      result.outcomes.map(\.operation.summary) == [
        "move /verdict from /action", "test /verdict == \"accept\"", "copy /action from /verdict",
      ])
    #expect(result.isClean)
  }

  @Test func briefTextIsCut() {
    let long = JSONValue.string(String(repeating: "x", count: 100))
    #expect(long.briefText(maximumLength: 10) == "\"xxxxxxxx…")
  }
}
