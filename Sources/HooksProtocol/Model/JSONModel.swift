import HooksWire

/// A protocol object stored as its JSON members, so that decoding then encoding gives back the
/// same members, unknown ones and explicit `null`s included.
///
/// Each conforming type lists its draft members in `memberRules` and offers typed accessors
/// over `members`. Decoding checks every listed member and keeps the others in `extra`, which
/// callers show to the user rather than dropping.
public protocol JSONModel: Sendable, Hashable, CustomStringConvertible {
  /// The draft's members of this object, in the order HookBench writes them.
  static var memberRules: [MemberRule] { get }

  /// The object's members, in order.
  var members: JSONObject { get set }

  /// Wraps members that were already checked, or that the caller built itself.
  init(unchecked members: JSONObject)
}

extension JSONModel {
  /// Decodes a body, checking each draft member's type.
  ///
  /// - Parameters:
  ///   - json: the value to decode; it must be an object.
  ///   - pointer: the JSON Pointer of `json` inside its body, used in error messages.
  /// - Throws: `ProtocolDecodingError` naming the first member that is missing or of the
  ///   wrong type.
  public init(json: JSONValue, at pointer: String = "") throws(ProtocolDecodingError) {
    try Self.validate(json, at: pointer)
    self.init(unchecked: json.objectValue ?? JSONObject())
  }

  /// Checks `json` against `memberRules` without building a value.
  public static func validate(_ json: JSONValue, at pointer: String) throws(ProtocolDecodingError) {
    guard let object = json.objectValue else {
      throw ProtocolDecodingError(
        pointer: pointer, problem: "expected an object, found \(json.typeName)")
    }
    for rule in memberRules {
      let memberPointer = appendToken(pointer, rule.name)
      guard let value = object[rule.name] else {
        if rule.isRequired {
          throw ProtocolDecodingError(pointer: memberPointer, problem: "required member is missing")
        }
        continue
      }
      if value.isNull {
        if !rule.isNullable {
          throw ProtocolDecodingError(pointer: memberPointer, problem: "must not be null")
        }
        continue
      }
      try rule.kind.check(value, at: memberPointer)
    }
  }

  /// The value as a JSON object.
  public var json: JSONValue { .object(members) }

  /// The members that the draft does not define for this object, in order.
  public var extra: JSONObject {
    let known = Set(Self.memberRules.map(\.name))
    return JSONObject(members.members.filter { !known.contains($0.key) }.map { ($0.key, $0.value) })
  }

  /// The JSON Pointers of the members in `extra`, relative to this object.
  public var extraPointers: [String] { extra.keys.map { appendToken("", $0) } }

  public var description: String { "\(Self.self)(\(members.keys.joined(separator: ", ")))" }

  /// The string member `name`, or nil when absent, null or not a string.
  public func string(_ name: String) -> String? { members[name]?.stringValue }

  /// The integer member `name`, or nil when absent, null or not an integer.
  public func integer(_ name: String) -> Int? { members[name]?.intValue }

  /// The nested object member `name`, or nil when absent or null.
  public func model<Model: JSONModel>(_ name: String, as type: Model.Type = Model.self) -> Model? {
    members[name]?.objectValue.map { Model(unchecked: $0) }
  }

  /// The array member `name` of nested objects, or an empty array when absent or null.
  public func models<Model: JSONModel>(_ name: String, as type: Model.Type = Model.self) -> [Model]
  {
    (members[name]?.arrayValue ?? []).compactMap { $0.objectValue.map { Model(unchecked: $0) } }
  }

  /// The string array member `name`, or nil when absent or null.
  public func strings(_ name: String) -> [String]? {
    members[name]?.arrayValue?.compactMap(\.stringValue)
  }

  /// The `String[String]` member `name` as ordered pairs, or an empty list when absent or null.
  public func stringPairs(_ name: String) -> [(key: String, value: String)] {
    (members[name]?.objectValue?.members ?? []).compactMap { member in
      member.value.stringValue.map { (key: member.key, value: $0) }
    }
  }

  /// Sets member `name`, removing it when `value` is nil. An existing member keeps its place.
  public mutating func setMember(_ name: String, _ value: JSONValue?) {
    members[name] = value
  }
}

/// Builds an object from optional members, leaving out the nil ones.
func objectOf(_ members: [(String, JSONValue?)]) -> JSONObject {
  JSONObject(members.compactMap { name, value in value.map { (name, $0) } })
}

extension Optional where Wrapped == String {
  /// The string as a JSON value, or nil.
  var json: JSONValue? { map { .string($0) } }
}

extension Optional where Wrapped == Int {
  /// The integer as a JSON value, or nil.
  var json: JSONValue? { map { .integer($0) } }
}
