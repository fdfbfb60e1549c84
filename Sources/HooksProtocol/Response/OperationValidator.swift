import HooksWire

/// Checks one operation before the patch engine applies it: writable paths and the type and
/// syntax of the value written at each known path.
///
/// Array indexes and bounds are left to `PatchEngine`, whose messages name the array, its
/// size and the index to use instead.
struct OperationValidator: Sendable {
  let rules: ResponseRules
  let writable: WritablePaths

  init(rules: ResponseRules) {
    self.rules = rules
    writable = rules.writablePaths
  }

  /// Returns the reason to refuse `operation` against `document`, or nil to let it run.
  func refusal(for operation: PatchOperation, in document: JSONValue) -> String? {
    guard let path = operation.path else {
      return "invalid JSON Pointer \(ValueRules.quoted(operation.pathText))"
    }
    if operation.kind == .test { return nil }
    if let reason = writable.refusal(for: path.tokens, stage: rules.stage) { return reason }
    if operation.kind == .move, let from = operation.from,
      let reason = writable.refusal(for: from.tokens, stage: rules.stage)
    {
      return "move source: \(reason)"
    }
    // A JSON Patch `copy` or `move` writes the value found at `from`, so check that value.
    var value = operation.value ?? .null
    if operation.kind == .copy || operation.kind == .move, let from = operation.from {
      value = (try? document.value(at: from)) ?? .null
    }
    return valueProblem(operation, value: value, tokens: path.tokens)
  }

  private var isRemoval: (PatchOperation) -> Bool {
    { $0.kind == .delete || $0.kind == .remove }
  }

  private func valueProblem(_ operation: PatchOperation, value: JSONValue, tokens: [String])
    -> String?
  {
    let removes = isRemoval(operation)
    switch tokens.first {
    case "action":
      if removes || tokens.count > 1 { return "/action can only be set to an action name" }
      return actionProblem(value)
    case "response":
      if rules.stage.direction == .outbound { return "/response exists only at inbound stages" }
      if removes && tokens.count == 1 { return "/response cannot be deleted; set it instead" }
      return removes
        ? nil : responseProblem(value, field: tokens.dropFirst().first, depth: tokens.count)
    case "envelope":
      return removes
        ? nil
        : EnvelopeValueRules.problem(
          value, tokens: Array(tokens.dropFirst()),
          operation: operation.kind, direction: rules.stage.direction)
    case "message":
      if removes && tokens.count == 1 && rules.stage != .dsn {
        return "/message can only be deleted at stage dsn, to suppress the DSN"
      }
      return removes
        ? nil
        : MessageValueRules.problem(
          value, tokens: Array(tokens.dropFirst()),
          operation: operation.kind)
    case "rawMessage":
      if removes {
        return rules.stage == .dsn ? nil : "/rawMessage can only be deleted at stage dsn"
      }
      if tokens.count > 1 { return "/rawMessage is replaced whole; set /rawMessage itself" }
      return MessageValueRules.rawMessageProblem(value)
    default:
      return nil
    }
  }

  private func actionProblem(_ value: JSONValue) -> String? {
    let allowed = rules.allowedActions.map(\.rawValue)
    guard let name = value.stringValue else {
      return "action must be a string (one of \(allowed.joined(separator: ", "))), "
        + "found \(value.typeName)"
    }
    guard allowed.contains(name) else {
      return "action \(ValueRules.quoted(name)) is not valid at \(rules.stage.direction) stage "
        + "\(rules.stage); use one of \(allowed.joined(separator: ", "))"
    }
    return nil
  }

  private func responseProblem(_ value: JSONValue, field: String?, depth: Int) -> String? {
    if depth > 2 { return "/response members are scalars; write /response/code and the like" }
    switch field {
    case nil:
      guard let object = value.objectValue else {
        return "/response must be an object {code, enhancedCode, message}, found \(value.typeName)"
      }
      for key in object.keys where !["code", "enhancedCode", "message"].contains(key) {
        return "/response has unknown member \(ValueRules.quoted(key))"
      }
      guard let code = object["code"] else { return "/response needs a code" }
      if let problem = ValueRules.replyCodeProblem(code) { return problem }
      if let enhanced = object["enhancedCode"], let problem = enhancedProblem(enhanced) {
        return problem
      }
      if let message = object["message"] { return messageProblem(message) }
      return nil
    case "code": return ValueRules.replyCodeProblem(value)
    case "enhancedCode": return enhancedProblem(value)
    case "message": return messageProblem(value)
    case let other?: return "/response has no member \(ValueRules.quoted(other))"
    }
  }

  private func enhancedProblem(_ value: JSONValue) -> String? {
    if value.isNull { return nil }
    guard let text = value.stringValue else {
      return "enhancedCode must be a string or null, found \(value.typeName)"
    }
    return ValueRules.enhancedCodeProblem(text)
  }

  private func messageProblem(_ value: JSONValue) -> String? {
    guard let text = value.stringValue else {
      return "reply message must be a string, found \(value.typeName)"
    }
    return ValueRules.replyTextProblem(text)
  }
}
