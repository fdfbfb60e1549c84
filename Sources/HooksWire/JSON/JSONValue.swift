/// A JSON document value, as HookBench reads, edits and shows it.
///
/// Unlike Foundation's `JSONSerialization`, it keeps object members in their order, keeps
/// integers and floating-point numbers apart, and keeps each number's original text, so the
/// screen can show a request exactly as it arrived.
///
/// `bytes` is binary data. A CBOR byte string decodes to it, and the JSON serializer writes
/// it as standard Base64 with padding (RFC 4648 §4), the form MTA Hooks uses for `rawMessage`
/// and `blob` in JSON bodies.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case bytes([UInt8])
  case array([JSONValue])
  case object(JSONObject)
}

extension JSONValue {
  /// Creates an integer value.
  public static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

  /// Creates a floating-point value.
  public static func double(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }

  /// The name of the value's JSON type, for error messages: `"object"`, `"array"`, …
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number(let number): return number.isInteger ? "integer" : "number"
    case .string: return "string"
    case .bytes: return "byte string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// The string, when the value is a string.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The Boolean, when the value is `true` or `false`.
  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  /// The exact integer, when the value is an integer in the `Int64` range. A floating-point
  /// number with no fraction (`2.0`) does not count.
  public var int64Value: Int64? {
    if case .number(let number) = self, number.isInteger { return number.int64 }
    return nil
  }

  /// The integer as `Int`, when `int64Value` has one.
  public var intValue: Int? {
    int64Value.map { Int($0) }
  }

  /// The number as a `Double`, for any number.
  public var doubleValue: Double? {
    if case .number(let number) = self { return number.double }
    return nil
  }

  /// The elements, when the value is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The members, when the value is an object.
  public var objectValue: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  /// The bytes, when the value is a byte string.
  public var bytesValue: [UInt8]? {
    if case .bytes(let bytes) = self { return bytes }
    return nil
  }

  /// Whether the value is `null`.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The member named `key`, when the value is an object that has it.
  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }

  /// The element at `index`, when the value is an array and the index is in range.
  public subscript(index: Int) -> JSONValue? {
    guard let elements = arrayValue, elements.indices.contains(index) else { return nil }
    return elements[index]
  }
}

extension JSONValue: ExpressibleByNilLiteral {
  public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) { self = .integer(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
  public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
  /// Creates an object whose members keep the literal's order. A repeated key keeps its
  /// first position and takes the last value.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var object = JSONObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}
