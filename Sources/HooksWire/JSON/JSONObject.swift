/// The members of a JSON object, in the order they were written.
///
/// Keys are unique: the parser rejects duplicates, and assigning through the subscript
/// replaces an existing member in place. Lookup goes through a hash index, so it is O(1);
/// removal is O(n) because later positions shift.
public struct JSONObject: Sendable, Hashable {
  /// The member names, in order.
  public private(set) var keys: [String] = []

  /// The member values, parallel to `keys`.
  public private(set) var values: [JSONValue] = []

  private var positions: [String: Int] = [:]

  /// Creates an empty object.
  public init() {}

  /// Creates an object from members in order.
  ///
  /// - Throws: nothing; a repeated key keeps its first position and takes the last value.
  ///   Use `JSONObject(uniqueMembers:)` when a repeat must be an error.
  public init<S: Sequence>(_ members: S) where S.Element == (String, JSONValue) {
    for (key, value) in members { self[key] = value }
  }

  /// Creates an object from members in order, or returns nil and the first repeated key.
  public static func withUniqueMembers(
    _ members: [(String, JSONValue)]
  ) -> (object: JSONObject?, duplicate: String?) {
    var object = JSONObject()
    object.keys.reserveCapacity(members.count)
    object.values.reserveCapacity(members.count)
    for (key, value) in members {
      if object.positions[key] != nil { return (nil, key) }
      object.positions[key] = object.keys.count
      object.keys.append(key)
      object.values.append(value)
    }
    return (object, nil)
  }

  /// The number of members.
  public var count: Int { keys.count }

  /// Whether the object has no members.
  public var isEmpty: Bool { keys.isEmpty }

  /// The members as `(key, value)` pairs, in order.
  public var members: [(key: String, value: JSONValue)] {
    zip(keys, values).map { (key: $0, value: $1) }
  }

  /// Whether a member named `key` exists.
  public func contains(_ key: String) -> Bool { positions[key] != nil }

  /// The position of `key` among the members.
  public func index(of key: String) -> Int? { positions[key] }

  /// The value of the member named `key`. Setting a value replaces the member in place or
  /// appends a new one; setting nil removes it.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let position = positions[key] else { return nil }
      return values[position]
    }
    set {
      if let newValue {
        if let position = positions[key] {
          values[position] = newValue
        } else {
          positions[key] = keys.count
          keys.append(key)
          values.append(newValue)
        }
      } else {
        removeValue(forKey: key)
      }
    }
  }

  /// Removes the member named `key` and returns its value.
  @discardableResult
  public mutating func removeValue(forKey key: String) -> JSONValue? {
    guard let position = positions.removeValue(forKey: key) else { return nil }
    keys.remove(at: position)
    let removed = values.remove(at: position)
    for index in position..<keys.count { positions[keys[index]] = index }
    return removed
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    // Member order does not take part in equality, as in RFC 8259 and RFC 6902 `test`.
    guard lhs.count == rhs.count else { return false }
    for (key, value) in zip(lhs.keys, lhs.values) where rhs[key] != value { return false }
    return true
  }

  public func hash(into hasher: inout Hasher) {
    // Order-independent, to agree with `==`.
    var combined = 0
    for (key, value) in zip(keys, values) {
      var member = Hasher()
      member.combine(key)
      member.combine(value)
      combined ^= member.finalize()
    }
    hasher.combine(count)
    hasher.combine(combined)
  }
}
