import Foundation
import HooksHTTP
import HooksWire

extension ScannerService {
  /// Handles `POST <hookEndpoint>`: authentication, the draft-01 headers, the registration,
  /// the body, then the replier.
  func hookResponse(_ request: HTTPRequest, pathID: String) -> HTTPResponse {
    let started = MonotonicClock.milliseconds()
    let call: HookCall
    switch checkedHookCall(request, pathID: pathID) {
    case .success(let checked): call = checked
    case .failure(let error):
      log.warning("hook call on \(pathID) rejected: \(error)")
      recordOutcome(pathID, failed: true, milliseconds: MonotonicClock.milliseconds() - started)
      return error.response(format: formatOfRegistration(pathID))
    }
    // NOTE: calls are not deduplicated by request id, although the draft suggests it, so a
    // retried call reaches the replier again; the workbench shows every attempt this way.
    let reply = replier(call)
    let response = Self.response(for: reply, format: call.format)
    let failed = response.fault != nil || response.status >= 400
    recordOutcome(
      call.registrationID, failed: failed, milliseconds: MonotonicClock.milliseconds() - started)
    return response
  }

  private func checkedHookCall(
    _ request: HTTPRequest, pathID: String
  ) -> Result<HookCall, ScannerError> {
    if let failure = authenticationFailure(request) { return .failure(failure) }
    guard let headerID = request.headers["X-MTA-Hooks-Registration"] else {
      return .failure(
        .invalidRequest("missing X-MTA-Hooks-Registration header; send the registrationId"))
    }
    guard headerID == pathID else {
      return .failure(
        ScannerError(
          status: 403, code: "REGISTRATION_MISMATCH",
          message: "X-MTA-Hooks-Registration \"\(headerID)\" does not match the hook endpoint's "
            + "registration \"\(pathID)\""))
    }
    guard let requestID = request.headers["X-MTA-Hooks-Request-Id"] else {
      return .failure(
        ScannerError(
          status: 400, code: "MISSING_REQUEST_ID", message: "missing X-MTA-Hooks-Request-Id header")
      )
    }
    guard Self.isValidRequestID(requestID) else {
      return .failure(
        .invalidRequest(
          "X-MTA-Hooks-Request-Id \"\(requestID.prefix(140))\" must be 1 to 128 characters from "
            + "A-Z a-z 0-9 - . _ ~"))
    }
    let current = now()
    lock.lock()
    let stored = registrations[pathID]
    lock.unlock()
    guard let registration = stored else { return .failure(.notFound(pathID)) }
    guard isAccepting(registration, at: current) else {
      let reason =
        registration.state == .deregistered ? "was deregistered" : "has expired or was renewed"
      return .failure(
        ScannerError(
          status: 410, code: "REGISTRATION_DEREGISTERED",
          message: "registration \"\(pathID)\" \(reason); register again"))
    }
    if let limit = configuration.rateLimitPerSecond,
      !takeRateToken(pathID, limit: limit, at: current)
    {
      return .failure(
        ScannerError(
          status: 429, code: "RATE_LIMITED",
          message: "more than \(limit) hook calls per second on \(pathID); retry after 1 s"))
    }
    guard WireFormat.matching(contentType: request.headers["Content-Type"]) == registration.format
    else {
      let given = request.headers["Content-Type"] ?? "none"
      return .failure(
        .invalidRequest(
          "Content-Type \"\(given)\" does not match the negotiated "
            + registration.format.contentType))
    }
    if request.body.count > configuration.maxMessageSize {
      return .failure(
        ScannerError(
          status: 413, code: "REQUEST_TOO_LARGE",
          message: "body of \(request.body.count) bytes exceeds maxMessageSize "
            + "\(configuration.maxMessageSize)"))
    }
    let body: JSONValue
    do {
      body = try registration.format.decode(request.body)
    } catch {
      return .failure(
        .invalidRequest("hook body is not valid \(registration.format.rawValue): \(error)"))
    }
    guard let stage = body["stage"]?.stringValue else {
      return .failure(.invalidRequest("/stage: missing or not a string"))
    }
    guard registration.subscribes(to: stage) else {
      return .failure(
        ScannerError(
          status: 400, code: "INVALID_STAGE",
          message: "/stage: \"\(stage)\" is not a stage of registration \(pathID)"))
    }
    return .success(
      HookCall(
        stage: stage, body: body, registrationID: pathID, requestID: requestID,
        format: registration.format, request: request))
  }

  /// Whether `text` is a valid request id: 1 to 128 RFC 3986 unreserved characters.
  static func isValidRequestID(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= 128 else { return false }
    return text.utf8.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        return true
      default:
        return false
      }
    }
  }

  /// Builds the HTTP response for a reply in the negotiated format.
  static func response(for reply: HookReply, format: WireFormat) -> HTTPResponse {
    switch reply {
    case .noChange:
      return HTTPResponse(status: 204, headers: HTTPHeaders([("Cache-Control", "no-store")]))
    case .body(let status, let body):
      return HTTPResponse(
        status: status, headers: HTTPHeaders([("Content-Type", format.contentType)]),
        body: format.encode(body))
    case .error(let error):
      return error.response(format: format)
    case .delayed(let milliseconds, let inner):
      var response = response(for: inner, format: format)
      response.delayMilliseconds += milliseconds
      return response
    case .fault(let fault):
      switch fault {
      case .close:
        return HTTPResponse(status: 200, fault: .closeWithoutResponse)
      case .malformedJSON:
        return HTTPResponse(
          status: 200, headers: HTTPHeaders([("Content-Type", format.contentType)]),
          body: Array("{\"set\": [{\"path\": \"/action\", \"value\": ".utf8))
      case .wrongContentType:
        return HTTPResponse(
          status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
          body: Array("{}".utf8))
      case .timeout:
        return HTTPResponse(
          status: 200, fault: .holdOpen(milliseconds: HookFault.timeoutHoldMilliseconds))
      }
    }
  }

  private func formatOfRegistration(_ id: String) -> WireFormat {
    lock.lock()
    defer { lock.unlock() }
    return registrations[id]?.format ?? .json
  }

  private func recordOutcome(_ id: String, failed: Bool, milliseconds: Double) {
    lock.lock()
    defer { lock.unlock() }
    guard var registration = registrations[id] else { return }
    registration.invocations += 1
    registration.lastInvocation = now()
    registration.totalResponseMilliseconds += milliseconds
    if failed {
      registration.errors += 1
      registration.consecutiveFailures += 1
    } else {
      registration.consecutiveFailures = 0
    }
    registrations[id] = registration
  }

  private func takeRateToken(_ id: String, limit: Int, at date: Date) -> Bool {
    let second = Int64(date.timeIntervalSince1970.rounded(.down))
    lock.lock()
    defer { lock.unlock() }
    var window = rateWindows[id] ?? (second, 0)
    if window.second != second { window = (second, 0) }
    window.count += 1
    rateWindows[id] = window
    return window.count <= limit
  }
}
