extension Patch {
  /// The draft's operation lists, in the order they are applied.
  private static let draftLists: [(name: String, kind: PatchOperation.Kind)] = [
    ("set", .set), ("add", .add), ("delete", .delete),
  ]

  /// Returns the members that a draft operation of `kind` may have. Any other member is an error, because
  /// a scanner that sends one expects an effect that will not happen.
  private static func allowedMembers(_ kind: PatchOperation.Kind) -> [String] {
    switch kind {
    case .set: return setMembers
    case .add: return addMembers
    default: return deleteMembers
    }
  }

  // Stored once, so that reading an operation does not allocate a new array.
  private static let setMembers = ["path", "value"]
  private static let addMembers = ["path", "value", "index"]
  private static let deleteMembers = ["path"]

  /// Reads a draft modification object (`{"set": […], "add": […], "delete": […]}`).
  static func parseDraft(_ body: JSONObject) -> Patch {
    var problems: [PatchProblem] = []
    for key in body.keys where !draftLists.contains(where: { $0.name == key }) {
      problems.append(
        PatchProblem(
          location: key,
          message: "unknown top-level key \"\(key)\"; a response has only set, add and delete"))
    }

    var operations: [PatchOperation] = []
    for list in draftLists {
      guard let value = body[list.name] else { continue }
      switch value {
      case .null:
        continue
      case .array(let elements):
        for (position, element) in elements.enumerated() {
          operations.append(
            draftOperation(element, kind: list.kind, label: "\(list.name)[\(position)]"))
        }
      default:
        problems.append(
          PatchProblem(
            location: list.name,
            message: "\"\(list.name)\" must be an array of operations or null, not "
              + value.typeName.withArticle))
      }
    }
    return Patch(format: .draft, operations: operations, problems: problems)
  }

  /// Reads one draft operation object. Every error found is joined into `structuralError`.
  private static func draftOperation(
    _ element: JSONValue, kind: PatchOperation.Kind, label: String
  ) -> PatchOperation {
    var operation = PatchOperation(
      kind: kind, pathText: "", path: nil, label: label, raw: element, format: .draft)
    guard case .object(let object) = element else {
      operation.structuralError =
        "an operation must be an object with a \"path\", not \(element.typeName.withArticle)"
      return operation
    }

    var errors: [String] = []
    readPath(object, into: &operation, errors: &errors)
    if kind != .delete {
      operation.value = object["value"]
      if operation.value == nil { errors.append("missing \"value\"; use null to set a null") }
    }
    if kind == .add, let index = object["index"], !index.isNull {
      if let position = index.intValue, position >= 0 {
        operation.index = position
      } else {
        let indexText: String
        if case .number(let number) = index {
          indexText = number.text
        } else {
          indexText = index.typeName.withArticle
        }
        errors.append("\"index\" must be a non-negative integer or null, not \(indexText)")
      }
    }
    let allowed = allowedMembers(kind)
    for key in object.keys where !allowed.contains(key) {
      let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
      errors.append("unknown member \"\(key)\"; a \(kind.rawValue) operation has only \(list)")
    }
    operation.structuralError = errors.isEmpty ? nil : errors.joined(separator: "; ")
    return operation
  }

  /// Reads the `path` member into `operation`, adding any error to `errors`.
  static func readPath(
    _ object: JSONObject, into operation: inout PatchOperation, errors: inout [String]
  ) {
    guard let (text, pointer) = readPointer("path", in: object, errors: &errors) else { return }
    operation.pathText = text
    operation.path = pointer
  }

  /// Reads the pointer member `name` (`path` or `from`), adding any error to `errors`.
  ///
  /// - Returns: the text, and the pointer when the text is valid; nil when the member is
  ///   missing or not a string.
  static func readPointer(_ name: String, in object: JSONObject, errors: inout [String])
    -> (text: String, pointer: JSONPointer?)?
  {
    guard let member = object[name] else {
      errors.append("missing \"\(name)\"")
      return nil
    }
    guard let text = member.stringValue else {
      errors.append("\"\(name)\" must be a string, not \(member.typeName.withArticle)")
      return nil
    }
    do {
      return (text, try JSONPointer(text))
    } catch {
      errors.append(name == "path" ? "\(error)" : "\"\(name)\": \(error)")
      return (text, nil)
    }
  }
}
