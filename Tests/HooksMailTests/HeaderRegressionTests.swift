import HooksMail
import HooksWire
import Testing

@Suite("Header fields from real reports")
struct HeaderRegressionTests {
  @Test func messageIDOnFoldedLine() throws {
    let raw = try TestMessages.bytes("message-id-folded.eml")
    let message = MailMessage(parsing: raw)
    let headers = TestMessages.headers(message)
    #expect(headers[1].name == "Message-ID")
    #expect(headers[1].value == "\r\n <folded.1@example.com>")
    #expect(message.email["messageId"] == ["folded.1@example.com"])
    #expect(try MailWriter.write(edited: message.email, original: message) == raw)
  }

  @Test(arguments: ["subject-no-space.eml", "subject-tab-spaces.eml"])
  func subjectWithoutSingleSpace(file: String) throws {
    let raw = try TestMessages.bytes(file)
    let message = MailMessage(parsing: raw)
    #expect(message.email["subject"] == "x")
    #expect(try MailWriter.write(edited: message.email, original: message) == raw)

    // A field inserted right after the subject is written with one space.
    var headers = message.email["headers"]?.arrayValue ?? []
    headers.insert(["name": "X-Added", "value": "yes"], at: 2)
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "headers", .array(headers)), original: message)
    let subjectLine = try #require(raw.firstRange(of: Array("Subject:".utf8)))
    let lineEnd = try #require(raw[subjectLine.upperBound...].firstIndex(of: 10))
    var expected = raw
    expected.insert(contentsOf: Array("X-Added: yes\r\n".utf8), at: lineEnd + 1)
    #expect(written == expected)
  }

  @Test func subjectWithEmptyFirstLine() throws {
    let message = try TestMessages.parse("subject-empty-first-line.eml")
    let headers = TestMessages.headers(message)
    #expect(headers.count == 3)
    #expect(headers[1].name == "Subject")
    #expect(headers[1].value == "\r\n \r\n\t\r\n  the value")
    #expect(message.email["subject"] == "the value")
    #expect(headers[2].name == "To")
  }

  @Test func longFoldedReferences() throws {
    let raw = try TestMessages.bytes("references-4k.eml")
    let message = MailMessage(parsing: raw)
    let references = message.email["references"]?.arrayValue ?? []
    #expect(references.count == 90)
    #expect(references.first?.stringValue == "ref.000.xxxxxxxxxxxxxxxxxxxx@lists.example.org")
    #expect(references.last?.stringValue == "ref.089.xxxxxxxxxxxxxxxxxxxx@lists.example.org")
    let value = TestMessages.headers(message)[1].value
    #expect(value.utf8.count > 4000)
    #expect(value.contains(">  <"))
    #expect(try MailWriter.write(edited: message.email, original: message) == raw)
  }

  @Test func subjectWithRawShiftJIS() throws {
    let raw = try TestMessages.bytes("subject-shift-jis.eml")
    let message = MailMessage(parsing: raw)
    let warning = message.warnings.first { $0.message.contains("Subject") }
    #expect(warning?.message.contains("not UTF-8") == true)
    // 83 65 83 58 83 67 20 82 A0: each lead byte 83 is followed by an ASCII byte, and
    // 82 A0 is a lone lead byte plus a lone continuation byte, so five U+FFFD.
    #expect(message.email["subject"] == "\u{FFFD}e\u{FFFD}X\u{FFFD}g \u{FFFD}\u{FFFD}")
    #expect(try MailWriter.write(edited: message.email, original: message) == raw)

    // A change elsewhere keeps the raw Shift_JIS bytes of the subject.
    let edited = TestMessages.addingHeader(message, name: "X-Added", value: "yes")
    let written = try MailWriter.write(edited: edited, original: message)
    let subjectBytes: [UInt8] = [0x83, 0x65, 0x83, 0x58, 0x83, 0x67]
    #expect(written.firstRange(of: subjectBytes) != nil)
  }

  @Test func firstFieldFromEditedInPlace() throws {
    let raw = try TestMessages.bytes("from-first.eml")
    let message = MailMessage(parsing: raw)
    var headers = message.email["headers"]?.arrayValue ?? []
    headers[0] = ["name": "From", "value": " Carol <carol@example.com>"]
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "headers", .array(headers)), original: message)
    let expected = String(decoding: raw, as: UTF8.self)
      .replacingOccurrences(of: "Alice <alice@example.com>", with: "Carol <carol@example.com>")
    #expect(written == Array(expected.utf8))
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["from"]?[0]?["email"] == "carol@example.com")
  }

  @Test func fiveCommonHeadersInOrder() throws {
    let message = try TestMessages.parse("five-common-headers.eml")
    let names = TestMessages.headers(message).map(\.name)
    #expect(names == ["From", "To", "Date", "Message-ID", "Subject"])
    #expect(
      TestMessages.headers(message)[1].value
        == " Bob <bob@example.com>,\r\n Carol <carol@example.com>")
    #expect(message.email["to"]?.arrayValue?.count == 2)
    #expect(message.email["sentAt"] == "2026-12-04T10:00:00+01:00")
    #expect(message.email["messageId"] == ["five.1@example.com"])
    #expect(message.email["subject"] == "five headers")
  }
}
