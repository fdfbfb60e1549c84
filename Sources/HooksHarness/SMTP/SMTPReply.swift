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

  /// The maximum length of one reply line in octets, CRLF included (RFC 5321 §4.5.3.1.5).
  public static let maxLineLength = 512

  /// The reply as sent on the wire: `code-text` for every line but the last, `code text` for
  /// the last, each ending in CRLF. The enhanced code prefixes every line, as RFC 2034 requires.
  ///
  /// CR and LF inside a line become spaces, so that they cannot end the reply early. Other
  /// control characters and U+FFFD (left by decoding invalid bytes) become `?`. A line longer
  /// than `maxLineLength` octets is cut at a character boundary and ends in `...`.
  public var wireText: String {
    var text = ""
    for (position, line) in lines.enumerated() {
      let separator = position == lines.count - 1 ? " " : "-"
      let prefix = enhancedCode.map { "\($0) " } ?? ""
      let head = "\(code)\(separator)\(prefix)"
      let room = Self.maxLineLength - head.utf8.count - 2
      text += head + Self.printable(line, maxOctets: room) + "\r\n"
    }
    return text
  }

  /// Returns `line` with control characters replaced, cut to at most `maxOctets` UTF-8 octets.
  static func printable(_ line: String, maxOctets: Int) -> String {
    var clean = String.UnicodeScalarView()
    for scalar in line.unicodeScalars {
      switch scalar.value {
      case 0x0D, 0x0A: clean.append(" ")
      case 0x00..<0x20, 0x7F, 0xFFFD: clean.append("?")
      default: clean.append(scalar)
      }
    }
    guard String(clean).utf8.count > maxOctets else { return String(clean) }
    let marker = "..."
    var cut = String.UnicodeScalarView()
    var octets = 0
    for scalar in clean {
      let width = String(scalar).utf8.count
      if octets + width > maxOctets - marker.utf8.count { break }
      cut.append(scalar)
      octets += width
    }
    return String(cut) + marker
  }

  /// The reply on one line, without CRLF: `550 5.7.1 Rejected by policy`.
  public var description: String {
    let prefix = enhancedCode.map { "\($0) " } ?? ""
    return "\(code) \(prefix)\(lines.joined(separator: " / "))"
  }
}
