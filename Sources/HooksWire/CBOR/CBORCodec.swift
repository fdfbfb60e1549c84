/// Entry points for callers that hold JSON values and CBOR bytes: the MTA Hooks body codec.
public enum CBORCodec {
  /// Decodes a CBOR body and converts it to JSON with the mapping of `CBORValue.toJSON()`.
  ///
  /// The result and the errors are those of `CBORDecoder.decode(bytes).toJSON()`, but
  /// well-formed input that maps to JSON is decoded straight into `JSONValue`.
  ///
  /// - Throws: `CBORError`, with a byte offset for malformed input or a JSON Pointer for a
  ///   value that has no JSON form.
  public static func decodeJSON(_ bytes: [UInt8]) throws -> JSONValue {
    var reader = CBORReader(bytes: bytes, recordsHeaders: false)
    do {
      return try reader.decodeWholeJSON()
    } catch let error as CBORError where error.path != nil {
      // The direct decoder stops at the first value with no JSON form. The tree path first
      // checks the whole input, so a malformed byte further on wins, and it names the value
      // by its full JSON Pointer and CBOR diagnostic notation.
      return try CBORDecoder.decode(bytes).toJSON()
    }
  }

  /// Encodes a JSON value as CBOR with preferred serialization, with the same bytes as
  /// `CBOREncoder.encode(value.toCBOR())`.
  public static func encodeJSON(_ value: JSONValue) -> [UInt8] {
    CBOREncoder.encode(json: value)
  }

  /// Whether `bytes` should be read as CBOR rather than JSON, judged by content alone.
  ///
  /// The rule: skip an optional UTF-8 byte order mark (EF BB BF) and then any JSON whitespace
  /// (space, tab, line feed, carriage return). If the first byte left can start a JSON text
  /// (`{`, `[`, `"`, a digit, `-`, `t`, `f`, `n`), the bytes are JSON; any other first byte
  /// means CBOR. Empty or all-whitespace input is not CBOR.
  ///
  /// Every MTA Hooks body is a map, and a CBOR map or array starts with 0x80 … 0xbf, which
  /// no JSON text does, so the rule is exact for bodies. Other top-level CBOR items can be
  /// misread as JSON. These are the integers 9, 10, 13 and −1 (their bytes are JSON
  /// whitespace), −3, −14, −17 … −24, negative integers with a 1- or 2-byte argument
  /// (0x38, 0x39), text strings of 6, 14 or 20 bytes, and strings with an 8-byte length.
  public static func looksLikeCBOR(_ bytes: [UInt8]) -> Bool {
    var index = 0
    if bytes.starts(with: [0xef, 0xbb, 0xbf]) { index = 3 }
    while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) {
      index += 1
    }
    guard index < bytes.count else { return false }
    let jsonStarts = Array("{[\"0123456789-tfn".utf8)
    return !jsonStarts.contains(bytes[index])
  }
}
