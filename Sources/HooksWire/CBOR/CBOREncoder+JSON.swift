/// Encoding straight from `JSONValue`, without the `CBORValue` tree in between.
///
/// The output is byte for byte that of `CBOREncoder.encode(value.toCBOR())`: definite
/// lengths, shortest arguments, shortest exact floats and text-keyed maps in member order.
extension CBOREncoder {
  /// Encodes `value` with the mapping of `JSONValue.toCBOR()`.
  static func encode(json value: JSONValue) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(encodedLength(json: value))
    append(json: value, to: &output)
    return output
  }

  /// Returns the number of bytes that `append(json:to:)` writes for `value`.
  static func encodedLength(json value: JSONValue) -> Int {
    switch value {
    case .null, .bool:
      return 1
    case .number(let number):
      if number.isInteger, let exact = number.int64 {
        return headerLength(integerArgument(exact))
      }
      return encodedLength(JSONValue.cborNumber(number))
    case .string(let text):
      let count = text.utf8.count
      return headerLength(UInt64(count)) + count
    case .bytes(let bytes):
      return headerLength(UInt64(bytes.count)) + bytes.count
    case .array(let elements):
      var length = headerLength(UInt64(elements.count))
      for element in elements { length += encodedLength(json: element) }
      return length
    case .object(let object):
      var length = headerLength(UInt64(object.count))
      for key in object.keys {
        let count = key.utf8.count
        length += headerLength(UInt64(count)) + count
      }
      for member in object.values { length += encodedLength(json: member) }
      return length
    }
  }

  private static func append(json value: JSONValue, to output: inout [UInt8]) {
    switch value {
    case .null:
      output.append(0xf6)
    case .bool(let flag):
      output.append(flag ? 0xf5 : 0xf4)
    case .number(let number):
      if number.isInteger, let exact = number.int64 {
        appendHeader(major: exact < 0 ? 1 : 0, argument: integerArgument(exact), to: &output)
      } else {
        append(JSONValue.cborNumber(number), to: &output)
      }
    case .string(let text):
      appendText(text, to: &output)
    case .bytes(let bytes):
      appendHeader(major: 2, argument: UInt64(bytes.count), to: &output)
      output.append(contentsOf: bytes)
    case .array(let elements):
      appendHeader(major: 4, argument: UInt64(elements.count), to: &output)
      for element in elements { append(json: element, to: &output) }
    case .object(let object):
      appendHeader(major: 5, argument: UInt64(object.count), to: &output)
      for (key, member) in zip(object.keys, object.values) {
        appendText(key, to: &output)
        append(json: member, to: &output)
      }
    }
  }

  private static func appendText(_ text: String, to output: inout [UInt8]) {
    appendHeader(major: 3, argument: UInt64(text.utf8.count), to: &output)
    output.append(contentsOf: text.utf8)
  }

  /// Returns the argument of major type 0 for `value` ≥ 0, or of major type 1 (−1 − value)
  /// for `value` < 0.
  private static func integerArgument(_ value: Int64) -> UInt64 {
    value >= 0 ? UInt64(value) : UInt64(bitPattern: -1 - value)
  }
}
