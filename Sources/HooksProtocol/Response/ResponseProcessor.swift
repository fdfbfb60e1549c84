import HooksWire

/// Validates a scanner's response against the stage, profile and scanner rules, applies it
/// through `PatchEngine`, and works out the effective action and SMTP reply.
///
/// The steps, in order:
/// 1. An empty response (nil, `{}`, only empty lists) changes nothing.
/// 2. A malformed body (unknown top-level member, an operation without a path…) is refused as
///    a whole under both failure policies.
/// 3. When one response writes both `/message…` and `/rawMessage`, the `message` operations
///    are dropped and listed as warnings.
/// 4. Each operation is checked just before it runs (`OperationValidator`), and the failure
///    policy decides what a refusal does to the others.
/// 5. The result is checked as a whole: the reply code against the action, then the profile's
///    action override rule. A lowered action is refused as a whole.
/// 6. `message` and `rawMessage` are made consistent with the codec, and the effective
///    `action` and `response` are written back into the request.
public enum ResponseProcessor {
  /// Processes `body` against `request`.
  ///
  /// - Parameters:
  ///   - body: the parsed response body; nil for 204 or an empty body.
  ///   - request: the request the scanner received.
  ///   - rules: the stage, profile, writable properties, failure policy and trust.
  ///   - rawMessage: the message bytes before this response, used to rebuild the raw message
  ///     after `message` edits when the request does not carry `rawMessage`.
  ///   - codec: converts between `message` and `rawMessage`, HooksMail's parser and writer by
  ///     default. With nil, a changed form is not mirrored into the other, and a warning
  ///     reports it.
  public static func process(
    body: JSONValue?, request: JSONValue, rules: ResponseRules, rawMessage: [UInt8]? = nil,
    codec: MessageCodec? = .hooksMail
  ) -> ProcessedResponse {
    var run = ProcessingRun(request: request, rules: rules, rawMessage: rawMessage, codec: codec)
    return run.process(body)
  }

  /// Returns whether `body` means "no change": `{}` or all of `set`, `add` and `delete`
  /// absent, null or empty (draft-01 §6.1).
  public static func isEmptyBody(_ body: JSONValue) -> Bool {
    if let object = body.objectValue {
      return object.members.allSatisfy { member in
        ["set", "add", "delete"].contains(member.key)
          && (member.value.isNull || member.value.arrayValue?.isEmpty == true)
      }
    }
    return body.arrayValue?.isEmpty == true
  }
}
