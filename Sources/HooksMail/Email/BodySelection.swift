/// The choice of `textBody`, `htmlBody` and `attachments` (RFC 8621 §4.1.4), as the
/// positions of the chosen parts in the MIME tree.
struct BodySelection: Sendable, Equatable {
  var textBody: [Int] = []
  var htmlBody: [Int] = []
  var attachments: [Int] = []

  /// Runs the algorithm of RFC 8621 §4.1.4 on the tree, step for step: the function
  /// `parseStructure` of that section, with `name` from `MIMEPart.fileName` and
  /// `disposition` lowercased.
  ///
  /// In that JavaScript, `textBody = null` only clears the caller's local variable, while
  /// `push` changes the shared array. Here the shared arrays are `inout` and the local
  /// variables are the two `…Enabled` flags, passed down by value.
  init(root: MIMEPart) {
    Self.walk(
      [root], multipartType: "mixed", inAlternative: false, textEnabled: true,
      htmlEnabled: true, &self)
  }

  private static func isInlineMediaType(_ type: String) -> Bool {
    type.hasPrefix("image/") || type.hasPrefix("audio/") || type.hasPrefix("video/")
  }

  private static func walk(
    _ parts: [MIMEPart], multipartType: String, inAlternative: Bool, textEnabled: Bool,
    htmlEnabled: Bool, _ selection: inout BodySelection
  ) {
    var textEnabled = textEnabled
    var htmlEnabled = htmlEnabled
    let textLength = textEnabled ? selection.textBody.count : -1
    let htmlLength = htmlEnabled ? selection.htmlBody.count : -1

    for (index, part) in parts.enumerated() {
      let isInline =
        part.disposition != "attachment"
        && (part.type == "text/plain" || part.type == "text/html" || isInlineMediaType(part.type))
        && (index == 0
          || (multipartType != "related" && (isInlineMediaType(part.type) || part.fileName == nil)))

      if part.isMultipart {
        let subtype = String(part.type.dropFirst("multipart/".count))
        walk(
          part.children, multipartType: subtype,
          inAlternative: inAlternative || subtype == "alternative", textEnabled: textEnabled,
          htmlEnabled: htmlEnabled, &selection)
      } else if isInline {
        if multipartType == "alternative" {
          switch part.type {
          case "text/plain": selection.textBody.append(part.position)
          case "text/html": selection.htmlBody.append(part.position)
          default: selection.attachments.append(part.position)
          }
          continue
        } else if inAlternative {
          if part.type == "text/plain" { htmlEnabled = false }
          if part.type == "text/html" { textEnabled = false }
        }
        if textEnabled { selection.textBody.append(part.position) }
        if htmlEnabled { selection.htmlBody.append(part.position) }
        if (!textEnabled || !htmlEnabled) && isInlineMediaType(part.type) {
          selection.attachments.append(part.position)
        }
      } else {
        selection.attachments.append(part.position)
      }
    }

    if multipartType == "alternative" && textEnabled && htmlEnabled {
      // Only an HTML part was found: show it in the text body too, and the reverse.
      if textLength == selection.textBody.count && htmlLength != selection.htmlBody.count {
        selection.textBody += selection.htmlBody[htmlLength...]
      }
      if htmlLength == selection.htmlBody.count && textLength != selection.textBody.count {
        selection.htmlBody += selection.textBody[textLength...]
      }
    }
  }
}
