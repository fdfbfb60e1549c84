/// One operation of a response, as read from the body.
///
/// An operation is kept even when it is malformed, so that the result can list it with the
/// reason. Its `structuralError` then describes the fault, and the engine rejects it unapplied.
public struct PatchOperation: Sendable, Equatable {
  /// The operation names of the draft (`set`, `add`, `delete`) and of RFC 6902 (`add`,
  /// `remove`, `replace`, `move`, `copy`, `test`).
  public enum Kind: String, Sendable {
    case set, add, delete, remove, replace, move, copy, test
  }

  /// The operation name.
  public var kind: Kind

  /// The `path` member exactly as written, or `""` when it is missing or not a string.
  public var pathText: String

  /// The parsed `path`, or nil when `pathText` is not a valid JSON Pointer.
  public var path: JSONPointer?

  /// The `value` member, or nil when it is absent. A JSON `null` value is `.null`.
  public var value: JSONValue?

  /// The zero-based insert position of a draft `add` into an array, or nil to append.
  public var index: Int?

  /// The source of an RFC 6902 `move` or `copy`.
  public var from: JSONPointer?

  /// The operation's place in the body: `set[0]`, `add[2]` or `delete[1]` in a draft body,
  /// `[3]` in a JSON Patch array.
  public var label: String

  /// The operation object as received.
  public var raw: JSONValue

  /// The body format that the operation came from. `add` means different things in the two:
  /// in the draft the path names the array and `index` the position, in RFC 6902 the path
  /// names the new position.
  public var format: Patch.Format

  /// The fault that makes the operation malformed (a missing `path` or `value`, an invalid pointer, an
  /// unknown member), or nil when it is well formed.
  public var structuralError: String?

  /// Creates an operation.
  public init(
    kind: Kind, pathText: String, path: JSONPointer?, value: JSONValue? = nil,
    index: Int? = nil, from: JSONPointer? = nil, label: String, raw: JSONValue,
    format: Patch.Format, structuralError: String? = nil
  ) {
    self.kind = kind
    self.pathText = pathText
    self.path = path
    self.value = value
    self.index = index
    self.from = from
    self.label = label
    self.raw = raw
    self.format = format
    self.structuralError = structuralError
  }
}
