import HooksWire

/// A raw RFC 5322 message and the JMAP Email object that scanners see for it.
///
/// Parsing never fails and never traps: broken input yields a best-effort Email object and
/// `warnings`. The parse keeps the byte ranges of every header field and body part, which is
/// what lets `MailWriter` rewrite only what a scanner changed.
public struct MailMessage: Sendable {
  /// The exact bytes of the message.
  public let raw: [UInt8]

  /// The JMAP Email object (RFC 8621 §4.1) without the metadata properties, members in the
  /// order of RFC 8621. Non-text leaf parts carry `blob` (their decoded bytes, a `.bytes`
  /// value) in place of `blobId`.
  public let email: JSONValue

  /// The problems the parser worked around, in the order met.
  public let warnings: [MailWarning]

  /// The MIME tree, with byte ranges into `raw`.
  let root: MIMEPart

  /// Parses `raw`. Lines may end in CRLF or bare LF.
  public init(parsing raw: [UInt8]) {
    var warnings: [MailWarning] = []
    let root = MIMEParser.parse(raw, warnings: &warnings)
    self.raw = raw
    self.root = root
    self.email = EmailBuilder.build(raw: raw, root: root, warnings: &warnings)
    self.warnings = warnings
  }
}
