import HooksWire

/// Works out the effective SMTP reply after a response, and checks it against the action.
///
/// The reply starts from the request's reply when the action is unchanged, or from the
/// default reply of the new action (`DefaultReply`). Fields the scanner wrote under
/// `/response` replace those of the starting reply. When the scanner changed the code's class
/// but not `enhancedCode`, the stale enhanced code is dropped, so a 451 never carries 5.7.1.
struct ReplyResolution {
  /// The effective reply.
  let reply: SmtpResponse
  /// The `/response` members the scanner wrote.
  let writtenFields: Set<String>
  /// The label of the last applied operation under `/response`, to blame for a conflict.
  let lastResponseLabel: String?

  init(
    document: JSONValue, applied: [PatchOperation], initialAction: Action,
    initialReply: SmtpResponse, finalAction: Action, stage: Stage
  ) {
    var written: Set<String> = []
    var lastLabel: String?
    for operation in applied {
      guard let tokens = operation.path?.tokens, tokens.first == "response" else { continue }
      lastLabel = operation.label
      if tokens.count == 1 {
        written.formUnion(operation.value?.objectValue?.keys ?? [])
      } else {
        written.insert(tokens[1])
      }
    }

    let serverName = document["server"]?["name"]?.stringValue
    let base =
      finalAction == initialAction
      ? initialReply : DefaultReply.reply(for: finalAction, at: stage, serverName: serverName)
    var members = base.members
    let current = document["response"]?.objectValue ?? JSONObject()
    for field in written.sorted() {
      members[field] = current[field] ?? .null
    }
    if written.contains("code") && !written.contains("enhancedCode"),
      let enhanced = members["enhancedCode"]?.stringValue,
      enhanced.first != String(members["code"]?.intValue ?? 0).first
    {
      members["enhancedCode"] = .null
    }
    reply = SmtpResponse(unchecked: members)
    writtenFields = written
    lastResponseLabel = lastLabel
  }

  /// Returns the reason the reply contradicts `action`, or nil.
  ///
  /// `reject` and `disconnect` need a 4xx or 5xx code, and `accept`, `discard` and
  /// `quarantine` a 2xx code. A written enhanced code must have the code's class (RFC 3463 §2).
  func conflict(with action: Action) -> String? {
    let code = reply.code
    if writtenFields.contains("code") {
      switch action {
      case .reject, .disconnect:
        if reply.isSuccess {
          return "reply code \(code) is a success code, but the action is \(action); "
            + "use 4xx for a temporary or 5xx for a permanent failure"
        }
      case .accept, .discard, .quarantine:
        if !reply.isSuccess {
          return "reply code \(code) is a failure code, but the action is \(action), which "
            + "answers the client with success; use 2xx or set the action to reject"
        }
      case .continue, .cancel:
        break
      }
    }
    if writtenFields.contains("enhancedCode"), let enhanced = reply.enhancedCode,
      enhanced.first != String(code).first
    {
      return "enhanced code \(enhanced) has a different class from reply code \(code)"
    }
    return nil
  }
}
