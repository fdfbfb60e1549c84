import HooksWire

/// Checks values written under `/envelope`: addresses, ESMTP parameters and outbound
/// recipient fields.
enum EnvelopeValueRules {
  /// Returns the problem with `value` written at `/envelope` + `tokens`, or nil.
  static func problem(
    _ value: JSONValue, tokens: [String], operation: PatchOperation.Kind, direction: Direction
  ) -> String? {
    switch tokens.count {
    case 0:
      guard let object = value.objectValue else { return "/envelope must be an object" }
      if let from = object["from"], let problem = addressProblem(from, allowsNull: true) {
        return "envelope.from: \(problem)"
      }
      for (index, recipient) in (object["to"]?.arrayValue ?? []).enumerated() {
        if let problem = recipientProblem(recipient, direction: direction) {
          return "envelope.to[\(index)]: \(problem)"
        }
      }
      return nil
    case 1 where tokens[0] == "from":
      return addressProblem(value, allowsNull: true)
    case 1 where tokens[0] == "to":
      if operation == .add || operation == .copy || operation == .move {
        return recipientProblem(value, direction: direction)
      }
      guard let list = value.arrayValue else { return "/envelope/to must be an array" }
      for (index, recipient) in list.enumerated() {
        if let problem = recipientProblem(recipient, direction: direction) {
          return "recipient \(index): \(problem)"
        }
      }
      return nil
    case 2 where tokens[0] == "to":
      return recipientProblem(value, direction: direction)
    default:
      // `/envelope/from/<member>…` or `/envelope/to/N/<member>…`.
      let isRecipient = tokens[0] == "to"
      return memberProblem(
        value, member: Array(tokens.dropFirst(isRecipient ? 2 : 1)),
        isRecipient: isRecipient, direction: direction)
    }
  }

  private static func memberProblem(
    _ value: JSONValue, member: [String], isRecipient: Bool, direction: Direction
  ) -> String? {
    switch (member.first, member.count) {
    case ("parameters", 2):
      guard let text = value.stringValue else { return "ESMTP parameter values are strings" }
      return ValueRules.parameterProblem(keyword: member[1], value: text)
    case ("parameters", 1):
      return parametersProblem(value)
    case ("address", 1):
      if value.isNull {
        return isRecipient ? "a recipient address cannot be null" : nil
      }
      guard let text = value.stringValue else { return "address must be a string" }
      return ValueRules.mailboxProblem(unbracketed(text))
    case ("status", 1) where direction == .outbound:
      let names = RecipientStatus.allCases.map(\.rawValue)
      guard let text = value.stringValue, RecipientStatus(rawValue: text) != nil else {
        return "recipient status must be one of \(names.joined(separator: ", "))"
      }
      return nil
    case ("nextAttemptAt", 1), ("nextDsnAt", 1):
      if value.isNull { return nil }
      guard let text = value.stringValue, UTCTimestamp(rfc3339: text) != nil else {
        return "\(member[0]) must be an RFC 3339 UTC date-time such as 2024-12-21T12:15:00Z"
      }
      return nil
    default:
      return nil
    }
  }

  static func recipientProblem(_ value: JSONValue, direction: Direction) -> String? {
    guard let object = value.objectValue else {
      return "a recipient must be an object {address, parameters}, found \(value.typeName)"
    }
    if let status = object["status"], direction == .outbound,
      RecipientStatus(rawValue: status.stringValue ?? "") == nil
    {
      return "recipient status must be one of the draft's five values"
    }
    return addressProblem(value, allowsNull: false)
  }

  static func addressProblem(_ value: JSONValue, allowsNull: Bool) -> String? {
    guard let object = value.objectValue else {
      return "an envelope address must be an object {address, parameters}, found \(value.typeName)"
    }
    guard let address = object["address"] else { return "the address member is missing" }
    if address.isNull {
      if !allowsNull { return "a recipient address cannot be null (only MAIL FROM may be <>)" }
    } else if let text = address.stringValue {
      if let problem = ValueRules.mailboxProblem(unbracketed(text)) { return problem }
    } else {
      return "address must be a string, found \(address.typeName)"
    }
    if let parameters = object["parameters"] { return parametersProblem(parameters) }
    return nil
  }

  static func parametersProblem(_ value: JSONValue) -> String? {
    guard let object = value.objectValue else {
      return "parameters must be an object of strings, found \(value.typeName)"
    }
    for (keyword, parameter) in object.members {
      guard let text = parameter.stringValue else {
        return "ESMTP parameter \(keyword) must be a string (\"\" for a keyword without a value), "
          + "found \(parameter.typeName)"
      }
      if let problem = ValueRules.parameterProblem(keyword: keyword, value: text) { return problem }
    }
    return nil
  }

  /// Returns the address without one pair of surrounding angle brackets, which HookBench accepts and
  /// removes after applying.
  static func unbracketed(_ text: String) -> String {
    text.hasPrefix("<") && text.hasSuffix(">") && text.count >= 2
      ? String(text.dropFirst().dropLast()) : text
  }
}
