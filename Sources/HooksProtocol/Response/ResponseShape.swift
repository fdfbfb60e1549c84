import HooksWire

/// Checks the structure of a response body before any operation runs: draft-01 §6.3 allows
/// only `set`, `add` and `delete` lists of operation objects, each with its own members.
///
/// A body that fails here is malformed, so it is refused as a whole under either failure
/// policy (draft-01 §6.4).
enum ResponseShape {
  private static let draftMembers: [String: Set<String>] = [
    "set": ["path", "value"], "add": ["path", "value", "index"], "delete": ["path"],
  ]
  private static let jsonPatchMembers: Set<String> = ["op", "path", "value", "from"]

  /// Lists the structural problems of `body`, or an empty list.
  static func problems(_ body: JSONValue) -> [String] {
    if let operations = body.arrayValue { return jsonPatchProblems(operations) }
    guard let object = body.objectValue else {
      return [
        "the body must be an object {set, add, delete} or a JSON Patch array, "
          + "found \(body.typeName)"
      ]
    }
    var problems: [String] = []
    for key in object.keys where draftMembers[key] == nil {
      problems.append(
        "unknown top-level member \(ValueRules.quoted(key)); a response has only set, add "
          + "and delete")
    }
    for kind in ["set", "add", "delete"] {
      guard let list = object[kind], !list.isNull else { continue }
      guard let items = list.arrayValue else {
        problems.append("\(kind) must be an array or null, found \(list.typeName)")
        continue
      }
      for (index, item) in items.enumerated() {
        problems += operationProblems(item, label: "\(kind)[\(index)]", kind: kind)
      }
    }
    return problems
  }

  private static func operationProblems(_ item: JSONValue, label: String, kind: String)
    -> [String]
  {
    guard let object = item.objectValue else {
      return ["\(label) must be an object, found \(item.typeName)"]
    }
    let allowed = draftMembers[kind] ?? []
    var problems = object.keys.filter { !allowed.contains($0) }.map {
      "\(label) has unknown member \(ValueRules.quoted($0)); \(kind) takes "
        + allowed.sorted().joined(separator: ", ")
    }
    if object["path"]?.stringValue == nil { problems.append("\(label) needs a string path") }
    if kind != "delete" && object["value"] == nil { problems.append("\(label) needs a value") }
    if let index = object["index"], !index.isNull, (index.intValue ?? -1) < 0 {
      problems.append("\(label) index must be a non-negative integer or null")
    }
    return problems
  }

  private static func jsonPatchProblems(_ operations: [JSONValue]) -> [String] {
    var problems: [String] = []
    let names: Set<String> = ["add", "remove", "replace", "move", "copy", "test"]
    for (index, item) in operations.enumerated() {
      guard let object = item.objectValue else {
        problems.append("operation [\(index)] must be an object, found \(item.typeName)")
        continue
      }
      guard let op = object["op"]?.stringValue, names.contains(op) else {
        problems.append("operation [\(index)] needs op: add, remove, replace, move, copy or test")
        continue
      }
      for key in object.keys where !jsonPatchMembers.contains(key) {
        problems.append("operation [\(index)] has unknown member \(ValueRules.quoted(key))")
      }
    }
    return problems
  }
}
