import HooksHTTP
import HooksWire

/// The MTA's response to a failed scanner call.
public enum FailurePolicy: String, Sendable, CaseIterable {
  /// The stage gets a temporary failure, `451 4.3.0`. The default.
  case tempfail
  /// The stage continues with the request's default action, as if the scanner had not been
  /// called.
  case failOpen = "fail-open"
}

/// A successful scanner reply.
public enum ScannerReply: Sendable, Equatable {
  /// 204, or a 2xx without a body: nothing to change.
  case noChange
  /// A 2xx body: draft operations or a JSON Patch array, not yet validated.
  case body(JSONValue)
}

/// The cause of a failed scanner call. Each case keeps the detail needed to show it.
public enum ScannerFailureCause: Error, Sendable, Equatable, CustomStringConvertible {
  /// The scanner returned a non-2xx status, and `error` is its error body when it had one.
  case status(code: Int, statusLine: String, error: ScannerError?)
  /// No complete response arrived within the timeout.
  case timeout(String)
  /// The connection could not be made, or broke before a response.
  case connection(String)
  /// The response was not valid HTTP, or its body not valid JSON or CBOR, or a registration
  /// or discovery document lacked a required member.
  case parse(String)
  /// The response body came with a `Content-Type` other than the negotiated one.
  case wrongContentType(expected: String, received: String?)
  /// The configuration cannot work, for example an `https` URL.
  case configuration(String)

  public var description: String {
    switch self {
    case .status(_, let statusLine, let error):
      return error.map { "\(statusLine) (\($0.code): \($0.message))" } ?? statusLine
    case .timeout(let message): return "timed out: \(message)"
    case .connection(let message): return "connection error: \(message)"
    case .parse(let message): return "invalid response: \(message)"
    case .wrongContentType(let expected, let received):
      return "wrong content type: expected \(expected), received \(received ?? "none")"
    case .configuration(let message): return "configuration error: \(message)"
    }
  }
}

/// A failed scanner call and what the MTA does about it.
public struct ScannerFailure: Sendable, Equatable, CustomStringConvertible {
  /// The cause, as recorded from the last exchange.
  public var cause: ScannerFailureCause
  /// The policy that decides the stage's fate.
  public var policy: FailurePolicy

  /// The SMTP reply the stage gets under `tempfail`, or nil under `fail-open`.
  public var smtpReply: String? {
    policy == .tempfail ? "451 4.3.0 Scanner unavailable, try again later" : nil
  }

  public var description: String {
    switch policy {
    case .tempfail: return "\(cause); answering the stage with 451 4.3.0 (tempfail)"
    case .failOpen: return "\(cause); continuing with the default action (fail-open)"
    }
  }
}

/// The result of one logical scanner call.
public enum ScannerOutcome: Sendable, Equatable {
  case success(ScannerReply)
  case failure(ScannerFailure)
}

/// One HTTP exchange made on behalf of a scanner call, with its place in the call.
public struct ScannerExchange: Sendable {
  /// The protocol step the exchange belongs to.
  public enum Purpose: String, Sendable {
    case discovery
    case registration
    case hook
    case status
    case deregistration
  }

  /// The protocol step.
  public var purpose: Purpose
  /// The attempt number within its step, from 1.
  public var attempt: Int
  /// The registration id in use, or nil before registration.
  public var registrationID: String?
  /// The `X-MTA-Hooks-Request-Id` of a hook exchange, or nil.
  public var requestID: String?
  /// The bytes, timing and parsed response.
  public var http: HTTPExchange
}

/// The outcome of a call and every exchange it took, in order.
public struct ScannerCallResult: Sendable {
  /// The outcome.
  public var outcome: ScannerOutcome
  /// Every exchange, retries and re-registration included.
  public var exchanges: [ScannerExchange]
  /// The request id of a hook call, or nil for other calls.
  public var requestID: String?
}
