import HooksWire

// TODO: delete this file when the HooksWire CBOR codec reaches main; until then CBOR bodies
// fail with a clear error instead of being encoded.
enum CBORCodec {
  struct Unavailable: Error, CustomStringConvertible {
    var description: String { "the CBOR codec is not built into this HookBench yet" }
  }

  static func decodeJSON(_ bytes: [UInt8]) throws -> JSONValue { throw Unavailable() }

  static func encodeJSON(_ value: JSONValue) -> [UInt8] { [] }
}
