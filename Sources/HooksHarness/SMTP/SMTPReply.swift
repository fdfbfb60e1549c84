/// One SMTP reply: a three-digit code, an optional enhanced status code and one or more lines
/// of text (RFC 5321 §4.2, RFC 2034 for the enhanced code).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
  /// The three-digit reply code, such as 250 or 550.
  public var code: Int

  /// The RFC 3463 enhanced status code, such as `5.7.1`, or nil when the reply has none.
  public var enhancedCode: String?

  /// The text lines. A reply with more than one line is sent as a multi-line reply.
  public var lines: [String]

  /// Creates a reply with one text line.
  public init(_ code: Int, _ enhancedCode: String?, _ message: String) {
    self.code = code
    self.enhancedCode = enhancedCode
    self.lines = [message]
  }

  /// Creates a reply with several text lines (the EHLO reply, for example).
  public init(code: Int, enhancedCode: String?, lines: [String]) {
    self.code = code
    self.enhancedCode = enhancedCode
    self.lines = lines.isEmpty ? [""] : lines
  }

  /// The text of the first line.
  public var message: String { lines.first ?? "" }

  /// Whether the code is 2xx or 3xx.
  public var isPositive: Bool { code >= 200 && code < 400 }

  /// Whether the code is 4xx: a temporary failure.
  public var isTransient: Bool { code >= 400 && code < 500 }

  /// Whether the code is 5xx: a permanent failure.
  public var isPermanent: Bool { code >= 500 && code < 600 }

  /// The reply as sent on the wire: `code-text` for every line but the last, `code text` for
  /// the last, each ending in CRLF. The enhanced code prefixes every line, as RFC 2034 requires.
  public var wireText: String {
    var text = ""
    for (position, line) in lines.enumerated() {
      let separator = position == lines.count - 1 ? " " : "-"
      let prefix = enhancedCode.map { "\($0) " } ?? ""
      // CR and LF inside a line would end the reply early, so they become spaces.
      let clean = line.map { $0 == "\r" || $0 == "\n" ? " " : $0 }
      text += "\(code)\(separator)\(prefix)\(String(clean))\r\n"
    }
    return text
  }

  /// The reply on one line, without CRLF: `550 5.7.1 Rejected by policy`.
  public var description: String {
    let prefix = enhancedCode.map { "\($0) " } ?? ""
    return "\(code) \(prefix)\(lines.joined(separator: " / "))"
  }
}
