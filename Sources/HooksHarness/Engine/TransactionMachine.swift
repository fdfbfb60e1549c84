import HooksProtocol
import HooksWire

/// The fake MTA's stage machine for one SMTP session: it runs each stage occurrence through
/// the scanner chain, one scanner call per `step()`, and applies the per-stage meaning of the
/// resulting action.
///
/// The machine does no I/O of its own: scanners are behind a `ScannerChannel`, and time and
/// ids come from the `EngineClock` and `IdentifierSource` passed in. A driver feeds it stage
/// events (`ScenarioRun` from a scenario file, `ScenarioSMTPHandler` from a real SMTP client).
///
/// Per-stage actions:
/// - `reject` at `rcpt` refuses that recipient only; at any other stage it ends the
///   transaction (at `connect` the session too).
/// - `discard` and `quarantine` before `data` are remembered and applied after `data`.
/// - `disconnect` ends the session.
/// - `reject`, `discard`, `disconnect` and `cancel` stop the chain.
public final class TransactionMachine {
  /// Turns raw message bytes into the JMAP Email object that requests carry as `message`.
  public typealias MessageParser = @Sendable (_ raw: [UInt8]) -> JSONValue

  /// The scenario settings the machine runs with.
  public let scenario: Scenario

  /// The current transaction state.
  public internal(set) var state: TransactionState

  /// One snapshot per scanner call, in order.
  public private(set) var snapshots: [StepSnapshot] = []

  /// One result per finished stage occurrence, in order.
  public private(set) var results: [StageResult] = []

  /// The registration of each scanner, by chain position; filled by `start()`.
  public private(set) var registrations: [ScannerSubscription] = []

  /// The strongest of the `discard` and `quarantine` actions given before `data`, applied
  /// once the message is in.
  public private(set) var rememberedAction: Action?

  /// The stage occurrence in progress, or nil between stages.
  public private(set) var currentEvent: StageEvent?

  let channel: ScannerChannel
  let clock: EngineClock
  let ids: IdentifierSource
  let parseMessage: MessageParser?

  /// Keeps `message` and `rawMessage` consistent after a scanner edits one of them; nil when
  /// the machine runs without a message parser.
  var messageCodec: MessageCodec? { parseMessage == nil ? nil : .hooksMail }
  private var nextScannerIndex = 0
  private var stageStopped = false
  var stageFailed = false
  private var stageEndedBy: String?
  private var stageNotes: [String] = []
  /// Scanners of the current stage left out because they did not subscribe to it.
  private var stageSkipped: [String] = []
  private var stageFirstSnapshot = 0

  /// Creates a machine for one session of `scenario`.
  ///
  /// - Parameter parseMessage: turns the raw message into the JMAP Email object; nil leaves
  ///   `message` null.
  public init(scenario: Scenario, channel: ScannerChannel, clock: EngineClock,
              ids: IdentifierSource, parseMessage: MessageParser?) {
    self.scenario = scenario
    self.channel = channel
    self.clock = clock
    self.ids = ids
    self.parseMessage = parseMessage
    state = TransactionState(stage: .connect, stageStartedAt: clock.now())
    state.client = Self.clientInfo(scenario.client, ehlo: nil)
    state.server = ServerInfo(
      name: scenario.server.name, ip: scenario.server.ip, port: scenario.server.port)
    state.tls = scenario.tls.objectValue.map { TlsInfo(unchecked: $0) }
    state.auth = scenario.auth.objectValue.map { SmtpAuthentication(unchecked: $0) }
    state.senderAuth = scenario.senderAuth.objectValue.map { SenderAuthentication(unchecked: $0) }
  }

  /// Registers the MTA at every scanner of the chain, once per session.
  public func start() {
    guard registrations.isEmpty else { return }
    registrations = scenario.scanners.map { channel.register($0) }
  }

  /// Deregisters from the scanners.
  public func close() {
    channel.close()
  }

  /// Forgets the current mail transaction (envelope, message, remembered action) but keeps
  /// the session: the client, EHLO name and registrations. Called on RSET and before each new
  /// MAIL FROM of an SMTP session.
  public func resetTransaction() {
    if currentEvent != nil { _ = finishStage() }
    state.envelopeFrom = nil
    state.recipients = []
    state.currentRecipient = nil
    state.message = nil
    state.rawMessage = nil
    state.queue = nil
    state.outboundRecipients = []
    state.outboundQueue = nil
    rememberedAction = nil
  }

  // MARK: - Stepping

  /// Starts a stage occurrence: sets the stage, its timestamp and its input in the state.
  ///
  /// A stage left unfinished is finished first.
  public func begin(_ event: StageEvent) {
    start()
    if currentEvent != nil { _ = finishStage() }
    currentEvent = event
    nextScannerIndex = 0
    stageStopped = false
    stageFailed = false
    stageEndedBy = nil
    stageNotes = []
    stageSkipped = []
    stageFirstSnapshot = snapshots.count
    state.stage = event.stage
    state.stageStartedAt = clock.now()
    // A discard or quarantine chosen at an earlier inbound stage stays in force until it is
    // applied after DATA, so later requests, snapshots and the result show it.
    state.action = event.stage.direction == .inbound ? rememberedAction : nil
    state.response = nil
    state.currentRecipient = nil
    prepareInput(for: event)
    skipUnsubscribedScanners()
  }

  /// The scanner the next `step()` calls, or nil when the stage's chain is done.
  public var nextScanner: ScannerSettings? {
    guard currentEvent != nil, !stageStopped, nextScannerIndex < scenario.scanners.count else {
      return nil
    }
    return scenario.scanners[nextScannerIndex]
  }

  /// Whether the current stage has scanner calls left.
  public var hasPendingCall: Bool { nextScanner != nil }

  /// Calls the next scanner of the current stage and applies its response.
  ///
  /// - Returns: the snapshot of the call, or nil when the stage has no scanner left.
  @discardableResult
  public func step() -> StepSnapshot? {
    guard let event = currentEvent, let scanner = nextScanner else { return nil }
    let position = nextScannerIndex
    let registration = registrations[position]
    let before = state
    let actionBefore = state.effectiveAction
    let startedAt = clock.now()
    let request = RequestBuilder.request(
      for: state, properties: registration.properties[event.stage.direction])
    let requestID = ids.next("req")

    let call: ScannerCall
    if let failure = registration.failure {
      call = ScannerCall(status: nil, body: nil, failure: failure, exchanges: [], milliseconds: 0)
    } else {
      call = channel.call(scanner, stage: event.stage, request: request, requestID: requestID)
    }

    var snapshot = StepSnapshot(
      index: snapshots.count, event: event, scanner: scanner.name, scannerIndex: position,
      stateBefore: before, stateAfter: before, request: request, requestID: requestID,
      call: call, operations: [], problems: [], warnings: [], rule: "",
      actionBefore: actionBefore, actionAfter: actionBefore, reply: nil, stopsChain: false,
      startedAt: startedAt)

    if let failure = call.failure {
      applyFailure(failure, scanner: scanner, to: &snapshot)
    } else {
      applyResponse(call.body, scanner: scanner, registration: registration, to: &snapshot)
    }
    snapshot.stateAfter = state
    snapshot.actionAfter = state.effectiveAction
    if event.stage.direction == .inbound { snapshot.reply = state.effectiveResponse }
    if snapshot.stopsChain {
      stageStopped = true
      stageEndedBy = scanner.name
    }
    snapshots.append(snapshot)
    nextScannerIndex += 1
    skipUnsubscribedScanners()
    return snapshot
  }

  /// Calls every remaining scanner of the stage and finishes it.
  @discardableResult
  public func runStage(_ event: StageEvent) -> StageResult {
    begin(event)
    while step() != nil {}
    return finishStage()
  }

  /// Ends the current stage occurrence and applies its action's per-stage meaning.
  public func finishStage() -> StageResult {
    guard let event = currentEvent else {
      return StageResult(
        event: StageEvent.connect, action: state.effectiveAction, reply: nil, endedBy: nil,
        failed: false,
        snapshots: snapshots.count..<snapshots.count, notes: ["no stage in progress"])
    }
    currentEvent = nil
    let action = state.effectiveAction
    var reply: SmtpResponse?
    if event.stage.direction == .inbound {
      reply = state.effectiveResponse
      applyInboundMeaning(of: action, at: event)
      reply = state.effectiveResponse
    }
    // A scanner left out for its subscription is named, so that it is never mistaken for
    // one that was called and changed nothing.
    var notes = stageNotes
    if !stageSkipped.isEmpty {
      notes.insert("not subscribed: " + stageSkipped.joined(separator: ", "), at: 0)
    }
    let result = StageResult(
      event: event, action: action, reply: reply, endedBy: stageEndedBy, failed: stageFailed,
      snapshots: stageFirstSnapshot..<snapshots.count, notes: notes)
    results.append(result)
    return result
  }

  // MARK: - Stage input and meaning

  private func prepareInput(for event: StageEvent) {
    switch event {
    case .connect:
      break
    case .ehlo(let name):
      state.client = Self.clientInfo(scenario.client, ehlo: name, current: state.client)
    case .mail(let address):
      state.envelopeFrom = Self.envelopeAddress(address)
      state.recipients = []
    case .rcpt(let address):
      state.currentRecipient = Self.envelopeAddress(address)
    case .data(let bytes):
      if state.queue == nil { state.queue = QueueInfo(id: ids.next("q")) }
      state.rawMessage = bytes
      state.message = parseMessage.map { $0(bytes) }
    case .delivery, .defer, .dsn:
      break
    }
  }

  private func applyInboundMeaning(of action: Action, at event: StageEvent) {
    switch (action, event.stage) {
    case (.reject, _) where !state.effectiveResponse.isSuccess:
      // A reject at rcpt refuses only the current recipient; elsewhere the driver ends the
      // transaction.
      state.currentRecipient = nil
    case (.reject, _):
      // A 2xx reply with reject is invalid; the client gets the default rejection.
      stageNotes.append("reject with a 2xx reply is invalid; sending the default rejection")
      state.response = DefaultReply.reply(for: .reject, at: event.stage, serverName: scenario.server.name)
      state.currentRecipient = nil
    case (.discard, .data), (.quarantine, .data):
      break
    case (.discard, _), (.quarantine, _):
      if action != rememberedAction {
        stageNotes.append("\(action) at \(event.stage) is remembered and applied after data")
      }
      if action.strength > (rememberedAction?.strength ?? -1) { rememberedAction = action }
      acceptCurrentRecipient()
    case (.accept, _):
      acceptCurrentRecipient()
    default:
      break
    }
  }

  private func acceptCurrentRecipient() {
    if state.stage == .rcpt, let recipient = state.currentRecipient {
      state.recipients.append(recipient)
      state.currentRecipient = nil
    }
  }

  private func skipUnsubscribedScanners() {
    guard let event = currentEvent, !stageStopped else { return }
    while nextScannerIndex < scenario.scanners.count,
      !registrations[nextScannerIndex].stages.contains(event.stage)
    {
      stageSkipped.append(scenario.scanners[nextScannerIndex].name)
      nextScannerIndex += 1
    }
  }

  // MARK: - Conversions from the scenario

  static func envelopeAddress(_ address: ScenarioAddress) -> EnvelopeAddress {
    EnvelopeAddress(
      address: address.address,
      parameters: address.parameters.map { (keyword: $0.keyword, value: $0.value) })
  }

  static func clientInfo(_ client: ClientSettings, ehlo: String?, current: ClientInfo? = nil)
    -> ClientInfo
  {
    var members = current?.members ?? JSONObject()
    members["ip"] = .string(client.ip)
    members["port"] = .integer(client.port)
    members["ptr"] = client.ptr.map { JSONValue.string($0) } ?? .null
    members["ehlo"] = ehlo.map { JSONValue.string($0) } ?? .null
    return ClientInfo(unchecked: members)
  }
}
