/// Decoding straight into `JSONValue`, without the `CBORValue` tree in between.
///
/// The reading steps (headers, lengths, depth, breaks, simple values and floats) are the
/// tree decoder's own, so malformed input fails at the same offset with the same message.
/// The mapping follows `CBORValue.toJSON()`. A value with no JSON form throws a `CBORError`
/// with a path, but not necessarily the path and message of `toJSON()`, and the rest of the
/// input is not checked. `CBORCodec.decodeJSON(_:)` therefore decodes such input again
/// through the tree to report the exact error.
extension CBORReader {
  mutating func decodeWholeJSON() throws -> JSONValue {
    let value = try decodeJSONItem(depth: 0)
    try checkNothingLeft()
    return value
  }

  private mutating func decodeJSONItem(depth: Int) throws -> JSONValue {
    let header = try readHeader()
    switch header.majorType {
    case 0:
      return .number(CBORValue.integerNumber(isNegative: false, magnitude: header.argument))
    case 1:
      return .number(CBORValue.negativeIntegerNumber(argument: header.argument))
    case 2:
      return .bytes(try readBytes(header, depth: depth))
    case 3:
      return .string(try readText(header, depth: depth))
    case 4:
      let elements = try readElements(of: header, depth: depth) { reader in
        try reader.decodeJSONItem(depth: depth + 1)
      }
      return .array(elements)
    case 5:
      return try readJSONObject(header, depth: depth)
    case 6:
      try checkDepth(depth + 1, at: header.offset)
      if header.argument == 2 || header.argument == 3 {
        return .number(try readBignum(tag: header.argument, depth: depth + 1))
      }
      return try decodeJSONItem(depth: depth + 1)
    default:
      return try simpleOrFloat(header).scalarJSON()
    }
  }

  private mutating func readBytes(_ header: Header, depth: Int) throws -> [UInt8] {
    if header.isIndefinite {
      return try readChunks(of: header, depth: depth).flatMap(\.bytes)
    }
    return Array(bytes[try readPayloadRange(of: header, depth: depth)])
  }

  private mutating func readText(_ header: Header, depth: Int) throws -> String {
    if header.isIndefinite {
      return try readChunks(of: header, depth: depth).map(\.text).joined()
    }
    let range = try readPayloadRange(of: header, depth: depth)
    guard let text = UTF8Text.string(validating: bytes, in: range) else {
      throw CBORError(offset: header.offset, CBORReader.invalidUTF8Message)
    }
    return text
  }

  private mutating func readJSONObject(_ header: Header, depth: Int) throws -> JSONValue {
    try checkDepth(depth + 1, at: header.offset)
    var object = JSONObject()
    if header.isIndefinite {
      while try hasMoreItems(in: header, kind: "map", depth: depth) {
        let key = try readKey(depth: depth + 1)
        try checkValueFollowsKey()
        try readMember(named: key, into: &object, depth: depth + 1)
      }
      return .object(object)
    }
    try checkPairCount(of: header)
    object.reserveCapacity(Int(header.argument))
    for _ in 0..<header.argument {
      let key = try readKey(depth: depth + 1)
      try readMember(named: key, into: &object, depth: depth + 1)
    }
    return .object(object)
  }

  private mutating func readMember(
    named key: String, into object: inout JSONObject, depth: Int
  ) throws {
    guard !object.contains(key) else {
      throw CBORError(path: "", "map key \(CBORDiagnostic.quoted(key)) appears twice")
    }
    object.appendNew(key, try decodeJSONItem(depth: depth))
  }

  /// Reads a map key, which must be a text string, possibly chunked and possibly tagged.
  private mutating func readKey(depth: Int) throws -> String {
    let header = try readHeader()
    switch header.majorType {
    case 3:
      return try readText(header, depth: depth)
    case 6:
      try checkDepth(depth + 1, at: header.offset)
      return try readKey(depth: depth + 1)
    default:
      throw CBORError(path: "", "a map key is not a text string")
    }
  }

  /// Reads the content of tag 2 or 3, which must be a byte string.
  private mutating func readBignum(tag: UInt64, depth: Int) throws -> JSONNumber {
    let header = try readHeader()
    guard header.majorType == 2 else {
      throw CBORError(path: "", "tag \(tag) (bignum) must enclose a byte string")
    }
    let magnitude = try readBytes(header, depth: depth)
    return try CBORValue.bignumNumber(tag: tag, content: .byteString(magnitude))
  }
}
