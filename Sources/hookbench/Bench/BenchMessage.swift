import HooksWire

/// Generates the multipart message that the benchmarks parse and embed in requests.
///
/// The message looks like a newsletter that went through two relays and a signing service:
/// 30 header fields (trace, DKIM and ARC, list and Microsoft fields), then `multipart/mixed`
/// with a `multipart/alternative` pair of quoted-printable UTF-8 text and HTML parts and a
/// Base64 PDF attachment. The text takes about 40% of the size, the HTML about 35% and the
/// attachment the rest. The same size always gives the same bytes, because the filler comes
/// from a seeded generator.
enum BenchMessage {
  /// Returns a message of about `size` bytes, with CRLF line ends.
  static func generate(size: Int) -> [UInt8] {
    var random = SeededGenerator(seed: UInt64(size))
    var text = headerSection()
    text += "This is a multi-part message in MIME format.\r\n"
    text += "--mixed-7f3a\r\n"
    text += "Content-Type: multipart/alternative; boundary=\"alt-19c2\"\r\n\r\n"

    text += "--alt-19c2\r\n"
    text += "Content-Type: text/plain; charset=utf-8\r\n"
    text += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    text += quotedPrintableFiller(bytes: size * 40 / 100, html: false, random: &random)

    text += "--alt-19c2\r\n"
    text += "Content-Type: text/html; charset=utf-8\r\n"
    text += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    text += quotedPrintableFiller(bytes: size * 35 / 100, html: true, random: &random)
    text += "--alt-19c2--\r\n"

    let attachmentSize = max(0, size - text.utf8.count - 300) * 3 / 4
    text += "--mixed-7f3a\r\n"
    text += "Content-Type: application/pdf; name=\"quarterly-report.pdf\"\r\n"
    text += "Content-Disposition: attachment; filename=\"quarterly-report.pdf\"\r\n"
    text += "Content-Transfer-Encoding: base64\r\n\r\n"
    text += base64Lines(randomBytes(attachmentSize, random: &random))
    text += "--mixed-7f3a--\r\n"
    return Array(text.utf8)
  }

  /// The 30 header fields, folded where real mail folds them.
  private static func headerSection() -> String {
    let fields = [
      "Return-Path: <bounces+4471@news.example.org>",
      "Received: from relay2.example.net (relay2.example.net [192.0.2.17])\r\n"
        + "\tby mx1.example.com (Postfix) with ESMTPS id 4Xk2pQ1zZ9z9sTl\r\n"
        + "\tfor <alice@example.com>; Fri, 04 Dec 2026 09:12:44 +0000 (UTC)",
      "Received: from mta.news.example.org (mta.news.example.org [198.51.100.4])\r\n"
        + "\tby relay2.example.net with ESMTPS id a1b2c3d4\r\n"
        + "\tfor <alice@example.com>; Fri, 04 Dec 2026 09:12:43 +0000",
      "Received: from localhost (localhost [127.0.0.1])\r\n"
        + "\tby mta.news.example.org with ESMTP id 77aa01; Fri, 04 Dec 2026 09:12:42 +0000",
      "Received-SPF: pass (mx1.example.com: domain of news.example.org designates "
        + "198.51.100.4 as permitted sender)",
      "Authentication-Results: mx1.example.com;\r\n"
        + "\tdkim=pass header.d=news.example.org header.s=s2026 header.b=Qm9vZ1x3;\r\n"
        + "\tspf=pass smtp.mailfrom=news.example.org; dmarc=pass header.from=news.example.org",
      "ARC-Seal: i=1; a=rsa-sha256; t=1796375562; cv=none; d=example.net; s=arc-2026;\r\n"
        + "\tb=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy\r\n"
        + "\t YmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4",
      "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net;\r\n"
        + "\ts=arc-2026; h=from:to:subject:date:message-id;\r\n"
        + "\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
        + "\tb=cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6",
      "ARC-Authentication-Results: i=1; relay2.example.net; dkim=pass "
        + "header.d=news.example.org; spf=pass smtp.mailfrom=news.example.org",
      "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=news.example.org;\r\n"
        + "\ts=s2026; t=1796375562; h=from:to:subject:date:message-id:list-unsubscribe;\r\n"
        + "\tbh=frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=;\r\n"
        + "\tb=Qm9vZ1x3YmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9v\r\n"
        + "\t YmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4",
      "From: =?utf-8?q?Newsletter_=C3=9Cbersicht?= <news@news.example.org>",
      "Sender: Mailing Service <bounces+4471@news.example.org>",
      "Reply-To: Support <support@news.example.org>",
      "To: Alice Example <alice@example.com>",
      "Cc: \"Bob, Team Lead\" <bob@example.com>, carol@example.com",
      "Subject: =?utf-8?q?Quarterly_report_=E2=80=94_r=C3=A9sum=C3=A9_and_next_steps?=",
      "Date: Fri, 04 Dec 2026 09:12:40 +0000",
      "Message-ID: <20261204091240.77aa01@news.example.org>",
      "In-Reply-To: <20261120080000.1f2e@example.com>",
      "References: <20261101070000.0a0b@news.example.org>\r\n"
        + " <20261120080000.1f2e@example.com>",
      "MIME-Version: 1.0",
      "Content-Type: multipart/mixed; boundary=\"mixed-7f3a\"",
      "List-Id: Quarterly News <quarterly.news.example.org>",
      "List-Unsubscribe: <https://news.example.org/u/4471>, "
        + "<mailto:unsubscribe@news.example.org?subject=4471>",
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
      "Precedence: bulk",
      "X-Mailer: Example Mailer 9.2",
      "Thread-Topic: Quarterly report",
      "Thread-Index: AQHZb2xkZ0m9dGhyZWFkaW5kZXg=",
      "Content-Language: en-GB",
    ]
    return fields.map { $0 + "\r\n" }.joined() + "\r\n"
  }

  /// Words for the text parts; some need UTF-8 escapes in quoted-printable.
  private static let words = [
    "quarterly", "report", "revenue", "grew", "in", "every", "region", "and", "the", "team",
    "thanks", "you", "for", "résumé", "café", "naïve", "Übersicht", "Präsentation", "—",
    "budget", "meeting", "schedule", "forecast", "€", "delivery", "pipeline", "customer",
    "feedback", "a", "of", "to", "with", "next", "steps", "see", "attached", "details",
  ]

  /// Returns quoted-printable lines of filler words, about `bytes` long.
  private static func quotedPrintableFiller(
    bytes: Int, html: Bool, random: inout SeededGenerator
  ) -> String {
    var output = ""
    var line = html ? "<p>" : ""
    while output.utf8.count < bytes {
      let word = words[Int(random.next() % UInt64(words.count))]
      line += (line.isEmpty || line == "<p>" ? "" : " ") + quotedPrintable(word)
      guard line.utf8.count > 56 else { continue }
      output += line + "\r\n"
      if html {
        // `=3D` is the quoted-printable form of the `=` in the attribute.
        if random.next() % 4 == 0 { output += "<a href=3D\"https://news.example.org\">more</a>\r\n" }
        output += "</p>\r\n"
      }
      line = html ? "<p>" : ""
    }
    return output
  }

  /// Encodes `word` as quoted-printable: printable ASCII other than `=` stays, every other
  /// byte becomes `=XX` (RFC 2045 §6.7).
  private static func quotedPrintable(_ word: String) -> String {
    let digits = Array("0123456789ABCDEF")
    var encoded = ""
    for byte in word.utf8 {
      if byte >= 0x21 && byte <= 0x7e && byte != UInt8(ascii: "=") {
        encoded.append(Character(Unicode.Scalar(byte)))
      } else {
        encoded += "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0f)])
      }
    }
    return encoded
  }

  private static func randomBytes(_ count: Int, random: inout SeededGenerator) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 8)
    while bytes.count < count {
      var word = random.next()
      for _ in 0..<8 {
        bytes.append(UInt8(truncatingIfNeeded: word))
        word >>= 8
      }
    }
    return Array(bytes.prefix(count))
  }

  /// Returns `bytes` as Base64 in lines of 76 characters (RFC 2045 §6.8).
  private static func base64Lines(_ bytes: [UInt8]) -> String {
    let encoded = Array(Base64.encode(bytes).utf8)
    var output = ""
    var start = 0
    while start < encoded.count {
      let end = min(start + 76, encoded.count)
      output += String(decoding: encoded[start..<end], as: UTF8.self) + "\r\n"
      start = end
    }
    return output
  }
}

/// SplitMix64: a small, fast generator whose output depends only on the seed, so that the
/// benchmark inputs are the same on every run and machine.
struct SeededGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}
