/// One mailbox of an address field, in the JMAP `EmailAddress` shape (RFC 8621 §4.1.2.3).
struct EmailAddress: Sendable, Hashable {
  /// The display name, decoded; nil when the mailbox has none.
  var name: String?
  /// The address, `local@domain`; empty when the mailbox has only a name.
  var email: String
}

/// A lenient parser for RFC 5322 address lists (§3.4), returning the mailboxes with groups
/// flattened, which is the JMAP `asAddresses` form.
///
/// It works on bytes so that raw 8-bit text and encoded words decode the same way as in
/// unstructured fields. Parsing is best effort on broken input, as RFC 8621 §4.1.2.3
/// recommends. A bare phrase without `@` and without angle brackets is taken as a name with
/// an empty address, the way many mail readers show `To: undisclosed`.
enum AddressParser {
  static func parse(_ value: [UInt8]) -> [EmailAddress] {
    let bytes = ByteText.unfold(value)
    var addresses: [EmailAddress] = []
    var mailbox = MailboxBuilder()
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case 34:  // quoted string
        let end = quotedStringEnd(bytes, from: index)
        mailbox.addWord(unescape(bytes[(index + 1)..<max(index + 1, end - 1)]), quoted: true)
        index = end
      case 40:  // comment
        let end = commentEnd(bytes, from: index)
        mailbox.comment = unescape(bytes[(index + 1)..<max(index + 1, end - 1)])
        index = end
      case 60:  // angle address
        var end = index + 1
        while end < bytes.count, bytes[end] != 62 { end += 1 }
        mailbox.angleAddress = Array(bytes[(index + 1)..<end])
        index = min(end + 1, bytes.count)
      case 44:  // comma ends a mailbox
        mailbox.finish(into: &addresses)
        index += 1
      case 58 where mailbox.angleAddress == nil && !mailbox.hasAt:  // group name ends
        mailbox = MailboxBuilder()
        index += 1
      case 59:  // group ends
        mailbox.finish(into: &addresses)
        index += 1
      case 32, 9:
        mailbox.addSpace()
        index += 1
      default:
        var end = index
        while end < bytes.count, !isDelimiter(bytes[end]) { end += 1 }
        if end == index { end += 1 }
        mailbox.addWord(Array(bytes[index..<end]), quoted: false)
        index = end
      }
    }
    mailbox.finish(into: &addresses)
    return addresses
  }

  private static func isDelimiter(_ byte: UInt8) -> Bool {
    [34, 40, 60, 44, 58, 59, 32, 9].contains(byte)
  }

  /// Returns the index after the closing quote, or the end of input.
  private static func quotedStringEnd(_ bytes: [UInt8], from start: Int) -> Int {
    var index = start + 1
    while index < bytes.count {
      if bytes[index] == 92 {
        index += 2
        continue
      }
      if bytes[index] == 34 { return index + 1 }
      index += 1
    }
    return bytes.count
  }

  /// Returns the index after the closing parenthesis of a possibly nested comment.
  static func commentEnd(_ bytes: [UInt8], from start: Int) -> Int {
    var depth = 0
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case 92: index += 1
      case 40: depth += 1
      case 41:
        depth -= 1
        if depth == 0 { return index + 1 }
      default: break
      }
      index += 1
    }
    return bytes.count
  }

  /// Removes quoted-pair backslashes (RFC 5322 §3.2.1).
  private static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    var escaped = false
    for byte in bytes {
      if byte == 92 && !escaped {
        escaped = true
        continue
      }
      escaped = false
      output.append(byte)
    }
    return output
  }
}

/// The parts of one mailbox seen so far.
private struct MailboxBuilder {
  var phrase: [UInt8] = []
  var pendingSpace = false
  var angleAddress: [UInt8]?
  var comment: [UInt8]?
  var hasAt = false

  mutating func addWord(_ word: [UInt8], quoted: Bool) {
    if pendingSpace && !phrase.isEmpty { phrase.append(32) }
    pendingSpace = false
    phrase += word
    if !quoted && word.contains(64) { hasAt = true }
  }

  mutating func addSpace() { pendingSpace = true }

  mutating func finish(into addresses: inout [EmailAddress]) {
    defer { self = MailboxBuilder() }
    let name = decodedName(phrase)
    if let angleAddress {
      addresses.append(
        EmailAddress(name: name ?? decodedName(comment ?? []), email: addrSpec(angleAddress)))
    } else if hasAt {
      addresses.append(EmailAddress(name: decodedName(comment ?? []), email: addrSpec(phrase)))
    } else if let name {
      addresses.append(EmailAddress(name: name, email: ""))
    }
  }

  /// Returns the address without whitespace or an obsolete source route (`@a,@b:`).
  private func addrSpec(_ bytes: [UInt8]) -> String {
    var cleaned = bytes.filter { !ByteText.isSpaceOrBreak($0) }
    if cleaned.first == 64, let colon = cleaned.firstIndex(of: 58) {
      cleaned = Array(cleaned[(colon + 1)...])
    }
    return ByteText.text(cleaned).text
  }

  private func decodedName(_ bytes: [UInt8]) -> String? {
    let trimmed = Array(ByteText.trimmed(bytes))
    guard !trimmed.isEmpty else { return nil }
    let text = EncodedWords.decode(trimmed).text
    return text.isEmpty ? nil : text
  }
}
