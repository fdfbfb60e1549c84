/// One CBOR data item (RFC 8949 §3), kept with every detail of its encoding.
///
/// Unlike `JSONValue`, a `CBORValue` keeps what JSON cannot hold: integers over the whole
/// range −2^64 … 2^64−1, map keys of any type in their encoded order, duplicate map keys, tags,
/// simple values, the width of each float and whether a string, array or map had an
/// indefinite length. Decoding and re-encoding a value therefore reproduces the input byte for
/// byte whenever the input used preferred serialization (RFC 8949 §4.1).
///
/// Bignums (tags 2 and 3, RFC 8949 §3.4.3) stay tagged byte strings here; `toJSON()` turns
/// them into exact integers.
public indirect enum CBORValue: Sendable, Hashable {
  /// Major type 0: an unsigned integer, 0 … 2^64−1.
  case unsigned(UInt64)

  /// Major type 1: the negative integer −1 − `argument`, so −1 … −2^64.
  case negative(UInt64)

  /// Major type 2 with a definite length.
  case byteString([UInt8])

  /// Major type 2 with an indefinite length: the definite-length chunks in order
  /// (RFC 8949 §3.2.3). The value is their concatenation.
  case byteStringChunks([[UInt8]])

  /// Major type 3 with a definite length.
  case textString(String)

  /// Major type 3 with an indefinite length: the chunks in order. Each chunk is valid UTF-8
  /// on its own.
  case textStringChunks([String])

  /// Major type 4. `indefinite` records whether the encoding ended with a break (0xff).
  case array([CBORValue], indefinite: Bool = false)

  /// Major type 5: the pairs in encoded order, duplicates included. `indefinite` records
  /// whether the encoding ended with a break (0xff).
  case map([CBORMapEntry], indefinite: Bool = false)

  /// Major type 6: a tag number and the tagged item (RFC 8949 §3.4).
  case tagged(UInt64, CBORValue)

  /// Simple values 20 and 21.
  case bool(Bool)

  /// Simple value 22.
  case null

  /// Simple value 23.
  case undefined

  /// Any other simple value: 0 … 19 or 24 … 255. The decoder never produces 20 … 23 here;
  /// encoding them writes the same byte as `bool`, `null` or `undefined`.
  case simple(UInt8)

  /// Major type 7 floating-point number, in the width it was encoded with.
  case float(CBORFloat)
}

/// One key and value of a CBOR map.
public struct CBORMapEntry: Sendable, Hashable {
  /// The key, which may be any CBOR data item.
  public var key: CBORValue

  /// The value.
  public var value: CBORValue

  /// Creates a map entry.
  public init(key: CBORValue, value: CBORValue) {
    self.key = key
    self.value = value
  }
}

extension CBORValue {
  /// Creates an integer with major type 0 or 1, whichever fits.
  public static func integer(_ value: Int64) -> CBORValue {
    if value >= 0 { return .unsigned(UInt64(value)) }
    // −1 − value, computed without overflow for Int64.min.
    return .negative(UInt64(bitPattern: -1 - value))
  }

  /// Creates a text-keyed map, keeping the order of `entries`.
  public static func textMap(_ entries: [(String, CBORValue)]) -> CBORValue {
    .map(entries.map { CBORMapEntry(key: .textString($0.0), value: $0.1) })
  }

  /// The major type of the item's initial byte, 0 … 7 (RFC 8949 §3.1).
  public var majorType: UInt8 {
    switch self {
    case .unsigned: return 0
    case .negative: return 1
    case .byteString, .byteStringChunks: return 2
    case .textString, .textStringChunks: return 3
    case .array: return 4
    case .map: return 5
    case .tagged: return 6
    case .bool, .null, .undefined, .simple, .float: return 7
    }
  }

  /// A short name of the item's kind for error messages: `"map"`, `"text string"`, …
  public var kindName: String {
    switch self {
    case .unsigned: return "unsigned integer"
    case .negative: return "negative integer"
    case .byteString, .byteStringChunks: return "byte string"
    case .textString, .textStringChunks: return "text string"
    case .array: return "array"
    case .map: return "map"
    case .tagged(let tag, _): return "tag \(tag)"
    case .bool: return "boolean"
    case .null: return "null"
    case .undefined: return "undefined"
    case .simple: return "simple value"
    case .float: return "float"
    }
  }
}
