import Foundation

/// The `preview` property (RFC 8621 §4.1.4): up to 256 characters of the body text.
enum Preview {
  static let maxLength = 256

  /// The characters of a body read for the preview. HTML markup can be long before the
  /// first visible text, so this is far above `maxLength`.
  static let maxInputLength = 65_536

  /// Takes the first text part of `textBody` (HTML with tags and entities removed when the
  /// part is HTML), collapses whitespace runs to one space, and cuts at 256 characters.
  static func make(selection: BodySelection, root: MIMEPart, texts: [Int: String]) -> String {
    let parts = Dictionary(uniqueKeysWithValues: root.allParts.map { ($0.position, $0) })
    for position in selection.textBody {
      guard let part = parts[position], let text = texts[position] else { continue }
      // Only the start matters, and large bodies would make the whitespace pass slow.
      let start = String(text.prefix(maxInputLength))
      let plain = part.type == "text/html" ? stripHTML(start) : start
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
        let skipTo =
          rest.hasPrefix("<style") ? "</style>" : rest.hasPrefix("<script") ? "</script>" : nil
        if let skipTo,
          let end = html.range(of: skipTo, options: .caseInsensitive, range: index..<html.endIndex)
        {
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
    return decodeEntities(output)
  }

  /// Decodes the named entities `&nbsp;`, `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and
  /// numeric ones (`&#233;`, `&#xE9;`) in one pass, so `&amp;lt;` becomes `&lt;`. Other
  /// text that starts with `&` stays as it is.
  static func decodeEntities(_ text: String) -> String {
    let named: [String: String] = [
      "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
    ]
    var output = ""
    var rest = text[...]
    while let ampersand = rest.firstIndex(of: "&") {
      output += rest[..<ampersand]
      let candidate = rest[rest.index(after: ampersand)...].prefix(10)
      guard let semicolon = candidate.firstIndex(of: ";") else {
        output += "&"
        rest = rest[rest.index(after: ampersand)...]
        continue
      }
      let name = candidate[..<semicolon].lowercased()
      var replacement = named[name]
      if replacement == nil, name.hasPrefix("#") {
        let digits = name.dropFirst()
        let value =
          digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        replacement = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
      }
      if let replacement {
        output += replacement
        rest = rest[rest.index(after: semicolon)...]
      } else {
        output += "&"
        rest = rest[rest.index(after: ampersand)...]
      }
    }
    output += rest
    return output
  }
}
