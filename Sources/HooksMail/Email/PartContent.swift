/// The content of a leaf part after Content-Transfer-Encoding decoding, and its text.
struct PartContent: Sendable {
  /// The decoded bytes: what `blob` carries and `size` counts.
  var bytes: [UInt8]

  /// Whether the transfer encoding was invalid or unknown.
  var hadProblem: Bool

  /// Decodes the body of `part` according to its Content-Transfer-Encoding (RFC 2045 §6).
  /// An unknown encoding leaves the bytes as they are, with a warning.
  init(part: MIMEPart, raw: [UInt8], warnings: inout [MailWarning]) {
    let body = raw[part.bodyRange]
    switch part.transferEncoding {
    case "base64":
      (bytes, hadProblem) = TransferEncoding.decodeBase64(body)
    case "quoted-printable":
      (bytes, hadProblem) = TransferEncoding.decodeQuotedPrintable(body)
    case "7bit", "8bit", "binary", "":
      (bytes, hadProblem) = (Array(body), false)
    default:
      (bytes, hadProblem) = (Array(body), true)
      warnings.append(
        MailWarning(
          offset: part.start,
          message: "unknown Content-Transfer-Encoding \"\(part.transferEncoding)\"; "
            + "content taken as is"))
    }
  }

  /// Decodes the content in the part's charset (US-ASCII by default), for `bodyValues`.
  func text(charset: String?) -> Charset.Decoded {
    let decoded = Charset.decode(bytes, charset: charset ?? "us-ascii")
    return Charset.Decoded(
      text: decoded.text, isEncodingProblem: decoded.isEncodingProblem || hadProblem)
  }
}
