import HooksWire

/// One scanner in a scenario's chain and the settings the MTA uses for it.
public struct ScannerSettings: Sendable, Equatable {
  /// The origin of a scanner: embedded rules or an external service.
  public enum Source: Sendable, Equatable {
    /// An embedded scanner driven by a rule list, served on a loopback port for the run.
    /// `path` is the rule file, or nil for inline rules.
    case rules(JSONValue, path: String?)
    /// A scanner that already runs elsewhere: its base URL (discovery is fetched from
    /// `/.well-known/mta-hooks` below it) and its bearer token.
    case external(url: String, token: String?)
  }

  /// The scanner's name, unique within the chain.
  public var name: String

  /// The scanner's origin.
  public var source: Source

  /// The reaction to a scanner failure (a transport error, a timeout, an HTTP error
  /// status or an unparsable body): `tempfail` (the default) or `fail-open`.
  public var failurePolicy: FailurePolicy = .tempfail

  /// Whether the scanner may lower the action (quarantine to accept, for example). Off by
  /// default, as draft-01 requires.
  public var trusted = false

  /// The time the MTA waits for one hook response, in milliseconds.
  public var timeoutMilliseconds = 5000

  /// The body format for this scanner, or nil to use the scenario's.
  public var serialization: String?

  /// The top-level request properties to negotiate, or nil for every property the scanner's
  /// discovery document offers.
  public var properties: [String]?

  /// The stages to register for, or nil for every stage the scanner offers.
  public var stages: [String]?

  /// Creates settings with the defaults.
  public init(name: String, source: Source) {
    self.name = name
    self.source = source
  }

  /// The scanner's bearer token with the secret hidden, for transcripts and the screen.
  public var redactedToken: String? {
    guard case .external(_, let token?) = source else { return nil }
    return token.isEmpty ? "" : "***"
  }
}
