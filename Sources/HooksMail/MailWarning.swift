/// A problem the parser worked around: a broken boundary, an unknown charset, an 8-bit header
/// that is not UTF-8, nesting too deep, and so on.
///
/// Warnings never stop parsing: the Email object is still built, best effort, and the raw
/// bytes are never changed.
public struct MailWarning: Sendable, Hashable, CustomStringConvertible {
  /// The byte offset in the raw message where the problem starts, when there is one.
  public let offset: Int?

  /// The problem, and what the parser did about it.
  public let message: String

  /// Creates a warning at a byte offset.
  public init(offset: Int?, message: String) {
    self.offset = offset
    self.message = message
  }

  /// `at byte N: message`, or the message alone when there is no offset.
  public var description: String {
    guard let offset else { return message }
    return "at byte \(offset): \(message)"
  }
}
