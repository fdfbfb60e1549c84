import HooksProtocol
import HooksWire

/// The Result pane's `state` view: action, SMTP reply, envelope and message header fields at
/// inbound stages, or the queue and each recipient's delivery status at outbound stages.
///
/// Each address, header field or status is one line, so that a line diff of the state before
/// and after a call marks what the call changed.
enum ResultStateLines {
  /// Returns the state lines after a call at `stage`.
  ///
  /// - Parameters:
  ///   - action: the action in force before and after the call.
  ///   - reply: the SMTP reply before and after the call; outbound stages do not show it,
  ///     because no client waits for a reply there.
  ///   - before: the transaction before the call, in the request's JSON form.
  ///   - after: the transaction after the call, in the request's JSON form.
  static func lines(
    stage: Stage?, action: (before: String, after: String), reply: (before: String, after: String),
    before: JSONValue, after: JSONValue
  ) -> [ResultLine] {
    var lines: [ResultLine] = []
    if action.before == action.after {
      lines.append(ResultLine("action: \(action.after)"))
    } else {
      lines.append(ResultLine("action: \(action.before) → \(action.after)", change: .changed))
    }
    if stage?.direction == .outbound {
      lines += LineDiff.lines(before: outboundLines(of: before), after: outboundLines(of: after))
      if stage == .dsn {
        lines.append(ResultLine("message: the DSN (see the headers, raw and diff views)"))
      }
      return lines
    }
    let replyChange: ResultLine.Change = reply.before == reply.after ? .none : .changed
    lines.append(ResultLine("reply: \(reply.after)", change: replyChange))
    lines += LineDiff.lines(before: inboundLines(of: before), after: inboundLines(of: after))
    return lines
  }

  /// Returns the envelope and the message header fields of an inbound request, one address or
  /// field a line, so that a line diff marks what a call changed.
  static func inboundLines(of request: JSONValue) -> [String] {
    guard let envelope = request["envelope"], !envelope.isNull else {
      return ["envelope: empty until MAIL FROM"]
    }
    func addressLine(_ role: String, _ value: JSONValue) -> String {
      var line = "\(role) <\(value["address"]?.stringValue ?? "")>"
      for (keyword, parameter) in value["parameters"]?.objectValue?.members ?? [] {
        let text = parameter.stringValue ?? ""
        line += text.isEmpty ? " \(keyword)" : " \(keyword)=\(text)"
      }
      return line
    }
    var lines = [addressLine("from", envelope["from"] ?? .null)]
    for recipient in envelope["to"]?.arrayValue ?? [] {
      lines.append(addressLine("to", recipient))
    }
    if let headers = request["message"]?["headers"]?.arrayValue {
      lines.append("message header fields:")
      for header in headers {
        let name = header["name"]?.stringValue ?? "?"
        lines.append("  \(name):\(header["value"]?.stringValue ?? "")")
      }
    }
    return lines
  }

  /// Returns the queue and each recipient's delivery status from an outbound request, one fact
  /// a line, so that a line diff marks what a call changed.
  static func outboundLines(of request: JSONValue) -> [String] {
    var lines: [String] = []
    if let queue = request["queue"] {
      let id = queue["id"]?.stringValue ?? "?"
      let attempts = queue["attempts"]?.intValue.map(String.init) ?? "?"
      lines.append("queue \(id): \(attempts) attempt(s)")
      if let expires = queue["expiresAt"]?.stringValue { lines.append("  expires \(expires)") }
    }
    for recipient in request["envelope"]?["to"]?.arrayValue ?? [] {
      let address = recipient["address"]?.stringValue ?? "?"
      let status = recipient["status"]?.stringValue ?? "pending"
      var line = "to \(address): \(status)"
      if let attempt = recipient["attempt"]?.intValue { line += " (attempt \(attempt))" }
      lines.append(line)
      if let response = recipient["lastResponse"] {
        let parts = [
          response["code"]?.intValue.map(String.init), response["enhancedCode"]?.stringValue,
          response["message"]?.stringValue,
        ]
        lines.append("  " + parts.compactMap { $0 }.joined(separator: " "))
      }
      if let next = recipient["nextAttemptAt"]?.stringValue {
        lines.append("  next attempt \(next)")
      }
    }
    return lines
  }
}
