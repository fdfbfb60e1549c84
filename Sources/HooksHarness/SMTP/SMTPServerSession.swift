/// The server side of one SMTP session (RFC 5321) as a pure state machine: bytes from the
/// client go in, reply bytes come out, and a `SMTPSessionHandler` decides each stage.
///
/// It implements EHLO/HELO, MAIL, RCPT, DATA with dot-stuffing, RSET, NOOP, VRFY, HELP and QUIT,
/// and the `PIPELINING`, `8BITMIME`, `SMTPUTF8` (RFC 6531), `SIZE` (RFC 1870) and
/// `ENHANCEDSTATUSCODES` extensions. It does no I/O, so tests drive it with plain byte arrays.
public final class SMTPServerSession {
  private enum Phase {
    /// The greeting was refused with 554: only QUIT is accepted (RFC 5321 §3.1).
    case refused
    case awaitingHello
    case ready
    case mailGiven
    case receivingData
    case closed
  }

  /// The maximum length of a command line in bytes, CRLF included. RFC 5321 §4.5.3.1.4 sets
  /// 512; extensions may lengthen it, so HookBench accepts up to 4096.
  public static let maxCommandLength = 4096

  /// The reply to a command line longer than `maxCommandLength`, which is not executed
  /// (RFC 5321 §4.5.3.1.10).
  static let lineTooLong = SMTPReply(500, "5.5.2", "Line too long")

  /// The longest unrecognized verb that a reply repeats, in characters.
  static let maxEchoedVerbLength = 32

  /// The server's host name, used in the greeting and the EHLO reply.
  public let hostname: String

  /// The largest message accepted, in bytes, announced with the `SIZE` extension.
  public let maxMessageSize: Int

  /// Whether the session has ended; the listener closes the socket once the output is sent.
  public var isClosed: Bool { phase == .closed }

  private let handler: SMTPSessionHandler
  private var phase: Phase = .awaitingHello
  private var pending: [UInt8] = []
  private var discardingLongLine = false
  private var recipientCount = 0
  private var usesSMTPUTF8 = false
  private var message: [UInt8] = []
  private var messageTooLarge = false

  /// Creates a session; call `start()` to get the greeting.
  public init(hostname: String, maxMessageSize: Int = 10 * 1024 * 1024,
              handler: SMTPSessionHandler) {
    self.hostname = hostname
    self.maxMessageSize = maxMessageSize
    self.handler = handler
  }

  /// Returns the greeting bytes; a greeting with `closesConnection` ends the session at once.
  public func start() -> [UInt8] {
    let proposed = SMTPReply(220, nil, "\(hostname) ESMTP HookBench")
    let decision = handler.connected(proposed: proposed)
    if decision.closesConnection {
      phase = .closed
    } else if !decision.reply.isPositive {
      phase = .refused
    }
    return Array(decision.reply.wireText.utf8)
  }

  /// Feeds bytes from the client and returns the bytes to send back, possibly none.
  ///
  /// Pipelined commands in one call get their replies in order. After the session closes, further
  /// input is ignored.
  public func receive(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    pending.append(contentsOf: bytes)
    while phase != .closed, let newline = pending.firstIndex(of: 0x0A) {
      var line = Array(pending[..<newline])
      pending.removeSubrange(...newline)
      if line.last == 0x0D { line.removeLast() }
      if discardingLongLine {
        discardingLongLine = false
        continue
      }
      if phase != .receivingData && line.count + 2 > Self.maxCommandLength {
        output += Array(Self.lineTooLong.wireText.utf8)
        continue
      }
      output += handleLine(line)
    }
    if phase != .closed && phase != .receivingData && pending.count > Self.maxCommandLength {
      pending.removeAll()
      discardingLongLine = true
      output += Array(Self.lineTooLong.wireText.utf8)
    }
    return output
  }

  /// Ends the session from the server side, for example when the client went away.
  public func close() {
    if phase == .mailGiven || phase == .receivingData { handler.reset() }
    phase = .closed
  }

  private func handleLine(_ line: [UInt8]) -> [UInt8] {
    if phase == .receivingData {
      return handleDataLine(line)
    }
    let reply = handleCommand(SMTPCommand.parse(String(decoding: line, as: UTF8.self)))
    return Array(reply.wireText.utf8)
  }

  private func handleDataLine(_ line: [UInt8]) -> [UInt8] {
    if line == [0x2E] {
      return Array(finishMessage().wireText.utf8)
    }
    // RFC 5321 §4.5.2: a leading dot was doubled by the client.
    let content = line.first == 0x2E ? Array(line.dropFirst()) : line
    if message.count + content.count + 2 > maxMessageSize {
      messageTooLarge = true
    }
    if !messageTooLarge {
      message += content
      message += [0x0D, 0x0A]
    }
    return []
  }

  private func finishMessage() -> SMTPReply {
    defer {
      message = []
      messageTooLarge = false
      recipientCount = 0
      usesSMTPUTF8 = false
    }
    if messageTooLarge {
      phase = .ready
      handler.reset()
      return SMTPReply(552, "5.3.4", "Message exceeds the maximum size of \(maxMessageSize) bytes")
    }
    let decision = handler.message(message, proposed: SMTPReply(250, "2.0.0", "Message accepted"))
    phase = decision.closesConnection ? .closed : .ready
    return decision.reply
  }

  private func handleCommand(_ command: SMTPCommand) -> SMTPReply {
    if phase == .refused {
      if command == .quit {
        phase = .closed
        return SMTPReply(221, "2.0.0", "Bye")
      }
      return SMTPReply(503, "5.5.1", "Bad sequence of commands: this session was refused, send QUIT")
    }

    switch command {
    case .hello(let domain, let extended):
      return hello(domain: domain, extended: extended)
    case .mail(let address, let parameters):
      return mail(address: address, parameters: parameters)
    case .recipient(let address, let parameters):
      return recipient(address: address, parameters: parameters)
    case .data:
      return startData()
    case .reset:
      endTransaction()
      if phase != .awaitingHello { phase = .ready }
      return SMTPReply(250, "2.0.0", "OK")
    case .noop:
      return SMTPReply(250, "2.0.0", "OK")
    case .quit:
      endTransaction()
      phase = .closed
      return SMTPReply(221, "2.0.0", "\(hostname) closing connection")
    case .verify:
      return SMTPReply(252, "2.1.5", "Cannot verify the user, but will accept a message for them")
    case .help:
      return SMTPReply(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT")
    case .invalid(let text):
      return SMTPReply(501, "5.5.4", "Syntax error: \(text)")
    case .unrecognized(let verb):
      let shown =
        verb.count > Self.maxEchoedVerbLength
        ? String(verb.prefix(Self.maxEchoedVerbLength)) + "..." : verb
      return SMTPReply(500, "5.5.2", "Command \(shown) not recognized")
    }
  }

  private func hello(domain: String, extended: Bool) -> SMTPReply {
    endTransaction()
    let proposed = SMTPReply(250, nil, "\(hostname) greets \(domain)")
    let decision = handler.hello(domain: domain, extended: extended, proposed: proposed)
    if decision.closesConnection {
      phase = .closed
      return decision.reply
    }
    guard decision.reply.code == 250 else { return decision.reply }
    phase = .ready
    guard extended else { return decision.reply }
    var reply = decision.reply
    reply.lines += [
      "PIPELINING", "8BITMIME", "SMTPUTF8", "SIZE \(maxMessageSize)", "ENHANCEDSTATUSCODES",
    ]
    return reply
  }

  private func mail(address: String?, parameters: [SMTPParameter]) -> SMTPReply {
    switch phase {
    case .awaitingHello: return SMTPReply(503, "5.5.1", "Send EHLO or HELO first")
    case .mailGiven: return SMTPReply(503, "5.5.1", "Sender already given; send RSET first")
    default: break
    }
    if let problem = checkMailParameters(parameters) { return problem }
    let wantsUTF8 = parameters.contains { $0.keyword == "SMTPUTF8" }
    if let address, !wantsUTF8, !address.utf8.allSatisfy({ $0 < 0x80 }) {
      return SMTPReply(553, "5.6.7", "Non-ASCII address <\(address)> needs the SMTPUTF8 parameter")
    }
    let decision = handler.mail(
      address: address, parameters: parameters, proposed: SMTPReply(250, "2.1.0", "Sender OK"))
    if decision.closesConnection {
      phase = .closed
    } else if decision.reply.isPositive {
      phase = .mailGiven
      usesSMTPUTF8 = wantsUTF8
    }
    return decision.reply
  }

  private func checkMailParameters(_ parameters: [SMTPParameter]) -> SMTPReply? {
    for parameter in parameters {
      switch parameter.keyword {
      case "SIZE":
        guard let size = Int(parameter.value), size >= 0 else {
          return SMTPReply(501, "5.5.4", "SIZE needs a number of bytes, found \"\(parameter.value)\"")
        }
        if size > maxMessageSize {
          return SMTPReply(552, "5.3.4", "Message size \(size) exceeds the maximum of \(maxMessageSize)")
        }
      case "BODY":
        let body = parameter.value.uppercased()
        guard body == "7BIT" || body == "8BITMIME" else {
          return SMTPReply(501, "5.5.4", "BODY must be 7BIT or 8BITMIME, found \"\(parameter.value)\"")
        }
      case "SMTPUTF8":
        guard parameter.value.isEmpty else {
          return SMTPReply(501, "5.5.4", "SMTPUTF8 takes no value")
        }
      default:
        return SMTPReply(555, "5.5.4", "MAIL parameter \(parameter.keyword) not recognized")
      }
    }
    return nil
  }

  private func recipient(address: String, parameters: [SMTPParameter]) -> SMTPReply {
    guard phase == .mailGiven else {
      return SMTPReply(503, "5.5.1", "Send MAIL FROM first")
    }
    if let parameter = parameters.first {
      return SMTPReply(555, "5.5.4", "RCPT parameter \(parameter.keyword) not recognized")
    }
    if !usesSMTPUTF8 && !address.utf8.allSatisfy({ $0 < 0x80 }) {
      return SMTPReply(553, "5.6.7", "Non-ASCII address <\(address)> needs SMTPUTF8 on MAIL FROM")
    }
    let decision = handler.recipient(
      address: address, parameters: parameters, proposed: SMTPReply(250, "2.1.5", "Recipient OK"))
    if decision.closesConnection {
      phase = .closed
    } else if decision.reply.isPositive {
      recipientCount += 1
    }
    return decision.reply
  }

  private func startData() -> SMTPReply {
    guard phase == .mailGiven else { return SMTPReply(503, "5.5.1", "Send MAIL FROM first") }
    guard recipientCount > 0 else { return SMTPReply(554, "5.5.1", "No valid recipients") }
    phase = .receivingData
    message = []
    return SMTPReply(354, nil, "End data with <CR><LF>.<CR><LF>")
  }

  private func endTransaction() {
    if phase == .mailGiven { handler.reset() }
    recipientCount = 0
    usesSMTPUTF8 = false
  }
}
