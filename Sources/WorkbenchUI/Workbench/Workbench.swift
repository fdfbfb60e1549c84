/// The workbench view model: what the screen shows and how keys change it.
///
/// It owns no terminal. The terminal loop feeds it keys with `handle(_:)`, drains the
/// driver's updates with `receiveUpdates()`, and draws what `render(width:height:)` returns.
/// Every method must be called on one thread, the terminal's main thread.
public final class Workbench {
  /// The engine behind the screen.
  public let driver: any WorkbenchDriver
  /// The key bindings in force.
  public private(set) var keyTable: KeyTable
  /// The last snapshot received from the driver.
  public private(set) var snapshot: WorkbenchSnapshot
  /// The event log, oldest first, at most `eventLimit` lines.
  public private(set) var events: [String] = []
  /// The maximum number of event lines kept.
  public static let eventLimit = 1000
  /// The border and separator characters; the terminal sets `.ascii` outside UTF-8 locales.
  public var glyphs: Glyphs = .unicode

  var mode: InputMode = .normal
  var focus: PaneKind = .request
  var requestView: RequestView = .json
  var resultView: ResultView = .state
  var scrollOffsets: [PaneKind: Int] = [:]
  /// The columns scrolled off the left edge of each pane's lines that do not wrap.
  var horizontalOffsets: [PaneKind: Int] = [:]
  var stageCursor: Int = 0
  var showEvents = false
  /// Whether the event log shows its newest lines; scrolling up stops this until the log is
  /// scrolled back to the bottom.
  var eventLogFollowsTail = true
  var searchText: String?
  var statusMessage: (text: String, isError: Bool)?
  /// The response being edited, kept when the editor is left so `e` resumes it.
  var draft: EditorBuffer?
  var draftDiagnostics: [EditDiagnostic] = []
  var editorTop = 0
  var editorLeft = 0
  /// The number of pane rows drawn last time, for page-sized scrolling.
  var lastPageHeight = 10
  /// The inner width of each pane drawn last time, which the wrapping panes wrap to.
  var innerWidths: [PaneKind: Int] = [:]

  /// Creates a workbench over `driver` with `keyTable`, adding `events` (such as the key map
  /// that was loaded) to the event log. A `problem` found at start, such as an invalid key
  /// map, also shows on the status line until the first key.
  public init(
    driver: any WorkbenchDriver, keyTable: KeyTable = .defaults, events: [String] = [],
    problem: String? = nil
  ) {
    self.driver = driver
    self.keyTable = keyTable
    snapshot = driver.snapshot()
    stageCursor = snapshot.currentStage ?? 0
    for event in events { log(event) }
    receiveUpdates()
    if let problem { statusMessage = (problem, true) }
  }

  /// The key context in force.
  public var context: KeyContext { mode.context }

  /// Applies every snapshot and event the driver posted since the last call.
  /// - Returns: whether anything arrived, in which case the terminal redraws.
  @discardableResult
  public func receiveUpdates() -> Bool {
    let updates = driver.updates.drain()
    for update in updates {
      switch update {
      case .snapshot(let next): accept(next)
      case .event(let line): log(line)
      case .notice(let line):
        setStatus(line)
        log(line)
      }
    }
    return !updates.isEmpty
  }

  /// Appends a line to the event log.
  public func log(_ line: String) {
    events.append(line)
    if events.count > Self.eventLimit {
      events.removeFirst(events.count - Self.eventLimit)
    }
  }

  func accept(_ next: WorkbenchSnapshot) {
    let callChanged =
      next.callIndex != snapshot.callIndex || next.currentStage != snapshot.currentStage
      || next.scannerIndex != snapshot.scannerIndex
    if next.currentStage != snapshot.currentStage, let current = next.currentStage {
      stageCursor = current
    }
    stageCursor = min(stageCursor, max(0, next.stages.count - 1))
    snapshot = next
    if callChanged {
      scrollOffsets = [:]
      horizontalOffsets = [:]
      if mode == .editor { mode = .normal }
      draft = nil
      draftDiagnostics = []
    }
  }

  func setStatus(_ text: String, isError: Bool = false) {
    statusMessage = (text, isError)
    if isError { log(text) }
  }
}
