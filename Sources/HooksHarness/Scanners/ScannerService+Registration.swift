import Foundation
import HooksHTTP
import HooksWire

extension ScannerService {
  /// The discovery document (`GET /.well-known/mta-hooks`), unauthenticated by design.
  public var discoveryDocument: JSONValue {
    let prefix = configuration.pathPrefix
    return [
      "version": "1.0",
      "endpoints": [
        "registration": .string(prefix + "/register"),
        "deregistration": .string(prefix + "/register/{registration_id}"),
      ],
      "serialization": .array(configuration.serializations.map { .string($0.rawValue) }),
      "capabilities": [
        "inbound": configuration.inbound?.json ?? .null,
        "outbound": configuration.outbound?.json ?? .null,
      ],
      "limits": [
        "maxMessageSize": .integer(configuration.maxMessageSize),
        "maxRegistrations": .integer(configuration.maxRegistrations),
        "timeoutMs": .integer(configuration.timeoutMilliseconds),
      ],
      "extensions": .null,
    ]
  }

  func discoveryResponse(_ request: HTTPRequest) -> HTTPResponse {
    jsonResponse(status: 200, discoveryDocument, format: acceptedFormat(request))
  }

  // MARK: - Registration

  func registrationResponse(_ request: HTTPRequest) -> HTTPResponse {
    if let failure = authenticationFailure(request) { return failure.response() }
    let format: WireFormat
    switch bodyFormat(request) {
    case .success(let found): format = found
    case .failure(let error): return error.response()
    }
    let body: JSONValue
    do {
      body = try format.decode(request.body)
    } catch {
      return ScannerError.invalidRequest(
        "registration body is not valid \(format.rawValue): \(error)"
      )
      .response(format: format)
    }
    switch register(body) {
    case .success(let registration):
      let prefix = configuration.pathPrefix
      log.info(
        "registered \(registration.id) for MTA \"\(registration.name)\" "
          + "(\(registration.format.rawValue))"
      )
      return jsonResponse(
        status: 201, registrationDocument(registration), format: format,
        headers: [("Location", prefix + "/register/" + registration.id)])
    case .failure(let error):
      log.warning("registration rejected: \(error)")
      return error.response(format: format)
    }
  }

  /// Validates a registration request and stores the new registration.
  func register(_ body: JSONValue) -> Result<ScannerRegistration, ScannerError> {
    guard case .object(let object) = body else {
      return .failure(.invalidRequest("registration body must be an object, not \(body.typeName)"))
    }
    guard let name = object["name"]?.stringValue, !name.isEmpty else {
      return .failure(.invalidRequest("/name: missing or not a non-empty string"))
    }
    guard let formatName = object["serialization"]?.stringValue else {
      return .failure(.invalidRequest("/serialization: missing or not a string"))
    }
    guard let format = WireFormat(rawValue: formatName),
      configuration.serializations.contains(format)
    else {
      let offered = configuration.serializations.map(\.rawValue).joined(separator: ", ")
      return .failure(
        ScannerError(
          status: 400, code: "CAPABILITY_MISMATCH",
          message: "/serialization: \"\(formatName)\" is not offered; use one of: \(offered)"))
    }
    let inbound: ScannerRegistration.Subscription?
    let outbound: ScannerRegistration.Subscription?
    do {
      inbound = try subscription(object["inbound"], direction: "inbound")
      outbound = try subscription(object["outbound"], direction: "outbound")
    } catch let error as ScannerError {
      return .failure(error)
    } catch {
      return .failure(.invalidRequest("\(error)"))
    }
    guard inbound != nil || outbound != nil else {
      return .failure(
        ScannerError(
          status: 400, code: "NO_STAGES_REQUESTED",
          message: "neither /inbound nor /outbound subscribes to a stage"))
    }
    // NOTE: only the filter's type is checked. Its conditions are the MTA's to apply, so
    // UNSUPPORTED_FILTER is never returned.
    if let filter = object["filter"], !filter.isNull, filter.objectValue == nil {
      return .failure(
        ScannerError(
          status: 400, code: "FILTER_INVALID", message: "/filter must be an object or null"))
    }
    let current = now()
    var expiresAt = configuration.registrationLifetime.map { current.addingTimeInterval($0) }
    if let requested = object["expiresAt"], !requested.isNull {
      guard let text = requested.stringValue, let date = Timestamp.parse(text) else {
        return .failure(.invalidRequest("/expiresAt: not an RFC 3339 date-time"))
      }
      let chosen = max(date, current)
      expiresAt = expiresAt.map { min($0, chosen) } ?? chosen
    }

    lock.lock()
    defer { lock.unlock() }
    let active = registrations.values.filter { isAccepting($0, at: current) && $0.endedAt == nil }
    if active.count >= configuration.maxRegistrations {
      return .failure(
        ScannerError(
          status: 409, code: "REGISTRATION_LIMIT_REACHED",
          message: "\(active.count) registrations are active, the maximum; deregister one first"))
    }
    // A renewal by the same MTA replaces the old registration, which stays usable for the
    // grace period so that calls already in flight still succeed.
    for old in active where old.name == name {
      registrations[old.id]?.endedAt = current
    }
    var id = makeRegistrationID()
    while registrations[id] != nil { id = makeRegistrationID() }
    let registration = ScannerRegistration(
      id: id, name: name, format: format, inbound: inbound, outbound: outbound,
      createdAt: current, expiresAt: expiresAt)
    registrations[id] = registration
    return .success(registration)
  }

  private func subscription(
    _ value: JSONValue?, direction: String
  ) throws -> ScannerRegistration.Subscription? {
    guard let value, !value.isNull else { return nil }
    guard case .object(let object) = value else {
      throw ScannerError.invalidRequest("/\(direction) must be an object or null")
    }
    guard let capabilities = configuration.capabilities(for: direction) else {
      throw ScannerError(
        status: 400, code: "CAPABILITY_MISMATCH",
        message: "/\(direction): this scanner handles no \(direction) stage")
    }
    guard let stageValues = object["stages"]?.arrayValue, !stageValues.isEmpty else {
      throw ScannerError.invalidRequest("/\(direction)/stages: missing or empty")
    }
    var stages: [String] = []
    for (index, item) in stageValues.enumerated() {
      guard let stage = item.stringValue, capabilities.stages.contains(stage) else {
        let supported = capabilities.stages.joined(separator: ", ")
        throw ScannerError(
          status: 400, code: "INVALID_STAGE",
          message: "/\(direction)/stages/\(index): \(item.compactJSON) is not a supported "
            + "\(direction) stage; use one of: \(supported)")
      }
      stages.append(stage)
    }
    guard let propertyValue = object["properties"], !propertyValue.isNull else {
      return ScannerRegistration.Subscription(
        stages: stages, properties: capabilities.fetchProperties)
    }
    guard let items = propertyValue.arrayValue else {
      throw ScannerError.invalidRequest("/\(direction)/properties must be an array or null")
    }
    var properties: [String] = []
    for (index, item) in items.enumerated() {
      guard let pointer = item.stringValue, pointer.hasPrefix("/") else {
        throw ScannerError.invalidRequest(
          "/\(direction)/properties/\(index): \(item.compactJSON) is not a JSON Pointer")
      }
      guard capabilities.canFetch(pointer) else {
        throw ScannerError(
          status: 422, code: "UNSUPPORTED_PROPERTY",
          message: "/\(direction)/properties/\(index): \(pointer) is not among the "
            + "fetchProperties of discovery")
      }
      properties.append(pointer)
    }
    return ScannerRegistration.Subscription(stages: stages, properties: properties)
  }

  func registrationDocument(_ registration: ScannerRegistration) -> JSONValue {
    let prefix = configuration.pathPrefix
    return [
      "registrationId": .string(registration.id),
      "status": .string(registration.state.rawValue),
      "createdAt": .string(Timestamp.format(registration.createdAt)),
      "expiresAt": registration.expiresAt.map { .string(Timestamp.format($0)) } ?? .null,
      "hookEndpoint": .string(prefix + "/invoke/" + registration.id),
      "negotiated": registration.negotiatedJSON(),
      "endpoints": [
        "deregistration": .string(prefix + "/register/" + registration.id),
        "status": .string(prefix + "/register/" + registration.id + "/status"),
      ],
    ]
  }

  // MARK: - Status and deregistration

  func statusResponse(_ request: HTTPRequest, id: String) -> HTTPResponse {
    if let failure = authenticationFailure(request) { return failure.response() }
    lock.lock()
    let stored = registrations[id]
    lock.unlock()
    guard let registration = stored else { return ScannerError.notFound(id).response() }
    let counts = { (total: Int) -> JSONValue in
      // NOTE: the service keeps only totals, so every window reports the total.
      [
        "total": .integer(total), "last24h": .integer(total), "last7d": .integer(total),
        "last30d": .integer(total),
      ]
    }
    let average =
      registration.invocations == 0
      ? 0 : registration.totalResponseMilliseconds / Double(registration.invocations)
    let health: String =
      registration.consecutiveFailures == 0
      ? "healthy" : registration.consecutiveFailures < 3 ? "degraded" : "unhealthy"
    let body: JSONValue = [
      "registrationId": .string(registration.id),
      "status": .string(registration.state.rawValue),
      "createdAt": .string(Timestamp.format(registration.createdAt)),
      "expiresAt": registration.expiresAt.map { .string(Timestamp.format($0)) } ?? .null,
      "lastInvocation": registration.lastInvocation.map { .string(Timestamp.format($0)) } ?? .null,
      "statistics": [
        "invocations": counts(registration.invocations),
        "errors": counts(registration.errors),
        "averageResponseMs": .double((average * 10).rounded() / 10),
      ],
      "health": [
        "status": .string(health),
        "lastCheck": .string(Timestamp.format(now())),
        "consecutiveFailures": .integer(registration.consecutiveFailures),
      ],
    ]
    return jsonResponse(status: 200, body, format: acceptedFormat(request))
  }

  func deregistrationResponse(_ request: HTTPRequest, id: String) -> HTTPResponse {
    if let failure = authenticationFailure(request) { return failure.response() }
    let current = now()
    lock.lock()
    guard var registration = registrations[id] else {
      lock.unlock()
      return ScannerError.notFound(id).response()
    }
    if registration.state == .deregistered {
      lock.unlock()
      return ScannerError(
        status: 410, code: "REGISTRATION_DEREGISTERED",
        message: "registration \"\(id)\" is already deregistered"
      ).response()
    }
    registration.state = .deregistered
    registration.endedAt = min(registration.endedAt ?? current, current)
    registrations[id] = registration
    lock.unlock()
    log.info("deregistered \(id)")
    return jsonResponse(
      status: 200,
      [
        "registrationId": .string(id), "status": "deregistered",
        "deregisteredAt": .string(Timestamp.format(current)),
      ], format: acceptedFormat(request))
  }

  /// Whether hook calls under `registration` are accepted at `date`: before its closing date
  /// plus the grace period.
  func isAccepting(_ registration: ScannerRegistration, at date: Date) -> Bool {
    guard let closing = registration.closingDate() else { return true }
    return date < closing.addingTimeInterval(configuration.gracePeriod)
  }
}
