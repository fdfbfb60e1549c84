import HooksMail
import HooksWire
import Testing

@Suite("Parsed header properties")
struct HeaderValueTests {
  static func parse(_ headerLines: String) -> MailMessage {
    TestMessages.parse(crlf: headerLines + "\n\nbody\n")
  }

  @Test(arguments: [
    ("=?UTF-8?B?R3LDvMOfZQ==?=", "Grüße"),
    ("=?iso-8859-1?q?caf=E9_cr=E8me?=", "café crème"),
    ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
    ("=?utf-8?q?a?=\n =?utf-8?q?b?=", "ab"),
    ("x =?utf-8?q?a?= y", "x a y"),
    ("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語"),
    ("=?utf-8?B?5pel?= =?utf-8?B?5pys?=", "日本"),
    ("=?utf-8?B?5g==?= =?utf-8?B?l6U=?=", "日"),
    ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
    ("=?unknown?q?text?= plain", "text plain"),
    ("=?utf-8?x?bad?=", "=?utf-8?x?bad?="),
    ("Re:  two  spaces ", "Re:  two  spaces "),
  ])
  func subjectDecoding(raw: String, expected: String) {
    let message = Self.parse("Subject: \(raw)")
    #expect(message.email["subject"] == .string(expected))
  }

  @Test func addressGroupsFlattened() {
    let message = Self.parse(
      "To: Team: Ann <ann@example.com>, bob@example.com;, \"Doe, Jane\" <jane@example.com>")
    #expect(
      message.email["to"]
        == [
          ["name": "Ann", "email": "ann@example.com"],
          ["name": .null, "email": "bob@example.com"],
          ["name": "Doe, Jane", "email": "jane@example.com"],
        ])
  }

  @Test func addressForms() {
    let message = Self.parse(
      """
      From: =?utf-8?q?J=C3=BCrgen?= <j@example.com>
      Cc: carol@example.com (Carol C), undisclosed-recipients:;
      Bcc: "quoted \\"name\\"" <q@example.com>
      Reply-To: <@route.example:r@example.com>
      Sender: Only Name
      """)
    #expect(message.email["from"] == [["name": "Jürgen", "email": "j@example.com"]])
    #expect(message.email["cc"] == [["name": "Carol C", "email": "carol@example.com"]])
    #expect(message.email["bcc"] == [["name": "quoted \"name\"", "email": "q@example.com"]])
    #expect(message.email["replyTo"] == [["name": .null, "email": "r@example.com"]])
    #expect(message.email["sender"] == [["name": "Only Name", "email": ""]])
  }

  @Test func absentFieldsAreNull() {
    let message = Self.parse("X-Only: 1")
    for property in [
      "messageId", "inReplyTo", "references", "sender", "from", "to", "cc", "bcc", "replyTo",
      "subject", "sentAt",
    ] {
      #expect(message.email[property] == .null, "\(property)")
    }
  }

  @Test func lastFieldWinsForParsedForm() {
    let message = Self.parse("Subject: first\nSubject: second")
    #expect(message.email["subject"] == "second")
    #expect(TestMessages.headers(message).count == 2)
  }

  @Test(arguments: [
    ("Fri, 04 Dec 2026 10:00:00 +0000", "2026-12-04T10:00:00Z"),
    ("4 Dec 2026 10:00 -0530", "2026-12-04T10:00:00-05:30"),
    ("Fri, 19 May 2000 01:06:18 -0400 (EDT)", "2000-05-19T01:06:18-04:00"),
    ("Mon, 1 Jan 99 12:00:00 EST", "1999-01-01T12:00:00-05:00"),
    ("Thu, 13 Feb 1969 23:32:54 GMT", "1969-02-13T23:32:54Z"),
  ])
  func sentAtParsing(raw: String, expected: String) {
    #expect(Self.parse("Date: \(raw)").email["sentAt"] == .string(expected))
  }

  @Test(arguments: [
    ("1 Jan 2000 00:00:00 -9999", "2000-01-01T00:00:00Z"),
    ("1 Jan 2000 00:00:00 +2400", "2000-01-01T00:00:00Z"),
    ("1 Jan 2000 00:00:00 +-123", "2000-01-01T00:00:00Z"),
    ("1 Jan 2000 00:00:00 +2359", "2000-01-01T00:00:00+23:59"),
  ])
  func outOfRangeZoneIsZero(raw: String, expected: String) {
    #expect(Self.parse("Date: \(raw)").email["sentAt"] == .string(expected))
  }

  @Test(arguments: [
    "Whenever", "", "32 Dec 2026 10:00:00 +0000", "Fri, 04 Dec 2026 25:00 +0000",
    "1 Jan 99999 00:00:00 +0000", "1 Jan 9223372036854775807 00:00:00 +0000",
  ])
  func invalidDateIsNull(raw: String) {
    #expect(Self.parse("Date: \(raw)").email["sentAt"] == .null)
  }

  @Test func messageIDForms() {
    let message = Self.parse(
      """
      Message-ID: <a@example.com> (comment)
      In-Reply-To: bare@example.com
      References: <r1@x>\t<r2@y>
       <r3@z>
      """)
    #expect(message.email["messageId"] == ["a@example.com"])
    #expect(message.email["inReplyTo"] == ["bare@example.com"])
    #expect(message.email["references"] == ["r1@x", "r2@y", "r3@z"])
  }
}
