import HooksWire

/// The expected type of one member of a protocol object, as the draft's data types name them.
public indirect enum MemberKind: Sendable {
  /// `String`.
  case string
  /// `UnsignedInt`: an integer from 0 to 2^53−1.
  case unsignedInt
  /// `Int`: an integer from −2^53+1 to 2^53−1.
  case int
  /// `Number`: any JSON number.
  case number
  /// `Boolean`.
  case bool
  /// `UTCDate`: an RFC 3339 date-time whose offset is `Z`.
  case utcDate
  /// `String[String]`: an object whose members are all strings.
  case stringMap
  /// `T[]`.
  case array(MemberKind)
  /// A nested protocol object, checked by its own rules.
  case model(any JSONModel.Type)
  /// A value of any type, kept as it is.
  case any
}

/// The rule for one named member of a protocol object.
public struct MemberRule: Sendable {
  /// The member name, spelled as in the draft.
  public let name: String
  /// The expected type of a non-null value.
  public let kind: MemberKind
  /// Whether the member must be present.
  public let isRequired: Bool
  /// Whether `null` is allowed in place of a value.
  public let isNullable: Bool

  /// Creates a rule; members are optional and nullable unless stated.
  public init(_ name: String, _ kind: MemberKind, required: Bool = false, nullable: Bool = true) {
    self.name = name
    self.kind = kind
    self.isRequired = required
    self.isNullable = nullable
  }
}

extension MemberKind {
  /// Checks `value` against this kind, throwing an error that names `pointer`.
  func check(_ value: JSONValue, at pointer: String) throws(ProtocolDecodingError) {
    switch self {
    case .string:
      try expect(value.stringValue != nil, "a string", value, pointer)
    case .unsignedInt:
      guard let number = value.int64Value else {
        throw mismatch("an unsigned integer", value, pointer)
      }
      guard number >= 0 && number <= 9_007_199_254_740_991 else {
        throw ProtocolDecodingError(
          pointer: pointer, problem: "unsigned integer \(number) is outside 0…2^53−1")
      }
    case .int:
      guard let number = value.int64Value else { throw mismatch("an integer", value, pointer) }
      guard abs(number) <= 9_007_199_254_740_991 else {
        throw ProtocolDecodingError(
          pointer: pointer, problem: "integer \(number) is outside −(2^53−1)…2^53−1")
      }
    case .number:
      try expect(value.doubleValue != nil, "a number", value, pointer)
    case .bool:
      try expect(value.boolValue != nil, "a boolean", value, pointer)
    case .utcDate:
      guard let text = value.stringValue else { throw mismatch("a UTCDate string", value, pointer) }
      guard UTCTimestamp(rfc3339: text) != nil else {
        throw ProtocolDecodingError(
          pointer: pointer,
          problem: "\"\(text)\" is not an RFC 3339 date-time in UTC, such as 2024-12-21T15:30:00Z")
      }
    case .stringMap:
      guard let object = value.objectValue else { throw mismatch("an object", value, pointer) }
      for (key, member) in object.members {
        try MemberKind.string.check(member, at: appendToken(pointer, key))
      }
    case .array(let element):
      guard let elements = value.arrayValue else { throw mismatch("an array", value, pointer) }
      for (index, item) in elements.enumerated() {
        try element.check(item, at: pointer + "/\(index)")
      }
    case .model(let type):
      try type.validate(value, at: pointer)
    case .any:
      return
    }
  }

  private func expect(
    _ condition: Bool, _ expected: String, _ value: JSONValue, _ pointer: String
  ) throws(ProtocolDecodingError) {
    if !condition { throw mismatch(expected, value, pointer) }
  }

  private func mismatch(_ expected: String, _ value: JSONValue, _ pointer: String)
    -> ProtocolDecodingError
  {
    ProtocolDecodingError(
      pointer: pointer, problem: "expected \(expected), found \(value.typeName)")
  }
}
