/// An error from decoding CBOR or from converting a CBOR value to JSON.
///
/// A decoding error carries the byte offset of the problem in the input. A conversion error
/// carries the JSON Pointer of the value that has no JSON form.
public struct CBORError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The offset in the input, in bytes from its start, where decoding failed.
  public let offset: Int?

  /// The JSON Pointer (RFC 6901) of the value that has no JSON form; `""` is the root.
  public let path: String?

  /// The problem, without the offset or path.
  public let message: String

  /// Creates a decoding error at `offset`.
  public init(offset: Int, _ message: String) {
    self.offset = offset
    self.path = nil
    self.message = message
  }

  /// Creates a conversion error for the value at the JSON Pointer `path`.
  public init(path: String, _ message: String) {
    self.offset = nil
    self.path = path
    self.message = message
  }

  /// `invalid CBOR at offset 12: …` or `cannot convert CBOR to JSON at /a/0: …`.
  public var description: String {
    if let offset { return "invalid CBOR at offset \(offset): \(message)" }
    let location = (path ?? "").isEmpty ? "the root" : (path ?? "")
    return "cannot convert CBOR to JSON at \(location): \(message)"
  }
}
