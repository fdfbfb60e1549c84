import HooksWire

/// The MTA's view of one transaction at one stage: the input of `RequestBuilder`.
///
/// A plain value. The fake MTA fills it in as SMTP commands arrive and updates it from each
/// processed response (`absorbing(_:)`), so the next scanner sees what the previous one left.
/// The clock is an input: `stageStartedAt` is whatever the caller's clock said.
public struct TransactionState: Sendable, Hashable {
  /// The current stage.
  public var stage: Stage
  /// The action the MTA takes if no scanner changes anything; nil means `accept` or
  /// `continue`.
  public var action: Action?
  /// A `quarantine` or `discard` chosen at an earlier inbound stage, which applies after
  /// DATA and becomes the default action of later stages (`advanced(to:at:)`).
  public var carriedAction: Action?
  /// The SMTP reply the MTA will send; nil means the stage's default reply.
  public var response: SmtpResponse?
  /// When the current stage started.
  public var stageStartedAt: UTCTimestamp
  /// The protocol version sent in `protocol.version`.
  public var protocolVersion: String = "1.0"

  /// The remote SMTP client (inbound).
  public var client: ClientInfo?
  /// The MTA's listener.
  public var server: ServerInfo?
  /// The TLS session (inbound), nil for a plain connection.
  public var tls: TlsInfo?
  /// SMTP AUTH details (inbound), nil when the client did not authenticate.
  public var auth: SmtpAuthentication?
  /// SPF, DKIM, ARC and DMARC results (inbound).
  public var senderAuth: SenderAuthentication?

  /// The MAIL FROM address, nil before MAIL.
  public var envelopeFrom: EnvelopeAddress?
  /// The recipients accepted so far (inbound). At `rcpt` the recipient under test is in
  /// `currentRecipient`, not here.
  public var recipients: [EnvelopeAddress] = []
  /// The recipient of the RCPT TO being hooked, at `rcpt`.
  public var currentRecipient: EnvelopeAddress?
  /// The recipients with their delivery state (outbound).
  public var outboundRecipients: [DeliveryRecipient] = []

  /// The message as a JMAP Email object (RFC 8621 §4), nil before DATA.
  public var message: JSONValue?
  /// The message bytes exactly as received, nil before DATA.
  public var rawMessage: [UInt8]?

  /// The inbound queue entry, nil until the MTA assigns a queue id.
  public var queue: QueueInfo?
  /// The outbound queue entry.
  public var outboundQueue: OutboundQueueInfo?

  /// Creates the state at `stage`; everything else starts empty.
  public init(stage: Stage, stageStartedAt: UTCTimestamp) {
    self.stage = stage
    self.stageStartedAt = stageStartedAt
  }

  /// The action the request carries: `action`, or the direction's neutral action.
  public var effectiveAction: Action { action ?? stage.direction.neutralAction }

  /// The reply the request carries: `response`, or the default reply for the stage.
  public var effectiveResponse: SmtpResponse {
    response ?? DefaultReply.reply(for: effectiveAction, at: stage, serverName: server?.name)
  }
}
