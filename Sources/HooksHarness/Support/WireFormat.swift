import HooksWire

/// The serialization of MTA Hooks bodies, chosen at registration: JSON (RFC 8259) or CBOR
/// (RFC 8949). Binary values are Base64 strings in JSON and byte strings in CBOR.
public enum WireFormat: String, Sendable, CaseIterable {
  case json
  case cbor

  /// The media type sent in `Content-Type`.
  public var contentType: String {
    switch self {
    case .json: return "application/json"
    case .cbor: return "application/cbor"
    }
  }

  /// Returns the format whose media type `contentType` names, ignoring parameters such as
  /// `charset` and letter case, or nil for any other type.
  public static func matching(contentType: String?) -> WireFormat? {
    guard let contentType else { return nil }
    let mediaType = contentType.split(separator: ";").first.map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    return allCases.first { $0.contentType == mediaType }
  }

  /// Encodes a body.
  public func encode(_ value: JSONValue) -> [UInt8] {
    switch self {
    case .json: return JSONSerializer.bytes(value)
    case .cbor: return CBORCodec.encodeJSON(value)
    }
  }

  /// Decodes a body.
  ///
  /// - Throws: the parser's error (`JSONParseError` or the CBOR decoder's), whose description
  ///   names the position of the problem.
  public func decode(_ bytes: [UInt8]) throws -> JSONValue {
    switch self {
    case .json: return try JSONParser.parse(bytes)
    case .cbor: return try CBORCodec.decodeJSON(bytes)
    }
  }
}
