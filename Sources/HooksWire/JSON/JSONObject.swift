/// The members of a JSON object, in the order they were written.
///
/// Keys are unique: the parser rejects duplicates, and assigning through the subscript
/// replaces an existing member in place. Lookup in an object of more than
/// `JSONObject.indexThreshold` members goes through a hash index, so it is O(1). Smaller
/// objects, which make up most of a hook request, are scanned, which saves the hashing and
/// the index's allocation. Removal is O(n) because later positions shift.
public struct JSONObject: Sendable, Hashable {
  /// The member names, in order.
  public private(set) var keys: [String] = []

  /// The member values, parallel to `keys`.
  public private(set) var values: [JSONValue] = []

  /// The position of each key, kept only while there are more than `indexThreshold`
  /// members, and empty otherwise.
  private var positions: [String: Int] = [:]

  /// The member count up to which lookups scan `keys` instead of keeping `positions`.
  static let indexThreshold = 8

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
      if object.position(of: key) != nil { return (nil, key) }
      object.append(key, value)
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
  public func contains(_ key: String) -> Bool { position(of: key) != nil }

  /// The position of `key` among the members.
  public func index(of key: String) -> Int? { position(of: key) }

  private func position(of key: String) -> Int? {
    if keys.count <= Self.indexThreshold { return keys.firstIndex(of: key) }
    return positions[key]
  }

  /// Appends a member whose key is not present yet, and builds the index when the object
  /// grows past `indexThreshold`.
  private mutating func append(_ key: String, _ value: JSONValue) {
    keys.append(key)
    values.append(value)
    guard keys.count > Self.indexThreshold else { return }
    if positions.isEmpty {
      positions.reserveCapacity(keys.count)
      for (position, existing) in keys.enumerated() { positions[existing] = position }
    } else {
      positions[key] = keys.count - 1
    }
  }

  /// The value of the member named `key`. Setting a value replaces the member in place or
  /// appends a new one; setting nil removes it.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let position = position(of: key) else { return nil }
      return values[position]
    }
    set {
      if let newValue {
        if let position = position(of: key) {
          values[position] = newValue
        } else {
          append(key, newValue)
        }
      } else {
        removeValue(forKey: key)
      }
    }
  }

  /// Replaces the value at `position` (an index into `values`) and returns the old one,
  /// without a key lookup.
  mutating func exchangeValue(at position: Int, with value: JSONValue) -> JSONValue {
    let old = values[position]
    values[position] = value
    return old
  }

  /// Removes the member named `key` and returns its value.
  @discardableResult
  public mutating func removeValue(forKey key: String) -> JSONValue? {
    guard let position = position(of: key) else { return nil }
    keys.remove(at: position)
    let removed = values.remove(at: position)
    if keys.count <= Self.indexThreshold {
      positions = [:]
    } else {
      positions.removeValue(forKey: key)
      for index in position..<keys.count { positions[keys[index]] = index }
    }
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
