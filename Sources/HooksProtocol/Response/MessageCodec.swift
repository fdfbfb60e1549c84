import HooksWire

/// Converts between the two forms of a message, so that after a scanner edits one form the
/// other can be rebuilt.
///
/// The core stays pure: the codec is passed in. `MessageCodec.hooksMail` uses HooksMail's
/// parser and writer.
public struct MessageCodec: Sendable {
  /// Parses raw message bytes into the JMAP Email object, returning parser warnings.
  public var parse: @Sendable (_ raw: [UInt8]) -> (email: JSONValue, warnings: [String])
  /// Writes an edited JMAP Email object back to bytes, starting from the original bytes.
  public var write: @Sendable (_ email: JSONValue, _ original: [UInt8]) throws -> [UInt8]

  /// Creates a codec from two functions.
  public init(
    parse: @escaping @Sendable (_ raw: [UInt8]) -> (email: JSONValue, warnings: [String]),
    write: @escaping @Sendable (_ email: JSONValue, _ original: [UInt8]) throws -> [UInt8]
  ) {
    self.parse = parse
    self.write = write
  }
}
