import HooksProtocol
import HooksWire

/// Everything one scanner call did, kept after every step so the screen can show the
/// request, the response and the state before and after, and step back.
public struct StepSnapshot: Sendable {
  /// The position of this snapshot in the run, from 0.
  public var index: Int

  /// The stage occurrence the call belongs to.
  public var event: StageEvent

  /// The scanner's name and its position in the chain.
  public var scanner: String
  public var scannerIndex: Int

  /// The transaction before and after the call.
  public var stateBefore: TransactionState
  public var stateAfter: TransactionState

  /// The request body sent.
  public var request: JSONValue

  /// The `X-MTA-Hooks-Request-Id` of the call.
  public var requestID: String

  /// The call's result: status, body, failure and every HTTP exchange.
  public var call: ScannerCall

  /// The verdict on each operation of the response, in application order.
  public var operations: [OperationRecord]

  /// Problems with the response as a whole, and warnings.
  public var problems: [String]
  public var warnings: [String]

  /// The failure rule that was applied (`atomic: …`), or a note such as
  /// `fail-open: continuing with the default action`.
  public var rule: String

  /// The effective action before and after the call.
  public var actionBefore: Action
  public var actionAfter: Action

  /// The SMTP reply after the call at an inbound stage.
  public var reply: SmtpResponse?

  /// Whether the call ended the chain for this stage.
  public var stopsChain: Bool

  /// When the call started.
  public var startedAt: UTCTimestamp
}

/// The end of one stage occurrence: its action, reply and the scanner that ended it.
public struct StageResult: Sendable {
  /// The stage occurrence.
  public var event: StageEvent

  /// The effective action at the end of the chain.
  public var action: Action

  /// The SMTP reply the client gets, at inbound stages.
  public var reply: SmtpResponse?

  /// The scanner whose reply ended the chain early, or nil when every scanner ran.
  public var endedBy: String?

  /// Whether a scanner failure under the `tempfail` policy decided the result.
  public var failed: Bool

  /// The positions of this stage's snapshots in the run.
  public var snapshots: Range<Int>

  /// Notes for the transcript: skipped scanners, remembered actions, DSN suppression.
  public var notes: [String]
}

/// The verdict on one operation of a scanner response, as the response processor reports it.
public typealias OperationRecord = OperationReport
