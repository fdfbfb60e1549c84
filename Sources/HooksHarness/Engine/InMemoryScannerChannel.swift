import Foundation
import HooksProtocol
import HooksWire

/// A scanner channel that calls Swift closures in place of HTTP scanners, for the stage
/// machine's own tests and for previews that must not open sockets.
///
/// Each call is still recorded as an exchange (with a `memory://` URL and the serialized JSON
/// body), so snapshots and transcripts look the same as with real scanners.
public final class InMemoryScannerChannel: ScannerChannel, @unchecked Sendable {
  /// The reply of an in-memory scanner.
  public enum Reply: Sendable {
    /// 204 No Content.
    case noChange
    /// 200 with this JSON body.
    case body(JSONValue)
    /// A failure, as a broken scanner would produce.
    case failure(ScannerCallFailure)
  }

  /// Decides one reply from the scanner's name, the stage and the request.
  public typealias Responder = @Sendable (_ scanner: String, _ stage: Stage, _ request: JSONValue)
    -> Reply

  /// One request the channel received.
  public struct Received: Sendable {
    /// The scanner's name.
    public var scanner: String
    /// The stage.
    public var stage: Stage
    /// The request body.
    public var request: JSONValue
  }

  private let lock = NSLock()
  private let responder: Responder
  private let subscriptions: [String: Set<Stage>]
  private let milliseconds: Double
  private var received: [Received] = []
  private var registrations: [String] = []

  /// Creates a channel.
  ///
  /// - Parameters:
  ///   - subscriptions: the stages each scanner registers for; a scanner not listed gets
  ///     every stage.
  ///   - milliseconds: the duration recorded for every call, so that a screen shows a
  ///     latency that is the same on every run.
  ///   - responder: the scanners' behaviour.
  public init(
    subscriptions: [String: Set<Stage>] = [:], milliseconds: Double = 0,
    responder: @escaping Responder
  ) {
    self.subscriptions = subscriptions
    self.milliseconds = milliseconds
    self.responder = responder
  }

  /// Every hook request received, in order.
  public var requests: [Received] {
    lock.lock()
    defer { lock.unlock() }
    return received
  }

  /// The names of the scanners registered, in order; each appears once per session.
  public var registeredScanners: [String] {
    lock.lock()
    defer { lock.unlock() }
    return registrations
  }

  public func register(_ scanner: ScannerSettings) -> ScannerSubscription {
    lock.lock()
    registrations.append(scanner.name)
    lock.unlock()
    let stages = subscriptions[scanner.name] ?? Set(Stage.allCases)
    return ScannerSubscription(
      stages: stages.intersection(scanner.stages.map { Set($0.compactMap(Stage.init)) } ?? stages),
      properties: scanner.properties.map { [.inbound: $0, .outbound: $0] } ?? [:],
      serialization: "json")
  }

  public func call(_ scanner: ScannerSettings, stage: Stage, request: JSONValue,
                   requestID: String) -> ScannerCall {
    lock.lock()
    received.append(Received(scanner: scanner.name, stage: stage, request: request))
    lock.unlock()

    let requestBody = JSONSerializer.bytes(request)
    let url = "memory://\(scanner.name)/hooks/\(stage)"
    let head = "POST \(url) HTTP/1.1\r\nContent-Type: application/json\r\n"
      + "X-MTA-Hooks-Request-Id: \(requestID)"
    func record(status: Int?, body: [UInt8], error: String? = nil) -> ExchangeRecord {
      let reason = status == 204 ? "No Content" : "OK"
      let responseHead = status.map { "HTTP/1.1 \($0) \(reason)" } ?? ""
      return ExchangeRecord(
        purpose: "hook", method: "POST", url: url, requestHead: head, requestBody: requestBody,
        status: status, responseHead: responseHead, responseBody: body,
        milliseconds: milliseconds, error: error)
    }

    switch responder(scanner.name, stage, request) {
    case .noChange:
      return ScannerCall(
        status: 204, body: nil, failure: nil, exchanges: [record(status: 204, body: [])],
        milliseconds: milliseconds)
    case .body(let body):
      return ScannerCall(
        status: 200, body: body, failure: nil,
        exchanges: [record(status: 200, body: JSONSerializer.bytes(body))],
        milliseconds: milliseconds)
    case .failure(let failure):
      var status: Int?
      if case .status(let code, _) = failure { status = code }
      return ScannerCall(
        status: status, body: nil, failure: failure,
        exchanges: [record(status: status, body: [], error: "\(failure)")],
        milliseconds: milliseconds)
    }
  }

  public func close() {}
}
