extension JSONValue {
  /// Returns the value that `pointer` refers to (RFC 6901 §4).
  ///
  /// On an object a token names a member. On an array it must be an index without leading
  /// zeros (`0`, `1`, … `10`) that is below the element count. The token `-` names the
  /// position after the last element, where no value exists, so it is an error here.
  ///
  /// - Throws: `JSONPointerError` naming the failing token: a missing member, an index out of
  ///   range, an index with a leading zero or that is not a number, `-`, or a step into a
  ///   scalar.
  /// - Complexity: O(number of tokens); object lookups are hashed.
  public func value(at pointer: JSONPointer) throws -> JSONValue {
    var current = self
    for (position, token) in pointer.tokens.enumerated() {
      current = try current.child(token, at: position, of: pointer)
    }
    return current
  }

  /// Returns the member or element that `token` names in this container.
  ///
  /// - Parameters:
  ///   - position: the index of `token` in `pointer`, for the error.
  ///   - pointer: the whole pointer, for the error.
  func child(_ token: String, at position: Int, of pointer: JSONPointer) throws(JSONPointerError)
    -> JSONValue
  {
    switch self {
    case .object(let object):
      guard let member = object[token] else {
        throw JSONPointerError.memberNotFound(token, at: position, of: pointer)
      }
      return member
    case .array(let elements):
      let index = try JSONPointer.arrayIndex(
        token, at: position, of: pointer, count: elements.count, allowsEnd: false)
      return elements[index]
    default:
      throw JSONPointerError.notAContainer(self, token: token, at: position, of: pointer)
    }
  }
}

extension JSONPointer {
  /// Reads `token` as an index into an array of `count` elements (RFC 6901 §4).
  ///
  /// - Parameter allowsEnd: whether `-` and `count` itself are accepted, meaning the
  ///   position after the last element. This is true only where a new element is inserted.
  /// - Returns: an index in `0..<count`, or in `0...count` when `allowsEnd` is true.
  /// - Throws: `JSONPointerError` for a token that is not a non-negative decimal integer
  ///   without leading zeros, or that is out of range.
  static func arrayIndex(
    _ token: String, at position: Int, of pointer: JSONPointer, count: Int, allowsEnd: Bool
  ) throws(JSONPointerError) -> Int {
    let location = pointer.prefix(position)
    func failure(_ kind: JSONPointerError.Kind, _ reason: String) -> JSONPointerError {
      JSONPointerError(
        pointer: pointer.description, tokenIndex: position, token: token, kind: kind,
        reason: reason)
    }

    if token == "-" {
      if allowsEnd { return count }
      throw failure(
        .invalidArrayIndex,
        "\"-\" names the position after the last element of the array at "
          + "\"\(location)\", where no value exists; use it only where an element is added")
    }
    let digits = token.utf8
    guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else {
      throw failure(
        .invalidArrayIndex,
        "array index \"\(token)\" is not a number; the value at \"\(location)\" is an array, so "
          + "the token must be a decimal index such as 0 or 12")
    }
    if digits.count > 1 && digits.first == UInt8(ascii: "0") {
      throw failure(.invalidArrayIndex, "array index \"\(token)\" has a leading zero")
    }
    let limit = allowsEnd ? count : count - 1
    guard digits.count <= 18, let index = Int(token), index <= limit else {
      let range: String
      switch count {
      case 0: range = "the array is empty"
      case 1: range = "the array has 1 element"
      default: range = "the array has \(count) elements"
      }
      throw failure(
        .indexOutOfRange,
        "index \(token) is out of range for the array at \"\(location)\" (\(range))")
    }
    return index
  }
}

extension JSONPointerError {
  /// Makes the error for a member that an object does not have.
  static func memberNotFound(_ token: String, at position: Int, of pointer: JSONPointer)
    -> JSONPointerError
  {
    JSONPointerError(
      pointer: pointer.description, tokenIndex: position, token: token, kind: .memberNotFound,
      reason: "\(JSONPointerError.place(pointer.prefix(position), "object")) has no member "
        + "\"\(token)\"")
  }

  /// Makes the error for a token that steps into a value without members or elements.
  static func notAContainer(
    _ value: JSONValue, token: String, at position: Int, of pointer: JSONPointer
  ) -> JSONPointerError {
    JSONPointerError(
      pointer: pointer.description, tokenIndex: position, token: token, kind: .notAContainer,
      reason: "\(JSONPointerError.place(pointer.prefix(position), value.typeName)) has no "
        + "member or element \"\(token)\"")
  }

  /// `the object at "/message"`, or `the document (an object)` for the root.
  static func place(_ location: JSONPointer, _ typeName: String) -> String {
    if location.tokens.isEmpty { return "the document (\(article(typeName)) \(typeName))" }
    return "the \(typeName) at \"\(location)\""
  }

  private static func article(_ word: String) -> String {
    word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
  }
}
