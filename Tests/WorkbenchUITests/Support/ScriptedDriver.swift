import Foundation
import HooksWire
import WorkbenchUI

/// A small in-memory MTA for screen tests: two scanners answer scripted responses at the
/// five inbound stages, and the driver applies `set /action`, `set /response` and
/// `add /message/headers` itself.
///
/// Every state is recomputed by replaying the calls made so far, so an applied edit changes
/// every later call, as the real engine does. Snapshots are posted before each command
/// returns, and latencies are fixed, so golden screens are the same on every run.
final class ScriptedDriver: WorkbenchDriver {
  let updates = Mailbox<WorkbenchUpdate>()

  static let stageNames = ["connect", "ehlo", "mail", "rcpt", "data"]
  static let outboundStageNames = ["delivery", "defer", "dsn"]
  static let scannerNames = ["spam-check", "headers"]
  static let validActions = ["accept", "reject", "tempfail", "discard", "quarantine", "disconnect"]

  /// The scanner responses per stage, one per scanner; a missing entry is "{}".
  var responses: [String: [String]]
  /// Whether snapshots say the session is a read-only replay.
  var isReadOnly = false
  /// Whether snapshots say a command is still running.
  var isRunning = false
  private(set) var callsMade = 0
  private(set) var breakpoints: Set<Int> = []
  private(set) var edits: [Int: String] = [:]
  private(set) var savedPaths: [String] = []

  init(responses: [String: [String]] = ScriptedDriver.welcomeResponses) {
    self.responses = responses
  }

  static let welcomeResponses: [String: [String]] = [
    "rcpt": ["{}", #"{ "set": [ { "path": "/action", "value": "accept" } ] }"#],
    "data": [
      """
      {
        "add": [
          {
            "path": "/message/headers",
            "value": { "name": "X-Spam-Score", "value": "7.1" },
            "index": 0
          }
        ],
        "set": [ { "path": "/action", "value": "quarantine" } ]
      }
      """,
      #"{ "set": [ { "path": "/nope", "value": 1 } ] }"#,
    ],
  ]

  // MARK: Replay

  private struct Transaction {
    var action = "accept"
    var reply = "250 2.0.0 OK"
    var headers: [(String, String)] = [
      ("From", "alice@example.org"), ("To", "bob@example.net"), ("Subject", "Hello"),
    ]
    var endedAt: Int?

    var raw: [String] {
      headers.map { "\($0.0): \($0.1)" } + ["", "Hi Bob,", "see you at noon.", "Alice"]
    }
  }

  private struct CallRecord {
    var stage: Int
    var scanner: Int
    var requestValue: JSONValue
    var request: [String]
    var response: String
    var operations: [OperationLine]
    var before: Transaction
    var after: Transaction
  }

  private var totalCalls: Int { Self.stageNames.count * Self.scannerNames.count }

  private func replay() -> (Transaction, CallRecord?) {
    var transaction = Transaction()
    var last: CallRecord?
    for call in 0..<callsMade {
      let stage = call / Self.scannerNames.count
      let scanner = call % Self.scannerNames.count
      let before = transaction
      let value = requestValue(stage: stage, transaction: transaction)
      let request = JSONSerializer.string(value, pretty: true)
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let response =
        edits[call] ?? responses[Self.stageNames[stage]]?[safe: scanner] ?? "{}"
      let operations = apply(response, to: &transaction)
      if transaction.action != "accept" && transaction.action != "quarantine" {
        transaction.endedAt = stage
      }
      last = CallRecord(
        stage: stage, scanner: scanner, requestValue: value, request: request,
        response: response,
        operations: operations, before: before, after: transaction)
      if transaction.endedAt != nil { break }
    }
    return (transaction, last)
  }

  private func requestValue(stage: Int, transaction: Transaction) -> JSONValue {
    var object = JSONObject()
    object["stage"] = .string(Self.stageNames[stage])
    object["action"] = .string(transaction.action)
    var envelope = JSONObject()
    envelope["from"] = stage >= 2 ? .string("alice@example.org") : .null
    envelope["to"] = stage >= 3 ? .array([.string("bob@example.net")]) : .array([])
    object["envelope"] = .object(envelope)
    if stage == 4 {
      let headers = transaction.headers.map { header -> JSONValue in
        var member = JSONObject()
        member["name"] = .string(header.0)
        member["value"] = .string(" " + header.1)
        return .object(member)
      }
      object["message"] = .object(JSONObject([("headers", JSONValue.array(headers))]))
    } else {
      object["message"] = .null
    }
    return .object(object)
  }

  private func apply(_ response: String, to transaction: inout Transaction) -> [OperationLine] {
    guard let document = try? JSONParser.parse(response), let object = document.objectValue
    else {
      return [OperationLine(verdict: .failure, text: "invalid JSON body", reason: nil)]
    }
    var lines: [OperationLine] = []
    for (kind, list) in object.members {
      for operation in list.arrayValue ?? [] {
        let path = operation["path"]?.stringValue ?? ""
        let text = "\(kind) \(path)"
        switch (kind, path) {
        case ("set", "/action"):
          let action = operation["value"]?.stringValue ?? ""
          transaction.action = action
          transaction.reply = Self.reply(for: action)
          lines.append(OperationLine(verdict: .applied, text: "\(text) \"\(action)\""))
        case ("add", "/message/headers"):
          let name = operation["value"]?["name"]?.stringValue ?? ""
          let value = operation["value"]?["value"]?.stringValue ?? ""
          let index = min(
            operation["index"]?.intValue ?? transaction.headers.count,
            transaction.headers.count)
          transaction.headers.insert((name, value), at: index)
          lines.append(OperationLine(verdict: .applied, text: "\(text) \(name)"))
        default:
          lines.append(
            OperationLine(
              verdict: .rejected, text: text, reason: "path \(path) is not writable here"))
        }
      }
    }
    return lines
  }

  private static func reply(for action: String) -> String {
    switch action {
    case "reject": return "550 5.7.1 Rejected"
    case "tempfail": return "451 4.3.0 Try again later"
    case "quarantine": return "250 2.0.0 OK (quarantined)"
    default: return "250 2.0.0 OK"
    }
  }

  // MARK: Snapshot

  func snapshot() -> WorkbenchSnapshot {
    let (transaction, last) = replay()
    var snapshot = WorkbenchSnapshot(
      scenarioName: "welcome.json", profile: "draft-01", serialization: "json")
    let finished = transaction.endedAt != nil || callsMade >= totalCalls
    let currentStage = finished ? nil : last?.stage
    snapshot.stages = Self.stageNames.enumerated().map { index, name in
      var state: StageEntry.State = .pending
      if let ended = transaction.endedAt, index > ended {
        state = .skipped
      } else if index == currentStage {
        state = .current
      } else if let last, index < last.stage || (finished && index == last.stage) {
        state = .done(mark: transaction.endedAt == index ? "✗" : "✓")
      }
      return StageEntry(
        name: name, direction: .inbound, state: state, hasBreakpoint: breakpoints.contains(index))
    }
    snapshot.stages += Self.outboundStageNames.enumerated().map { offset, name in
      StageEntry(
        name: name, direction: .outbound, state: finished ? .skipped : .pending,
        hasBreakpoint: breakpoints.contains(Self.stageNames.count + offset))
    }
    snapshot.currentStage = currentStage
    snapshot.scannerCount = Self.scannerNames.count
    snapshot.action = transaction.action
    snapshot.smtpReply = transaction.reply
    snapshot.isFinished = finished
    snapshot.editedCalls = edits.keys.sorted().map { call in
      "\(Self.stageNames[call / Self.scannerNames.count]) "
        + Self.scannerNames[call % Self.scannerNames.count]
    }
    snapshot.isReadOnly = isReadOnly
    snapshot.isRunning = isRunning
    guard let last else { return snapshot }

    snapshot.callIndex = callsMade - 1
    snapshot.scannerIndex = last.scanner
    snapshot.scannerName = Self.scannerNames[last.scanner]
    snapshot.requestJSON = last.request
    let cbor = CBORCodec.encodeJSON(last.requestValue)
    snapshot.requestCBOR =
      last.requestValue.toCBOR().prettyDiagnostic.split(separator: "\n").map(String.init)
      + ["", "\(cbor.count) bytes:"] + CBORHexDump.lines(cbor)
    let body = last.request.joined(separator: "\n")
    snapshot.requestHTTP =
      [
        "POST /hooks/\(snapshot.scannerName ?? "") HTTP/1.1", "Host: 127.0.0.1:8025",
        "Content-Type: application/json", "Content-Length: \(body.utf8.count)", "",
      ] + last.request + ["", "HTTP/1.1 200 OK", "Content-Type: application/json", ""]
      + last.response.splitLines()
    snapshot.responseText = last.response
    snapshot.operations = last.operations
    snapshot.isEdited = edits[callsMade - 1] != nil
    snapshot.lastHTTPStatus = "200 OK"
    snapshot.lastLatencyMs = 1.5 + Double(callsMade) * 0.25

    let actionChange: ResultLine.Change = last.before.action == last.after.action ? .none : .changed
    let replyChange: ResultLine.Change = last.before.reply == last.after.reply ? .none : .changed
    snapshot.resultState = [
      ResultLine(
        actionChange == .none
          ? "action: \(last.after.action)"
          : "action: \(last.before.action) → \(last.after.action)", change: actionChange),
      ResultLine("reply: \(last.after.reply)", change: replyChange),
      ResultLine("from: alice@example.org"),
      ResultLine("to: bob@example.net"),
    ]
    let diff = LineDiff.lines(before: last.before.raw, after: last.after.raw)
    snapshot.resultDiff = diff
    snapshot.resultHeaders = diff.prefix { !$0.text.isEmpty }.filter { $0.change != .removed }
    snapshot.resultRaw = last.after.raw.map { ResultLine($0) }
    return snapshot
  }

  private func post() {
    updates.post(.snapshot(snapshot()))
  }

  // MARK: Commands

  func step() {
    let (transaction, _) = replay()
    guard transaction.endedAt == nil, callsMade < totalCalls else {
      updates.post(.event("the transaction has ended; press r to restart"))
      return
    }
    callsMade += 1
    updates.post(
      .event(
        "called \(Self.scannerNames[(callsMade - 1) % 2]) at "
          + Self.stageNames[(callsMade - 1) / 2]))
    post()
  }

  /// Runs the current stage to its end, or the next stage when the last call ended one, as
  /// `ScenarioRun.nextStage()` does.
  func nextStage() {
    repeat {
      let before = callsMade
      step()
      if callsMade == before { return }
    } while callsMade % Self.scannerNames.count != 0
  }

  func continueToBreakpoint() {
    while true {
      let before = callsMade
      step()
      if callsMade == before { return }
      let stage = (callsMade - 1) / Self.scannerNames.count
      if breakpoints.contains(stage) && (callsMade - 1) % Self.scannerNames.count == 0 { return }
    }
  }

  func restart() {
    callsMade = 0
    updates.post(.event("restarted from connect"))
    post()
  }

  func toggleBreakpoint(stageIndex: Int) {
    if breakpoints.contains(stageIndex) {
      breakpoints.remove(stageIndex)
    } else {
      breakpoints.insert(stageIndex)
    }
    post()
  }

  func validate(responseText: String) -> [EditDiagnostic] {
    let document: JSONValue
    do {
      document = try JSONParser.parse(responseText)
    } catch let error as JSONParseError {
      return [EditDiagnostic(line: error.line, column: error.column, message: error.message)]
    } catch {
      return [EditDiagnostic(line: 1, column: 1, message: "\(error)")]
    }
    guard let object = document.objectValue else {
      return [EditDiagnostic(line: 1, column: 1, message: "the response must be an object")]
    }
    var problems: [EditDiagnostic] = []
    for operation in object["set"]?.arrayValue ?? [] where operation["path"] == "/action" {
      let action = operation["value"]?.stringValue ?? ""
      if !Self.validActions.contains(action) {
        problems.append(
          EditDiagnostic(line: 1, column: 1, message: "invalid action \"\(action)\""))
      }
    }
    return problems
  }

  func apply(responseText: String) -> [EditDiagnostic] {
    let problems = validate(responseText: responseText)
    guard problems.isEmpty, callsMade > 0 else { return problems }
    edits[callsMade - 1] = responseText
    post()
    return []
  }

  func revertEdit() {
    if edits[callsMade - 1] != nil {
      edits[callsMade - 1] = nil
    } else {
      edits = [:]
    }
    post()
  }

  /// Writes the calls made so far as a JSON array of stage, scanner and response.
  func saveTranscript(to path: String) throws {
    var calls: [JSONValue] = []
    for call in 0..<callsMade {
      let stage = Self.stageNames[call / Self.scannerNames.count]
      let scanner = call % Self.scannerNames.count
      var record = JSONObject()
      record["stage"] = .string(stage)
      record["scanner"] = .string(Self.scannerNames[scanner])
      record["response"] = .string(edits[call] ?? responses[stage]?[safe: scanner] ?? "{}")
      calls.append(.object(record))
    }
    let bytes = JSONSerializer.bytes(.array(calls), pretty: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    savedPaths.append(path)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
