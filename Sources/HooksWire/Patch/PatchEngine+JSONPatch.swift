extension PatchEngine {
  /// Applies one RFC 6902 operation (RFC 6902 §4).
  static func applyJSONPatch(
    _ operation: PatchOperation, path: JSONPointer, to document: inout JSONValue
  ) throws {
    switch operation.kind {
    case .add:
      try add(operation.value ?? .null, at: path, to: &document)
    case .remove:
      try remove(at: path, from: &document, verb: "remove")
    case .replace:
      let value = operation.value ?? .null
      try document.editValue(at: path) { $0 = value }
    case .move:
      guard let from = operation.from else { throw OperationFailure("missing \"from\"") }
      try move(from: from, to: path, in: &document)
    case .copy:
      guard let from = operation.from else { throw OperationFailure("missing \"from\"") }
      try add(try document.value(at: from), at: path, to: &document)
    case .test:
      try test(operation.value ?? .null, at: path, in: document)
    case .set, .delete:
      throw OperationFailure(
        "\"\(operation.kind.rawValue)\" is a draft operation; a JSON Patch has add, remove, "
          + "replace, move, copy and test")
    }
  }

  /// Adds `value` at `path` (RFC 6902 §4.1): a member is created or replaced, an element is
  /// inserted at the index or, for `-`, appended, and the root is replaced.
  private static func add(_ value: JSONValue, at path: JSONPointer, to document: inout JSONValue)
    throws
  {
    guard let token = path.lastToken else {
      document = value
      return
    }
    let position = path.tokens.count - 1
    try document.editValue(at: path, depth: position) { container in
      switch container.containerKind {
      case .object:
        container.editMembers { $0[token] = value }
      case .array:
        let count = container.arrayValue?.count ?? 0
        let index = try JSONPointer.arrayIndex(
          token, at: position, of: path, count: count, allowsEnd: true)
        container.editElements { $0.insert(value, at: index) }
      case .scalar:
        throw JSONPointerError.notAContainer(container, token: token, at: position, of: path)
      }
    }
  }

  /// Moves the value at `from` to `path` (RFC 6902 §4.4). Moving a value into one of its
  /// own children is an error, and moving it onto itself changes nothing.
  private static func move(from: JSONPointer, to path: JSONPointer, in document: inout JSONValue)
    throws
  {
    let value = try document.value(at: from)
    if from == path { return }
    if from.isPrefix(of: path) {
      throw OperationFailure(
        "cannot move \"\(from)\" into its own child \"\(path)\"; \"from\" must not be a "
          + "prefix of \"path\"")
    }
    // The removal shifts indexes, so whether the add fits is known only after it. Keep the
    // document as it was, to restore it if the add fails: an operation is all or nothing.
    // NOTE: holding this copy makes the removal copy the containers on `from`'s path.
    let before = document
    try remove(at: from, from: &document, verb: "move")
    do {
      try add(value, at: path, to: &document)
    } catch {
      document = before
      throw error
    }
  }

  /// Compares the value at `path` with `expected` (RFC 6902 §4.6). Numbers compare by value,
  /// objects ignore member order, and arrays compare element by element.
  private static func test(_ expected: JSONValue, at path: JSONPointer, in document: JSONValue)
    throws
  {
    let actual = try document.value(at: path)
    guard actual == expected else {
      throw OperationFailure(
        "test failed: the value at \"\(path)\" is \(actual.briefText()), not "
          + expected.briefText())
    }
  }
}
