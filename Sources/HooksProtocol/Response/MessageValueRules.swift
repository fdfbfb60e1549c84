import HooksWire

/// Checks values written under `/message` and `/rawMessage`.
enum MessageValueRules {
  /// Returns the problem with `value` written at `/message` + `tokens`, or nil.
  static func problem(_ value: JSONValue, tokens: [String], operation: PatchOperation.Kind)
    -> String?
  {
    if let first = tokens.first, computedProperties.contains(first) {
      return "/message/\(first) is computed from the message and cannot be written; edit "
        + "/message/headers, a parsed header property or /message/bodyValues instead"
    }
    switch tokens.first {
    case nil:
      guard let object = value.objectValue else { return "/message must be a JMAP Email object" }
      return object["headers"].flatMap { headerListProblem($0) }
    case "headers":
      switch tokens.count {
      case 1:
        if operation == .add || operation == .copy || operation == .move {
          return headerProblem(value)
        }
        return headerListProblem(value)
      case 2: return headerProblem(value)
      case 3 where tokens[2] == "name":
        guard let name = value.stringValue else { return "header name must be a string" }
        return ValueRules.headerNameProblem(name)
      case 3 where tokens[2] == "value":
        guard let text = value.stringValue else { return "header value must be a string" }
        return ValueRules.headerValueProblem(text)
      default:
        return "a header is {name, value}; write /message/headers/N/name or /value"
      }
    case "subject":
      if value.isNull { return nil }
      guard let text = value.stringValue else { return "subject must be a string or null" }
      return text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        ? "subject contains CR or LF" : nil
    default:
      return nil
    }
  }

  /// The Email properties that HooksMail derives from the message and cannot write back.
  static let computedProperties: Set<String> = [
    "size", "bodyStructure", "textBody", "htmlBody", "attachments", "hasAttachment", "preview",
  ]

  static func headerListProblem(_ value: JSONValue) -> String? {
    guard let list = value.arrayValue else { return "/message/headers must be an array" }
    for (index, header) in list.enumerated() {
      if let problem = headerProblem(header) { return "header \(index): \(problem)" }
    }
    return nil
  }

  static func headerProblem(_ value: JSONValue) -> String? {
    guard let object = value.objectValue else {
      return "a header must be an object {name, value}, found \(value.typeName)"
    }
    for key in object.keys where key != "name" && key != "value" {
      return "a header has only name and value; found \(ValueRules.quoted(key))"
    }
    guard let name = object["name"]?.stringValue else { return "header name must be a string" }
    guard let text = object["value"]?.stringValue else { return "header value must be a string" }
    return ValueRules.headerNameProblem(name) ?? ValueRules.headerValueProblem(text)
  }

  /// Checks a replacement raw message: Base64 text in JSON or bytes in CBOR, containing a
  /// complete message with at least one header field before the body.
  static func rawMessageProblem(_ value: JSONValue) -> String? {
    guard let bytes = rawBytes(value) else {
      if let text = value.stringValue, !text.isEmpty {
        return "/rawMessage is not valid standard Base64 with padding"
      }
      return value.stringValue != nil
        ? "/rawMessage is empty; a replacement must be a complete RFC 5322 message"
        : "/rawMessage must be Base64 text or a byte string, found \(value.typeName)"
    }
    if bytes.isEmpty {
      return "/rawMessage is empty; a replacement must be a complete RFC 5322 message"
    }
    return headerBlockProblem(bytes)
  }

  /// Returns the bytes of a raw message value, or nil when it is neither bytes nor Base64.
  static func rawBytes(_ value: JSONValue) -> [UInt8]? {
    if let bytes = value.bytesValue { return bytes }
    guard let text = value.stringValue else { return nil }
    if text.isEmpty { return [] }
    return Base64.decode(text)
  }

  private static func headerBlockProblem(_ bytes: [UInt8]) -> String? {
    var lineStart = 0
    var sawField = false
    var index = 0
    while index <= bytes.count {
      let atEnd = index == bytes.count
      if atEnd || bytes[index] == 10 {
        var line = bytes[lineStart..<index]
        if line.last == 13 { line = line.dropLast() }
        if line.isEmpty { break }
        if line.first == 32 || line.first == 9 {
          if !sawField { return "/rawMessage starts with a folded line" }
        } else {
          guard let colon = line.firstIndex(of: 58), colon > line.startIndex,
            ValueRules.headerNameProblem(
              String(decoding: line[line.startIndex..<colon], as: UTF8.self)) == nil
          else {
            return
              "/rawMessage line \(String(decoding: line.prefix(40), as: UTF8.self).debugDescription) "
              + "is not a header field; a message starts with its header fields"
          }
          sawField = true
        }
        if atEnd { break }
        lineStart = index + 1
      }
      index += 1
    }
    return sawField ? nil : "/rawMessage has no header fields"
  }
}
