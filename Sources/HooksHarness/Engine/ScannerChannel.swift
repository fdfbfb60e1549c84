import HooksProtocol
import HooksWire

/// The reason a scanner gave no usable response. Each case describes what the MTA saw.
public enum ScannerCallFailure: Sendable, Equatable, CustomStringConvertible {
  /// The connection failed or broke: refused, reset, closed early.
  case transport(String)
  /// No complete response arrived within the scanner's timeout; the text names the limit.
  case timeout(String)
  /// The scanner replied with a status other than 2xx: the code, and the status line
  /// followed by the error body's code and message when the body had them.
  case status(Int, String)
  /// A 2xx response whose body is not valid JSON or CBOR.
  case invalidBody(String)
  /// Discovery or registration failed, so the scanner has no hook endpoint.
  case registration(String)

  public var description: String {
    switch self {
    case .transport(let reason): return "transport error: \(reason)"
    case .timeout(let reason): return "timed out: \(reason)"
    case .status(let code, let line): return line.hasPrefix("HTTP/") ? line : "HTTP \(code) \(line)"
    case .invalidBody(let reason): return "invalid response body: \(reason)"
    case .registration(let reason): return "registration failed: \(reason)"
    }
  }
}

/// The result of registering the MTA at one scanner.
public struct ScannerSubscription: Sendable {
  /// The stages the registration subscribed to.
  public var stages: Set<Stage>

  /// The negotiated fetch properties (JSON Pointers) per direction; a direction missing
  /// here gets every property.
  public var properties: [Direction: [String]]

  /// The scanner's `updateProperties` per direction from its discovery document, or nil for
  /// the draft's example values.
  public var updateProperties: [Direction: [String]]

  /// The action names the scanner's discovery document lists per direction, or nil for all.
  public var actions: [Direction: [String]]

  /// The negotiated body format, `json` or `cbor`.
  public var serialization: String

  /// Every exchange of discovery and registration.
  public var exchanges: [ExchangeRecord]

  /// The reason registration failed, or nil when it succeeded.
  public var failure: ScannerCallFailure?

  /// Creates a registration result.
  public init(stages: Set<Stage>, properties: [Direction: [String]] = [:],
              updateProperties: [Direction: [String]] = [:], actions: [Direction: [String]] = [:],
              serialization: String = "json", exchanges: [ExchangeRecord] = [],
              failure: ScannerCallFailure? = nil) {
    self.stages = stages
    self.properties = properties
    self.updateProperties = updateProperties
    self.actions = actions
    self.serialization = serialization
    self.exchanges = exchanges
    self.failure = failure
  }
}

/// The result of one hook call, retries included.
public struct ScannerCall: Sendable {
  /// The HTTP status of the last exchange, or nil when none completed.
  public var status: Int?

  /// The decoded body of a 2xx response; nil for 204 or an empty body.
  public var body: JSONValue?

  /// The reason the call failed, or nil when `body` (or its absence) is the scanner's reply.
  public var failure: ScannerCallFailure?

  /// Every exchange of the call, retries and re-registration included, in order.
  public var exchanges: [ExchangeRecord]

  /// The whole call's duration, in milliseconds.
  public var milliseconds: Double

  /// Creates a call result.
  public init(status: Int?, body: JSONValue?, failure: ScannerCallFailure?,
              exchanges: [ExchangeRecord], milliseconds: Double) {
    self.status = status
    self.body = body
    self.failure = failure
    self.exchanges = exchanges
    self.milliseconds = milliseconds
  }
}

/// The engine's connection to the scanners of a chain. The real channel speaks HTTP to embedded
/// or external scanners; tests use `InMemoryScannerChannel`.
///
/// The engine calls `register` once per scanner at the start of a session, then `call` for
/// each stage the scanner subscribed to, and `close` at the end.
public protocol ScannerChannel: AnyObject {
  /// Runs discovery and registration for `scanner`.
  func register(_ scanner: ScannerSettings) -> ScannerSubscription

  /// Sends one hook request and waits for the response.
  ///
  /// - Parameters:
  ///   - request: the request body as a JSON value; the channel serializes it as negotiated.
  ///   - requestID: the `X-MTA-Hooks-Request-Id`, the same across retries.
  func call(_ scanner: ScannerSettings, stage: Stage, request: JSONValue, requestID: String)
    -> ScannerCall

  /// Deregisters and releases what the channel holds (embedded servers, connections).
  func close()
}
