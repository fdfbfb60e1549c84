import Foundation
import HooksWire

/// The `when` test of a scanner rule, evaluated against the hook request body.
///
/// A path that does not resolve in the request makes `equals`, `contains` and `matches`
/// false, so a rule about `/message/subject` simply does not match at `rcpt`.
public indirect enum RuleCondition: Sendable {
  /// The value at the pointer equals the given value (numbers compare numerically).
  case equals(JSONPointer, JSONValue)
  /// The value at the pointer is a string containing the text, or an array with an element
  /// that is that string or an object with a member equal to that string. The object case
  /// lets `/envelope/to` be tested for an address.
  case contains(JSONPointer, String)
  /// The value at the pointer is a string in which the regular expression finds a match.
  case matches(JSONPointer, RulePattern)
  /// Every condition holds; an empty list holds.
  case all([RuleCondition])
  /// At least one condition holds; an empty list does not.
  case any([RuleCondition])

  /// Returns whether the condition holds for `request`.
  public func evaluate(_ request: JSONValue) -> Bool {
    switch self {
    case .equals(let pointer, let expected):
      return (try? request.value(at: pointer)) == expected
    case .contains(let pointer, let text):
      switch try? request.value(at: pointer) {
      case .string(let value): return value.contains(text)
      case .array(let elements):
        return elements.contains { element in
          element == .string(text) || (element.objectValue?.values.contains(.string(text)) ?? false)
        }
      default: return false
      }
    case .matches(let pointer, let pattern):
      guard case .string(let value) = try? request.value(at: pointer) else { return false }
      return pattern.finds(in: value)
    case .all(let conditions):
      return conditions.allSatisfy { $0.evaluate(request) }
    case .any(let conditions):
      return conditions.contains { $0.evaluate(request) }
    }
  }
}

/// A compiled regular expression (ICU syntax, as `NSRegularExpression` reads it).
public struct RulePattern: @unchecked Sendable {
  // NSRegularExpression is immutable after creation and documented as safe to share
  // between threads, which is why the wrapper is marked Sendable.
  private let expression: NSRegularExpression
  /// The pattern as written in the rule file.
  public let source: String

  /// Compiles `source`.
  ///
  /// - Throws: the `NSRegularExpression` error for an invalid pattern.
  public init(_ source: String) throws {
    self.source = source
    expression = try NSRegularExpression(pattern: source)
  }

  /// Whether the pattern matches anywhere in `text`.
  public func finds(in text: String) -> Bool {
    let range = NSRange(text.startIndex..<text.endIndex, in: text)
    return expression.firstMatch(in: text, range: range) != nil
  }
}
