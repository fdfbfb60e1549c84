import HooksWire

/// The syntax checks HookBench applies to values a scanner writes. Each returns the reason a
/// value is invalid, or nil when it is valid.
public enum ValueRules {
  /// Checks a header field name: one or more printable US-ASCII characters except `:`
  /// (RFC 5322 §3.6.8 `ftext`).
  public static func headerNameProblem(_ name: String) -> String? {
    if name.isEmpty { return "header name is empty" }
    for scalar in name.unicodeScalars where scalar.value < 33 || scalar.value > 126 || scalar == ":"
    {
      return "header name \(quoted(name)) contains \(describe(scalar)); use printable ASCII "
        + "without a colon"
    }
    return nil
  }

  /// Checks a header value in JMAP Raw form (RFC 5322 §2.1.1, §2.2.3). CR and LF may appear
  /// only as a CRLF fold followed by a space or tab. A fold line of only white space, a NUL
  /// and a line longer than 998 octets are invalid.
  public static func headerValueProblem(_ value: String) -> String? {
    let bytes = Array(value.utf8)
    var index = 0
    var lineLength = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0 { return "header value contains NUL" }
      if byte == 13 || byte == 10 {
        guard byte == 13, index + 1 < bytes.count, bytes[index + 1] == 10 else {
          return "header value \(quoted(value)) contains a bare \(byte == 13 ? "CR" : "LF")"
        }
        let next = index + 2 < bytes.count ? bytes[index + 2] : nil
        guard next == 32 || next == 9 else {
          return "header value \(quoted(value)) contains CRLF not followed by a space or tab, "
            + "which would start a new header field"
        }
        var end = index + 2
        while end < bytes.count && (bytes[end] == 32 || bytes[end] == 9) { end += 1 }
        if end == bytes.count || bytes[end] == 13 {
          return "header value \(quoted(value)) has a folded line of only white space"
        }
        index += 2
        lineLength = 0
        continue
      }
      lineLength += 1
      if lineLength > 998 { return "header value has a line longer than 998 octets" }
      index += 1
    }
    return nil
  }

  /// Checks a recipient or sender mailbox: `local-part@domain` per RFC 5321 §4.1.2, with UTF-8
  /// allowed in both parts (SMTPUTF8, RFC 6531 §3.3). Angle brackets are not part of it.
  public static func mailboxProblem(_ address: String) -> String? {
    if address.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
      return "address \(quoted(address)) contains a control character"
    }
    guard let at = address.lastIndex(of: "@") else {
      return "address \(quoted(address)) has no @; write local-part@domain"
    }
    let local = String(address[..<at])
    let domain = String(address[address.index(after: at)...])
    if local.isEmpty { return "address \(quoted(address)) has an empty local part" }
    if local.utf8.count > 64 { return "local part of \(quoted(address)) is longer than 64 octets" }
    if address.utf8.count > 254 { return "address \(quoted(address)) is longer than 254 octets" }
    if let problem = localPartProblem(local) { return "address \(quoted(address)): \(problem)" }
    if let problem = domainProblem(domain) { return "address \(quoted(address)): \(problem)" }
    return nil
  }

  /// Checks an ESMTP parameter keyword and value (RFC 5321 §4.1.2 `esmtp-keyword`, `esmtp-value`,
  /// with UTF-8 values allowed by RFC 6531). An empty value is a keyword without a value.
  public static func parameterProblem(keyword: String, value: String) -> String? {
    let keywordScalars = Array(keyword.unicodeScalars)
    guard let first = keywordScalars.first, isAlphaDigit(first),
      keywordScalars.allSatisfy({ isAlphaDigit($0) || $0 == "-" })
    else {
      return "ESMTP keyword \(quoted(keyword)) is invalid; use letters, digits and hyphens"
    }
    for scalar in value.unicodeScalars
    where scalar.value < 33 || scalar == "=" || scalar.value == 127 {
      return "ESMTP parameter \(keyword)=\(quoted(value)) contains \(describe(scalar)), "
        + "which is not allowed in esmtp-value"
    }
    return nil
  }

  /// Checks a reply code: three digits, first 2–5 and second 0–5 (RFC 5321 §4.2).
  public static func replyCodeProblem(_ value: JSONValue) -> String? {
    guard let code = value.intValue else {
      return "reply code must be a three-digit integer, found \(value.typeName)"
    }
    guard (200...599).contains(code), (code / 10) % 10 <= 5 else {
      return "reply code \(code) is not an SMTP reply code (2xx–5xx)"
    }
    return nil
  }

  /// Checks an enhanced status code `class.subject.detail`: class 2, 4 or 5, then one to three
  /// digits each (RFC 3463 §2).
  public static func enhancedCodeProblem(_ text: String) -> String? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let valid =
      parts.count == 3 && ["2", "4", "5"].contains(String(parts[0]))
      && parts[1...].allSatisfy { part in
        (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
      }
    return valid ? nil : "enhanced code \(quoted(text)) is not class.subject.detail, such as 5.7.1"
  }

  /// Checks reply text: one line without CR or LF, because multi-line replies are not modelled.
  public static func replyTextProblem(_ text: String) -> String? {
    text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
      ? "reply message contains CR or LF; HookBench sends single-line replies" : nil
  }

  private static func localPartProblem(_ local: String) -> String? {
    if local.hasPrefix("\"") {
      guard local.count >= 2, local.hasSuffix("\"") else { return "unterminated quoted local part" }
      var escaping = false
      for character in local.dropFirst().dropLast() {
        if escaping {
          escaping = false
        } else if character == "\\" {
          escaping = true
        } else if character == "\"" {
          return "unescaped quote inside the quoted local part"
        }
      }
      return escaping ? "quoted local part ends with a backslash" : nil
    }
    if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
      return "local part has a leading, trailing or doubled dot"
    }
    let specials = Set("!#$%&'*+-/=?^_`{|}~.".unicodeScalars)
    for scalar in local.unicodeScalars
    where !(isAlphaDigit(scalar) || specials.contains(scalar) || scalar.value > 127) {
      return "local part contains \(describe(scalar)); quote it or remove it"
    }
    return nil
  }

  private static func domainProblem(_ domain: String) -> String? {
    if domain.isEmpty { return "the domain is empty" }
    if domain.hasPrefix("[") {
      return domain.hasSuffix("]") && domain.count > 2 ? nil : "unterminated address literal"
    }
    for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
      if label.isEmpty { return "the domain has an empty label" }
      if label.utf8.count > 63 {
        return "domain label \(quoted(String(label))) is longer than 63 octets"
      }
      if label.hasPrefix("-") || label.hasSuffix("-") {
        return "domain label \(quoted(String(label))) starts or ends with a hyphen"
      }
      for scalar in label.unicodeScalars
      where !(isAlphaDigit(scalar) || scalar == "-" || scalar.value > 127) {
        return "the domain contains \(describe(scalar))"
      }
    }
    return nil
  }

  private static func isAlphaDigit(_ scalar: Unicode.Scalar) -> Bool {
    (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
      || (scalar >= "0" && scalar <= "9")
  }

  static func describe(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 9: return "a tab"
    case 10: return "LF"
    case 13: return "CR"
    case 32: return "a space"
    case 0..<32, 127:
      return "control character U+\(String(scalar.value, radix: 16, uppercase: true))"
    default: return "\"\(scalar)\""
    }
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\r": result += "\\r"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
