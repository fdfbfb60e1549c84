import HooksMail
import HooksWire
import Testing

@Suite("Body selection and part numbering")
struct BodySelectionTests {
  /// The example structure of RFC 8621 §4.1.4, with G sent as an attachment.
  static let rfcExample = """
    Subject: RFC 8621 example
    Content-Type: multipart/mixed; boundary=top

    --top
    Content-Type: text/plain

    A
    --top
    Content-Type: multipart/alternative; boundary=alt

    --alt
    Content-Type: multipart/mixed; boundary=inner

    --inner
    Content-Type: text/plain

    B
    --inner
    Content-Type: image/jpeg
    Content-Transfer-Encoding: base64

    Qw==
    --inner
    Content-Type: text/plain

    D
    --inner--
    --alt
    Content-Type: multipart/related; boundary=rel

    --rel
    Content-Type: text/html

    <p>E</p>
    --rel
    Content-Type: image/jpeg

    F
    --rel--
    --alt--
    --top
    Content-Type: image/jpeg
    Content-Disposition: attachment; filename="g.jpg"

    G
    --top
    Content-Type: application/x-excel

    H
    --top
    Content-Type: message/rfc822

    Subject: J

    J
    --top
    Content-Type: text/plain

    K
    --top--

    """

  @Test func rfc8621ExampleLists() {
    let message = TestMessages.parse(crlf: Self.rfcExample)
    // Positions: 1 top, 2 A, 3 alt, 4 inner, 5 B, 6 C, 7 D, 8 rel, 9 E, 10 F, 11 G, 12 H,
    // 13 J, 14 K.
    #expect(message.partIDs("textBody") == ["2", "5", "6", "7", "14"])
    #expect(message.partIDs("htmlBody") == ["2", "9", "14"])
    #expect(message.partIDs("attachments") == ["6", "10", "11", "12", "13"])
    #expect(message.email["hasAttachment"] == true)
  }

  @Test func containersHaveNullPartID() {
    let message = TestMessages.parse(crlf: Self.rfcExample)
    let parts = message.allBodyParts
    #expect(parts.count == 14)
    let containers = parts.filter { ($0["type"]?.stringValue ?? "").hasPrefix("multipart/") }
    #expect(containers.count == 4)
    #expect(containers.allSatisfy { $0["partId"] == .null })
    let leaves = parts.compactMap { $0["partId"]?.stringValue }
    #expect(leaves == ["2", "5", "6", "7", "9", "10", "11", "12", "13", "14"])
  }

  @Test func blobsOnlyOnNonTextLeaves() {
    let message = TestMessages.parse(crlf: Self.rfcExample)
    let parts = message.allBodyParts
    let image = parts.first { $0["partId"] == "6" }
    #expect(image?["blob"] == .bytes(Array("C".utf8)))
    #expect(image?["size"] == 1)
    let attached = parts.first { $0["partId"] == "13" }
    #expect(attached?["blob"] == .bytes(Array("Subject: J\r\n\r\nJ".utf8)))
    #expect(attached?["subParts"] == nil)
    #expect(parts.first { $0["partId"] == "2" }?["blob"] == nil)
    #expect(message.email["bodyValues"]?.objectValue?.keys.sorted() == ["14", "2", "5", "7", "9"])
  }

  @Test func partPropertiesFromHeaders() {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: application/pdf; name="fallback.pdf"
        Content-Disposition: ATTACHMENT; filename*=utf-8''R%C3%A9sum%C3%A9.pdf
        Content-ID: <part1@example.com>
        Content-Language: en, fr
        Content-Location: http://example.com/r.pdf

        %PDF
        --b--
        """)
    let part = message.allBodyParts[1]
    #expect(part["type"] == "application/pdf")
    #expect(part["disposition"] == "attachment")
    #expect(part["name"] == "Résumé.pdf")
    #expect(part["cid"] == "part1@example.com")
    #expect(part["language"] == ["en", "fr"])
    #expect(part["location"] == "http://example.com/r.pdf")
    #expect(part["charset"] == .null)
  }

  @Test func defaultTypeAndCharset() {
    let plain = TestMessages.parse(crlf: "Subject: x\n\nbody\n")
    #expect(plain.allBodyParts[0]["type"] == "text/plain")
    #expect(plain.allBodyParts[0]["charset"] == "us-ascii")
    #expect(plain.partIDs("textBody") == ["1"])
    #expect(plain.partIDs("htmlBody") == ["1"])

    let digest = TestMessages.parse(
      crlf: """
        Content-Type: multipart/digest; boundary=d

        --d

        Subject: inner

        text
        --d--
        """)
    #expect(digest.allBodyParts[1]["type"] == "message/rfc822")
    #expect(digest.partIDs("attachments") == ["2"])
  }

  @Test func previewFromHTMLWhenNoText() {
    let message = TestMessages.parse(
      crlf: """
        Content-Type: text/html; charset=utf-8

        <html><head><style>p { color: red }</style></head>
        <body><p>Hello&nbsp;<b>world</b></p>
        </body></html>
        """)
    #expect(message.email["preview"] == "Hello world")
  }

  @Test func previewDecodesEntitiesOnce() {
    let message = TestMessages.parse(
      crlf: "Content-Type: text/html\n\n<p>caf&#233; &#x2019;s &amp;lt;b&amp;gt; &copy; &</p>\n")
    #expect(message.email["preview"] == "café ’s &lt;b&gt; &copy; &")
  }

  @Test func previewAtMost256Characters() {
    let long = String(repeating: "é", count: 400)
    let message = TestMessages.parse(crlf: "Content-Type: text/plain; charset=utf-8\n\n\(long)\n")
    #expect(message.email["preview"]?.stringValue?.count == 256)
  }
}
