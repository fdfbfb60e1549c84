/// The EmailBodyPart properties of RFC 8621 §4.1.4 that come from a part's header fields.
extension MIMEPart {
  /// The Content-Disposition value, lowercased, or nil without the field.
  var disposition: String? {
    dispositionValue.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The file name: Content-Disposition `filename`, else Content-Type `name`, decoded.
  var fileName: String? {
    dispositionValue?["filename"] ?? (hasContentType ? contentType["name"] : nil)
  }

  /// The `charset` property: the Content-Type parameter, else `us-ascii` for `text/*` and
  /// for a part without Content-Type, else nil.
  var charset: String? {
    if let charset = contentType["charset"], !charset.isEmpty { return charset }
    return !hasContentType || type.hasPrefix("text/") ? "us-ascii" : nil
  }

  /// The Content-ID without angle brackets.
  var contentID: String? {
    guard let field = header.fields.first(named: "Content-ID") else { return nil }
    var id = field.value.trimmingWhitespace()
    if id.hasPrefix("<") && id.hasSuffix(">") && id.count >= 2 {
      id = String(id.dropFirst().dropLast())
    }
    return id
  }

  /// The Content-Language tags, or nil without the field.
  var languages: [String]? {
    guard let field = header.fields.first(named: "Content-Language") else { return nil }
    return field.value.split(whereSeparator: { ", \t\r\n".contains($0) }).map(String.init)
  }

  /// The Content-Location value, trimmed.
  var location: String? {
    header.fields.first(named: "Content-Location")?.value.trimmingWhitespace()
  }

  /// Whether the part is text that belongs in `bodyValues`: a `text/*` leaf.
  var isText: Bool { type.hasPrefix("text/") }

  private var dispositionValue: ParameterizedValue? {
    header.fields.first(named: "Content-Disposition").map {
      ParameterizedValue.parse(Array($0.value.utf8))
    }
  }
}
