import HooksWire

/// The SMTP replies HookBench's fake MTA sends when no scanner sets `/response`.
public enum DefaultReply {
  /// Returns the reply for `action` at `stage`.
  ///
  /// - `accept`, `discard`, `quarantine`: the stage's success reply, because the client sees
  ///   success for all three (220 greeting, 250 otherwise).
  /// - `reject`: `550 5.7.1 Rejected by policy`, or `554 5.7.1` at `connect`, where RFC 5321
  ///   §3.1 allows only 554 in place of the greeting.
  /// - `disconnect`: `421 4.7.0`, the RFC 5321 §3.8 reply before closing.
  /// - outbound actions: `250 2.0.0 OK`; outbound stages send no reply to a client.
  public static func reply(for action: Action, at stage: Stage, serverName: String? = nil)
    -> SmtpResponse
  {
    switch action {
    case .reject:
      return SmtpResponse(
        code: stage == .connect ? 554 : 550, enhancedCode: "5.7.1", message: "Rejected by policy")
    case .disconnect:
      return SmtpResponse(code: 421, enhancedCode: "4.7.0", message: "Closing connection")
    case .accept, .discard, .quarantine, .continue, .cancel:
      return success(at: stage, serverName: serverName ?? "localhost")
    }
  }

  /// Returns the stage's success reply. Greetings and EHLO replies carry no enhanced code
  /// (RFC 2034 §3).
  static func success(at stage: Stage, serverName: String) -> SmtpResponse {
    switch stage {
    case .connect: return SmtpResponse(code: 220, enhancedCode: nil, message: "\(serverName) ESMTP")
    case .ehlo: return SmtpResponse(code: 250, enhancedCode: nil, message: serverName)
    case .mail: return SmtpResponse(code: 250, enhancedCode: "2.1.0", message: "OK")
    case .rcpt: return SmtpResponse(code: 250, enhancedCode: "2.1.5", message: "OK")
    case .data, .delivery, .defer, .dsn:
      return SmtpResponse(code: 250, enhancedCode: "2.0.0", message: "OK")
    }
  }
}
