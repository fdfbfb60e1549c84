import HooksWire

/// The scanner response that the patch benchmarks apply: 50 operations, 20 `set`, 20 `add`
/// and 10 `delete`, in the draft's modification object and as the equivalent RFC 6902 array.
///
/// The paths fit the requests of `BenchInputs`, whose `message` has at least 15 header fields,
/// so that every operation succeeds. Both forms run in the same order (every set, then every
/// add, then every delete) and produce the same document.
enum BenchResponse {
  /// The draft's `{"set": […], "add": […], "delete": […]}` body.
  static let draft: JSONValue = {
    let operations = steps
    func list(_ kind: Step.Kind) -> JSONValue {
      .array(operations.filter { $0.kind == kind }.map(\.draft))
    }
    return ["set": list(.set), "add": list(.add), "delete": list(.delete)]
  }()

  /// The same operations as an RFC 6902 JSON Patch array.
  static let jsonPatch: JSONValue = .array(steps.map(\.jsonPatch))

  /// The operation count of either form.
  static var count: Int { steps.count }

  /// One operation in both forms.
  private struct Step {
    enum Kind { case set, add, delete }

    var kind: Kind
    var draft: JSONValue
    var jsonPatch: JSONValue

    static func set(_ path: String, _ value: JSONValue) -> Step {
      Step(
        kind: .set, draft: ["path": .string(path), "value": value],
        jsonPatch: ["op": "replace", "path": .string(path), "value": value])
    }

    /// Appends `value` to the array at `path`, or inserts it at `index`.
    static func insert(_ path: String, _ value: JSONValue, index: Int? = nil) -> Step {
      var draft: JSONValue = ["path": .string(path), "value": value]
      if let index, var object = draft.objectValue {
        object["index"] = .integer(index)
        draft = .object(object)
      }
      let target = path + "/" + (index.map(String.init) ?? "-")
      return Step(
        kind: .add, draft: draft,
        jsonPatch: ["op": "add", "path": .string(target), "value": value])
    }

    /// Creates the object member that `path` names.
    static func create(_ path: String, _ value: JSONValue) -> Step {
      Step(
        kind: .add, draft: ["path": .string(path), "value": value],
        jsonPatch: ["op": "add", "path": .string(path), "value": value])
    }

    static func delete(_ path: String) -> Step {
      Step(
        kind: .delete, draft: ["path": .string(path)],
        jsonPatch: ["op": "remove", "path": .string(path)])
    }
  }

  private static let steps: [Step] = {
    var steps: [Step] = [
      .set("/timestamp", "2026-12-04T09:12:46Z"),
      .set("/response/code", 250),
      .set("/response/message", "OK, scanned"),
      .set("/message/subject", "[SUSPICIOUS] Quarterly report — résumé and next steps"),
      .set("/envelope/from/address", "bounces@news.example.org"),
      .set("/envelope/to/1/parameters", ["NOTIFY": "NEVER"]),
      .set("/senderAuth/dkim", "fail"),
      .set("/tls/cipherBits", 128),
    ]
    for index in 0..<12 {
      steps.append(.set("/message/headers/\(index)/value", .string(" rewritten field \(index)")))
    }

    for index in 0..<10 {
      let header: JSONValue = ["name": "X-Spam-Rule", "value": .string(" RULE_\(index)=0.\(index)")]
      steps.append(.insert("/message/headers", header))
    }
    for index in 0..<5 {
      let header: JSONValue = ["name": "X-Scanned-By", "value": .string(" scanner-\(index)")]
      steps.append(.insert("/message/headers", header, index: 0))
    }
    for index in 0..<3 {
      let recipient: JSONValue = [
        "address": .string("archive\(index)@example.com"), "parameters": [:],
      ]
      steps.append(.insert("/envelope/to", recipient))
    }
    steps.append(.create("/senderAuth/arc", "pass"))
    steps.append(.create("/client/reputation", ["score": 87, "lists": ["none"]]))

    for _ in 0..<8 { steps.append(.delete("/message/headers/20")) }
    steps.append(.delete("/senderAuth/dmarc"))
    steps.append(.delete("/client/ptr"))
    return steps
  }()
}
