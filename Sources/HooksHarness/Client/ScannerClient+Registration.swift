import Foundation
import HooksHTTP
import HooksWire

extension ScannerClient {
  /// Fetches the discovery document. It is sent without credentials, as the draft allows.
  public func discover() -> (
    document: Result<JSONValue, ScannerFailureCause>, exchanges: [ScannerExchange]
  ) {
    guard let text = configuration.discoveryURL else {
      return (
        .failure(
          .configuration("no discovery URL; give the scanner's discovery or registration URL")), []
      )
    }
    let url: HTTPURL
    do {
      url = try HTTPURL(parsing: text)
    } catch {
      return (.failure(Self.cause(of: error)), [])
    }
    let request = HTTPRequest(
      method: "GET", target: url.target, headers: HTTPHeaders([("Accept", "application/json")]))
    var exchanges: [ScannerExchange] = []
    let exchange = sendWithRetry(
      request, to: url, purpose: .discovery, registrationID: nil, into: &exchanges)
    return (Self.documentBody(exchange, expecting: [200], format: .json), exchanges)
  }

  /// Registers with the scanner, after discovery when no registration URL is configured,
  /// and stores the session for later hook calls.
  public func register() -> ScannerCallResult {
    var exchanges: [ScannerExchange] = []
    switch registerSession(&exchanges) {
    case .success(let session):
      storeSession(session)
      return ScannerCallResult(outcome: .success(.noChange), exchanges: exchanges, requestID: nil)
    case .failure(let cause):
      return ScannerCallResult(outcome: fail(cause), exchanges: exchanges, requestID: nil)
    }
  }

  /// Deregisters the current session. 200, 204, 404 and 410 all count as success, because
  /// afterwards the registration is gone either way.
  public func deregister() -> ScannerCallResult {
    guard let session, let url = session.deregistrationURL else {
      return ScannerCallResult(outcome: .success(.noChange), exchanges: [], requestID: nil)
    }
    let request = HTTPRequest(
      method: "DELETE", target: url.target,
      headers: HTTPHeaders([
        ("Authorization", "Bearer \(configuration.token)"),
        ("X-MTA-Hooks-Registration", session.registrationID),
      ]))
    var exchanges: [ScannerExchange] = []
    let exchange = sendWithRetry(
      request, to: url, purpose: .deregistration, registrationID: session.registrationID,
      into: &exchanges)
    invalidateSession()
    if let status = exchange.response?.status, [200, 204, 404, 410].contains(status) {
      return ScannerCallResult(outcome: .success(.noChange), exchanges: exchanges, requestID: nil)
    }
    let cause =
      exchange.response.map(Self.statusCause) ?? exchange.error.map(Self.cause(of:))
      ?? .connection("no response")
    return ScannerCallResult(outcome: fail(cause), exchanges: exchanges, requestID: nil)
  }

  // MARK: - Steps

  private func registerSession(
    _ exchanges: inout [ScannerExchange]
  ) -> Result<ScannerSession, ScannerFailureCause> {
    let registrationURL: HTTPURL
    switch findRegistrationURL(&exchanges) {
    case .success(let url): registrationURL = url
    case .failure(let cause): return .failure(cause)
    }
    let format = configuration.serialization
    let request = HTTPRequest(
      method: "POST", target: registrationURL.target,
      headers: HTTPHeaders([
        ("Content-Type", format.contentType),
        ("Accept", format.contentType),
        ("Authorization", "Bearer \(configuration.token)"),
      ]),
      body: format.encode(registrationBody()))
    let exchange = sendWithRetry(
      request, to: registrationURL, purpose: .registration, registrationID: nil, into: &exchanges)
    switch Self.documentBody(exchange, expecting: [200, 201], format: format) {
    case .success(let document):
      return Self.session(
        from: document, registrationURL: registrationURL,
        requested: (configuration.inbound, configuration.outbound))
    case .failure(let cause): return .failure(cause)
    }
  }

  private func findRegistrationURL(
    _ exchanges: inout [ScannerExchange]
  ) -> Result<HTTPURL, ScannerFailureCause> {
    if let text = configuration.registrationURL {
      do { return .success(try HTTPURL(parsing: text)) } catch {
        return .failure(Self.cause(of: error))
      }
    }
    let discovered = discover()
    exchanges += discovered.exchanges
    let document: JSONValue
    switch discovered.document {
    case .success(let found): document = found
    case .failure(let cause): return .failure(cause)
    }
    guard let path = document["endpoints"]?["registration"]?.stringValue else {
      return .failure(.parse("discovery document has no /endpoints/registration string"))
    }
    let offered = document["serialization"]?.arrayValue?.compactMap(\.stringValue) ?? ["json"]
    guard offered.contains(configuration.serialization.rawValue) else {
      return .failure(
        .configuration(
          "the scanner offers \(offered.joined(separator: ", ")) but "
            + "\(configuration.serialization.rawValue) "
            + "was requested; choose an offered serialization"))
    }
    do {
      // The discovery URL parsed before the request was sent, so it parses here too.
      let base = try HTTPURL(parsing: configuration.discoveryURL ?? "")
      return .success(try base.resolving(path))
    } catch {
      return .failure(Self.cause(of: error))
    }
  }

  private func registrationBody() -> JSONValue {
    func subscription(_ value: ScannerClientConfiguration.Subscription?) -> JSONValue {
      guard let value else { return .null }
      return [
        "stages": .array(value.stages.map(JSONValue.string)),
        "properties": value.properties.map { .array($0.map(JSONValue.string)) } ?? .null,
      ]
    }
    // `version` is an optional string in the draft's registration request, so an unknown
    // version is left out rather than sent as null.
    var body = JSONObject([("name", .string(configuration.mtaName))])
    if let version = configuration.mtaVersion { body["version"] = .string(version) }
    body["timeoutMs"] = .integer(configuration.http.totalTimeoutMilliseconds)
    body["serialization"] = .string(configuration.serialization.rawValue)
    body["inbound"] = subscription(configuration.inbound)
    body["outbound"] = subscription(configuration.outbound)
    return .object(body)
  }

  /// Builds the session from a registration response (draft-01 §4.2).
  ///
  /// - Parameter requested: the subscriptions the registration request asked for, which
  ///   stand in for a negotiated direction whose `stages` or `properties` is null or missing.
  static func session(
    from document: JSONValue, registrationURL: HTTPURL,
    requested: (inbound: ScannerClientConfiguration.Subscription?,
                outbound: ScannerClientConfiguration.Subscription?)
  ) -> Result<ScannerSession, ScannerFailureCause> {
    guard let id = document["registrationId"]?.stringValue, !id.isEmpty else {
      return .failure(.parse("registration response has no /registrationId string"))
    }
    guard let hookEndpoint = document["hookEndpoint"]?.stringValue else {
      return .failure(.parse("registration response has no /hookEndpoint string"))
    }
    guard let formatName = document["negotiated"]?["serialization"]?.stringValue,
      let format = WireFormat(rawValue: formatName)
    else {
      return .failure(.parse("registration response has no valid /negotiated/serialization"))
    }
    var stages: [String: [String]] = [:]
    var properties: [String: [String]] = [:]
    for direction in ["inbound", "outbound"] {
      guard let negotiated = document["negotiated"]?[direction], !negotiated.isNull else {
        continue
      }
      let requested = direction == "inbound" ? requested.inbound : requested.outbound
      // Scanners that echo the request send `"stages": null` or `"properties": null`
      // back. Both are read as "what was requested": null stages become the requested
      // stages, and null properties stay absent here, which sends every property when the
      // request asked for all of them.
      if let names = negotiated["stages"]?.arrayValue {
        stages[direction] = names.compactMap(\.stringValue)
      } else {
        stages[direction] = requested?.stages ?? []
      }
      if let names = negotiated["properties"]?.arrayValue {
        properties[direction] = names.compactMap(\.stringValue)
      } else if let names = requested?.properties {
        properties[direction] = names
      }
    }
    guard stages.values.contains(where: { !$0.isEmpty }) else {
      return .failure(
        .parse(
          "the registration response negotiated no stages; the scanner must list at least "
            + "one requested stage in /negotiated/inbound/stages or /negotiated/outbound/stages"))
    }
    do {
      let hookURL = try registrationURL.resolving(hookEndpoint)
      let statusURL = try document["endpoints"]?["status"]?.stringValue.map(
        registrationURL.resolving)
      let deregistrationURL = try document["endpoints"]?["deregistration"]?.stringValue
        .map(registrationURL.resolving)
      return .success(
        ScannerSession(
          registrationID: id, hookURL: hookURL, statusURL: statusURL,
          deregistrationURL: deregistrationURL, format: format, stages: stages,
          properties: properties, expiresAt: document["expiresAt"]?.stringValue))
    } catch {
      return .failure(cause(of: error))
    }
  }

  /// Sends a request, retrying on connection errors, 429 and 5xx as the retry policy specifies.
  func sendWithRetry(
    _ request: HTTPRequest, to url: HTTPURL, purpose: ScannerExchange.Purpose,
    registrationID: String?, into exchanges: inout [ScannerExchange]
  ) -> HTTPExchange {
    var attempt = 1
    while true {
      let exchange = http.send(request, to: url)
      exchanges.append(
        ScannerExchange(
          purpose: purpose, attempt: attempt, registrationID: registrationID, requestID: nil,
          http: exchange))
      guard shouldRetry(exchange), attempt < configuration.retry.maxAttempts else {
        return exchange
      }
      sleep(retryDelay(after: attempt, exchange: exchange))
      attempt += 1
    }
  }

  /// The decoded body of a document response with one of the `expecting` statuses.
  static func documentBody(
    _ exchange: HTTPExchange, expecting statuses: [Int], format: WireFormat
  ) -> Result<JSONValue, ScannerFailureCause> {
    let response: HTTPResponse
    switch exchange.result {
    case .success(let received): response = received
    case .failure(let error): return .failure(cause(of: error))
    }
    guard statuses.contains(response.status) else { return .failure(statusCause(response)) }
    let received = response.headers["Content-Type"]
    guard let bodyFormat = WireFormat.matching(contentType: received) else {
      return .failure(.wrongContentType(expected: format.contentType, received: received))
    }
    do {
      return .success(try bodyFormat.decode(response.body))
    } catch {
      return .failure(.parse("\(bodyFormat.rawValue) body of \(response.statusLine): \(error)"))
    }
  }
}
