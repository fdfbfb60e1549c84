/// An error from parsing a JSON Pointer or evaluating it against a document.
///
/// The description names the pointer and the failing token, for example
/// `invalid JSON Pointer "/envelope/to/01": array index "01" has a leading zero` or
/// `JSON Pointer "/message/subjekt" does not resolve: the object at "/message" has no member
/// "subjekt"`.
public struct JSONPointerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The category of failure.
  public enum Kind: Sendable, Equatable {
    /// The text is not a JSON Pointer: it lacks the leading `/` or has a bad `~` escape.
    case invalidSyntax
    /// A token used on an array is not an array index: it has a leading zero, is not a
    /// number, or is `-` where no new element is being added.
    case invalidArrayIndex
    /// An object has no member with the token's name.
    case memberNotFound
    /// An array index is past the last element.
    case indexOutOfRange
    /// The token steps into a string, number, Boolean, null or byte string.
    case notAContainer
  }

  /// The pointer as written.
  public var pointer: String

  /// The position of the failing token in the pointer, counted from 0, when one token is at
  /// fault.
  public var tokenIndex: Int?

  /// The failing token, unescaped, when one token is at fault.
  public var token: String?

  /// The category of failure.
  public var kind: Kind

  /// The explanation, naming the token and the place where evaluation stopped.
  public var reason: String

  /// Creates an error.
  public init(
    pointer: String, tokenIndex: Int? = nil, token: String? = nil, kind: Kind,
    reason: String
  ) {
    self.pointer = pointer
    self.tokenIndex = tokenIndex
    self.token = token
    self.kind = kind
    self.reason = reason
  }

  /// Whether the pointer itself is malformed, as opposed to naming a value that the document
  /// does not have.
  public var isSyntaxError: Bool {
    kind == .invalidSyntax || kind == .invalidArrayIndex
  }

  public var description: String {
    if isSyntaxError {
      return "invalid JSON Pointer \"\(pointer)\": \(reason)"
    }
    return "JSON Pointer \"\(pointer)\" does not resolve: \(reason)"
  }
}
