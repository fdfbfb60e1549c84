import Foundation

/// The `hookbench smtp` server: an SMTP listener on loopback whose every connection runs
/// through a scenario's scanner chain, saving one transcript per mail transaction.
public final class SMTPScenarioServer: @unchecked Sendable {
  /// The scenario whose settings and scanners each connection uses.
  public let scenario: Scenario

  /// The directory that receives the transcripts.
  public let transcriptDirectory: String

  private let listener: SMTPListener
  private let log: @Sendable (String) -> Void
  private let lock = NSLock()
  private var transactionCount = 0

  /// Creates a server; call `start(host:port:)` to listen.
  ///
  /// - Parameter log: receives one line per connection, transaction and error.
  public init(scenario: Scenario, transcriptDirectory: String,
              log: @escaping @Sendable (String) -> Void) {
    self.scenario = scenario
    self.transcriptDirectory = transcriptDirectory
    self.log = log
    let holder = HandlerFactoryHolder()
    listener = SMTPListener(hostname: scenario.server.name) { ip, port in
      holder.make(ip, port)
    }
    holder.server = self
  }

  /// The bound port.
  public var port: Int { listener.port }

  /// Binds a loopback address and starts accepting connections.
  public func start(host: String, port: Int) throws {
    try listener.start(host: host, port: port)
  }

  /// Stops accepting connections.
  public func stop() {
    listener.stop()
  }

  fileprivate func makeHandler(peerIP: String, peerPort: Int) -> SMTPSessionHandler {
    log("== connection from \(peerIP):\(peerPort)")
    var connectionScenario = scenario
    connectionScenario.client.ip = peerIP
    connectionScenario.client.port = peerPort
    connectionScenario.client.ptr = nil
    let ids = RandomIdentifiers()
    let channel = HTTPScannerChannel(
      serverName: scenario.server.name, serialization: scenario.serialization, ids: ids,
      allowsRemotePlaintext: scenario.allowsRemotePlaintext,
      makeEmbedded: HTTPScannerChannel.ruleScanners)
    return ScenarioSMTPHandler(
      scenario: connectionScenario, channel: channel, clock: SystemClock(), ids: ids
    ) { [weak self] transcript, outcome in
      self?.save(transcript, outcome: outcome, peer: "\(peerIP):\(peerPort)")
    }
  }

  private func save(_ transcript: Transcript, outcome: RunOutcome, peer: String) {
    lock.lock()
    transactionCount += 1
    let number = transactionCount
    lock.unlock()
    let digits = String(number)
    let name = "transaction-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
      + Transcript.fileExtension
    let path = (transcriptDirectory as NSString).appendingPathComponent(name)
    do {
      try transcript.write(to: path)
      log("== transaction \(number) from \(peer): \(outcome.summary); transcript \(path)")
    } catch {
      log("** transaction \(number) from \(peer): \(outcome.summary); cannot save the "
        + "transcript: \(error)")
    }
  }
}

/// Lets the listener's factory reach the server, which is created after the listener.
private final class HandlerFactoryHolder: @unchecked Sendable {
  weak var server: SMTPScenarioServer?

  func make(_ ip: String, _ port: Int) -> SMTPSessionHandler {
    guard let server else { return ShutdownHandler() }
    return server.makeHandler(peerIP: ip, peerPort: port)
  }
}

/// Replies 421 to everything, for connections that arrive while the server shuts down.
private final class ShutdownHandler: SMTPSessionHandler {
  private let reply = SMTPDecision(
    reply: SMTPReply(421, "4.3.2", "Service shutting down"), closesConnection: true)

  func connected(proposed: SMTPReply) -> SMTPDecision { reply }
  func hello(domain: String, extended: Bool, proposed: SMTPReply) -> SMTPDecision { reply }
  func mail(address: String?, parameters: [SMTPParameter], proposed: SMTPReply) -> SMTPDecision {
    reply
  }
  func recipient(address: String, parameters: [SMTPParameter], proposed: SMTPReply)
    -> SMTPDecision
  { reply }
  func message(_ bytes: [UInt8], proposed: SMTPReply) -> SMTPDecision { reply }
  func reset() {}
  func closed() {}
}
