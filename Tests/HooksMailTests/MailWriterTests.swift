import HooksMail
import HooksWire
import TestSupport
import Testing

@Suite("MailWriter")
struct MailWriterTests {
  static let multipart = """
    From: Alice <alice@example.com>
    To: bob@example.com
    Subject: plain
    MIME-Version: 1.0
    Content-Type: multipart/mixed; boundary="b1"

    preamble
    --b1
    Content-Type: text/plain; charset=iso-8859-1
    Content-Transfer-Encoding: 8bit

    caf\u{E9} one
    --b1
    Content-Type: application/octet-stream
    Content-Transfer-Encoding: base64

    AAECAwQ=
    --b1
    Content-Type: text/html; charset=us-ascii

    <p>two</p>
    --b1--
    epilogue

    """

  /// `multipart` with its text part in ISO-8859-1 bytes, as a real sender would write it.
  static func multipartMessage() -> MailMessage {
    let crlf = multipart.replacingOccurrences(of: "\n", with: "\r\n")
    var bytes: [UInt8] = []
    for scalar in crlf.unicodeScalars { bytes.append(UInt8(truncatingIfNeeded: scalar.value)) }
    return MailMessage(parsing: bytes)
  }

  static func header(_ message: MailMessage, _ name: String) -> String? {
    TestMessages.headers(message).last { $0.name.lowercased() == name.lowercased() }?.value
  }

  @Test func subjectNonASCIIBecomesEncodedWords() throws {
    let message = Self.multipartMessage()
    let subject = "Grüße aus Köln — 東京からの長い件名です、折り返しが必要になるかどうかを確かめます"
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "subject", .string(subject)), original: message)
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["subject"] == .string(subject))
    let rawValue = try #require(Self.header(reparsed, "Subject"))
    #expect(rawValue.hasPrefix(" =?UTF-8?B?"))
    #expect(rawValue.unicodeScalars.allSatisfy { $0.isASCII })
    for line in String(decoding: TestMessages.split(written).header, as: UTF8.self)
      .components(separatedBy: "\r\n")
    {
      #expect(line.utf8.count <= 78, "\(line)")
    }
    // The body is untouched.
    #expect(TestMessages.split(written).rest == TestMessages.split(message.raw).rest)
  }

  @Test func subjectASCIIWrittenAsIs() throws {
    let message = Self.multipartMessage()
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "subject", "[SPAM] plain"), original: message)
    let text = String(decoding: written, as: UTF8.self)
    #expect(text.contains("\r\nSubject: [SPAM] plain\r\n"))
    #expect(!text.contains("Subject: plain"))
    #expect(MailMessage(parsing: written).email["subject"] == "[SPAM] plain")
  }

  @Test func subjectNullRemovesField() throws {
    let message = Self.multipartMessage()
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "subject", .null), original: message)
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["subject"] == .null)
    #expect(Self.header(reparsed, "Subject") == nil)
  }

  @Test func parsedPropertyWinsOverHeaders() throws {
    let message = Self.multipartMessage()
    var headers = message.email["headers"]?.arrayValue ?? []
    headers[2] = ["name": "Subject", "value": " from headers"]
    var edited = TestMessages.editing(message, "headers", .array(headers))
    edited = .object(
      {
        var object = edited.objectValue!
        object["subject"] = "from subject"
        return object
      }())
    let reparsed = MailMessage(parsing: try MailWriter.write(edited: edited, original: message))
    #expect(reparsed.email["subject"] == "from subject")
    #expect(Self.header(reparsed, "Subject") == " from subject")
  }

  @Test func addressesReencodedAndReparsed() throws {
    let message = Self.multipartMessage()
    let to: JSONValue = [
      ["name": "Jürgen Schmürgen", "email": "j@example.com"],
      ["name": "Doe, John", "email": "john@example.com"],
      ["name": .null, "email": "plain@example.com"],
    ]
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "to", to), original: message)
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["to"] == to)
    let rawTo = (Self.header(reparsed, "To") ?? "").replacingOccurrences(of: "\r\n", with: "")
    #expect(rawTo.contains("\"Doe, John\" <john@example.com>"), "\(rawTo)")
  }

  @Test func sentAtAndMessageIDsReencoded() throws {
    let message = Self.multipartMessage()
    var edited = TestMessages.editing(message, "sentAt", "2026-12-04T10:00:00+01:00")
    edited = .object(
      {
        var object = edited.objectValue!
        object["references"] = ["a@x", "b@y"]
        return object
      }())
    let reparsed = MailMessage(parsing: try MailWriter.write(edited: edited, original: message))
    #expect(reparsed.email["sentAt"] == "2026-12-04T10:00:00+01:00")
    #expect(Self.header(reparsed, "Date") == " Fri, 04 Dec 2026 10:00:00 +0100")
    #expect(reparsed.email["references"] == ["a@x", "b@y"])
    #expect(Self.header(reparsed, "References") == " <a@x> <b@y>")
  }

  @Test(arguments: [
    "evil\r\nBcc: victim@example.com", "evil\nBcc: victim@example.com", "evil\rBcc: x",
    "ends with a break\r\n",
  ])
  func headerInjectionRejected(value: String) throws {
    let message = Self.multipartMessage()
    let edited = TestMessages.addingHeader(message, name: "X-Note", value: value)
    let index = (message.email["headers"]?.arrayValue?.count ?? 0)
    #expect(throws: MailWriteError.self) {
      try MailWriter.write(edited: edited, original: message)
    }
    do {
      _ = try MailWriter.write(edited: edited, original: message)
    } catch let error as MailWriteError {
      #expect(error.path == "/headers/\(index)/value")
      #expect(error.description.contains("new header field"))
    }
  }

  @Test func foldedValueAccepted() throws {
    let message = Self.multipartMessage()
    let edited = TestMessages.addingHeader(message, name: "X-Note", value: "one\r\n two")
    let written = try MailWriter.write(edited: edited, original: message)
    #expect(String(decoding: written, as: UTF8.self).contains("X-Note: one\r\n two\r\n"))
  }

  @Test(arguments: ["", "Bad Name", "Colon:Name", "Ümlaut"])
  func invalidFieldNameRejected(name: String) throws {
    let message = Self.multipartMessage()
    let edited = TestMessages.addingHeader(message, name: name, value: "x")
    #expect(throws: MailWriteError.self) {
      try MailWriter.write(edited: edited, original: message)
    }
  }

  @Test func rawFormValueNotDoubled() throws {
    let message = Self.multipartMessage()
    let edited = TestMessages.addingHeader(message, name: "X-Raw", value: " already spaced")
    let text = String(
      decoding: try MailWriter.write(edited: edited, original: message), as: UTF8.self)
    #expect(text.contains("\r\nX-Raw: already spaced\r\n"))
  }

  @Test func longAddedValueFolded() throws {
    let message = Self.multipartMessage()
    let words = (1...30).map { "word\($0)" }.joined(separator: " ")
    let edited = TestMessages.addingHeader(message, name: "X-Long", value: words)
    let written = try MailWriter.write(edited: edited, original: message)
    let header = String(decoding: TestMessages.split(written).header, as: UTF8.self)
    #expect(header.contains("X-Long: word1 word2"))
    for line in header.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
    let reparsed = MailMessage(parsing: written)
    let value = try #require(Self.header(reparsed, "X-Long"))
    #expect(value.replacingOccurrences(of: "\r\n", with: "") == " " + words)
  }

  @Test func bodyValueKeepsCharsetWhenTextFits() throws {
    let message = Self.multipartMessage()
    #expect(message.email["bodyValues"]?["2"]?["value"] == "café one")
    var values = message.email["bodyValues"]?.objectValue ?? JSONObject()
    values["2"] = [
      "value": "crème brûlée = dessert\r\n", "isEncodingProblem": false, "isTruncated": false,
    ]
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "bodyValues", .object(values)), original: message)
    let text = String(decoding: written, as: UTF8.self)
    #expect(text.contains("Content-Type: text/plain; charset=iso-8859-1\r\n"))
    #expect(text.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
    #expect(text.contains("cr=E8me br=FBl=E9e =3D dessert"))
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["bodyValues"]?["2"]?["value"] == "crème brûlée = dessert\r\n")
    Self.expectOtherPartsIdentical(written, message, editedPartIndex: 0)
  }

  @Test func bodyValueSwitchesToUTF8() throws {
    let message = Self.multipartMessage()
    var values = message.email["bodyValues"]?.objectValue ?? JSONObject()
    values["4"] = ["value": "<p>東京 €</p>", "isEncodingProblem": false, "isTruncated": false]
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "bodyValues", .object(values)), original: message)
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["bodyValues"]?["4"]?["value"] == "<p>東京 €</p>")
    let part = try #require(reparsed.email["bodyStructure"]?["subParts"]?[2])
    #expect(part["charset"] == "utf-8")
    #expect(part["type"] == "text/html")
    Self.expectOtherPartsIdentical(written, message, editedPartIndex: 2)
  }

  @Test func singlePartBodyReencoded() throws {
    let message = TestMessages.parse(crlf: "From: a@example.com\nSubject: one\n\nold text\n")
    var values = message.email["bodyValues"]?.objectValue ?? JSONObject()
    values["1"] = ["value": "naïve text\n", "isEncodingProblem": false, "isTruncated": false]
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "bodyValues", .object(values)), original: message)
    let text = String(decoding: written, as: UTF8.self)
    #expect(text.hasPrefix("From: a@example.com\r\nSubject: one\r\n"))
    #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\n"))
    #expect(text.hasSuffix("\r\n\r\nna=C3=AFve text\r\n"))
    let reparsed = MailMessage(parsing: written)
    #expect(reparsed.email["bodyValues"]?["1"]?["value"] == "naïve text\r\n")
  }

  @Test func deletedHeaderRemovesOnlyItsField() throws {
    let message = Self.multipartMessage()
    var headers = message.email["headers"]?.arrayValue ?? []
    headers.remove(at: 1)
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "headers", .array(headers)), original: message)
    let field = Array("To: bob@example.com\r\n".utf8)
    let range = try #require(message.raw.firstRange(of: field))
    var expected = message.raw
    expected.removeSubrange(range)
    let identical = written == expected
    #expect(identical)
  }

  @Test func lineFeedMessageKeepsLineFeeds() throws {
    let message = MailMessage(parsing: Array("Subject: lf\n\nold\n".utf8))
    var values = message.email["bodyValues"]?.objectValue ?? JSONObject()
    values["1"] = ["value": "new\r\ntext\n", "isEncodingProblem": false, "isTruncated": false]
    var edited = TestMessages.editing(message, "bodyValues", .object(values))
    edited = .object(
      {
        var object = edited.objectValue!
        object["subject"] = "line feeds"
        return object
      }())
    let written = try MailWriter.write(edited: edited, original: message)
    #expect(
      String(decoding: written, as: UTF8.self)
        == "Subject: line feeds\nContent-Transfer-Encoding: quoted-printable\n\nnew\ntext\n")
  }

  @Test func computedPropertyEditRejected() throws {
    let message = Self.multipartMessage()
    #expect(
      throws: MailWriteError(
        path: "/preview",
        problem:
          "preview is computed from the message and cannot be edited; edit headers, bodyValues or a parsed header property instead"
      )
    ) {
      try MailWriter.write(edited: TestMessages.editing(message, "preview", "x"), original: message)
    }
    #expect(throws: MailWriteError.self) {
      try MailWriter.write(
        edited: TestMessages.editing(message, "keywords", [:]), original: message)
    }
  }

  @Test func unknownPartIDRejected() throws {
    let message = Self.multipartMessage()
    var values = message.email["bodyValues"]?.objectValue ?? JSONObject()
    values["3"] = ["value": "not text", "isEncodingProblem": false, "isTruncated": false]
    #expect(throws: MailWriteError.self) {
      try MailWriter.write(
        edited: TestMessages.editing(message, "bodyValues", .object(values)), original: message)
    }
  }

  /// Checks that every body part except `editedPartIndex` has the same bytes in both raw
  /// messages, and that preamble and epilogue survive.
  static func expectOtherPartsIdentical(
    _ written: [UInt8], _ original: MailMessage, editedPartIndex: Int
  ) {
    func parts(_ raw: [UInt8]) -> [String] {
      String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n--b1")
    }
    let before = parts(original.raw)
    let after = parts(written)
    #expect(before.count == after.count)
    for index in before.indices where index != editedPartIndex + 1 && index < after.count {
      #expect(before[index] == after[index], "part \(index)")
    }
  }
}
