import Foundation
import HooksHTTP
import HooksWire

/// The MTA side of draft-01: discovery, registration and hook calls to one scanner, with
/// retries, re-registration and a failure policy. Every HTTP exchange is kept.
///
/// Calls block the calling thread; use a thread, not a Swift concurrency task. The clock,
/// request ids, sleeping and the jitter source are injected so that tests run fast and the
/// same on every run.
public final class ScannerClient: @unchecked Sendable {
  /// The configuration the client was created with.
  public let configuration: ScannerClientConfiguration
  let http: HTTPClient
  let now: @Sendable () -> Date
  let makeRequestID: @Sendable () -> String
  let sleep: @Sendable (Int) -> Void
  private let lock = NSLock()
  private var random: AnyRandomNumberGenerator
  private var currentSession: ScannerSession?

  /// Creates a client.
  ///
  /// - Parameters:
  ///   - now: the clock, used to re-register before `expiresAt`.
  ///   - makeRequestID: the `X-MTA-Hooks-Request-Id` generator; defaults to UUIDs.
  ///   - sleep: waits the given milliseconds between retries.
  ///   - random: the jitter source; pass a `SeededRandomNumberGenerator` for repeatable runs.
  public init(
    configuration: ScannerClientConfiguration,
    now: @escaping @Sendable () -> Date = { Date() },
    makeRequestID: @escaping @Sendable () -> String = { UUID().uuidString },
    sleep: @escaping @Sendable (Int) -> Void = {
      Thread.sleep(forTimeInterval: Double(max(0, $0)) / 1_000)
    },
    random: any RandomNumberGenerator = SystemRandomNumberGenerator()
  ) {
    self.configuration = configuration
    self.http = HTTPClient(configuration: configuration.http)
    self.now = now
    self.makeRequestID = makeRequestID
    self.sleep = sleep
    self.random = AnyRandomNumberGenerator(base: random)
  }

  /// The registration in use, or nil before the first successful registration.
  public var session: ScannerSession? {
    lock.lock()
    defer { lock.unlock() }
    return currentSession
  }

  // MARK: - Hook calls

  /// Sends one hook call, registering first when needed.
  ///
  /// Only the negotiated top-level properties of the body are sent. A stage the
  /// registration does not subscribe to is not sent and returns `.success(.noChange)`
  /// without exchanges.
  ///
  /// - Parameter stage: the stage of the call; nil reads it from the body's `stage`, which
  ///   is missing when the scanner did not negotiate `/stage`.
  public func callHook(_ body: JSONValue, stage: String? = nil) -> ScannerCallResult {
    var exchanges: [ScannerExchange] = []
    let requestID = makeRequestID()
    let session: ScannerSession
    switch ensureSession(&exchanges) {
    case .success(let found): session = found
    case .failure(let cause):
      return ScannerCallResult(outcome: fail(cause), exchanges: exchanges, requestID: requestID)
    }
    guard let stage = stage ?? body["stage"]?.stringValue,
      let direction = session.direction(of: stage)
    else {
      return ScannerCallResult(
        outcome: .success(.noChange), exchanges: exchanges, requestID: requestID)
    }
    let payload = Self.negotiatedBody(body, properties: session.properties[direction] ?? [])
    var current = session
    var reRegistered = false
    var attempt = 1
    while true {
      let request = hookRequest(payload, session: current, requestID: requestID)
      let exchange = http.send(request, to: current.hookURL)
      exchanges.append(
        ScannerExchange(
          purpose: .hook, attempt: attempt, registrationID: current.registrationID,
          requestID: requestID, http: exchange))
      let status = exchange.response?.status
      if (status == 404 || status == 410) && !reRegistered {
        // The scanner dropped the registration: register again once and resend the same call.
        reRegistered = true
        invalidateSession()
        switch ensureSession(&exchanges) {
        case .success(let renewed): current = renewed
        case .failure(let cause):
          return ScannerCallResult(outcome: fail(cause), exchanges: exchanges, requestID: requestID)
        }
        attempt += 1
        continue
      }
      if shouldRetry(exchange) && attempt < configuration.retry.maxAttempts {
        sleep(retryDelay(after: attempt, exchange: exchange))
        attempt += 1
        continue
      }
      let outcome = Self.classifyHookReply(exchange, format: current.format)
      switch outcome {
      case .success(let reply):
        return ScannerCallResult(
          outcome: .success(reply), exchanges: exchanges, requestID: requestID)
      case .failure(let cause):
        return ScannerCallResult(outcome: fail(cause), exchanges: exchanges, requestID: requestID)
      }
    }
  }

  private func hookRequest(_ body: JSONValue, session: ScannerSession, requestID: String)
    -> HTTPRequest
  {
    HTTPRequest(
      method: "POST", target: session.hookURL.target,
      headers: HTTPHeaders([
        ("Content-Type", session.format.contentType),
        ("Authorization", "Bearer \(configuration.token)"),
        ("X-MTA-Hooks-Registration", session.registrationID),
        ("X-MTA-Hooks-Request-Id", requestID),
      ]),
      body: session.format.encode(body))
  }

  /// Keeps the members of `body` whose names a negotiated pointer starts with; `stage` and
  /// `action` are always kept so the scanner can tell the stage.
  static func negotiatedBody(_ body: JSONValue, properties: [String]) -> JSONValue {
    guard case .object(let object) = body, !properties.isEmpty else { return body }
    let names = Set(properties.compactMap { $0.split(separator: "/").first.map(String.init) })
    var kept = JSONObject()
    for (key, value) in object.members
    where names.contains(key) || key == "stage" || key == "action" {
      kept[key] = value
    }
    return .object(kept)
  }

  /// Turns the final hook exchange into a reply or a failure cause.
  static func classifyHookReply(
    _ exchange: HTTPExchange, format: WireFormat
  ) -> Result<ScannerReply, ScannerFailureCause> {
    let response: HTTPResponse
    switch exchange.result {
    case .success(let received): response = received
    case .failure(let error): return .failure(cause(of: error))
    }
    guard (200..<300).contains(response.status) else {
      return .failure(statusCause(response))
    }
    if response.status == 204 || response.body.isEmpty { return .success(.noChange) }
    let received = response.headers["Content-Type"]
    guard WireFormat.matching(contentType: received) == format else {
      return .failure(.wrongContentType(expected: format.contentType, received: received))
    }
    do {
      return .success(.body(try format.decode(response.body)))
    } catch {
      return .failure(.parse("\(format.rawValue) body of \(response.statusLine): \(error)"))
    }
  }

  static func cause(of error: HTTPClientError) -> ScannerFailureCause {
    switch error.kind {
    case .timedOut: return .timeout(error.message)
    case .connectionFailed, .connectTimedOut, .connectionClosed: return .connection(error.message)
    case .malformedResponse: return .parse(error.message)
    case .invalidURL, .unsupportedScheme, .remotePlaintextRefused:
      return .configuration(error.message)
    }
  }

  static func statusCause(_ response: HTTPResponse) -> ScannerFailureCause {
    var error: ScannerError?
    let format = WireFormat.matching(contentType: response.headers["Content-Type"]) ?? .json
    if let body = try? format.decode(response.body), let code = body["error"]?["code"]?.stringValue
    {
      error = ScannerError(
        status: response.status, code: code, message: body["error"]?["message"]?.stringValue ?? "")
    }
    return .status(code: response.status, statusLine: response.statusLine, error: error)
  }

  func shouldRetry(_ exchange: HTTPExchange) -> Bool {
    switch exchange.result {
    case .success(let response): return response.status == 429 || response.status >= 500
    case .failure(let error): return error.isConnectionFailure
    }
  }

  /// Returns the backoff delay in milliseconds, raised to the `Retry-After` of a 429 or 503
  /// when that is longer, but never past the maximum delay.
  func retryDelay(after attempt: Int, exchange: HTTPExchange) -> Int {
    lock.lock()
    var delay = configuration.retry.delayMilliseconds(afterAttempt: attempt, random: &random)
    lock.unlock()
    if let header = exchange.response?.headers["Retry-After"], let seconds = Int(header),
      seconds >= 0
    {
      // The scanner chooses the number, so a huge one must not overflow the multiplication.
      let maximum = configuration.retry.maxDelayMilliseconds
      let requested = seconds.multipliedReportingOverflow(by: 1_000)
      delay = max(delay, requested.overflow ? maximum : min(requested.partialValue, maximum))
    }
    return delay
  }

  func fail(_ cause: ScannerFailureCause) -> ScannerOutcome {
    .failure(ScannerFailure(cause: cause, policy: configuration.failurePolicy))
  }

  // MARK: - Session state

  func storeSession(_ session: ScannerSession) {
    lock.lock()
    currentSession = session
    lock.unlock()
  }

  func invalidateSession() {
    lock.lock()
    currentSession = nil
    lock.unlock()
  }

  /// Returns the session, registering when there is none or it expires within 5 seconds.
  func ensureSession(_ exchanges: inout [ScannerExchange]) -> Result<
    ScannerSession, ScannerFailureCause
  > {
    if let session = self.session {
      let expiry = session.expiresAt.flatMap(Timestamp.parse)
      if expiry.map({ $0.timeIntervalSince(now()) > 5 }) ?? true { return .success(session) }
    }
    let result = register()
    exchanges += result.exchanges
    switch result.outcome {
    case .success:
      if let session = self.session { return .success(session) }
      return .failure(.parse("registration succeeded without a session"))
    case .failure(let failure):
      return .failure(failure.cause)
    }
  }
}

/// A concrete wrapper, so that an injected generator can be passed `inout` to generic code.
struct AnyRandomNumberGenerator: RandomNumberGenerator {
  var base: any RandomNumberGenerator

  mutating func next() -> UInt64 { base.next() }
}
