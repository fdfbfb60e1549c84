import HooksMail
import HooksWire
import Testing

@Suite("MIME parsing of broken messages")
struct MIMERobustnessTests {
  static func subParts(_ message: MailMessage) -> [JSONValue] {
    message.email["bodyStructure"]?["subParts"]?.arrayValue ?? []
  }

  static func roundTrips(_ message: MailMessage) throws -> Bool {
    try MailWriter.write(edited: message.email, original: message) == message.raw
  }

  @Test func missingCloseDelimiter() throws {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        one
        --b
        Content-Type: text/plain

        two, never closed
        """)
    #expect(Self.subParts(message).count == 2)
    #expect(message.email["bodyValues"]?["3"]?["value"] == "two, never closed")
    #expect(message.warnings.contains { $0.message.contains("close delimiter") })
    #expect(try Self.roundTrips(message))
  }

  @Test func boundaryNeverAppears() throws {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: multipart/alternative; boundary=missing

        --other
        text
        """)
    #expect(Self.subParts(message).isEmpty)
    #expect(message.warnings.contains { $0.message.contains("never appears") })
    #expect(message.email["textBody"] == [])
    #expect(try Self.roundTrips(message))
  }

  @Test func multipartWithoutBoundaryParameter() throws {
    let message = TestMessages.parse(crlf: "Content-Type: multipart/mixed\n\nbody\n")
    #expect(Self.subParts(message).isEmpty)
    #expect(message.warnings.contains { $0.message.contains("no boundary parameter") })
  }

  @Test func longerBoundaryIsNotADelimiter() {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: multipart/alternative; boundary=b2

        --b2
        Content-Type: text/plain

        inner
        --b2--
        --b--
        """)
    let outer = Self.subParts(message)
    #expect(outer.count == 1)
    #expect(outer.first?["subParts"]?.arrayValue?.count == 1)
    #expect(message.email["bodyValues"]?["3"]?["value"] == "inner")
  }

  @Test func missingBlankLineInPart() throws {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain
        this line is body text, not a field
        --b--
        """)
    #expect(message.email["bodyValues"]?["2"]?["value"] == "this line is body text, not a field")
    #expect(message.warnings.contains { $0.message.contains("no blank line") })
    #expect(try Self.roundTrips(message))
  }

  @Test func emptyParts() throws {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: multipart/mixed; boundary=b

        --b
        --b

        --b--
        """)
    let parts = Self.subParts(message)
    #expect(parts.count == 2)
    #expect(parts.allSatisfy { $0["size"] == 0 })
    #expect(try Self.roundTrips(message))
  }

  @Test func nestingDeeperThanLimit() throws {
    var text = ""
    for depth in 0..<80 {
      text += "Content-Type: multipart/mixed; boundary=level\(depth)\n\n--level\(depth)\n"
    }
    text += "Content-Type: text/plain\n\ndeep\n"
    let message = TestMessages.parse(crlf: text)
    #expect(message.warnings.contains { $0.message.contains("nested deeper than 64") })
    var depth = 0
    var part = message.email["bodyStructure"]
    while let next = part?["subParts"]?[0] {
      depth += 1
      part = next
    }
    #expect(depth == 64)
    #expect(part?["type"] == "application/octet-stream")
    #expect(try Self.roundTrips(message))
  }

  @Test func unknownTransferEncoding() throws {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: text/plain
        Content-Transfer-Encoding: x-uuencode

        begin 644 file
        """)
    #expect(message.email["bodyValues"]?["1"]?["value"] == "begin 644 file")
    #expect(message.email["bodyValues"]?["1"]?["isEncodingProblem"] == true)
    #expect(message.warnings.contains { $0.message.contains("x-uuencode") })
  }

  @Test func invalidBase64Flagged() {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: base64

        aGVs*bG8=
        """)
    #expect(message.email["bodyValues"]?["1"]?["value"] == "hello")
    #expect(message.email["bodyValues"]?["1"]?["isEncodingProblem"] == true)
  }

  @Test func bareLineFeedsAndNoBody() throws {
    let raw = Array("From: a@example.com\nSubject: only headers".utf8)
    let message = MailMessage(parsing: raw)
    #expect(TestMessages.headers(message).count == 2)
    #expect(message.email["subject"] == "only headers")
    #expect(try Self.roundTrips(message))
    let edited = TestMessages.addingHeader(message, name: "X-Added", value: "1")
    let written = try MailWriter.write(edited: edited, original: message)
    #expect(written == Array("From: a@example.com\nSubject: only headers\nX-Added: 1\n".utf8))
  }

  @Test func mboxFromLineKept() throws {
    let raw = Array("From alice@example.com Fri Dec  4 10:00:00 2026\nSubject: mbox\n\nbody\n".utf8)
    let message = MailMessage(parsing: raw)
    #expect(TestMessages.headers(message).map(\.name) == ["Subject"])
    #expect(message.email["subject"] == "mbox")
    #expect(message.warnings.contains { $0.message.contains("mbox") })
    #expect(try Self.roundTrips(message))
    let edited = TestMessages.addingHeader(message, name: "X-Added", value: "1")
    let written = try MailWriter.write(edited: edited, original: message)
    #expect(
      String(decoding: written, as: UTF8.self)
        == "From alice@example.com Fri Dec  4 10:00:00 2026\nSubject: mbox\nX-Added: 1\n\nbody\n")
  }

  @Test(arguments: [
    [UInt8](), [0x0A], [0x0D, 0x0A, 0x0D, 0x0A], Array(":::\r\n\r\n".utf8),
    Array("--\r\n--\r\n".utf8), [0xFF, 0xFE, 0x00, 0x3A, 0x0A, 0x20],
  ])
  func arbitraryBytesNeverTrap(raw: [UInt8]) throws {
    let message = MailMessage(parsing: raw)
    #expect(message.email["size"] == .integer(raw.count))
    #expect(try MailWriter.write(edited: message.email, original: message) == raw)
  }
}
