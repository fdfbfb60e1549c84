/// One header field of a message or a body part, with the exact bytes it came from.
///
/// `range` covers the whole field in the message: name, colon, value, folding and the final
/// line break (when there is one). `valueRange` starts right after the colon and ends before
/// the final line break, so it is the JMAP Raw form of RFC 8621 §4.1.2.1.
struct HeaderField: Sendable {
  /// The field name as written, without the colon or whitespace before it.
  let name: String

  /// The bytes of the whole field, final line break included.
  let range: Range<Int>

  /// The bytes after the colon, up to but excluding the final line break.
  let valueRange: Range<Int>

  /// The Raw value as text: the bytes decoded as UTF-8, with U+FFFD for bytes that are not
  /// valid UTF-8 and NUL characters dropped (RFC 8621 §4.1.2.1). The writer re-emits the
  /// bytes at `valueRange`, not this text, while the field is unedited.
  let value: String

  /// Whether the value contains bytes that are not valid UTF-8, so `value` shows U+FFFD.
  let hasInvalidUTF8: Bool

  /// The lowercased name, for lookups (field names are case-insensitive).
  var key: String { name.lowercased() }
}

extension Array where Element == HeaderField {
  /// Returns the first field named `name` (case-insensitive).
  func first(named name: String) -> HeaderField? {
    let key = name.lowercased()
    return first { $0.key == key }
  }

  /// Returns every field named `name` (case-insensitive), in order.
  func all(named name: String) -> [HeaderField] {
    let key = name.lowercased()
    return filter { $0.key == key }
  }
}
