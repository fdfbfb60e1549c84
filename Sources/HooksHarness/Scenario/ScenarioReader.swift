import Foundation
import HooksWire

/// Typed access to the values of a scenario document, where every failure becomes a
/// `ScenarioError` naming the file and the JSON Pointer of the value.
struct ScenarioReader {
  /// The file name used in error messages.
  let file: String

  func error(_ pointer: String, _ message: String) -> ScenarioError {
    ScenarioError(file: file, pointer: pointer, message: message)
  }

  /// Returns a short rendering of a found value for error messages: compact JSON, cut at 40 characters.
  func shown(_ value: JSONValue) -> String {
    let text = JSONSerializer.string(value)
    return text.count > 40 ? String(text.prefix(37)) + "..." : text
  }

  func mismatch(_ pointer: String, expected: String, found value: JSONValue) -> ScenarioError {
    error(pointer, "expected \(expected), found \(shown(value))")
  }

  /// Returns the members of an object, after checking that every key is one of `keys`.
  func object(_ value: JSONValue, at pointer: String, keys: [String]) throws -> JSONObject {
    guard let object = value.objectValue else {
      throw mismatch(pointer, expected: "an object", found: value)
    }
    for key in object.keys where !keys.contains(key) {
      var message = "unknown key \"\(key)\""
      if let hint = closestKey(to: key, in: keys) {
        message += "; did you mean \"\(hint)\"?"
      } else {
        message += "; known keys: \(keys.joined(separator: ", "))"
      }
      throw error(Self.child(pointer, key), message)
    }
    return object
  }

  func array(_ value: JSONValue, at pointer: String) throws -> [JSONValue] {
    guard let elements = value.arrayValue else {
      throw mismatch(pointer, expected: "an array", found: value)
    }
    return elements
  }

  func string(_ value: JSONValue, at pointer: String) throws -> String {
    guard let text = value.stringValue else {
      throw mismatch(pointer, expected: "a string", found: value)
    }
    return text
  }

  /// Returns a string, or nil for JSON null.
  func optionalString(_ value: JSONValue, at pointer: String) throws -> String? {
    if value.isNull { return nil }
    guard let text = value.stringValue else {
      throw mismatch(pointer, expected: "a string or null", found: value)
    }
    return text
  }

  func integer(_ value: JSONValue, at pointer: String, in range: ClosedRange<Int>) throws -> Int {
    guard let number = value.intValue else {
      throw mismatch(pointer, expected: "an integer", found: value)
    }
    guard range.contains(number) else {
      throw error(pointer, "\(number) is out of range; use \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  func bool(_ value: JSONValue, at pointer: String) throws -> Bool {
    guard let flag = value.boolValue else {
      throw mismatch(pointer, expected: "true or false", found: value)
    }
    return flag
  }

  func choice(_ value: JSONValue, at pointer: String, from choices: [String]) throws -> String {
    let text = try string(value, at: pointer)
    guard choices.contains(text) else {
      throw error(
        pointer, "invalid value \"\(text)\"; use one of: \(choices.joined(separator: ", "))")
    }
    return text
  }

  /// Returns the pointer of member `key` below `pointer`, escaped as RFC 6901 §3 requires.
  static func child(_ pointer: String, _ key: String) -> String {
    let escaped = key.replacingOccurrences(of: "~", with: "~0")
      .replacingOccurrences(of: "/", with: "~1")
    return pointer + "/" + escaped
  }

  /// Returns the pointer of element `index` below `pointer`.
  static func child(_ pointer: String, _ index: Int) -> String {
    pointer + "/" + String(index)
  }
}
