import HooksMail
import HooksProtocol
import HooksWire

/// Builds hook requests through `RequestBuilder`, for response tests.
enum SampleRequests {
  static let clock = UTCTimestamp(millisecondsSinceEpoch: 1_734_798_600_000)

  /// Every inbound property of the draft-01 example discovery document.
  static let inboundProperties =
    DiscoveryDocument.draftExampleCapabilities.capabilities(for: .inbound)?.fetchProperties ?? []

  /// Builds a message with `headers` as `(name, value)` pairs and a one-line body, parsed by
  /// HooksMail into both forms.
  static func message(headers: [(String, String)]) -> MailMessage {
    var text = headers.map { "\($0):\($1)\r\n" }.joined()
    text += "\r\nHello.\r\n"
    return MailMessage(parsing: Array(text.utf8))
  }

  /// Builds the transaction at `stage` with a sender, `recipients` (the last is current at rcpt) and,
  /// from `data` on, a message with `headers`.
  static func state(
    stage: Stage, recipients: [String] = ["rcpt@example.com"],
    headers: [(String, String)] = [
      ("From", " Sender <sender@example.org>"), ("To", " rcpt@example.com"),
      ("Subject", " Hello"),
    ]
  ) -> TransactionState {
    var state = TransactionState(stage: stage, stageStartedAt: clock)
    state.server = ServerInfo(name: "mx.example.test", ip: "127.0.0.1", port: 2525)
    state.client = ClientInfo(ip: "127.0.0.1", port: 40000, ehlo: "client.example.test")
    state.envelopeFrom = EnvelopeAddress(smtpPath: "<sender@example.org>")
    var addresses = recipients.map { EnvelopeAddress(address: $0) }
    if stage == .rcpt { state.currentRecipient = addresses.popLast() }
    state.recipients = addresses
    if stage == .data { state.setMessage(message(headers: headers)) }
    return state
  }

  /// Builds the request at `stage` with every inbound property.
  static func request(
    stage: Stage, recipients: [String] = ["rcpt@example.com"],
    headers: [(String, String)]? = nil
  ) -> JSONValue {
    let built =
      headers.map { state(stage: stage, recipients: recipients, headers: $0) }
      ?? state(stage: stage, recipients: recipients)
    return RequestBuilder.request(for: built, properties: inboundProperties)
  }

  /// Returns the header names of a processed request, in order.
  static func headerNames(_ request: JSONValue) -> [String] {
    (request["message"]?["headers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
  }

  /// Returns the recipient addresses of a processed request, in order.
  static func recipients(_ request: JSONValue) -> [String] {
    (request["envelope"]?["to"]?.arrayValue ?? []).compactMap { $0["address"]?.stringValue }
  }
}

extension ProcessedResponse {
  /// The statuses of the operations, in application order.
  var statuses: [OperationStatus] { outcomes.map(\.status) }

  /// The reason of the first refused operation, or nil.
  var firstRefusal: String? {
    for outcome in outcomes {
      if case .refused(let reason) = outcome.status { return reason }
    }
    return nil
  }
}
