import HooksProtocol
import HooksWire
import Testing

/// Inputs that once went wrong in real MTA Hooks implementations.
@Suite struct RegressionTests {
  private let dataRequest = SampleRequests.request(stage: .data)

  private func processData(_ body: JSONValue, rules: ResponseRules = ResponseRules(stage: .data))
    -> ProcessedResponse
  {
    ResponseProcessor.process(body: body, request: dataRequest, rules: rules)
  }

  private func addHeader(value: String, index: JSONValue? = nil) -> JSONValue {
    let header: JSONValue = ["name": "X-Test", "value": .string(value)]
    var operation = JSONObject([("path", "/message/headers"), ("value", header)])
    if let index { operation["index"] = index }
    return ["add": [.object(operation)]]
  }

  @Test func rcptTemporaryRejectKeepsOtherRecipients() {
    let state = SampleRequests.state(
      stage: .rcpt, recipients: ["kept@example.com", "later@example.com"])
    let request = RequestBuilder.request(for: state, properties: SampleRequests.inboundProperties)
    let body: JSONValue = [
      "set": [["path": "/action", "value": "reject"], ["path": "/response/code", "value": 451]]
    ]
    let processed = ResponseProcessor.process(
      body: body, request: request, rules: ResponseRules(stage: .rcpt))
    #expect(processed.isTemporary)
    #expect(processed.reply?.code == 451)
    #expect(processed.reply?.enhancedCode == nil)
    let after = state.absorbing(processed)
    #expect(after.recipients.map(\.address) == ["kept@example.com"])
    #expect(after.currentRecipient?.address == "later@example.com")
    #expect(after.action == .reject)
  }

  @Test func setFirstHeaderValueInPlace() {
    let processed = processData([
      "set": [["path": "/message/headers/0/value", "value": " New <new@example.org>"]]
    ])
    let headers = processed.request["message"]?["headers"]?.arrayValue ?? []
    #expect(headers.count == 3)
    #expect(headers.first?["name"] == "From")
    #expect(headers.first?["value"] == " New <new@example.org>")
    let raw = String(decoding: processed.request["rawMessage"]?.bytesValue ?? [], as: UTF8.self)
    #expect(raw.hasPrefix("From: New <new@example.org>\r\nTo: rcpt@example.com\r\n"))
    #expect(processed.request["message"]?["from"]?[0]?["email"] == "new@example.org")
    #expect(processed.rawMessage == processed.request["rawMessage"]?.bytesValue)
  }

  @Test(arguments: [
    (
      #"{"add": [{"path": "/message/keywords", "value": "x", "index": 0}]}"#,
      #"remove "index" to create the member"#
    ),
    (#"{"delete": [{"path": "/envelope/to/01"}]}"#, #"array index "01" has a leading zero"#),
    (
      #"{"add": [{"path": "/envelope/to/0", "value": {"address": "a@example.com"}}]}"#,
      #"use path "/envelope/to" with "index": 0"#
    ),
    (#"{"delete": [{"path": "/message/headers/-"}]}"#, "use it only where an element is added"),
  ])
  func indexErrorsSayWhatToDo(body: String, advice: String) throws {
    let processed = processData(try JSONParser.parse(body))
    #expect(processed.isValid == false)
    let reason = try #require(processed.firstRefusal)
    #expect(reason.contains(advice), "reason: \(reason)")
  }

  @Test func replyConflictsStopAfterRetryLimit() throws {
    var operations: [JSONValue] = [["path": "/action", "value": "reject"]]
    operations += Array(repeating: ["path": "/response/code", "value": 250], count: 400)
    // Without a cap this takes one pass per conflicting operation, each applying all 401.
    let processed = processData(
      ["set": .array(operations)], rules: ResponseRules(stage: .data, policy: .perOperation))
    #expect(processed.isValid == false)
    #expect(processed.changedRequest == false)
    #expect(processed.rule.hasPrefix("refused as a whole: the reply still conflicts"))
  }

  @Test func fewReplyConflictsSkipOnlyThoseOperations() throws {
    let body: JSONValue = [
      "set": [
        ["path": "/action", "value": "reject"], ["path": "/response/code", "value": 554],
        ["path": "/response/code", "value": 250], ["path": "/response/code", "value": 250],
      ]
    ]
    let processed = processData(body, rules: ResponseRules(stage: .data, policy: .perOperation))
    #expect(processed.action == .reject)
    #expect(processed.reply?.code == 554)
  }

  @Test func addedHeaderWithoutIndexAppends() {
    let processed = processData(addHeader(value: "end"))
    #expect(SampleRequests.headerNames(processed.request) == ["From", "To", "Subject", "X-Test"])
  }

  @Test func addedHeaderAtIndexZeroComesFirst() {
    let processed = processData(addHeader(value: "first", index: 0))
    #expect(SampleRequests.headerNames(processed.request) == ["X-Test", "From", "To", "Subject"])
  }

  @Test func addedHeaderPastEndRefused() {
    let processed = processData(addHeader(value: "late", index: 4))
    #expect(processed.isValid == false)
    #expect(processed.firstRefusal?.contains(#""index" 4 is out of range"#) == true)
    #expect(SampleRequests.headerNames(processed.request) == ["From", "To", "Subject"])
  }

  @Test func headerInjectionRefused() {
    let processed = processData(addHeader(value: "a\r\nX-Evil: 1"))
    #expect(processed.isValid == false)
    #expect(processed.firstRefusal?.contains("would start a new header field") == true)
  }

  @Test func foldedHeaderAccepted() {
    let processed = processData(addHeader(value: "a\r\n\tb"))
    #expect(processed.isValid)
    let headers = processed.request["message"]?["headers"]?.arrayValue ?? []
    #expect(headers.last?["value"] == " a\r\n\tb")
  }

  @Test func downgradeRefusedUnlessTrusted() {
    var state = SampleRequests.state(stage: .data)
    state.action = .quarantine
    let request = RequestBuilder.request(for: state, properties: SampleRequests.inboundProperties)
    let body: JSONValue = ["set": [["path": "/action", "value": "accept"]]]

    let untrusted = ResponseProcessor.process(
      body: body, request: request, rules: ResponseRules(stage: .data))
    #expect(untrusted.isValid == false)
    #expect(untrusted.action == .quarantine)
    #expect(untrusted.rule.hasPrefix("refused as a whole: the response lowers the action"))

    let trusted = ResponseProcessor.process(
      body: body, request: request, rules: ResponseRules(stage: .data, isTrusted: true))
    #expect(trusted.isValid)
    #expect(trusted.action == .accept)

    let draft00 = ResponseProcessor.process(
      body: body, request: request, rules: ResponseRules(stage: .data, profile: .draft00))
    #expect(draft00.action == .accept)
  }

  @Test func rawMessageWinsOverMessage() {
    let raw = Array("From: a@example.org\r\nSubject: raw\r\n\r\nbody\r\n".utf8)
    let body: JSONValue = [
      "set": [
        ["path": "/message/subject", "value": "ignored"],
        ["path": "/rawMessage", "value": .string(Base64.encode(raw))],
      ]
    ]
    let processed = processData(body)
    #expect(processed.isValid)
    #expect(processed.request["rawMessage"] == .bytes(raw))
    #expect(processed.request["message"]?["subject"] == "raw")
    #expect(
      processed.outcomes.first?.status
        == .skipped("dropped: the same response replaces /rawMessage, which wins"))
    #expect(processed.outcomes.last?.status == .applied)
    #expect(processed.warnings.contains { $0.hasPrefix("set[0] /message/subject dropped") })
  }

  @Test func subjectAtRcptNotWritable() {
    let request = SampleRequests.request(stage: .rcpt)
    let processed = ResponseProcessor.process(
      body: ["set": [["path": "/message/subject", "value": "x"]]], request: request,
      rules: ResponseRules(stage: .rcpt))
    #expect(processed.isValid == false)
    #expect(
      processed.firstRefusal?.hasPrefix("/message/subject is not writable at stage rcpt") == true)
  }

  @Test func rejectWithSuccessCodeRefused() {
    let body: JSONValue = [
      "set": [
        ["path": "/action", "value": "reject"],
        ["path": "/response", "value": ["code": 250, "enhancedCode": "2.0.0", "message": "OK"]],
      ]
    ]
    let processed = processData(body)
    #expect(processed.isValid == false)
    #expect(processed.action == .accept)
    #expect(processed.firstRefusal?.contains("reply code 250 is a success code") == true)

    let perOperation = processData(body, rules: ResponseRules(stage: .data, policy: .perOperation))
    #expect(perOperation.action == .reject)
    #expect(perOperation.reply?.line == "550 5.7.1 Rejected by policy")
    #expect(perOperation.outcomes.map(\.status).first == .applied)
  }

  @Test func rejectWithoutResponseGetsDefault() {
    let processed = processData(["set": [["path": "/action", "value": "reject"]]])
    #expect(processed.reply?.line == "550 5.7.1 Rejected by policy")
    let connect = ResponseProcessor.process(
      body: ["set": [["path": "/action", "value": "reject"]]],
      request: SampleRequests.request(stage: .connect), rules: ResponseRules(stage: .connect))
    #expect(connect.reply?.line == "554 5.7.1 Rejected by policy")
  }

  @Test func enhancedCodeClassMustMatch() {
    let processed = processData([
      "set": [
        ["path": "/action", "value": "reject"],
        ["path": "/response", "value": ["code": 451, "enhancedCode": "5.7.1", "message": "x"]],
      ]
    ])
    #expect(processed.firstRefusal?.contains("different class") == true)
  }

  @Test func outboundActionAtInboundStageRefused() {
    let processed = processData(["set": [["path": "/action", "value": "cancel"]]])
    #expect(
      processed.firstRefusal?.contains("action \"cancel\" is not valid at inbound stage data")
        == true)
  }

  @Test func smtpUtf8RecipientAccepted() {
    let processed = processData([
      "add": [["path": "/envelope/to", "value": ["address": "用户@例子.广告", "parameters": [:]]]]
    ])
    #expect(processed.isValid)
    #expect(SampleRequests.recipients(processed.request).last == "用户@例子.广告")
  }

  @Test func emptyResponsesChangeNothing() {
    let bodies: [JSONValue?] = [nil, [:], ["set": [], "add": nil, "delete": []], []]
    for body in bodies {
      let processed = ResponseProcessor.process(
        body: body, request: dataRequest, rules: ResponseRules(stage: .data))
      #expect(processed.format == .empty)
      #expect(processed.rule == "no change: the response is empty")
      #expect(processed.request["message"] == dataRequest["message"])
    }
  }

  @Test func jsonPatchPreviewApplies() {
    let processed = processData([
      ["op": "replace", "path": "/action", "value": "quarantine"],
      ["op": "add", "path": "/message/headers/0", "value": ["name": "X-Patch", "value": "1"]],
    ])
    #expect(processed.format.label == "JSON Patch (draft-02 preview)")
    #expect(processed.isValid)
    #expect(processed.action == .quarantine)
    #expect(SampleRequests.headerNames(processed.request).first == "X-Patch")
  }

  @Test func jsonPatchCopyChecksCopiedValue() {
    let processed = processData([
      ["op": "copy", "from": "/envelope/to/0", "path": "/envelope/to/-"]
    ])
    #expect(processed.isValid)
    #expect(
      SampleRequests.recipients(processed.request) == ["rcpt@example.com", "rcpt@example.com"])

    let fromHeader = processData([
      ["op": "copy", "from": "/message/headers/0", "path": "/envelope/to/-"]
    ])
    #expect(fromHeader.isValid == false)
    #expect(fromHeader.firstRefusal?.contains("the address member is missing") == true)
  }

  @Test func deletingBothFormsSuppressesDSN() {
    let state = TransactionState.sample(stage: .dsn, at: SampleRequests.clock)
    let request = RequestBuilder.request(for: state)
    let processed = ResponseProcessor.process(
      body: ["delete": [["path": "/message"], ["path": "/rawMessage"]]], request: request,
      rules: ResponseRules(stage: .dsn))
    #expect(processed.isValid)
    #expect(processed.suppressesDSN)
    #expect(processed.warnings.isEmpty)
    let after = state.absorbing(processed)
    #expect(after.message == nil)
    #expect(after.rawMessage == nil)
  }

  @Test func deletingMessageOutsideDSNRefused() {
    let processed = processData(["delete": [["path": "/message"]]])
    #expect(
      processed.firstRefusal == "/message can only be deleted at stage dsn, to suppress the DSN")
  }

  @Test func subjectEditRewritesRawMessage() {
    let processed = processData([
      "set": [["path": "/message/subject", "value": "[EXTERNAL] Hello"]]
    ])
    #expect(processed.isValid)
    let raw = String(decoding: processed.rawMessage ?? [], as: UTF8.self)
    #expect(raw.contains("\r\nSubject: [EXTERNAL] Hello\r\n"))
    #expect(!raw.contains("Subject: Hello"))
    #expect(processed.request["message"]?["subject"] == "[EXTERNAL] Hello")
    let subjects = (processed.request["message"]?["headers"]?.arrayValue ?? []).filter {
      $0["name"] == "Subject"
    }
    #expect(subjects == [["name": "Subject", "value": " [EXTERNAL] Hello"]])
  }

  @Test func computedPropertyEditRefused() {
    let processed = processData(["set": [["path": "/message/size", "value": 1]]])
    #expect(processed.isValid == false)
    #expect(processed.firstRefusal?.hasPrefix("/message/size is computed from the message") == true)
    #expect(processed.request["message"] == dataRequest["message"])
  }

  @Test func unwritableEmailEditRefusedWhole() {
    let body: JSONValue = [
      "set": [["path": "/action", "value": "quarantine"]],
      "add": [["path": "/message/keywords", "value": ["$seen": true]]],
    ]
    let processed = processData(body, rules: ResponseRules(stage: .data, policy: .perOperation))
    #expect(processed.isValid == false)
    #expect(processed.action == .accept)
    #expect(processed.rule.hasPrefix("refused as a whole: the edited message could not be written"))
    #expect(processed.outcomes.count == 2)
  }
}
