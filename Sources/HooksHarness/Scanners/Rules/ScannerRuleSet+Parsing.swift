import Foundation
import HooksWire

extension ScannerRuleSet {
  /// Reads a rules file from disk.
  ///
  /// - Throws: `RuleFileError` when the file cannot be read, is not JSON, or breaks the
  ///   format; the error names the JSON Pointer of the offending key.
  public static func load(path: String) throws -> ScannerRuleSet {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RuleFileError(file: name, pointer: "", message: "cannot read \(path); check the path")
    }
    return try parse([UInt8](data), file: name)
  }

  /// Parses the bytes of a rules file called `file` (used in messages).
  public static func parse(_ bytes: [UInt8], file: String) throws -> ScannerRuleSet {
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw RuleFileError(file: file, pointer: "", message: "\(error)")
    }
    return try RuleFileReader(file: file).ruleSet(document)
  }
}

/// Walks a rules document, keeping the file name for errors.
private struct RuleFileReader {
  let file: String

  private static let allStages =
    DirectionCapabilities.inboundStages + DirectionCapabilities.outboundStages
  private static let defaultErrorCodes: [Int: String] = [
    400: "INVALID_REQUEST", 401: "INVALID_CREDENTIALS", 403: "REGISTRATION_DENIED",
    404: "REGISTRATION_NOT_FOUND", 409: "REGISTRATION_LIMIT_REACHED",
    410: "REGISTRATION_DEREGISTERED", 413: "REQUEST_TOO_LARGE", 422: "UNSUPPORTED_PROPERTY",
    429: "RATE_LIMITED", 500: "INTERNAL_ERROR", 503: "SCANNER_UNAVAILABLE",
  ]

  func fail(_ pointer: String, _ message: String) -> RuleFileError {
    RuleFileError(file: file, pointer: pointer, message: message)
  }

  func object(_ value: JSONValue, at pointer: String, allowed: [String]) throws -> JSONObject {
    guard case .object(let object) = value else {
      throw fail(pointer, "expected an object, found \(value.typeName)")
    }
    for key in object.keys where !allowed.contains(key) {
      throw fail(
        pointer + "/" + JSONPointer.escape(key),
        "unknown key \"\(key)\"; allowed keys: \(allowed.joined(separator: ", "))")
    }
    return object
  }

  func string(_ object: JSONObject, _ key: String, at pointer: String) throws -> String {
    guard let value = object[key] else { throw fail(pointer + "/" + key, "missing") }
    guard let text = value.stringValue else {
      throw fail(pointer + "/" + key, "expected a string, found \(value.typeName)")
    }
    return text
  }

  func stage(_ text: String, at pointer: String) throws -> String {
    guard Self.allStages.contains(text) else {
      throw fail(
        pointer, "unknown stage \"\(text)\"; use one of: \(Self.allStages.joined(separator: ", "))")
    }
    return text
  }

  func pointer(_ text: String, at location: String) throws -> JSONPointer {
    do {
      return try JSONPointer(text)
    } catch {
      throw fail(location, "\(error)")
    }
  }

  // MARK: - Document

  func ruleSet(_ document: JSONValue) throws -> ScannerRuleSet {
    let root = try object(
      document, at: "", allowed: ["name", "stages", "updateProperties", "rules", "description"])
    let name = try string(root, "name", at: "")
    guard let stageValues = root["stages"]?.arrayValue, !stageValues.isEmpty else {
      throw fail("/stages", "missing or not a non-empty array of stage names")
    }
    var stages: [String] = []
    for (index, value) in stageValues.enumerated() {
      guard let text = value.stringValue else {
        throw fail("/stages/\(index)", "expected a stage name, found \(value.typeName)")
      }
      stages.append(try stage(text, at: "/stages/\(index)"))
    }
    var updateProperties: [String]?
    if let value = root["updateProperties"], !value.isNull {
      guard let items = value.arrayValue else {
        throw fail(
          "/updateProperties", "expected an array of JSON Pointers, found \(value.typeName)")
      }
      updateProperties = try items.enumerated().map { index, item in
        let location = "/updateProperties/\(index)"
        guard let text = item.stringValue else {
          throw fail(location, "expected a JSON Pointer string")
        }
        _ = try pointer(text, at: location)
        return text
      }
    }
    guard let ruleValues = root["rules"]?.arrayValue else {
      throw fail("/rules", "missing or not an array")
    }
    var rules: [ScannerRuleSet.Rule] = []
    for (index, value) in ruleValues.enumerated() {
      let rule = try self.rule(value, at: "/rules/\(index)")
      guard stages.contains(rule.stage) else {
        throw fail(
          "/rules/\(index)/stage",
          "stage \"\(rule.stage)\" is not in /stages; add it there or change the rule")
      }
      rules.append(rule)
    }
    return ScannerRuleSet(
      name: name, stages: stages, updateProperties: updateProperties, rules: rules)
  }

  func rule(_ value: JSONValue, at location: String) throws -> ScannerRuleSet.Rule {
    let fields = try object(
      value, at: location, allowed: ["stage", "when", "reply", "description"])
    let stageName = try stage(try string(fields, "stage", at: location), at: location + "/stage")
    let condition = try fields["when"].map { try self.condition($0, at: location + "/when") }
    guard let replyValue = fields["reply"] else { throw fail(location + "/reply", "missing") }
    return ScannerRuleSet.Rule(
      stage: stageName, condition: condition, reply: try reply(replyValue, at: location + "/reply"))
  }

  // MARK: - Conditions

  func condition(_ value: JSONValue, at location: String) throws -> RuleCondition {
    let fields = try object(
      value, at: location, allowed: ["path", "equals", "contains", "matches", "all", "any"])
    for key in ["all", "any"] {
      guard let list = fields[key] else { continue }
      guard fields.count == 1 else {
        throw fail(location, "\"\(key)\" cannot be combined with other keys in one condition")
      }
      guard let items = list.arrayValue else {
        throw fail(location + "/" + key, "expected an array of conditions, found \(list.typeName)")
      }
      let conditions = try items.enumerated().map { index, item in
        try condition(item, at: "\(location)/\(key)/\(index)")
      }
      return key == "all" ? .all(conditions) : .any(conditions)
    }
    let path = try pointer(try string(fields, "path", at: location), at: location + "/path")
    let tests = ["equals", "contains", "matches"].filter { fields[$0] != nil }
    guard tests.count == 1 else {
      throw fail(
        location, "give exactly one of \"equals\", \"contains\" or \"matches\" with \"path\"")
    }
    switch tests[0] {
    case "equals":
      return .equals(path, fields["equals"] ?? .null)
    case "contains":
      return .contains(path, try string(fields, "contains", at: location))
    default:
      let source = try string(fields, "matches", at: location)
      do {
        return .matches(path, try RulePattern(source))
      } catch {
        throw fail(location + "/matches", "invalid regular expression \"\(source)\"")
      }
    }
  }

  // MARK: - Replies

  func reply(_ value: JSONValue, at location: String) throws -> HookReply {
    let fields = try object(
      value, at: location, allowed: ["status", "body", "error", "delayMs", "fault", "unchecked"])
    var reply: HookReply
    if let faultValue = fields["fault"] {
      let names = HookFault.allCases.map(\.rawValue)
      guard let text = faultValue.stringValue, let fault = HookFault(rawValue: text) else {
        throw fail(
          location + "/fault",
          "unknown fault \(faultValue.compactJSON); use one of: \(names.joined(separator: ", "))")
      }
      for key in ["status", "body", "error"] where fields[key] != nil {
        throw fail(location + "/" + key, "a fault reply takes no \"\(key)\"")
      }
      reply = .fault(fault)
    } else if let statusValue = fields["status"] {
      reply = try statusReply(statusValue, fields: fields, at: location)
    } else if fields["delayMs"] != nil {
      reply = .noChange
    } else {
      throw fail(location, "give \"status\", \"fault\" or \"delayMs\"")
    }
    if let delay = fields["delayMs"] {
      guard let milliseconds = delay.intValue, milliseconds >= 0, milliseconds <= 600_000 else {
        throw fail(
          location + "/delayMs",
          "expected milliseconds from 0 to 600000, found \(delay.compactJSON)")
      }
      reply = .delayed(milliseconds: milliseconds, reply)
    }
    return reply
  }

  private func statusReply(_ statusValue: JSONValue, fields: JSONObject, at location: String) throws
    -> HookReply
  {
    guard let status = statusValue.intValue, (200...599).contains(status) else {
      throw fail(
        location + "/status",
        "expected an HTTP status from 200 to 599, found \(statusValue.compactJSON)")
    }
    if status == 204 {
      if fields["body"] != nil { throw fail(location + "/body", "a 204 reply has no body") }
      return .noChange
    }
    if (200..<300).contains(status) {
      if fields["error"] != nil {
        throw fail(location + "/error", "only error statuses take \"error\"")
      }
      guard let body = fields["body"] else {
        throw fail(
          location + "/body",
          "missing; a \(status) reply needs draft operations or a JSON Patch array")
      }
      if fields["unchecked"]?.boolValue != true { try checkPatch(body, at: location + "/body") }
      return .body(status: status, body)
    }
    if fields["body"] != nil {
      throw fail(
        location + "/body",
        "an error status sends the error body; use \"error\" to set its code and message")
    }
    var code =
      Self.defaultErrorCodes[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "INVALID_REQUEST")
    var message = "reply of rule \(location) in \(file)"
    if let error = fields["error"] {
      let errorFields = try object(error, at: location + "/error", allowed: ["code", "message"])
      if errorFields["code"] != nil {
        code = try string(errorFields, "code", at: location + "/error")
      }
      if errorFields["message"] != nil {
        message = try string(errorFields, "message", at: location + "/error")
      }
    }
    return .error(ScannerError(status: status, code: code, message: message))
  }

  /// Rejects a body that the patch parser finds malformed, unless the rule marks it
  /// `"unchecked": true` to send a broken response on purpose.
  private func checkPatch(_ body: JSONValue, at location: String) throws {
    let patch = Patch.parse(body)
    if let problem = patch.problems.first {
      throw fail(location, "\(problem); add \"unchecked\": true to send it anyway")
    }
    if let broken = patch.operations.first(where: { $0.structuralError != nil }) {
      throw fail(
        location,
        "\(broken.label): \(broken.structuralError ?? "invalid"); add \"unchecked\": true "
          + "to send it anyway")
    }
  }
}
