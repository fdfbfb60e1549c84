import Foundation
import HooksHTTP
import HooksProtocol
import HooksWire

/// The scanner channel of real runs: each scanner is reached over loopback HTTP through a
/// `ScannerClient` (discovery, registration, hook calls with retries), and each embedded
/// scanner is a `ScannerService` started on a free 127.0.0.1 port for the session.
///
/// Every exchange is recorded with its raw bytes; the `Authorization` value is redacted.
///
/// NOTE: registration always follows draft-01, where the MTA registers at the scanner. Under
/// the `draft-00` profile only the response rules change; the draft-00 callback registration
/// (the scanner registers at the MTA) is not implemented.
public final class HTTPScannerChannel: ScannerChannel, @unchecked Sendable {
  /// An embedded scanner ready to serve: its hook replier, its service settings and the
  /// `updateProperties` its discovery document announces.
  public struct EmbeddedScanner: Sendable {
    /// Produces the reply to each hook call.
    public var replier: HookReplier
    /// The service's discovery and registration settings.
    public var configuration: ScannerServiceConfiguration

    /// Creates an embedded scanner.
    public init(replier: @escaping HookReplier, configuration: ScannerServiceConfiguration) {
      self.replier = replier
      self.configuration = configuration
    }
  }

  /// Builds an embedded scanner from a scenario's rules (parsed JSON and the file path, or nil
  /// for inline rules) and the bearer token it must accept.
  public typealias EmbeddedFactory = @Sendable (
    _ scanner: ScannerSettings, _ rules: JSONValue, _ path: String?, _ token: String
  ) throws -> EmbeddedScanner

  private struct Connection {
    var client: ScannerClient
    var service: ScannerService?
  }

  private let lock = NSLock()
  private let serverName: String
  private let defaultSerialization: WireFormat
  private let makeEmbedded: EmbeddedFactory
  private let ids: IdentifierSource
  private let allowsRemotePlaintext: Bool
  private var connections: [String: Connection] = [:]
  private var nextRequestID = ""
  private var closingRecords: [ExchangeRecord] = []

  /// Creates a channel.
  ///
  /// - Parameters:
  ///   - serverName: the MTA name sent at registration.
  ///   - serialization: the body format when a scanner's settings do not choose one.
  ///   - ids: the source of registration tokens for embedded scanners.
  ///   - makeEmbedded: turns rules into an embedded scanner.
  ///   - allowsRemotePlaintext: whether plain HTTP may reach addresses other than loopback.
  public init(serverName: String, serialization: String, ids: IdentifierSource,
              allowsRemotePlaintext: Bool = false,
              makeEmbedded: @escaping EmbeddedFactory) {
    self.serverName = serverName
    self.allowsRemotePlaintext = allowsRemotePlaintext
    self.defaultSerialization = WireFormat(rawValue: serialization) ?? .json
    self.ids = ids
    self.makeEmbedded = makeEmbedded
  }

  /// The deregistration exchanges of `close()`.
  public var deregistrationExchanges: [ExchangeRecord] {
    lock.lock()
    defer { lock.unlock() }
    return closingRecords
  }

  public func register(_ scanner: ScannerSettings) -> ScannerSubscription {
    let format = scanner.serialization.flatMap(WireFormat.init(rawValue:)) ?? defaultSerialization
    let wanted = Set(scanner.stages ?? Stage.allCases.map(\.rawValue))
    let requested = Set(wanted.compactMap(Stage.init(rawValue:)))
    let token: String
    let discoveryURL: String
    var service: ScannerService?

    switch scanner.source {
    case .rules(let rules, let path):
      token = ids.next("tok")
      do {
        let embedded = try makeEmbedded(scanner, rules, path, token)
        let ids = ids
        let started = ScannerService(
          configuration: embedded.configuration, makeRegistrationID: { ids.next("reg_") },
          replier: embedded.replier)
        try started.start(serverConfiguration: HTTPServerConfiguration(host: "127.0.0.1", port: 0))
        guard let url = started.discoveryURL else {
          return failedSubscription(.registration("the embedded scanner did not start"), requested)
        }
        service = started
        discoveryURL = url
      } catch {
        return failedSubscription(.registration("\(error)"), requested)
      }
    case .external(let url, let secret):
      token = secret ?? ""
      discoveryURL = url.hasSuffix("/.well-known/mta-hooks")
        ? url : url.trimmingSuffix("/") + "/.well-known/mta-hooks"
    }

    // Discovery first, so that the registration requests only stages the scanner offers.
    let timeout = scanner.timeoutMilliseconds
    let http = HTTPClientConfiguration(
      connectTimeoutMilliseconds: min(2_000, timeout), readTimeoutMilliseconds: timeout,
      totalTimeoutMilliseconds: timeout, allowRemotePlaintext: allowsRemotePlaintext)
    let probe = ScannerClient(
      configuration: ScannerClientConfiguration(
        discoveryURL: discoveryURL, token: token, mtaName: serverName, http: http))
    let discovered = probe.discover()
    var records = discovered.exchanges.map(Self.record)
    let document: JSONValue
    let registrationURL: String
    switch discovered.document {
    case .failure(let cause):
      service?.stop(graceMilliseconds: 0)
      return ScannerSubscription(
        stages: requested, exchanges: records, failure: .registration("discovery: \(cause)"))
    case .success(let found):
      document = found
      guard let path = found["endpoints"]?["registration"]?.stringValue,
        let resolved = try? HTTPURL(parsing: discoveryURL).resolving(path)
      else {
        service?.stop(graceMilliseconds: 0)
        return ScannerSubscription(
          stages: requested, exchanges: records,
          failure: .registration("discovery document has no usable /endpoints/registration"))
      }
      registrationURL = "\(resolved)"
    }

    var updateProperties: [Direction: [String]] = [:]
    var actions: [Direction: [String]] = [:]
    var offered: [Direction: [String]] = [:]
    for direction in Direction.allCases {
      guard let capabilities = document["capabilities"]?[direction.rawValue] else { continue }
      let strings = { (key: String) in (capabilities[key]?.arrayValue ?? []).compactMap(\.stringValue) }
      offered[direction] = strings("stages").filter(wanted.contains)
      updateProperties[direction] = strings("updateProperties")
      actions[direction] = strings("actions")
    }
    func subscription(_ direction: Direction) -> ScannerClientConfiguration.Subscription? {
      guard let stages = offered[direction], !stages.isEmpty else { return nil }
      return .init(stages: stages, properties: scanner.properties)
    }
    let configuration = ScannerClientConfiguration(
      registrationURL: registrationURL, token: token, mtaName: serverName, serialization: format,
      inbound: subscription(.inbound), outbound: subscription(.outbound),
      failurePolicy: scanner.failurePolicy, http: http)
    let client = ScannerClient(
      configuration: configuration,
      makeRequestID: { [weak self] in self?.currentRequestID() ?? UUID().uuidString })
    let result = client.register()
    records += result.exchanges.map(Self.record)
    lock.lock()
    connections[scanner.name] = Connection(client: client, service: service)
    lock.unlock()

    guard let session = client.session else {
      var failure = ScannerCallFailure.registration("no session")
      if case .failure(let cause) = result.outcome { failure = .registration("\(cause.cause)") }
      return ScannerSubscription(
        stages: requested, serialization: format.rawValue, exchanges: records, failure: failure)
    }
    var stages = Set<Stage>()
    var properties: [Direction: [String]] = [:]
    for (key, names) in session.stages {
      stages.formUnion(names.compactMap(Stage.init(rawValue:)))
      if let direction = Direction(rawValue: key), let negotiated = session.properties[key] {
        properties[direction] = negotiated
      }
    }
    return ScannerSubscription(
      stages: stages, properties: properties, updateProperties: updateProperties,
      actions: actions, serialization: session.format.rawValue, exchanges: records)
  }

  public func call(_ scanner: ScannerSettings, stage: Stage, request: JSONValue,
                   requestID: String) -> ScannerCall {
    lock.lock()
    let connection = connections[scanner.name]
    nextRequestID = requestID
    lock.unlock()
    guard let connection else {
      return ScannerCall(
        status: nil, body: nil, failure: .registration("scanner \"\(scanner.name)\" is not registered"),
        exchanges: [], milliseconds: 0)
    }
    let started = Date()
    let result = connection.client.callHook(request, stage: stage.rawValue)
    let milliseconds = Date().timeIntervalSince(started) * 1000
    let records = result.exchanges.map(Self.record)
    let status = result.exchanges.last?.http.response?.status
    let failed: Bool
    if case .failure = result.outcome { failed = true } else { failed = false }
    guard failed || result.exchanges.contains(where: { $0.purpose == .hook }) else {
      // The client sends nothing for a stage outside the negotiated ones. Reporting that as
      // an empty response would hide a scanner that was never called.
      return ScannerCall(
        status: nil, body: nil,
        failure: .registration(
          "scanner \"\(scanner.name)\" was not called at \(stage.rawValue): the stage is not "
            + "among the negotiated stages"),
        exchanges: records, milliseconds: milliseconds)
    }
    switch result.outcome {
    case .success(.noChange):
      return ScannerCall(status: status, body: nil, failure: nil, exchanges: records,
                         milliseconds: milliseconds)
    case .success(.body(let body)):
      return ScannerCall(status: status, body: body, failure: nil, exchanges: records,
                         milliseconds: milliseconds)
    case .failure(let failure):
      return ScannerCall(status: status, body: nil, failure: Self.failure(failure.cause),
                         exchanges: records, milliseconds: milliseconds)
    }
  }

  public func close() {
    lock.lock()
    let open = connections
    connections = [:]
    lock.unlock()
    var records: [ExchangeRecord] = []
    for (_, connection) in open.sorted(by: { $0.key < $1.key }) {
      records += connection.client.deregister().exchanges.map(Self.record)
      connection.service?.stop(graceMilliseconds: 200)
    }
    lock.lock()
    closingRecords += records
    lock.unlock()
  }

  private func currentRequestID() -> String {
    lock.lock()
    defer { lock.unlock() }
    return nextRequestID
  }

  /// Returns a failed registration that still covers the requested stages, so that each of them applies
  /// the scanner's failure policy.
  private func failedSubscription(_ failure: ScannerCallFailure, _ stages: Set<Stage>)
    -> ScannerSubscription
  {
    ScannerSubscription(stages: stages, failure: failure)
  }

  static func failure(_ cause: ScannerFailureCause) -> ScannerCallFailure {
    switch cause {
    // The description adds the scanner's error code and message to the status line, so the
    // failure keeps the cause the scanner gave, as RuleScannerChannel's failures do.
    case .status(let code, _, _): return .status(code, "\(cause)")
    case .timeout(let message): return .timeout(message)
    case .connection(let message): return .transport(message)
    case .parse(let message): return .invalidBody(message)
    case .wrongContentType: return .invalidBody("\(cause)")
    case .configuration(let message): return .registration(message)
    }
  }

  /// Turns a client exchange into a record, splitting each raw message into head and body.
  static func record(_ exchange: ScannerExchange) -> ExchangeRecord {
    let http = exchange.http
    let (requestHead, requestBody) = splitMessage(http.rawRequest)
    let (responseHead, responseBody) = splitMessage(http.rawResponse)
    return ExchangeRecord(
      purpose: exchange.purpose.rawValue, method: http.request.method,
      url: http.url.map { "\($0)" } ?? http.request.target, requestHead: requestHead,
      requestBody: requestBody, status: http.response?.status, responseHead: responseHead,
      responseBody: responseBody, milliseconds: http.totalMilliseconds,
      error: http.error.map { "\($0)" })
  }

  /// Splits raw HTTP bytes at the first empty line into the head text and the body bytes.
  static func splitMessage(_ bytes: [UInt8]) -> (String, [UInt8]) {
    let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
    guard bytes.count >= 4 else { return (String(decoding: bytes, as: UTF8.self), []) }
    for index in 0...(bytes.count - 4) where Array(bytes[index..<index + 4]) == separator {
      return (String(decoding: bytes[..<index], as: UTF8.self), Array(bytes[(index + 4)...]))
    }
    return (String(decoding: bytes, as: UTF8.self), [])
  }
}

extension String {
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
  }
}
