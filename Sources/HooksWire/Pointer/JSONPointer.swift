/// A JSON Pointer (RFC 6901): a path of reference tokens from the root of a document.
///
/// `tokens` contains the unescaped tokens, so `"/a~1b/c~0d"` has the tokens `["a/b", "c~d"]`.
/// The empty pointer `""` has no tokens and refers to the whole document. Whether a token
/// names an object member or an array index is decided only when the pointer is evaluated
/// against a document (see `JSONValue.value(at:)`).
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
  /// The unescaped reference tokens, outermost first.
  public let tokens: [String]

  /// Creates a pointer from unescaped tokens.
  public init(tokens: [String]) {
    self.tokens = tokens
  }

  /// Parses the string form of a pointer (RFC 6901 §3).
  ///
  /// The text is empty or starts with `/`. In each token `~0` is `~` and `~1` is `/`, and
  /// any other `~` is an error.
  ///
  /// - Throws: `JSONPointerError` naming the token with the invalid escape, or saying that
  ///   the text does not start with `/`.
  public init(_ text: String) throws {
    if text.isEmpty {
      tokens = []
      return
    }
    guard text.hasPrefix("/") else {
      throw JSONPointerError(
        pointer: text, kind: .invalidSyntax,
        reason: "a JSON Pointer is empty or starts with \"/\"; did you mean \"/\(text)\"?")
    }
    if let fast = text.utf8.withContiguousStorageIfAvailable(JSONPointer.splitTokens),
      let fastTokens = fast
    {
      tokens = fastTokens
      return
    }
    // The slow path also finds the token with the invalid escape for the error.
    var parsed: [String] = []
    for (index, escaped) in text.utf8.dropFirst().split(
      separator: UInt8(ascii: "/"), omittingEmptySubsequences: false
    ).enumerated() {
      let token = String(decoding: escaped, as: UTF8.self)
      guard let unescaped = JSONPointer.unescape(token) else {
        throw JSONPointerError(
          pointer: text, tokenIndex: index, token: token, kind: .invalidSyntax,
          reason: "token \"\(token)\" has a \"~\" that is not followed by 0 or 1; "
            + "write \"~0\" for \"~\" and \"~1\" for \"/\"")
      }
      parsed.append(unescaped)
    }
    tokens = parsed
  }

  /// Splits the bytes after the leading `/` into unescaped tokens in one pass, or returns
  /// nil when a token has an invalid escape.
  private static func splitTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    let slash = UInt8(ascii: "/")
    let tilde = UInt8(ascii: "~")
    var tokens: [String] = []
    tokens.reserveCapacity(bytes.reduce(0) { $1 == slash ? $0 + 1 : $0 })
    var start = 1
    while true {
      var end = start
      var hasTilde = false
      while end < bytes.count && bytes[end] != slash {
        if bytes[end] == tilde { hasTilde = true }
        end += 1
      }
      let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      if hasTilde {
        guard let unescaped = unescape(token) else { return nil }
        tokens.append(unescaped)
      } else {
        tokens.append(token)
      }
      if end == bytes.count { return tokens }
      start = end + 1
    }
  }

  /// The root pointer `""`, which refers to the whole document.
  public static let root = JSONPointer(tokens: [])

  /// The string form, with `~` written as `~0` and `/` as `~1`.
  public var description: String {
    var text = ""
    for token in tokens {
      text += "/"
      text += JSONPointer.escape(token)
    }
    return text
  }

  /// Whether this pointer is `other` or one of its ancestors.
  ///
  /// `"/message"` covers `"/message/subject"` and itself, but not `"/messages"`. The root
  /// pointer is a prefix of every pointer.
  public func isPrefix(of other: JSONPointer) -> Bool {
    tokens.count <= other.tokens.count && other.tokens.starts(with: tokens)
  }

  /// The pointer without its last token, or nil for the root pointer.
  public var parent: JSONPointer? {
    tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
  }

  /// The last token, or nil for the root pointer.
  public var lastToken: String? { tokens.last }

  /// Returns the pointer with `token` added at the end.
  public func appending(_ token: String) -> JSONPointer {
    JSONPointer(tokens: tokens + [token])
  }

  /// Returns the pointer made of the first `count` tokens.
  func prefix(_ count: Int) -> JSONPointer {
    JSONPointer(tokens: Array(tokens.prefix(count)))
  }

  /// Escapes one token for the string form (RFC 6901 §3).
  public static func escape(_ token: String) -> String {
    guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
    return token.replacingTildeAndSlash()
  }

  /// Unescapes one token, or returns nil when a `~` is not followed by `0` or `1`.
  static func unescape(_ token: String) -> String? {
    guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
    var result: [UInt8] = []
    result.reserveCapacity(token.utf8.count)
    var iterator = token.utf8.makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "~") else {
        result.append(byte)
        continue
      }
      switch iterator.next() {
      case UInt8(ascii: "0"): result.append(UInt8(ascii: "~"))
      case UInt8(ascii: "1"): result.append(UInt8(ascii: "/"))
      default: return nil
      }
    }
    return String(decoding: result, as: UTF8.self)
  }
}

extension String {
  /// Replaces `~` with `~0` and `/` with `~1` (RFC 6901 §3).
  fileprivate func replacingTildeAndSlash() -> String {
    var result = ""
    result.reserveCapacity(utf8.count + 2)
    for character in unicodeScalars {
      switch character {
      case "~": result += "~0"
      case "/": result += "~1"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }
}
