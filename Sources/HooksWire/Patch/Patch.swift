/// A scanner response's modifications, read from its body and ready to apply.
///
/// Two body formats are read:
/// - the draft's modification object `{"set": […], "add": […], "delete": […]}`, and
/// - an RFC 6902 JSON Patch array, which draft -02 announces ("JSON Patch (draft-02
///   preview)"; the -02 text is not published, so RFC 6902 semantics are assumed).
public struct Patch: Sendable {
  /// The body format.
  public enum Format: Sendable, Hashable {
    /// The draft's `set`/`add`/`delete` modification object.
    case draft
    /// An RFC 6902 JSON Patch array, shown as "JSON Patch (draft-02 preview)".
    case jsonPatch

    /// The name shown on screen and in messages.
    public var displayName: String {
      switch self {
      case .draft: return "draft operations"
      case .jsonPatch: return "JSON Patch (draft-02 preview)"
      }
    }
  }

  /// The body format.
  public var format: Format

  /// The operations in application order. For the draft that is every `set`, then every
  /// `add`, then every `delete`, each list in array order, whatever the key order.
  public var operations: [PatchOperation]

  /// Structural errors that belong to no single operation.
  public var problems: [PatchProblem]

  /// Creates a patch from parts.
  public init(format: Format, operations: [PatchOperation], problems: [PatchProblem] = []) {
    self.format = format
    self.operations = operations
    self.problems = problems
  }

  /// Reads a response body. A JSON array is a JSON Patch. Anything else is read as a
  /// draft modification object.
  ///
  /// Never throws: a malformed operation is kept with its `structuralError`, and errors that
  /// belong to no operation go to `problems`.
  public static func parse(_ body: JSONValue) -> Patch {
    switch body {
    case .array(let elements):
      return parseJSONPatch(elements)
    case .object(let object):
      return parseDraft(object)
    default:
      let problem = PatchProblem(
        location: "body",
        message: "a response body must be a JSON object with set, add and delete lists, or a "
          + "JSON Patch array, not \(body.typeName.withArticle)")
      return Patch(format: .draft, operations: [], problems: [problem])
    }
  }

  /// Whether the patch changes nothing: `{}`, all three lists empty or null, or `[]`.
  /// A body with problems is not empty.
  public var isEmpty: Bool { operations.isEmpty && problems.isEmpty }
}

extension String {
  /// The type name with "a" or "an" in front, for messages: `an array`, `a string`.
  var withArticle: String {
    let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    guard let first = self.first else { return self }
    return (vowels.contains(first) ? "an " : "a ") + self
  }
}
