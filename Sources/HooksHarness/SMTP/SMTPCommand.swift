/// An ESMTP parameter of MAIL or RCPT: the keyword in upper case, and the value or `""` for a
/// keyword without a value (RFC 5321 §4.1.2, `esmtp-param`).
public struct SMTPParameter: Sendable, Equatable {
  /// The keyword, upper-cased, such as `SIZE`.
  public var keyword: String

  /// The value as the client wrote it, or `""`.
  public var value: String

  /// Creates a parameter.
  public init(keyword: String, value: String) {
    self.keyword = keyword
    self.value = value
  }
}

/// One SMTP command line, parsed (RFC 5321 §4.1.1).
public enum SMTPCommand: Sendable, Equatable {
  /// EHLO (`extended` true) or HELO with the client's domain or address literal.
  case hello(domain: String, extended: Bool)
  /// MAIL FROM. A nil address is the null reverse-path `<>`.
  case mail(address: String?, parameters: [SMTPParameter])
  /// RCPT TO.
  case recipient(address: String, parameters: [SMTPParameter])
  /// DATA.
  case data
  /// RSET.
  case reset
  /// NOOP.
  case noop
  /// QUIT.
  case quit
  /// VRFY, which gets 252 and is never verified.
  case verify
  /// HELP.
  case help
  /// A command whose syntax is wrong; the payload is the reply text.
  case invalid(String)
  /// A verb HookBench does not implement.
  case unrecognized(String)
}

extension SMTPCommand {
  /// Parses one command line, without its CRLF.
  public static func parse(_ line: String) -> SMTPCommand {
    let verbEnd = line.firstIndex(of: " ") ?? line.endIndex
    let verb = line[..<verbEnd].uppercased()
    let argument = line[verbEnd...].drop(while: { $0 == " " })

    switch verb {
    case "EHLO", "HELO":
      let domain = argument.split(separator: " ").first.map(String.init) ?? ""
      if domain.isEmpty { return .invalid("\(verb) needs a domain name or an address literal") }
      return .hello(domain: domain, extended: verb == "EHLO")
    case "MAIL":
      return parseMail(String(argument))
    case "RCPT":
      return parseRecipient(String(argument))
    case "DATA", "RSET", "NOOP", "QUIT", "HELP":
      if verb == "DATA" && !argument.isEmpty { return .invalid("DATA takes no argument") }
      if verb == "RSET" && !argument.isEmpty { return .invalid("RSET takes no argument") }
      if verb == "QUIT" && !argument.isEmpty { return .invalid("QUIT takes no argument") }
      return [
        "DATA": .data, "RSET": .reset, "NOOP": .noop, "QUIT": .quit, "HELP": .help,
      ][verb] ?? .noop
    case "VRFY":
      return .verify
    default:
      return .unrecognized(verb)
    }
  }

  private static func parseMail(_ argument: String) -> SMTPCommand {
    guard let rest = stripPrefix("FROM:", from: argument) else {
      return .invalid("MAIL needs FROM:<address>")
    }
    switch parsePath(rest) {
    case .failure(let message):
      return .invalid(message)
    case .success(let (address, parameterText)):
      switch parseParameters(parameterText) {
      case .failure(let message): return .invalid(message)
      case .success(let parameters): return .mail(address: address, parameters: parameters)
      }
    }
  }

  private static func parseRecipient(_ argument: String) -> SMTPCommand {
    guard let rest = stripPrefix("TO:", from: argument) else {
      return .invalid("RCPT needs TO:<address>")
    }
    switch parsePath(rest) {
    case .failure(let message):
      return .invalid(message)
    case .success(let (address, parameterText)):
      guard let address else { return .invalid("RCPT TO:<> is not a valid recipient") }
      switch parseParameters(parameterText) {
      case .failure(let message): return .invalid(message)
      case .success(let parameters): return .recipient(address: address, parameters: parameters)
      }
    }
  }

  private static func stripPrefix(_ prefix: String, from text: String) -> Substring? {
    guard text.uppercased().hasPrefix(prefix) else { return nil }
    // Some clients write a space after the colon; RFC 5321 does not allow it, but Postfix and
    // most servers accept it, and so does HookBench.
    return text.dropFirst(prefix.count).drop(while: { $0 == " " })
  }

  private enum Parsed<Value> {
    case success(Value)
    case failure(String)
  }

  /// Splits `<path> params` into the address and the parameter text. `<>` gives a nil address;
  /// a source route (`<@a,@b:user@example.org>`) is dropped, as RFC 5321 §4.1.1.3 allows.
  private static func parsePath(_ text: Substring) -> Parsed<(String?, Substring)> {
    guard text.first == "<", let close = closingBracket(in: text) else {
      return .failure("the address must be in angle brackets, as in <user@example.org>")
    }
    var inner = text[text.index(after: text.startIndex)..<close]
    let rest = text[text.index(after: close)...]
    if inner.isEmpty { return .success((nil, rest)) }
    if inner.first == "@", let colon = inner.firstIndex(of: ":") {
      inner = inner[inner.index(after: colon)...]
    }
    guard isValidMailbox(inner) else {
      return .failure("invalid address <\(inner)>: expected local-part@domain")
    }
    return .success((String(inner), rest))
  }

  /// Returns the position of the `>` that closes the path, skipping quoted local parts.
  private static func closingBracket(in text: Substring) -> Substring.Index? {
    var quoted = false
    var escaped = false
    for index in text.indices {
      let character = text[index]
      if escaped {
        escaped = false
      } else if character == "\\" && quoted {
        escaped = true
      } else if character == "\"" {
        quoted.toggle()
      } else if character == ">" && !quoted {
        return index
      }
    }
    return nil
  }

  /// Checks the shape `local@domain` with a non-empty local part and a domain or address
  /// literal. The check is loose on purpose: scanners are what the workbench tests, and a
  /// strange but plausible address is a useful input for them.
  private static func isValidMailbox(_ text: Substring) -> Bool {
    guard let at = text.lastIndex(of: "@") else { return false }
    let local = text[..<at]
    let domain = text[text.index(after: at)...]
    if local.isEmpty || domain.isEmpty { return false }
    if domain.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) { return false }
    if !local.hasPrefix("\"") && local.contains(where: { $0 == " " || $0 == "<" }) {
      return false
    }
    return true
  }

  private static func parseParameters(_ text: Substring) -> Parsed<[SMTPParameter]> {
    var parameters: [SMTPParameter] = []
    for word in text.split(separator: " ") {
      let keyword: Substring
      let value: Substring
      if let equals = word.firstIndex(of: "=") {
        keyword = word[..<equals]
        value = word[word.index(after: equals)...]
      } else {
        keyword = word
        value = ""
      }
      let isKeyword = keyword.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
      guard isKeyword, keyword.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
      else {
        return .failure("invalid ESMTP parameter \"\(word)\": expected KEYWORD or KEYWORD=value")
      }
      parameters.append(SMTPParameter(keyword: keyword.uppercased(), value: String(value)))
    }
    return .success(parameters)
  }
}
