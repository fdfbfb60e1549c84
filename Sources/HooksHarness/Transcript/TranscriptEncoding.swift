import HooksProtocol
import HooksWire

/// JSON forms of the engine's records, shared by transcripts and the `run --json` report.
enum TranscriptEncoding {
  /// Bytes as `{"text": …}` when they are valid UTF-8, else `{"base64": …}`.
  static func bytes(_ bytes: [UInt8]) -> JSONValue {
    if let text = String(validating: bytes, as: UTF8.self) {
      return ["text": .string(text)]
    }
    return ["base64": .string(Base64.encode(bytes))]
  }

  /// Decodes what `bytes(_:)` stored; nil for any other shape.
  static func decodeBytes(_ value: JSONValue?) -> [UInt8]? {
    if let text = value?["text"]?.stringValue { return Array(text.utf8) }
    if let base64 = value?["base64"]?.stringValue { return Base64.decode(base64) }
    return nil
  }

  /// Returns the whole transaction state as a request with every property.
  static func state(_ state: TransactionState) -> JSONValue {
    RequestBuilder.request(for: state)
  }

  static func optional(_ text: String?) -> JSONValue {
    text.map { JSONValue.string($0) } ?? .null
  }

  static func exchange(_ record: ExchangeRecord) -> JSONValue {
    [
      "purpose": .string(record.purpose),
      "method": .string(record.method),
      "url": .string(record.url),
      "requestHead": .string(record.requestHead),
      "requestBody": bytes(record.requestBody),
      "status": record.status.map { JSONValue.integer($0) } ?? .null,
      "responseHead": .string(record.responseHead),
      "responseBody": bytes(record.responseBody),
      "milliseconds": .double(record.milliseconds),
      "error": optional(record.error),
    ]
  }

  static func operation(_ record: OperationRecord) -> JSONValue {
    var object = JSONObject()
    object["label"] = .string(record.label)
    object["kind"] = .string(record.kind)
    object["path"] = .string(record.path)
    switch record.status {
    case .applied:
      object["status"] = "applied"
    case .skipped(let reason):
      object["status"] = "skipped"
      object["reason"] = .string(reason)
    case .refused(let reason):
      object["status"] = "refused"
      object["reason"] = .string(reason)
    }
    return .object(object)
  }

  static func reply(_ reply: SmtpResponse?) -> JSONValue {
    reply?.json ?? .null
  }

  static func call(_ call: ScannerCall) -> JSONValue {
    [
      "status": call.status.map { JSONValue.integer($0) } ?? .null,
      "failure": optional(call.failure.map { "\($0)" }),
      "milliseconds": .double(call.milliseconds),
      "exchanges": .array(call.exchanges.map(exchange)),
    ]
  }

  /// Encodes one step, with the state before and after so that a replay can show both.
  static func snapshot(_ snapshot: StepSnapshot) -> JSONValue {
    [
      "index": .integer(snapshot.index),
      "stage": .string(snapshot.event.stage.rawValue),
      "event": .string(snapshot.event.description),
      "scanner": .string(snapshot.scanner),
      "scannerIndex": .integer(snapshot.scannerIndex),
      "requestId": .string(snapshot.requestID),
      "startedAt": snapshot.startedAt.json,
      "request": snapshot.request,
      "call": call(snapshot.call),
      "operations": .array(snapshot.operations.map(operation)),
      "problems": .array(snapshot.problems.map { .string($0) }),
      "warnings": .array(snapshot.warnings.map { .string($0) }),
      "rule": .string(snapshot.rule),
      "actionBefore": .string(snapshot.actionBefore.rawValue),
      "actionAfter": .string(snapshot.actionAfter.rawValue),
      "reply": reply(snapshot.reply),
      "stopsChain": .bool(snapshot.stopsChain),
      "stateBefore": state(snapshot.stateBefore),
      "stateAfter": state(snapshot.stateAfter),
    ]
  }

  static func stage(_ result: StageResult) -> JSONValue {
    [
      "stage": .string(result.event.stage.rawValue),
      "event": .string(result.event.description),
      "action": .string(result.action.rawValue),
      "reply": reply(result.reply),
      "endedBy": optional(result.endedBy),
      "failed": .bool(result.failed),
      "steps": [.integer(result.snapshots.lowerBound), .integer(result.snapshots.upperBound)],
      "notes": .array(result.notes.map { .string($0) }),
    ]
  }

  static func registration(_ name: String, _ subscription: ScannerSubscription) -> JSONValue {
    [
      "scanner": .string(name),
      "stages": .array(Stage.allCases.filter(subscription.stages.contains).map { .string($0.rawValue) }),
      "properties": .object(JSONObject(subscription.properties.sorted { $0.key.rawValue < $1.key.rawValue }
        .map { ($0.key.rawValue, JSONValue.array($0.value.map { .string($0) })) })),
      "serialization": .string(subscription.serialization),
      "failure": optional(subscription.failure.map { "\($0)" }),
      "exchanges": .array(subscription.exchanges.map(exchange)),
    ]
  }

  /// Encodes the scenario's settings, with tokens replaced by `***`.
  static func settings(_ scenario: Scenario) -> JSONValue {
    let scanners: [JSONValue] = scenario.scanners.map { scanner in
      var object = JSONObject()
      object["name"] = .string(scanner.name)
      switch scanner.source {
      case .rules(_, let path):
        object["rules"] = .string(path ?? "inline")
      case .external(let url, _):
        object["url"] = .string(url)
        object["token"] = optional(scanner.redactedToken)
      }
      object["failurePolicy"] = .string(scanner.failurePolicy.rawValue)
      object["trusted"] = .bool(scanner.trusted)
      object["timeoutMs"] = .integer(scanner.timeoutMilliseconds)
      object["serialization"] = .string(scanner.serialization ?? scenario.serialization)
      return .object(object)
    }
    return [
      "name": .string(scenario.name),
      "path": optional(scenario.path),
      "profile": .string(scenario.profile),
      "serialization": .string(scenario.serialization),
      "policy": .string(scenario.policy),
      "message": .string(scenario.messageOrigin),
      "scanners": .array(scanners),
    ]
  }

  static func outcome(_ outcome: RunOutcome?) -> JSONValue {
    guard let outcome else { return .null }
    return [
      "exitStatus": .integer(Int(outcome.exitStatus)),
      "action": .string(outcome.action.rawValue),
      "stage": .string(outcome.stage.rawValue),
      "reply": reply(outcome.reply),
      "summary": .string(outcome.summary),
    ]
  }
}
