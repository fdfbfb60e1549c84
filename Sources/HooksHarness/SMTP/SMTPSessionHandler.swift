/// The decision of the MTA behind an SMTP session on one command.
public struct SMTPDecision: Sendable, Equatable {
  /// The reply to send. A 2xx or 3xx code means the command was accepted.
  public var reply: SMTPReply

  /// Whether the server closes the connection after sending the reply.
  public var closesConnection: Bool

  /// Creates a decision.
  public init(reply: SMTPReply, closesConnection: Bool = false) {
    self.reply = reply
    self.closesConnection = closesConnection
  }
}

/// The MTA side of an SMTP session: it decides each stage of a transaction.
///
/// `SMTPServerSession` checks the syntax and the command order first and calls the handler
/// only for commands that are valid at that point. The handler's reply is sent as it is, and
/// exactly one reply goes out per command. The session passes the reply it would send itself as
/// `proposed`, so a handler that has nothing to say returns it unchanged.
public protocol SMTPSessionHandler: AnyObject {
  /// Decides the greeting. A 554 reply leaves a session in which only QUIT is accepted.
  func connected(proposed: SMTPReply) -> SMTPDecision

  /// Decides EHLO or HELO. On a 250 reply to EHLO the session appends the extension lines.
  func hello(domain: String, extended: Bool, proposed: SMTPReply) -> SMTPDecision

  /// Decides MAIL FROM. A nil address is the null reverse-path.
  func mail(address: String?, parameters: [SMTPParameter], proposed: SMTPReply) -> SMTPDecision

  /// Decides one RCPT TO. A rejection refuses only this recipient.
  func recipient(address: String, parameters: [SMTPParameter], proposed: SMTPReply)
    -> SMTPDecision

  /// Decides the message after the final `.`: `bytes` is the message with dot-stuffing
  /// removed and CRLF line endings.
  func message(_ bytes: [UInt8], proposed: SMTPReply) -> SMTPDecision

  /// Ends the current transaction without a message: RSET, a new EHLO or the end of the session.
  func reset()

  /// Releases what the session held, once the connection is closed.
  func closed()
}
