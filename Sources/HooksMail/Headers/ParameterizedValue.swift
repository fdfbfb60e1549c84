/// A `Content-Type` or `Content-Disposition` value: a lowercased token and its parameters
/// (RFC 2045 §5.1, RFC 2183), with RFC 2231 continuations and charsets decoded.
struct ParameterizedValue: Sendable {
  /// The value before the first `;`, lowercased: `text/plain`, `attachment`.
  var value: String

  /// Parameters by lowercased name, decoded. A repeated name keeps its first value.
  var parameters: [String: String]

  /// The parameter `name`, when present.
  subscript(name: String) -> String? { parameters[name] }

  /// Parses a raw header value.
  ///
  /// Parameter values may be tokens or quoted strings. `name*0`, `name*1`, … are joined in
  /// order, and `name*` values are percent-decoded in the charset they name. Encoded words
  /// inside quoted values are decoded too, because many mailers send file names that way
  /// although RFC 2047 §5 forbids it.
  static func parse(_ raw: [UInt8]) -> ParameterizedValue {
    let bytes = ByteText.unfold(raw)
    var index = 0
    let head = readUntil(bytes, &index, stop: [59])
    let value = ByteText.text(
      ByteText.lowercasedASCII(head.filter { !ByteText.isSpaceOrBreak($0) })
    ).text

    // name → (sections by number, extended flag per section); plain values by name.
    var plain: [String: [UInt8]] = [:]
    var sections: [String: [Int: (bytes: [UInt8], extended: Bool)]] = [:]
    while index < bytes.count {
      index += 1  // the `;`
      let nameBytes = readUntil(bytes, &index, stop: [61, 59])
      let name = ByteText.text(ByteText.lowercasedASCII(ByteText.trimmed(nameBytes))).text
      guard index < bytes.count, bytes[index] == 61, !name.isEmpty else { continue }
      index += 1
      while index < bytes.count, ByteText.isWhitespace(bytes[index]) { index += 1 }
      let parameterValue: [UInt8]
      if index < bytes.count, bytes[index] == 34 {
        parameterValue = readQuoted(bytes, &index)
        _ = readUntil(bytes, &index, stop: [59])
      } else {
        parameterValue = Array(ByteText.trimmed(readUntil(bytes, &index, stop: [59])))
      }
      addParameter(name, parameterValue, plain: &plain, sections: &sections)
    }

    var parameters: [String: String] = [:]
    for (name, bytes) in plain {
      parameters[name] = EncodedWords.decode(bytes).text
    }
    for (name, parts) in sections {
      parameters[name] = joinSections(parts)
    }
    return ParameterizedValue(value: value, parameters: parameters)
  }

  private static func addParameter(
    _ name: String, _ value: [UInt8], plain: inout [String: [UInt8]],
    sections: inout [String: [Int: (bytes: [UInt8], extended: Bool)]]
  ) {
    guard let star = name.firstIndex(of: "*") else {
      if plain[name] == nil { plain[name] = value }
      return
    }
    let base = String(name[..<star])
    let rest = name[name.index(after: star)...]
    let extended = rest.hasSuffix("*") || rest.isEmpty
    let number = Int(rest.trimmingSuffix("*")) ?? 0
    if sections[base]?[number] == nil { sections[base, default: [:]][number] = (value, extended) }
  }

  /// Joins RFC 2231 sections: the first extended section names the charset
  /// (`charset'language'text`), and extended sections are percent-encoded.
  private static func joinSections(_ parts: [Int: (bytes: [UInt8], extended: Bool)]) -> String {
    var charset = "us-ascii"
    var joined: [UInt8] = []
    for number in parts.keys.sorted() {
      guard let part = parts[number] else { continue }
      var bytes = part.bytes
      if part.extended {
        if number == 0 {
          let quotes = bytes.indices.filter { bytes[$0] == 39 }
          if quotes.count >= 2 {
            charset = ByteText.text(bytes[..<quotes[0]]).text
            bytes = Array(bytes[(quotes[1] + 1)...])
          }
        }
        bytes = percentDecoded(bytes)
      }
      joined += bytes
    }
    if charset.isEmpty { charset = "us-ascii" }
    return Charset.decode(joined, charset: charset).text
  }

  private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == 37, index + 2 < bytes.count,
        let value = UInt8(ByteText.latin1(bytes[(index + 1)...(index + 2)]), radix: 16)
      {
        output.append(value)
        index += 3
      } else {
        output.append(bytes[index])
        index += 1
      }
    }
    return output
  }

  /// Reads up to (not including) a stop byte outside quotes and comments.
  private static func readUntil(_ bytes: [UInt8], _ index: inout Int, stop: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    while index < bytes.count, !stop.contains(bytes[index]) {
      if bytes[index] == 40 {
        index = AddressParser.commentEnd(bytes, from: index)
        continue
      }
      if bytes[index] == 34 {
        output += readQuoted(bytes, &index)
        continue
      }
      output.append(bytes[index])
      index += 1
    }
    return output
  }

  /// Reads a quoted string starting at its opening quote, unescaping quoted pairs.
  private static func readQuoted(_ bytes: [UInt8], _ index: inout Int) -> [UInt8] {
    var output: [UInt8] = []
    index += 1
    while index < bytes.count, bytes[index] != 34 {
      if bytes[index] == 92, index + 1 < bytes.count { index += 1 }
      output.append(bytes[index])
      index += 1
    }
    index = min(index + 1, bytes.count)
    return output
  }
}

extension Substring {
  fileprivate func trimmingSuffix(_ suffix: String) -> Substring {
    hasSuffix(suffix) ? dropLast(suffix.count) : self
  }
}
