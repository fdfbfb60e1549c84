extension Patch {
  /// Reads an RFC 6902 JSON Patch array.
  ///
  /// Members that the operation does not use are ignored, as RFC 6902 §4 requires. An element
  /// that is not an object, or has no known `op`, becomes a problem, because its kind is
  /// unknown.
  static func parseJSONPatch(_ elements: [JSONValue]) -> Patch {
    var operations: [PatchOperation] = []
    operations.reserveCapacity(elements.count)
    var problems: [PatchProblem] = []

    for (position, element) in elements.enumerated() {
      let label = "[\(position)]"
      guard case .object(let object) = element else {
        problems.append(
          PatchProblem(
            location: label,
            message: "a JSON Patch operation must be an object, not "
              + element.typeName.withArticle))
        continue
      }
      guard let opValue = object["op"] else {
        problems.append(PatchProblem(location: label, message: "missing \"op\""))
        continue
      }
      guard let name = opValue.stringValue, let kind = jsonPatchKind(name) else {
        let opText = opValue.stringValue.map { "\"\($0)\"" } ?? opValue.typeName.withArticle
        problems.append(
          PatchProblem(
            location: label,
            message: "unknown \"op\" \(opText); use add, remove, replace, move, copy or test"))
        continue
      }
      operations.append(jsonPatchOperation(object, kind: kind, label: label, raw: element))
    }
    return Patch(format: .jsonPatch, operations: operations, problems: problems)
  }

  private static func jsonPatchKind(_ name: String) -> PatchOperation.Kind? {
    switch name {
    case "add": return .add
    case "remove": return .remove
    case "replace": return .replace
    case "move": return .move
    case "copy": return .copy
    case "test": return .test
    default: return nil
    }
  }

  /// Reads one JSON Patch operation whose `op` is known.
  private static func jsonPatchOperation(
    _ object: JSONObject, kind: PatchOperation.Kind, label: String, raw: JSONValue
  ) -> PatchOperation {
    var operation = PatchOperation(
      kind: kind, pathText: "", path: nil, label: label, raw: raw, format: .jsonPatch)
    var errors: [String] = []
    readPath(object, into: &operation, errors: &errors)

    switch kind {
    case .add, .replace, .test:
      operation.value = object["value"]
      if operation.value == nil {
        errors.append("missing \"value\"; a \(kind.rawValue) operation needs one (null is allowed)")
      }
    case .move, .copy:
      operation.from = readPointer("from", in: object, errors: &errors)?.pointer
    default:
      break
    }
    operation.structuralError = errors.isEmpty ? nil : errors.joined(separator: "; ")
    return operation
  }
}
