import HooksWire

/// Equality of Email object values as the writer needs it.
enum JSONComparison {
  /// Returns whether two values are equal. A byte string equals the string of its Base64,
  /// because a `blob` that went through JSON comes back as a Base64 string.
  static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
    switch (left, right) {
    case (.bytes(let bytes), .string(let text)), (.string(let text), .bytes(let bytes)):
      return Base64.encode(bytes) == text
    case (.array(let first), .array(let second)):
      return first.count == second.count && zip(first, second).allSatisfy { same($0, $1) }
    case (.object(let first), .object(let second)):
      return first.count == second.count
        && first.members.allSatisfy { member in
          second[member.key].map { same(member.value, $0) } ?? false
        }
    default:
      return left == right
    }
  }
}
