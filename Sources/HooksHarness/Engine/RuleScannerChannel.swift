import Foundation
import HooksProtocol
import HooksWire

/// A scanner channel that serves a scenario's rule scanners in-process, without sockets.
///
/// Registration offers what the rule set's discovery document would offer (its stages,
/// `updateProperties` and actions), and each call gets the reply of the first matching rule,
/// as the embedded HTTP scanner would send it. Every call is recorded with a `memory://` URL
/// and a fixed duration, so that two runs of one scenario show the same screens.
///
/// NOTE: an external scanner (`url`) cannot be reached in-process, so its registration fails
/// and its stages apply the scanner's failure policy. A 2xx status other than 200 is
/// recorded as 200.
public final class RuleScannerChannel: ScannerChannel, @unchecked Sendable {
  /// The rule sets registered so far, with each scanner's timeout in milliseconds.
  private final class Registry: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (ruleSet: ScannerRuleSet, timeout: Int)] = [:]

    subscript(name: String) -> (ruleSet: ScannerRuleSet, timeout: Int)? {
      get {
        lock.lock()
        defer { lock.unlock() }
        return entries[name]
      }
      set {
        lock.lock()
        defer { lock.unlock() }
        entries[name] = newValue
      }
    }
  }

  private let registry = Registry()
  private let inner: InMemoryScannerChannel

  /// Creates a channel whose calls each last `milliseconds`.
  public init(milliseconds: Double = 1) {
    let registry = registry
    inner = InMemoryScannerChannel(milliseconds: milliseconds) { name, stage, request in
      guard let entry = registry[name] else {
        return .failure(.registration("scanner \"\(name)\" is not registered"))
      }
      let reply = entry.ruleSet.reply(stage: stage.rawValue, request: request)
      return RuleScannerChannel.reply(reply, timeout: entry.timeout)
    }
  }

  public func register(_ scanner: ScannerSettings) -> ScannerSubscription {
    let selectedStages = Set(scanner.stages ?? Stage.allCases.map(\.rawValue))
    let requested = Set(selectedStages.compactMap(Stage.init(rawValue:)))
    guard case .rules(let rules, let path) = scanner.source else {
      return ScannerSubscription(
        stages: requested,
        failure: .registration(
          "scanner \"\(scanner.name)\" is external; the in-process channel serves only rules"))
    }
    let ruleSet: ScannerRuleSet
    do {
      ruleSet = try ScannerRuleSet.forScanner(scanner, rules: rules, path: path)
    } catch {
      return ScannerSubscription(stages: requested, failure: .registration("\(error)"))
    }
    registry[scanner.name] = (ruleSet, scanner.timeoutMilliseconds)

    let configuration = ruleSet.serviceConfiguration(token: "")
    var stages = Set<Stage>()
    var updateProperties: [Direction: [String]] = [:]
    var actions: [Direction: [String]] = [:]
    let offered: [(Direction, DirectionCapabilities?)] = [
      (.inbound, configuration.inbound), (.outbound, configuration.outbound),
    ]
    for case (let direction, let capabilities?) in offered {
      stages.formUnion(capabilities.stages.filter(selectedStages.contains).compactMap(Stage.init))
      updateProperties[direction] = capabilities.updateProperties
      actions[direction] = capabilities.actions
    }
    var properties: [Direction: [String]] = [:]
    if let negotiated = scanner.properties {
      properties = [.inbound: negotiated, .outbound: negotiated]
    }
    _ = inner.register(scanner)
    return ScannerSubscription(
      stages: stages, properties: properties, updateProperties: updateProperties,
      actions: actions, serialization: "json")
  }

  public func call(_ scanner: ScannerSettings, stage: Stage, request: JSONValue,
                   requestID: String) -> ScannerCall {
    inner.call(scanner, stage: stage, request: request, requestID: requestID)
  }

  public func close() {}

  /// Turns a rule's reply into what the MTA would see from the embedded HTTP scanner.
  static func reply(_ reply: HookReply, timeout: Int) -> InMemoryScannerChannel.Reply {
    switch reply {
    case .noChange:
      return .noChange
    case .body(_, let body):
      return .body(body)
    case .error(let error):
      return .failure(.status(error.status, "\(error.code): \(error.message)"))
    case .fault(.close):
      return .failure(.transport("the scanner closed the connection without a response"))
    case .fault(.malformedJSON):
      return .failure(.invalidBody("the body is not valid JSON"))
    case .fault(.wrongContentType):
      return .failure(.invalidBody("Content-Type text/plain is not the negotiated format"))
    case .fault(.timeout):
      return .failure(.timeout("no response within \(timeout) ms"))
    case .delayed(let milliseconds, let inner):
      if milliseconds >= timeout { return .failure(.timeout("no response within \(timeout) ms")) }
      return Self.reply(inner, timeout: timeout)
    }
  }
}

extension ScannerRuleSet {
  /// Builds the rule set of a scenario's scanner. `rules` is a whole rule-file object, or
  /// only its `rules` array, which then gets the scanner's name and subscribes to the stages
  /// its rules name. `path` is the rule file, or nil for inline rules.
  ///
  /// - Throws: `RuleFileError` naming the file and the JSON Pointer of the bad key.
  public static func forScanner(
    _ scanner: ScannerSettings, rules: JSONValue, path: String?
  ) throws -> ScannerRuleSet {
    var document = rules
    if let list = rules.arrayValue {
      var stages: [JSONValue] = []
      for rule in list {
        if let stage = rule["stage"], !stages.contains(stage) { stages.append(stage) }
      }
      document = ["name": .string(scanner.name), "stages": .array(stages), "rules": .array(list)]
    }
    let file = path ?? "inline rules of \(scanner.name)"
    return try ScannerRuleSet.parse(JSONSerializer.bytes(document), file: file)
  }
}
