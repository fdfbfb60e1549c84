extension PatchEngine {
  /// Applies one draft operation (draft -01 §6.3).
  ///
  /// - `set` replaces an existing value; a missing target is an error.
  /// - `add` inserts into the array that `path` names, at `index` (0…count) or at the end, or
  ///   creates a new member when `path` names a missing member of an object.
  /// - `delete` removes an existing value.
  static func applyDraft(
    _ operation: PatchOperation, path: JSONPointer, to document: inout JSONValue
  ) throws {
    switch operation.kind {
    case .set:
      let value = operation.value ?? .null
      try document.editValue(at: path) { $0 = value }
    case .add:
      try draftAdd(operation.value ?? .null, index: operation.index, path: path, to: &document)
    case .delete:
      try remove(at: path, from: &document, verb: "delete")
    default:
      throw OperationFailure(
        "\"\(operation.kind.rawValue)\" is a JSON Patch operation; a draft response has only "
          + "set, add and delete")
    }
  }

  /// Adds `value` at `path` with the draft's rule: an array target gets an element, an
  /// object gets a new member.
  private static func draftAdd(
    _ value: JSONValue, index: Int?, path: JSONPointer, to document: inout JSONValue
  ) throws {
    guard let token = path.lastToken else {
      // The whole document is the target, so it must be an array to take an element.
      guard document.arrayValue != nil else {
        throw OperationFailure(
          "add with path \"\" needs the document to be an array, but it is "
            + document.typeName.withArticle)
      }
      try insert(value, at: index, intoArray: &document, location: path)
      return
    }

    let position = path.tokens.count - 1
    try document.editValue(at: path, depth: position) { container in
      // Only type names and counts are read here, so that no binding keeps a second
      // reference to a buffer that is edited next, which would force a copy.
      switch container.containerKind {
      case .object:
        guard let existingType = container[token]?.typeName else {
          if let index {
            throw OperationFailure(
              "\"index\" \(index) applies only to an array, but \"\(path)\" is a new member "
                + "of an object; remove \"index\" to create the member")
          }
          container.editMembers { $0[token] = value }
          return
        }
        guard existingType == "array" else {
          throw OperationFailure(
            "\"\(path)\" already exists (\(existingType.withArticle)); use set to replace it")
        }
        try container.editMembers { members in
          try members.editValue(forKey: token) {
            try insert(value, at: index, intoArray: &$0, location: path)
          }
        }
      case .array:
        let count = container.arrayValue?.count ?? 0
        let elementIndex = try JSONPointer.arrayIndex(
          token, at: position, of: path, count: count, allowsEnd: false)
        guard container[elementIndex]?.arrayValue != nil else {
          let arrayPath = path.prefix(position)
          throw OperationFailure(
            "\"\(path)\" names an element of an array; to insert into that array, use path "
              + "\"\(arrayPath)\" with \"index\": \(elementIndex)")
        }
        try container.editElements { elements in
          try insert(value, at: index, intoArray: &elements[elementIndex], location: path)
        }
      case .scalar:
        throw JSONPointerError.notAContainer(container, token: token, at: position, of: path)
      }
    }
  }

  /// Inserts `value` into the array `target` at `index`, or appends it when `index` is nil.
  private static func insert(
    _ value: JSONValue, at index: Int?, intoArray target: inout JSONValue,
    location: JSONPointer
  ) throws {
    try target.editElements { elements in
      guard let index else {
        elements.append(value)
        return
      }
      guard index <= elements.count else {
        throw OperationFailure(
          "\"index\" \(index) is out of range for the array at \"\(location)\", which has "
            + "\(elements.count) elements; use 0 to \(elements.count), or leave out "
            + "\"index\" to append")
      }
      elements.insert(value, at: index)
    }
  }

  /// Removes the value at `path`. The root cannot be removed.
  static func remove(at path: JSONPointer, from document: inout JSONValue, verb: String)
    throws
  {
    guard let token = path.lastToken else {
      throw OperationFailure("\(verb) with path \"\" would remove the whole document")
    }
    let position = path.tokens.count - 1
    try document.editValue(at: path, depth: position) { container in
      switch container.containerKind {
      case .object:
        guard container.objectValue?.contains(token) == true else {
          throw JSONPointerError.memberNotFound(token, at: position, of: path)
        }
        container.editMembers { _ = $0.removeValue(forKey: token) }
      case .array:
        let count = container.arrayValue?.count ?? 0
        let index = try JSONPointer.arrayIndex(
          token, at: position, of: path, count: count, allowsEnd: false)
        container.editElements { _ = $0.remove(at: index) }
      case .scalar:
        throw JSONPointerError.notAContainer(container, token: token, at: position, of: path)
      }
    }
  }
}

extension JSONObject {
  /// Calls `body` with the member `key`, in place; the member must exist.
  mutating func editValue(forKey key: String, _ body: (inout JSONValue) throws -> Void)
    rethrows
  {
    guard var value = self[key] else { return }
    self[key] = .null
    defer { self[key] = value }
    try body(&value)
  }
}
