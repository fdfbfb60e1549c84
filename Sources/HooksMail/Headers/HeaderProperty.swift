import Foundation

/// The header fields behind the parsed Email properties of RFC 8621 §4.1.3, and the
/// `asText` form.
enum HeaderProperty {
  /// Email property → header field name, for the address fields.
  static let addressFields: [(property: String, field: String)] = [
    ("sender", "Sender"), ("from", "From"), ("to", "To"), ("cc", "Cc"), ("bcc", "Bcc"),
    ("replyTo", "Reply-To"),
  ]

  /// Email property → header field name, for the message id fields.
  static let messageIDFields: [(property: String, field: String)] = [
    ("messageId", "Message-ID"), ("inReplyTo", "In-Reply-To"), ("references", "References"),
  ]

  /// Returns the `asText` form (RFC 8621 §4.1.2.2): unfolded, leading whitespace removed,
  /// encoded words decoded, NFC.
  static func text(_ raw: [UInt8]) -> String {
    var bytes = ByteText.unfold(raw)[...]
    while let first = bytes.first, ByteText.isWhitespace(first) { bytes = bytes.dropFirst() }
    let decoded = EncodedWords.decode(Array(bytes)).text
    return decoded.precomposedStringWithCanonicalMapping
  }
}
