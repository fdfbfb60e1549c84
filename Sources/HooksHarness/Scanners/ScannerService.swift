import Foundation
import HooksHTTP
import HooksWire

/// The scanner side of draft-01 over real HTTP: discovery, registration, status,
/// deregistration and the hook endpoint.
///
/// Hook replies come from `replier`, so a rule file, the workbench's intercept mode or a test
/// decides what each call gets. Time comes from `now`, so expiry and grace periods can be
/// tested without waiting. `handle(_:)` is the whole HTTP behaviour; `start()` puts it behind
/// an `HTTPServer` on loopback.
public final class ScannerService: @unchecked Sendable {
  /// The settings of the service.
  public let configuration: ScannerServiceConfiguration
  let replier: HookReplier
  let now: @Sendable () -> Date
  let makeRegistrationID: @Sendable () -> String
  let log: HTTPLogSink

  let lock = NSLock()
  var registrations: [String: ScannerRegistration] = [:]
  var rateWindows: [String: (second: Int64, count: Int)] = [:]
  private var server: HTTPServer?

  /// Creates a service.
  ///
  /// - Parameters:
  ///   - now: the clock; defaults to the system clock.
  ///   - makeRegistrationID: the id generator; defaults to `reg_` and a random UUID.
  ///   - log: where request, reply and error lines go.
  ///   - replier: produces the reply to each hook call that passes the checks.
  public init(
    configuration: ScannerServiceConfiguration,
    now: @escaping @Sendable () -> Date = { Date() },
    makeRegistrationID: @escaping @Sendable () -> String = {
      "reg_" + UUID().uuidString.lowercased()
    },
    log: HTTPLogSink = .discard,
    replier: @escaping HookReplier
  ) {
    self.configuration = configuration
    self.now = now
    self.makeRegistrationID = makeRegistrationID
    self.log = log
    self.replier = replier
  }

  // MARK: - Serving

  /// Starts an HTTP server for the service and returns it.
  ///
  /// - Throws: `HTTPServerError` when the address cannot be bound or is not loopback without
  ///   `serverConfiguration.allowNonLoopback`.
  @discardableResult
  public func start(
    serverConfiguration: HTTPServerConfiguration = HTTPServerConfiguration()
  ) throws -> HTTPServer {
    var settings = serverConfiguration
    settings.parseErrorResponse = Self.parseErrorResponse
    let server = HTTPServer(configuration: settings, log: log) { [self] request in
      handle(request)
    }
    try server.start()
    lock.lock()
    self.server = server
    lock.unlock()
    return server
  }

  /// Stops the server started by `start()`, letting calls in flight finish for up to
  /// `graceMilliseconds`.
  public func stop(graceMilliseconds: Int = 2_000) {
    lock.lock()
    let running = server
    server = nil
    lock.unlock()
    running?.shutdown(graceMilliseconds: graceMilliseconds)
  }

  /// The discovery URL of the running server, or nil before `start()`.
  public var discoveryURL: String? {
    lock.lock()
    defer { lock.unlock() }
    return server.map { $0.baseURL + "/.well-known/mta-hooks" }
  }

  /// A copy of the registration with `id`, for status views and tests.
  public func registration(_ id: String) -> ScannerRegistration? {
    lock.lock()
    defer { lock.unlock() }
    return registrations[id]
  }

  /// Handles one HTTP request and returns the response. Every reply is logged with its status.
  public func handle(_ request: HTTPRequest) -> HTTPResponse {
    let started = MonotonicClock.milliseconds()
    let response = route(request)
    let elapsed = MonotonicClock.milliseconds() - started
    let requestID = request.headers["X-MTA-Hooks-Request-Id"].map { " request \($0)" } ?? ""
    let outcome = response.fault.map { "fault \($0)" } ?? "\(response.status) \(response.reason)"
    log.info(
      "\(request.method) \(request.path)\(requestID) -> \(outcome) "
        + "(\(String(format: "%.1f", elapsed)) ms)")
    return response
  }

  private func route(_ request: HTTPRequest) -> HTTPResponse {
    let path = request.path
    let prefix = configuration.pathPrefix
    if path == "/.well-known/mta-hooks" {
      guard request.method == "GET" else { return methodNotAllowed(request, allowed: "GET") }
      return discoveryResponse(request)
    }
    if path == prefix + "/register" {
      guard request.method == "POST" else { return methodNotAllowed(request, allowed: "POST") }
      return registrationResponse(request)
    }
    if path.hasPrefix(prefix + "/invoke/") {
      guard request.method == "POST" else { return methodNotAllowed(request, allowed: "POST") }
      let id = String(path.dropFirst((prefix + "/invoke/").count))
      return hookResponse(request, pathID: id)
    }
    if path.hasPrefix(prefix + "/register/") {
      let rest = String(path.dropFirst((prefix + "/register/").count))
      if rest.hasSuffix("/status") {
        guard request.method == "GET" else { return methodNotAllowed(request, allowed: "GET") }
        return statusResponse(request, id: String(rest.dropLast("/status".count)))
      }
      guard request.method == "DELETE" else { return methodNotAllowed(request, allowed: "DELETE") }
      return deregistrationResponse(request, id: rest)
    }
    return ScannerError(
      status: 404, code: "NOT_FOUND",
      message: "no endpoint at \(path); start from GET /.well-known/mta-hooks"
    ).response()
  }

  private func methodNotAllowed(_ request: HTTPRequest, allowed: String) -> HTTPResponse {
    var response = ScannerError(
      status: 405, code: "INVALID_REQUEST",
      message: "method \(request.method) is not allowed on \(request.path); use \(allowed)"
    ).response()
    response.headers.add(name: "Allow", value: allowed)
    return response
  }

  /// Turns an HTTP parse error into the draft's error body: 413 becomes `REQUEST_TOO_LARGE`,
  /// every other status `INVALID_REQUEST`.
  @Sendable static func parseErrorResponse(_ error: HTTPParseError) -> HTTPResponse {
    let code = error.status == 413 ? "REQUEST_TOO_LARGE" : "INVALID_REQUEST"
    return ScannerError(status: error.status, code: code, message: error.message).response()
  }

  // MARK: - Shared checks

  /// Checks the bearer token. Returns the error reply, or nil when the token is right.
  func authenticationFailure(_ request: HTTPRequest) -> ScannerError? {
    guard let authorization = request.headers["Authorization"] else {
      return ScannerError(
        status: 401, code: "AUTHENTICATION_REQUIRED",
        message: "missing Authorization header; send Authorization: Bearer <token>")
    }
    let parts = authorization.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else {
      return ScannerError(
        status: 401, code: "INVALID_CREDENTIALS",
        message: "Authorization must use the Bearer scheme")
    }
    let token = parts[1].trimmingCharacters(in: .whitespaces)
    guard ConstantTime.equals(token, configuration.token) else {
      log.warning("\(request.method) \(request.path): invalid bearer token")
      return ScannerError(
        status: 401, code: "INVALID_CREDENTIALS",
        message: "invalid bearer token; use the token the scanner printed at start")
    }
    return nil
  }

  /// The format of a request body from its `Content-Type`, or the error reply.
  func bodyFormat(_ request: HTTPRequest) -> Result<WireFormat, ScannerError> {
    guard let format = WireFormat.matching(contentType: request.headers["Content-Type"]) else {
      let given = request.headers["Content-Type"].map { "\"\($0)\"" } ?? "none"
      return .failure(
        .invalidRequest(
          "Content-Type \(given) is not supported; send application/json or application/cbor"))
    }
    return .success(format)
  }

  /// The format a client prefers through `Accept`, falling back to JSON.
  func acceptedFormat(_ request: HTTPRequest) -> WireFormat {
    let accept = request.headers.tokens(for: "Accept")
    let wantsCBOR = accept.contains { $0.hasPrefix("application/cbor") }
    let wantsJSON = accept.contains { $0.hasPrefix("application/json") }
    return wantsCBOR && !wantsJSON && configuration.serializations.contains(.cbor) ? .cbor : .json
  }

  func jsonResponse(
    status: Int, _ body: JSONValue, format: WireFormat = .json, headers: [(String, String)] = []
  ) -> HTTPResponse {
    var fields = HTTPHeaders([("Content-Type", format.contentType), ("Cache-Control", "no-store")])
    for (name, value) in headers { fields.add(name: name, value: value) }
    return HTTPResponse(status: status, headers: fields, body: format.encode(body))
  }
}
