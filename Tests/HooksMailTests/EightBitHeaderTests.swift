import HooksMail
import HooksWire
import Testing

/// Header bytes that are not UTF-8, and NUL bytes, under RFC 8621 §4.1.2.1: shown as U+FFFD
/// and dropped, while the raw bytes stay in the message.
@Suite("8-bit header bytes")
struct EightBitHeaderTests {
  /// Builds a message whose Subject field is `Subject: ` and `value`, between From and To.
  static func message(subject value: [UInt8]) -> [UInt8] {
    Array("From: a@example.com\r\nSubject: ".utf8) + value
      + Array("\r\nTo: b@example.com\r\n\r\nbody\r\n".utf8)
  }

  @Test(arguments: [
    // ISO-8859-1 "Frösche": F6 is a lead byte followed by an ASCII byte.
    ([0x46, 0x72, 0xF6, 0x73, 0x63, 0x68, 0x65], "Fr\u{FFFD}sche"),
    // A three-byte sequence cut short after two bytes is one maximal invalid subsequence.
    ([0x61, 0xE2, 0x98, 0x62], "a\u{FFFD}b"),
    // FF and FE can never start a sequence: one U+FFFD each.
    ([0x61, 0xFF, 0xFE, 0x62], "a\u{FFFD}\u{FFFD}b"),
    // An overlong encoding of "/" (C0 AF) is two invalid bytes.
    ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),
    // Valid UTF-8 around an invalid byte stays as it is.
    ([0xC3, 0xA9, 0x80, 0xC3, 0xA9], "é\u{FFFD}é"),
  ] as [([UInt8], String)])
  func invalidBytesShownAsReplacement(value: [UInt8], expected: String) throws {
    let raw = Self.message(subject: value)
    let message = MailMessage(parsing: raw)
    #expect(message.email["subject"] == .string(expected))
    let headers = try #require(message.email["headers"]?.arrayValue)
    #expect(headers[1]["value"] == .string(" " + expected))
    let warning = message.warnings.first { $0.message.contains("Subject") }
    #expect(
      warning?.message
        == "header field Subject contains bytes that are not UTF-8; "
        + "shown as U+FFFD, raw bytes kept")
    #expect(try MailWriter.write(edited: message.email, original: message) == raw)
  }

  @Test func validUTF8HeaderHasNoWarning() {
    let message = MailMessage(parsing: Self.message(subject: Array("Frösche".utf8)))
    #expect(message.email["subject"] == "Frösche")
    #expect(message.warnings.isEmpty)
  }

  @Test func nulBytesDropped() throws {
    let raw = Self.message(subject: [0x61, 0x00, 0x62, 0x00])
    let message = MailMessage(parsing: raw)
    #expect(message.email["subject"] == "ab")
    let headers = try #require(message.email["headers"]?.arrayValue)
    #expect(headers[1]["value"] == " ab")
    #expect(message.warnings.contains { $0.message.contains("NUL") })
    #expect(try MailWriter.write(edited: message.email, original: message) == raw)
  }

  @Test func addressNameWithInvalidBytes() {
    let raw =
      Array("From: Heinz M".utf8) + [0xFC] + Array("ller <mueller@example.com>\r\n\r\n".utf8)
    let message = MailMessage(parsing: raw)
    #expect(message.email["from"]?[0]?["name"] == "Heinz M\u{FFFD}ller")
    #expect(message.email["from"]?[0]?["email"] == "mueller@example.com")
  }

  @Test func textAroundEncodedWordWithInvalidBytes() {
    // The encoded word names its charset and is decoded in it; the raw F6 outside is not.
    let raw = Self.message(subject: Array("=?iso-8859-1?Q?Fr=F6sche?= Fr".utf8) + [0xF6])
    let message = MailMessage(parsing: raw)
    #expect(message.email["subject"] == "Frösche Fr\u{FFFD}")
  }

  @Test func uneditedFieldKeepsRawBytesWhenOtherFieldEdited() throws {
    let value: [UInt8] = [0x46, 0x72, 0xF6, 0x73, 0x63, 0x68, 0x65]
    let raw = Self.message(subject: value)
    let message = MailMessage(parsing: raw)
    let edited = TestMessages.addingHeader(message, name: "X-Added", value: "yes")
    let written = try MailWriter.write(edited: edited, original: message)
    #expect(written.firstRange(of: Array("Subject: ".utf8) + value + [13, 10]) != nil)
    #expect(written.firstRange(of: Array("X-Added: yes\r\n".utf8)) != nil)
  }

  @Test func editedSubjectWrittenAsUTF8() throws {
    let raw = Self.message(subject: [0x46, 0x72, 0xF6, 0x73, 0x63, 0x68, 0x65])
    let message = MailMessage(parsing: raw)
    var headers = try #require(message.email["headers"]?.arrayValue)
    headers[1] = ["name": "Subject", "value": " Fr\u{FFFD}sche!"]
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "headers", .array(headers)), original: message)
    let expected = Array("Subject: Fr".utf8) + [0xEF, 0xBF, 0xBD] + Array("sche!\r\n".utf8)
    #expect(written.firstRange(of: expected) != nil)
    #expect(written.firstRange(of: [0xF6]) == nil)
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["subject"] == "Fr\u{FFFD}sche!")
    #expect(reparsed.warnings.isEmpty)
  }
}
