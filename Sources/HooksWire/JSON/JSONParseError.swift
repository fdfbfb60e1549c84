/// An error from `JSONParser`, with the position of the problem.
///
/// Lines and columns are 1-based; the column counts bytes, which is the same as characters
/// for ASCII text. The description reads
/// `invalid JSON at line 3, column 7: expected ',' or '}' after an object member, found 'x'`.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 1-based line of the problem.
  public let line: Int

  /// The 1-based byte column within the line.
  public let column: Int

  /// The 0-based byte offset from the start of the input.
  public let offset: Int

  /// What went wrong, including what was expected and what was found.
  public let message: String

  /// Creates an error at a position.
  public init(line: Int, column: Int, offset: Int, message: String) {
    self.line = line
    self.column = column
    self.offset = offset
    self.message = message
  }

  public var description: String {
    "invalid JSON at line \(line), column \(column): \(message)"
  }
}
