import HooksWire

/// A protocol body that does not match the draft's schema: the JSON Pointer of the offending
/// value and what is wrong with it.
public struct ProtocolDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The JSON Pointer (RFC 6901) of the value, `""` for the whole body.
  public let pointer: String

  /// What is wrong, such as `expected a string, found integer`.
  public let problem: String

  /// Creates an error for the value at `pointer`.
  public init(pointer: String, problem: String) {
    self.pointer = pointer
    self.problem = problem
  }

  public var description: String {
    let location = pointer.isEmpty ? "the body" : "\"\(pointer)\""
    return "invalid value at \(location): \(problem)"
  }
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/` (RFC 6901 §3).
func appendToken(_ pointer: String, _ token: String) -> String {
  var escaped = ""
  for character in token {
    switch character {
    case "~": escaped += "~0"
    case "/": escaped += "~1"
    default: escaped.append(character)
    }
  }
  return pointer + "/" + escaped
}
