import HooksProtocol
import HooksWire

/// A scenario: one SMTP transaction, the scanner chain it runs through, the outbound delivery
/// outcomes and optional expectations for CI, as read from a `samples/scenarios/*.json` file.
///
/// Every field but the message and the recipients has a legal default, built from
/// documentation addresses (192.0.2.0/24, RFC 5737) and example.org names (RFC 2606).
public struct Scenario: Sendable {
  /// The scenario's name; defaults to the file name without `.json`.
  public var name: String

  /// The protocol profile: `draft-01` (default) or `draft-00`.
  public var profile: String = "draft-01"

  /// The request serialization: `json` (default) or `cbor`. A scanner may override it.
  public var serialization: String = "json"

  /// The policy for an invalid response: `atomic` (default, nothing is applied) or
  /// `per-operation` (only the failing operations are skipped).
  public var policy: String = "atomic"

  /// The SMTP client as the request's `client` shows it.
  public var client = ClientSettings()

  /// The receiving server as the request's `server` shows it.
  public var server = ServerSettings()

  /// The request's `tls` object, or null when the session is not encrypted.
  public var tls: JSONValue = .null

  /// The request's `auth` object, or null when the client did not authenticate.
  public var auth: JSONValue = .null

  /// The request's `senderAuth` object (SPF, DKIM, DMARC results), or null.
  public var senderAuth: JSONValue = .null

  /// MAIL FROM.
  public var mailFrom = ScenarioAddress(address: "sender@example.org")

  /// RCPT TO, in order. A scenario needs at least one.
  public var rcptTo: [ScenarioAddress] = []

  /// The message as received, with CRLF line endings.
  public var message: [UInt8] = []

  /// The message's origin, for display: the file path or `inline text`.
  public var messageOrigin: String = "inline text"

  /// The scanner chain, in calling order.
  public var scanners: [ScannerSettings] = []

  /// The outbound simulation, or nil when the scenario stops after the inbound stages.
  public var outbound: OutboundPlan?

  /// The expectations that `hookbench run` checks, or nil.
  public var expect: Expectation?

  /// The time the run starts at, or nil for the system clock. Fixing it makes transcripts
  /// reproducible.
  public var startAt: UTCTimestamp?

  /// The scenario file, or nil for a scenario built in memory.
  public var path: String?

  /// Whether external scanners may be reached over plain HTTP at addresses other than
  /// loopback. It is set by the `--allow-remote-plaintext` flag, never by the file, because
  /// HookBench speaks no TLS and a remote plain-HTTP hook would expose the message.
  public var allowsRemotePlaintext = false

  /// Creates a scenario with every default, named `name`.
  public init(name: String) {
    self.name = name
  }
}

/// The SMTP client of a scenario.
public struct ClientSettings: Sendable, Equatable {
  /// The client IP address.
  public var ip = "192.0.2.10"
  /// The client TCP port.
  public var port = 49152
  /// The reverse DNS name of the client address, or nil when it has none.
  public var ptr: String? = "client.example.org"
  /// The EHLO name the client sends.
  public var ehlo = "client.example.org"

  /// Creates the default client.
  public init() {}
}

/// The receiving server of a scenario.
public struct ServerSettings: Sendable, Equatable {
  /// The server host name, also used in replies and DSNs.
  public var name = "mx.example.org"
  /// The server IP address.
  public var ip = "192.0.2.25"
  /// The server TCP port.
  public var port = 25

  /// Creates the default server.
  public init() {}
}

/// One envelope address with its ESMTP parameters.
public struct ScenarioAddress: Sendable, Equatable {
  /// The address without angle brackets, or nil for the null reverse-path (MAIL FROM only).
  public var address: String?

  /// ESMTP parameters in command order, keywords upper-cased, `""` for keyword-only ones.
  public var parameters: [SMTPParameter]

  /// Creates an address.
  public init(address: String?, parameters: [SMTPParameter] = []) {
    self.address = address
    self.parameters = parameters
  }

  /// The address as the request's `envelope` shows it: `{address, parameters}`.
  public var jsonValue: JSONValue {
    var parameterObject = JSONObject()
    for parameter in parameters { parameterObject[parameter.keyword] = .string(parameter.value) }
    return [
      "address": address.map { JSONValue.string($0) } ?? .null,
      "parameters": .object(parameterObject),
    ]
  }
}

/// The outbound part of a scenario: each recipient's outcome per delivery attempt.
public struct OutboundPlan: Sendable, Equatable {
  /// One entry per attempt; a recipient missing from an attempt is delivered.
  public var attempts: [[String: DeliveryOutcome]]

  /// The retry schedule.
  public var retry: RetrySchedule = .standard

  /// Whether a delay DSN is sent when a recipient is first deferred.
  public var delayDSN = false

  /// Creates a plan.
  public init(attempts: [[String: DeliveryOutcome]]) {
    self.attempts = attempts
  }
}

/// The expected end of a scenario run, checked by CI.
public struct Expectation: Sendable, Equatable {
  /// The exit status of `hookbench run`.
  public var exitStatus: Int?
  /// The final action, such as `quarantine`.
  public var action: String?
  /// JSON Pointer checks on the final state.
  public var checks: [Check] = []

  /// One JSON Pointer check: the value at `path` equals `equals`.
  public struct Check: Sendable, Equatable {
    /// A JSON Pointer into the final state.
    public var path: String
    /// The expected value.
    public var equals: JSONValue

    /// Creates a check.
    public init(path: String, equals: JSONValue) {
      self.path = path
      self.equals = equals
    }
  }

  /// Creates an empty expectation.
  public init() {}
}
