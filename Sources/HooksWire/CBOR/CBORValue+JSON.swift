/// The mapping between CBOR and `JSONValue`, as documented in `docs/wire.md` ("CBOR
/// mapping").
extension CBORValue {
  /// Converts the value to JSON.
  ///
  /// - Integers of either major type become integer numbers; those outside `Int64` keep their
  ///   exact decimal text.
  /// - Bignums (tags 2 and 3 on a byte string) become integer numbers with exact text. A
  ///   magnitude of more than 128 significant bytes is an error.
  /// - Floats of any width become floating-point numbers. NaN and the infinities stay numbers,
  ///   which the JSON serializer writes as `null`.
  /// - Byte strings become `.bytes`, text strings become strings; indefinite-length strings are
  ///   joined.
  /// - Maps become objects in encoded order. Every key must be a text string (possibly
  ///   tagged); another key type or a repeated key is an error.
  /// - Other tags are dropped: the result is the tagged item's mapping.
  /// - `undefined` becomes `null`; any other simple value is an error.
  ///
  /// - Throws: `CBORError` with the JSON Pointer of the first value that has no JSON form.
  public func toJSON() throws -> JSONValue {
    try json()
  }

  private func json() throws -> JSONValue {
    // Only containers and tags recurse. Scalars go through `scalarJSON(at:)` so that this
    // frame stays small for deeply nested input.
    switch self {
    case .array(let elements, _):
      return .array(try CBORValue.array(from: elements))
    case .map(let entries, _):
      return .object(try CBORValue.object(from: entries))
    case .tagged(let tag, let content):
      if tag == 2 || tag == 3 {
        return .number(try CBORValue.bignumNumber(tag: tag, content: content))
      }
      return try content.json()
    default:
      return try scalarJSON()
    }
  }

  private func scalarJSON() throws -> JSONValue {
    switch self {
    case .unsigned(let number):
      return .number(CBORValue.integerNumber(isNegative: false, magnitude: number))
    case .negative(let argument):
      if argument < UInt64.max {
        return .number(CBORValue.integerNumber(isNegative: true, magnitude: argument + 1))
      }
      // −1 − (2^64 − 1) = −2^64 needs a nine-byte magnitude.
      let magnitude = CBORBignum.incremented(CBORBignum.bytes(argument))
      return .number(CBORValue.bigIntegerNumber(isNegative: true, magnitude: magnitude))
    case .byteString(let bytes):
      return .bytes(bytes)
    case .byteStringChunks(let chunks):
      return .bytes(chunks.flatMap { $0 })
    case .textString(let text):
      return .string(text)
    case .textStringChunks(let chunks):
      return .string(chunks.joined())
    case .bool(let flag):
      return .bool(flag)
    case .null, .undefined:
      return .null
    case .simple(let number):
      throw CBORError(
        path: "",
        "simple(\(number)) has no JSON form; only false, true, null and undefined map to JSON")
    case .float(let float):
      return .number(JSONNumber(float.value))
    case .array, .map, .tagged:
      return try json()
    }
  }

  private static func array(from elements: [CBORValue]) throws -> [JSONValue] {
    var array: [JSONValue] = []
    array.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      array.append(try child(String(index)) { try element.json() })
    }
    return array
  }

  private static func object(from entries: [CBORMapEntry]) throws -> JSONObject {
    var object = JSONObject()
    for entry in entries {
      guard let key = entry.key.textKey else {
        throw CBORError(
          path: "",
          "map key \(entry.key.diagnostic) (\(entry.key.kindName)) is not a text string; "
            + "JSON object keys must be text strings")
      }
      if object.contains(key) {
        throw CBORError(path: "", "map key \(CBORDiagnostic.quoted(key)) appears twice")
      }
      object[key] = try child(escapedPointerToken(key)) { try entry.value.json() }
    }
    return object
  }

  /// Runs `convert` on the child at `token` and, when it throws, puts the token in front of
  /// the error's JSON Pointer. Errors are thrown with a pointer relative to the value that
  /// failed, so pointers are built only on failure, not for every value converted.
  private static func child<Result>(
    _ token: @autoclosure () -> String, _ convert: () throws -> Result
  ) throws -> Result {
    do {
      return try convert()
    } catch let error as CBORError {
      throw CBORError(path: "/" + token() + (error.path ?? ""), error.message)
    }
  }

  /// The key as text when it is a text string, possibly chunked or tagged.
  private var textKey: String? {
    switch self {
    case .textString(let text): return text
    case .textStringChunks(let chunks): return chunks.joined()
    case .tagged(_, let content): return content.textKey
    default: return nil
    }
  }

  private static func escapedPointerToken(_ key: String) -> String {
    var token = ""
    for character in key {
      switch character {
      case "~": token += "~0"
      case "/": token += "~1"
      default: token.append(character)
      }
    }
    return token
  }

  private static func bignumNumber(
    tag: UInt64, content: CBORValue
  ) throws -> JSONNumber {
    let bytes: [UInt8]
    switch content {
    case .byteString(let value): bytes = value
    case .byteStringChunks(let chunks): bytes = chunks.flatMap { $0 }
    default:
      throw CBORError(
        path: "",
        "tag \(tag) (bignum) must enclose a byte string, but encloses a \(content.kindName)")
    }
    let magnitude = Array(CBORBignum.trimmed(bytes))
    guard magnitude.count <= CBORBignum.maximumMagnitudeBytes else {
      throw CBORError(
        path: "",
        "bignum of \(magnitude.count) bytes is too large for a JSON number; at most "
          + "\(CBORBignum.maximumMagnitudeBytes) bytes convert")
    }
    // Tag 3 encodes the value −1 − n as n.
    let isNegative = tag == 3
    let absolute = isNegative ? CBORBignum.incremented(magnitude) : magnitude
    if let small = CBORBignum.uint64(absolute) {
      return integerNumber(isNegative: isNegative, magnitude: small)
    }
    return bigIntegerNumber(isNegative: isNegative, magnitude: absolute)
  }

  /// Makes an integer number from a sign and a 64-bit magnitude.
  private static func integerNumber(isNegative: Bool, magnitude: UInt64) -> JSONNumber {
    if !isNegative, let exact = Int64(exactly: magnitude) { return JSONNumber(exact) }
    if isNegative, magnitude <= UInt64(Int64.max) + 1 {
      return JSONNumber(Int64(truncatingIfNeeded: 0 &- magnitude))
    }
    return bigIntegerNumber(isNegative: isNegative, magnitude: CBORBignum.bytes(magnitude))
  }

  /// Makes an integer number outside `Int64`, kept as exact decimal text.
  private static func bigIntegerNumber(isNegative: Bool, magnitude: [UInt8]) -> JSONNumber {
    let digits = CBORBignum.decimalText(bigEndian: CBORBignum.trimmed(magnitude))
    let text = isNegative ? "-" + digits : digits
    return JSONNumber(text: text, isInteger: true, int64: nil, double: Double(text) ?? .nan)
  }
}

extension JSONValue {
  /// Converts the value to CBOR with preferred serialization.
  ///
  /// Integers become major type 0 or 1, or a bignum (tag 2 or 3) beyond 64 bits. Other
  /// numbers become the shortest float that keeps the value exactly (half, single, double).
  /// `.bytes` becomes a byte string, and objects become maps with text keys in member order.
  public func toCBOR() -> CBORValue {
    switch self {
    case .null:
      return .null
    case .bool(let flag):
      return .bool(flag)
    case .number(let number):
      return JSONValue.cborNumber(number)
    case .string(let text):
      return .textString(text)
    case .bytes(let bytes):
      return .byteString(bytes)
    case .array(let elements):
      return .array(elements.map { $0.toCBOR() })
    case .object(let object):
      return .map(
        zip(object.keys, object.values).map {
          CBORMapEntry(key: .textString($0), value: $1.toCBOR())
        })
    }
  }

  private static func cborNumber(_ number: JSONNumber) -> CBORValue {
    guard number.isInteger else { return .float(CBORFloat.shortest(number.double)) }
    if let exact = number.int64 { return .integer(exact) }

    let isNegative = number.text.hasPrefix("-")
    let digits = number.text.dropFirst(isNegative ? 1 : 0)
    guard let magnitude = CBORBignum.magnitude(decimal: digits), !magnitude.isEmpty else {
      // NOTE: an integer whose text is not plain digits (only a hand-built JSONNumber can
      // have one) falls back to its Double value.
      return .float(CBORFloat.shortest(number.double))
    }
    if isNegative {
      let argument = CBORBignum.decremented(magnitude)
      if let small = CBORBignum.uint64(argument) { return .negative(small) }
      return .tagged(3, .byteString(argument))
    }
    if let small = CBORBignum.uint64(magnitude) { return .unsigned(small) }
    return .tagged(2, .byteString(magnitude))
  }
}
