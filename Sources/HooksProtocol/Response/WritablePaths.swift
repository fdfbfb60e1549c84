import HooksWire

/// The paths a scanner may write at one stage: HookBench's per-stage table intersected with
/// the scanner's `updateProperties`, because the draft leaves per-stage limits open.
///
/// A pointer covers itself and everything below it, so `/envelope` covers
/// `/envelope/to/0/address`. In the stage table the token `N` stands for any array index, as
/// in `/envelope/to/N/status`.
public struct WritablePaths: Sendable, Hashable {
  /// The stage's own patterns, `nil` tokens matching any array index.
  public let stagePatterns: [[String?]]
  /// The scanner's `updateProperties`, parsed.
  public let updateProperties: [[String]]

  /// The writable paths at `stage` for a scanner with `updateProperties` (JSON Pointer texts;
  /// an invalid pointer text is ignored).
  public init(stage: Stage, updateProperties: [String]) {
    stagePatterns = Self.stageTable(stage).map { text in
      Self.tokens(of: text).map { $0 == "N" ? nil : $0 }
    }
    self.updateProperties = updateProperties.map(Self.tokens(of:))
  }

  /// Returns the stage table as JSON Pointer texts, `N` for any array index.
  ///
  /// "The above" in the table is read cumulatively: `rcpt` keeps `/envelope/from` from `mail`.
  public static func stageTable(_ stage: Stage) -> [String] {
    switch stage {
    case .connect, .ehlo: return ["/action", "/response"]
    case .mail: return ["/action", "/response", "/envelope/from"]
    case .rcpt: return ["/action", "/response", "/envelope/from", "/envelope/to"]
    case .data: return ["/action", "/response", "/envelope", "/message", "/rawMessage"]
    case .delivery, .defer:
      return [
        "/action", "/envelope/to/N/status", "/envelope/to/N/nextAttemptAt",
        "/envelope/to/N/nextDsnAt", "/message", "/rawMessage",
      ]
    case .dsn: return ["/action", "/message", "/rawMessage"]
    }
  }

  /// Returns the reason `tokens` may not be written, or nil when it may.
  public func refusal(for tokens: [String], stage: Stage) -> String? {
    let pointer = Self.text(of: tokens)
    let byStage = stagePatterns.contains { pattern in
      pattern.count <= tokens.count
        && zip(pattern, tokens).allSatisfy { expected, token in
          expected.map { $0 == token } ?? Self.isArrayIndex(token)
        }
    }
    if !byStage {
      let list = Self.stageTable(stage).joined(separator: ", ")
      return "\(pointer) is not writable at stage \(stage); writable there: \(list)"
    }
    let byScanner = updateProperties.contains { prefix in
      prefix.count <= tokens.count && Array(tokens.prefix(prefix.count)) == prefix
    }
    if !byScanner {
      let list = updateProperties.map(Self.text(of:)).joined(separator: ", ")
      return "\(pointer) is outside the scanner's updateProperties (\(list))"
    }
    return nil
  }

  static func isArrayIndex(_ token: String) -> Bool {
    !token.isEmpty && token.allSatisfy(\.isASCII) && token.allSatisfy(\.isNumber)
      && (token == "0" || !token.hasPrefix("0"))
  }

  static func tokens(of pointer: String) -> [String] {
    guard pointer.hasPrefix("/") else { return [] }
    return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
      String($0).replacingEscapes()
    }
  }

  static func text(of tokens: [String]) -> String {
    tokens.reduce("") { appendToken($0, $1) }
  }
}

extension String {
  /// Decodes `~1` and `~0` in a JSON Pointer token (RFC 6901 §4).
  func replacingEscapes() -> String {
    var text = ""
    var escaping = false
    for character in self {
      if escaping {
        switch character {
        case "1": text.append("/")
        case "0": text.append("~")
        default: text.append(character)
        }
        escaping = false
      } else if character == "~" {
        escaping = true
      } else {
        text.append(character)
      }
    }
    return text
  }
}
