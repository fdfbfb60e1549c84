import Foundation
import HooksWire

/// Turns an edited parsed property of the Email object (`subject`, `from`, `messageId`,
/// `sentAt`, …) into the header field value that parses back to it.
enum HeaderValueEncoder {
  /// The header field name for each parsed property the writer can re-encode.
  static let fieldNames: [String: String] = {
    var names: [String: String] = ["subject": "Subject", "sentAt": "Date"]
    for (property, field) in HeaderProperty.addressFields { names[property] = field }
    for (property, field) in HeaderProperty.messageIDFields { names[property] = field }
    return names
  }()

  /// Encodes the field value for `property`. Returns nil when the value is null, which
  /// removes the field.
  static func encode(_ value: JSONValue, property: String) throws -> String? {
    let path = "/\(property)"
    if value.isNull { return nil }
    switch property {
    case "subject":
      guard let text = value.stringValue else { throw typeError(path, "a string or null") }
      try rejectLineBreaks(text, path: path)
      return encodeText(text)
    case "sentAt":
      guard let text = value.stringValue, let date = DateParser.parseRFC3339(text) else {
        throw MailWriteError(
          path: path,
          problem:
            "expected an RFC 3339 date with offset, such as 2026-12-04T10:00:00+01:00, or null")
      }
      return date.rfc5322
    case "messageId", "inReplyTo", "references":
      guard let list = value.arrayValue else {
        throw typeError(path, "an array of strings or null")
      }
      return try list.enumerated().map { index, element in
        guard let id = element.stringValue, !id.isEmpty,
          !id.unicodeScalars.contains(where: {
            $0 == "<" || $0 == ">" || $0.properties.isWhitespace
          })
        else {
          throw MailWriteError(
            path: "\(path)/\(index)",
            problem: "a message id must be a non-empty string without angle brackets or spaces")
        }
        return "<\(id)>"
      }.joined(separator: " ")
    default:
      guard let list = value.arrayValue else {
        throw typeError(path, "an array of EmailAddress objects or null")
      }
      return try list.enumerated().map { index, element in
        try encodeAddress(element, path: "\(path)/\(index)")
      }.joined(separator: ", ")
    }
  }

  /// Encodes unstructured text: as is when it is ASCII and contains nothing that looks like
  /// an encoded word, else as RFC 2047 encoded words separated by spaces.
  static func encodeText(_ text: String) -> String {
    if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 || $0 == "\t" })
      && !text.contains("=?")
    {
      return text
    }
    return EncodedWords.encode(text).joined(separator: " ")
  }

  /// `name <email>`, `email`, or the name alone when the address is empty.
  private static func encodeAddress(_ value: JSONValue, path: String) throws -> String {
    guard let object = value.objectValue, let email = object["email"]?.stringValue else {
      throw MailWriteError(
        path: path, problem: "expected an object with a string \"email\" and a \"name\"")
    }
    let name = object["name"]?.stringValue
    if let nameValue = object["name"], !nameValue.isNull, name == nil {
      throw typeError("\(path)/name", "a string or null")
    }
    let forbidden: Set<Unicode.Scalar> = ["<", ">", ",", ";", "\"", "(", ")"]
    if email.unicodeScalars.contains(where: { forbidden.contains($0) || $0.properties.isWhitespace }
    ) {
      throw MailWriteError(
        path: "\(path)/email",
        problem: "\"\(email)\" is not an address; send local@domain without brackets or spaces")
    }
    guard let name, !name.isEmpty else { return email }
    try rejectLineBreaks(name, path: "\(path)/name")
    let phrase = encodePhrase(name)
    return email.isEmpty ? phrase : "\(phrase) <\(email)>"
  }

  /// Encodes a display name: atoms as is, other ASCII as a quoted string, non-ASCII as
  /// encoded words.
  private static func encodePhrase(_ name: String) -> String {
    guard name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }), !name.contains("=?")
    else {
      return EncodedWords.encode(name).joined(separator: " ")
    }
    let atext = Set("!#$%&'*+-/=?^_`{|}~ ".unicodeScalars)
    let isAtoms = name.unicodeScalars.allSatisfy {
      $0.properties.isAlphabetic || ("0"..."9").contains($0) || atext.contains($0)
    }
    if isAtoms && !name.hasPrefix(" ") && !name.hasSuffix(" ") && !name.contains("  ") {
      return name
    }
    let escaped = name.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
    return "\"\(escaped)\""
  }

  private static func rejectLineBreaks(_ text: String, path: String) throws {
    if text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
      throw MailWriteError(path: path, problem: "text must not contain line breaks")
    }
  }

  private static func typeError(_ path: String, _ expected: String) -> MailWriteError {
    MailWriteError(path: path, problem: "expected \(expected)")
  }
}
