/// Everything the workbench shows about a session, as plain text lines and marks.
///
/// The driver builds a snapshot from its engine after every command; the screen renders it
/// and never reaches into the engine. All text is already formatted for display.
public struct WorkbenchSnapshot: Sendable, Equatable {
  /// The scenario file name, such as `welcome.json`.
  public var scenarioName: String
  /// The protocol profile, such as `draft-01`.
  public var profile: String
  /// The body serialization, `json` or `cbor`.
  public var serialization: String
  /// Every stage of the run in order, inbound then outbound.
  public var stages: [StageEntry]
  /// The index in `stages` of the stage being run, or nil before the first stage and after
  /// the end.
  public var currentStage: Int?
  /// The 0-based position in the run of the call shown, or nil when no call is shown. Two
  /// calls can share a stage and scanner (one RCPT per recipient), so this tells them apart.
  public var callIndex: Int?
  /// The 0-based position of the scanner whose call is shown, or nil when no call is shown.
  public var scannerIndex: Int?
  /// The number of scanners in the chain.
  public var scannerCount: Int
  /// The name of the scanner whose call is shown.
  public var scannerName: String?
  /// The request body as pretty JSON.
  public var requestJSON: [String]
  /// The request body as CBOR diagnostic notation followed by a hex dump.
  public var requestCBOR: [String]
  /// The whole HTTP exchange: request line, headers, body, then the response.
  public var requestHTTP: [String]
  /// The scanner's response body as text, which the user can edit.
  public var responseText: String
  /// The verdict on each operation of the response, or the failure of the call.
  public var operations: [OperationLine]
  /// The transaction state after the call: action, SMTP reply, envelope.
  public var resultState: [ResultLine]
  /// The message header fields after the call.
  public var resultHeaders: [ResultLine]
  /// The raw message after the call.
  public var resultRaw: [ResultLine]
  /// A line diff of the raw message before and after the call.
  public var resultDiff: [ResultLine]
  /// The action in force, such as `accept` or `quarantine`.
  public var action: String
  /// The SMTP reply the client would get, such as `250 2.0.0 OK`.
  public var smtpReply: String
  /// The status line of the last HTTP response, such as `200 OK`, or nil before any call.
  public var lastHTTPStatus: String?
  /// The duration of the last HTTP call in milliseconds.
  public var lastLatencyMs: Double?
  /// Whether the response shown was edited by the user and that edit is in force.
  public var isEdited: Bool
  /// The calls whose applied edit is in force anywhere in the run, such as `data spam-check`,
  /// in run order. The call shown may be one of them.
  public var editedCalls: [String]
  /// Whether the driver is still working on a command (an HTTP call in flight).
  public var isRunning: Bool
  /// Whether the transaction reached its end.
  public var isFinished: Bool
  /// Whether the session only replays a transcript, so editing and breakpoints are off.
  public var isReadOnly: Bool
  /// The note above a request built before the first call and not sent yet, or nil when the
  /// request shown was sent.
  public var previewNote: String?
  /// The scenario and its scanner chain, shown in the Patches pane before the first call.
  public var overview: [String]

  /// Creates an empty snapshot, shown before the driver sends its first one.
  public init(scenarioName: String = "", profile: String = "", serialization: String = "") {
    self.scenarioName = scenarioName
    self.profile = profile
    self.serialization = serialization
    stages = []
    currentStage = nil
    callIndex = nil
    scannerIndex = nil
    scannerCount = 0
    scannerName = nil
    requestJSON = []
    requestCBOR = []
    requestHTTP = []
    responseText = ""
    operations = []
    resultState = []
    resultHeaders = []
    resultRaw = []
    resultDiff = []
    action = ""
    smtpReply = ""
    lastHTTPStatus = nil
    lastLatencyMs = nil
    isEdited = false
    editedCalls = []
    isRunning = false
    isFinished = false
    isReadOnly = false
    previewNote = nil
    overview = []
  }
}

/// One stage on the timeline.
public struct StageEntry: Sendable, Equatable {
  /// The side of the MTA that runs a stage.
  public enum Direction: String, Sendable {
    case inbound, outbound
  }

  /// The progress of the run through a stage.
  public enum State: Sendable, Equatable {
    case pending
    case current
    /// Finished; `mark` is the outcome drawn after the name: `✓` accepted, `✗` rejected,
    /// `!` failed, `~` modified, or "" for no mark.
    case done(mark: String)
    case skipped
  }

  /// The stage name, such as `rcpt`.
  public var name: String
  public var direction: Direction
  public var state: State
  public var hasBreakpoint: Bool
  /// The outcome mark of the current stage once the call shown decided it (the same marks as
  /// `done`), or "" while it is open.
  public var currentMark: String

  public init(
    name: String, direction: Direction, state: State, hasBreakpoint: Bool = false,
    currentMark: String = ""
  ) {
    self.name = name
    self.direction = direction
    self.state = state
    self.hasBreakpoint = hasBreakpoint
    self.currentMark = currentMark
  }
}

/// The verdict on one operation of a response, or on the call as a whole.
public struct OperationLine: Sendable, Equatable {
  /// The outcome of an operation.
  public enum Verdict: String, Sendable {
    case applied, skipped, rejected
    /// The call failed as a whole: HTTP status, timeout, or a body that could not be parsed.
    case failure
    /// Information about the call, such as the failure rule that was applied.
    case note
  }

  public var verdict: Verdict
  /// The operation, such as `set /action "quarantine"`, or the failure, such as `HTTP 502`.
  public var text: String
  /// The reason for the verdict, such as `path /envelope/from is not writable at rcpt`.
  public var reason: String?

  public init(verdict: Verdict, text: String, reason: String? = nil) {
    self.verdict = verdict
    self.text = text
    self.reason = reason
  }
}

/// One line of the result pane, with what the scanner call did to it.
public struct ResultLine: Sendable, Equatable {
  /// The change a scanner made to a line; the screen draws `+`, `-` or `~` before it.
  public enum Change: String, Sendable {
    case none, added, removed, changed
  }

  public var text: String
  public var change: Change

  public init(_ text: String, change: Change = .none) {
    self.text = text
    self.change = change
  }
}

/// A problem found in an edited response, at a 1-based line and column of its text.
public struct EditDiagnostic: Sendable, Equatable {
  public var line: Int
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }
}
