import Foundation

/// The `preview` property (RFC 8621 §4.1.4): up to 256 characters of the body text.
enum Preview {
  static let maxLength = 256

  /// Takes the first text part of `textBody` (HTML with tags and entities removed when the
  /// part is HTML), collapses whitespace runs to one space, and cuts at 256 characters.
  static func make(selection: BodySelection, root: MIMEPart, texts: [Int: String]) -> String {
    let parts = Dictionary(uniqueKeysWithValues: root.allParts.map { ($0.position, $0) })
    for position in selection.textBody {
      guard let part = parts[position], let text = texts[position] else { continue }
      let plain = part.type == "text/html" ? stripHTML(text) : text
      let collapsed = plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      if collapsed.isEmpty { continue }
      return String(collapsed.prefix(maxLength))
    }
    return ""
  }

  /// Removes tags, `<style>` and `<script>` content, and the common entities.
  static func stripHTML(_ html: String) -> String {
    var output = ""
    var index = html.startIndex
    while index < html.endIndex {
      let character = html[index]
      if character == "<" {
        let rest = html[index...].prefix(8).lowercased()
        let skipTo = rest.hasPrefix("<style") ? "</style>" : rest.hasPrefix("<script") ? "</script>" : nil
        if let skipTo, let end = html.range(of: skipTo, options: .caseInsensitive, range: index..<html.endIndex) {
          index = end.upperBound
          continue
        }
        guard let close = html[index...].firstIndex(of: ">") else { break }
        output += " "
        index = html.index(after: close)
        continue
      }
      output.append(character)
      index = html.index(after: index)
    }
    let entities = ["&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
    for (entity, replacement) in entities {
      output = output.replacingOccurrences(of: entity, with: replacement, options: .caseInsensitive)
    }
    return output
  }
}
