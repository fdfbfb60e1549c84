import Foundation
import HooksMail
import HooksWire

/// Regression messages under `Resources/`, and helpers to build messages inline.
enum TestMessages {
  static let resources = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("Resources")

  /// Reads the bytes of `Resources/<name>`.
  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: resources.appendingPathComponent(name)))
  }

  /// Parses `Resources/<name>`.
  static func parse(_ name: String) throws -> MailMessage {
    MailMessage(parsing: try bytes(name))
  }

  /// Parses text with `\n` turned into CRLF.
  static func parse(crlf text: String) -> MailMessage {
    MailMessage(parsing: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
  }

  /// Returns the `headers` list as (name, value) pairs.
  static func headers(_ message: MailMessage) -> [(name: String, value: String)] {
    (message.email["headers"]?.arrayValue ?? []).map {
      ($0["name"]?.stringValue ?? "", $0["value"]?.stringValue ?? "")
    }
  }

  /// Returns the Email object with one member replaced.
  static func editing(_ message: MailMessage, _ key: String, _ value: JSONValue) -> JSONValue {
    var object = message.email.objectValue ?? JSONObject()
    object[key] = value
    return .object(object)
  }

  /// Returns the Email object with a header field appended.
  static func addingHeader(_ message: MailMessage, name: String, value: String) -> JSONValue {
    var list = message.email["headers"]?.arrayValue ?? []
    list.append(["name": .string(name), "value": .string(value)])
    return editing(message, "headers", .array(list))
  }

  /// Splits the raw message at the end of the header block (the first empty line).
  static func split(_ raw: [UInt8]) -> (header: [UInt8], rest: [UInt8]) {
    for index in raw.indices where raw[index] == 10 {
      let next = index + 1
      if next < raw.count, raw[next] == 10 {
        return (Array(raw[...index]), Array(raw[next...]))
      }
      if next + 1 < raw.count, raw[next] == 13, raw[next + 1] == 10 {
        return (Array(raw[...index]), Array(raw[next...]))
      }
    }
    return (raw, [])
  }
}
