/// One node of the MIME tree (RFC 2045, RFC 2046), with byte ranges into the raw message so
/// the writer can copy untouched parts exactly.
struct MIMEPart: Sendable {
  /// The offset of the part's header block in the raw message.
  var start: Int

  /// The offset just past the part's content: the line break before the next boundary
  /// delimiter, or the end of the message.
  var end: Int

  /// The header fields and the body's start offset.
  var header: HeaderBlock

  /// The media type, lowercased: from `Content-Type`, else the default of RFC 2045 §5.2
  /// (`text/plain`), or `message/rfc822` inside `multipart/digest` (RFC 2046 §5.1.5).
  var type: String

  /// The `Content-Type` parameters; empty without the field.
  var contentType: ParameterizedValue

  /// Whether the part has a `Content-Type` field.
  var hasContentType: Bool

  /// The sub-parts of a multipart; empty for a leaf.
  var children: [MIMEPart]

  /// The position of the part in a depth-first walk of the tree, containers included,
  /// starting at 1.
  var position: Int

  /// Whether the part is a multipart container.
  var isMultipart: Bool { type.hasPrefix("multipart/") }

  /// The body bytes' range: after the header block's blank line, to `end`.
  var bodyRange: Range<Int> { min(header.bodyStart, end)..<end }

  /// The JMAP `partId` (RFC 8621 §4.1.4): the position as a string; nil for a container.
  var partID: String? { isMultipart ? nil : String(position) }

  /// The lowercased Content-Transfer-Encoding, `7bit` when absent.
  var transferEncoding: String {
    guard let field = header.fields.first(named: "Content-Transfer-Encoding") else { return "7bit" }
    return field.value.trimmingWhitespace().lowercased()
  }

  /// Every part of the subtree, depth-first, containers included.
  var allParts: [MIMEPart] {
    [self] + children.flatMap(\.allParts)
  }
}

extension String {
  /// The string without leading and trailing whitespace or line breaks.
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}
