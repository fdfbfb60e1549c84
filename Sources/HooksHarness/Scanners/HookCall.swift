import HooksHTTP
import HooksWire

/// One hook call that passed the service's checks, as handed to a `HookReplier`.
public struct HookCall: Sendable {
  /// The stage named in the body, such as `rcpt`.
  public var stage: String
  /// The decoded request body.
  public var body: JSONValue
  /// The registration the call was made under.
  public var registrationID: String
  /// The `X-MTA-Hooks-Request-Id` of the call.
  public var requestID: String
  /// The negotiated serialization, in which the reply is sent.
  public var format: WireFormat
  /// The HTTP request as received.
  public var request: HTTPRequest
}

/// The scanner's reply to one hook call, before it is put on the wire.
public indirect enum HookReply: Sendable, Equatable {
  /// `204 No Content`: nothing to change.
  case noChange
  /// A 2xx status with a body: draft `set`/`add`/`delete` operations or a JSON Patch array.
  case body(status: Int, JSONValue)
  /// An error status with the draft's error body.
  case error(ScannerError)
  /// A misbehaviour: a body that is not valid JSON, a body with the wrong content type, or a
  /// socket-level fault.
  case fault(HookFault)
  /// The reply sent after waiting this many milliseconds.
  case delayed(milliseconds: Int, HookReply)
}

/// A misbehaviour a scanner can show, to test the MTA's failure handling.
public enum HookFault: String, Sendable, Equatable, CaseIterable {
  /// The connection is closed without a response.
  case close
  /// `200` with `Content-Type: application/json` and a body that is not valid JSON.
  case malformedJSON = "malformed-json"
  /// `200` with a valid body sent as `text/plain`.
  case wrongContentType = "wrong-content-type"
  /// No response until the MTA gives up: the connection stays silent for
  /// `HookFault.timeoutHoldMilliseconds`, or until the service stops.
  case timeout

  /// Milliseconds a `timeout` fault keeps the connection silent.
  public static let timeoutHoldMilliseconds = 120_000
}

/// Produces the reply to each hook call. Rule files, the workbench's intercept mode and tests
/// each provide one. It runs on the connection's thread and may block.
public typealias HookReplier = @Sendable (HookCall) -> HookReply
