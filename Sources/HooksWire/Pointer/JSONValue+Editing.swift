extension JSONValue {
  /// One step of a descent: the position of the member or the index of the element that
  /// was taken.
  private enum Step {
    case member(Int)
    case element(Int)
  }

  /// Calls `body` with the value at the first `depth` tokens of `pointer`, in place.
  ///
  /// The descent is a loop, not recursion, so a pointer with thousands of tokens uses no
  /// stack. Each container on the way is taken out of its parent (the parent keeps a `null`
  /// placeholder) and put back afterwards, so every buffer on the path is uniquely
  /// referenced and `body` mutates it without a copy. Buffers shared with another value, such
  /// as the caller's original document, are copied once, level by level, as copy-on-write
  /// requires. The document is reassembled whether `body` returns or throws.
  ///
  /// - Parameter depth: how many tokens to follow; nil follows all of them.
  /// - Throws: `JSONPointerError` when the path does not resolve (the document is then
  ///   unchanged), or whatever `body` throws.
  mutating func editValue<Result>(
    at pointer: JSONPointer, depth: Int? = nil, _ body: (inout JSONValue) throws -> Result
  ) throws -> Result {
    let count = depth ?? pointer.tokens.count
    if count == 0 { return try body(&self) }

    var steps: [Step] = []
    var objects: [JSONObject] = []
    var arrays: [[JSONValue]] = []
    steps.reserveCapacity(count)
    var current = self
    self = .null
    defer {
      while let step = steps.popLast() {
        switch step {
        case .member(let position):
          var object = objects.removeLast()
          _ = object.exchangeValue(at: position, with: current)
          current = .object(object)
        case .element(let index):
          var elements = arrays.removeLast()
          elements[index] = current
          current = .array(elements)
        }
      }
      self = current
    }

    // `if case` rather than `switch`: in unoptimized builds a `switch` keeps a copy of its
    // subject for the whole case body, so the payload would never be uniquely referenced.
    for position in 0..<count {
      let token = pointer.tokens[position]
      if case .object(var object) = current {
        current = .null
        guard let memberPosition = object.index(of: token) else {
          current = .object(object)
          throw JSONPointerError.memberNotFound(token, at: position, of: pointer)
        }
        let child = object.exchangeValue(at: memberPosition, with: .null)
        objects.append(object)
        steps.append(.member(memberPosition))
        current = child
      } else if case .array(var elements) = current {
        current = .null
        let index: Int
        do {
          index = try JSONPointer.arrayIndex(
            token, at: position, of: pointer, count: elements.count, allowsEnd: false)
        } catch {
          current = .array(elements)
          throw error
        }
        let child = elements[index]
        elements[index] = .null
        arrays.append(elements)
        steps.append(.element(index))
        current = child
      } else {
        throw JSONPointerError.notAContainer(current, token: token, at: position, of: pointer)
      }
    }
    return try body(&current)
  }

  /// The kind of container a value is, for branching without holding a reference to it.
  enum ContainerKind {
    case object, array, scalar
  }

  /// Whether the value is an object, an array or neither.
  var containerKind: ContainerKind {
    if case .object = self { return .object }
    if case .array = self { return .array }
    return .scalar
  }

  /// Calls `body` with this value's elements, in place, when it is an array; returns nil
  /// without calling it otherwise.
  mutating func editElements<Result>(_ body: (inout [JSONValue]) throws -> Result) rethrows
    -> Result?
  {
    guard case .array(var elements) = self else { return nil }
    self = .null
    defer { self = .array(elements) }
    return try body(&elements)
  }

  /// Calls `body` with this value's members, in place, when it is an object; returns nil
  /// without calling it otherwise.
  mutating func editMembers<Result>(_ body: (inout JSONObject) throws -> Result) rethrows
    -> Result?
  {
    guard case .object(var object) = self else { return nil }
    self = .null
    defer { self = .object(object) }
    return try body(&object)
  }
}
