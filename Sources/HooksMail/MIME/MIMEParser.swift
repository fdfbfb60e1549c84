/// Builds the MIME tree of a message (RFC 2046 §5.1), best effort.
///
/// Broken input never stops the parse; it produces a warning and a usable tree:
/// - a multipart without a `boundary` parameter, or whose boundary never appears, has no
///   sub-parts;
/// - a missing close delimiter ends the last part at the end of its parent;
/// - a part without the blank line after its header fields starts its body at the first
///   line that is not a field;
/// - multiparts nested deeper than `maxDepth` are kept as leaves.
enum MIMEParser {
  /// The deepest multipart nesting that is split into parts.
  static let maxDepth = 64

  static func parse(_ bytes: [UInt8], warnings: inout [MailWarning]) -> MIMEPart {
    var position = 0
    var headerStart = 0
    // An mbox "From " line (the postmark of RFC 4155) is not a header field. It is kept in
    // the raw bytes, before the header block.
    if bytes.starts(with: Array("From ".utf8)) {
      let lineEnd = ByteText.lineEnd(in: bytes, from: 0, to: bytes.count)
      headerStart = ByteText.skipLineBreak(in: bytes, at: lineEnd, to: bytes.count)
      warnings.append(
        MailWarning(
          offset: 0, message: "mbox \"From \" line before the header fields; kept, not a field"))
    }
    return parsePart(
      bytes, start: 0, headerStart: headerStart, end: bytes.count, depth: 0,
      defaultType: "text/plain", position: &position, warnings: &warnings)
  }

  private static func parsePart(
    _ bytes: [UInt8], start: Int, headerStart: Int? = nil, end: Int, depth: Int,
    defaultType: String, position: inout Int, warnings: inout [MailWarning]
  ) -> MIMEPart {
    position += 1
    let header = HeaderBlockParser.parse(
      bytes, from: headerStart ?? start, to: end, warnings: &warnings)
    let contentTypeField = header.fields.first(named: "Content-Type")
    let contentType = contentTypeField.map { ParameterizedValue.parse(Array(bytes[$0.valueRange])) }
    var type = defaultType
    if let parsed = contentType?.value, parsed.contains("/") {
      type = parsed
    } else if contentTypeField != nil {
      warnings.append(
        MailWarning(
          offset: contentTypeField?.range.lowerBound,
          message: "invalid Content-Type \"\(contentType?.value ?? "")\"; using \(defaultType)"))
    }

    var part = MIMEPart(
      start: start, end: end, header: header, type: type,
      contentType: contentType ?? ParameterizedValue(value: type, parameters: [:]),
      hasContentType: contentTypeField != nil, children: [], position: position)
    guard part.isMultipart else { return part }

    guard depth < maxDepth else {
      warnings.append(
        MailWarning(
          offset: start,
          message: "multipart nested deeper than \(maxDepth) levels; kept as one leaf part"))
      part.type = "application/octet-stream"
      return part
    }
    guard let boundary = part.contentType["boundary"], !boundary.isEmpty else {
      warnings.append(
        MailWarning(offset: start, message: "\(type) has no boundary parameter; no sub-parts"))
      return part
    }

    let childDefault = type == "multipart/digest" ? "message/rfc822" : "text/plain"
    let ranges = splitBody(
      bytes, from: part.bodyRange.lowerBound, to: end, boundary: Array(boundary.utf8),
      warnings: &warnings)
    for range in ranges {
      part.children.append(
        parsePart(
          bytes, start: range.lowerBound, end: range.upperBound, depth: depth + 1,
          defaultType: childDefault, position: &position, warnings: &warnings))
    }
    return part
  }

  /// Returns the content range of each body part between boundary delimiter lines.
  private static func splitBody(
    _ bytes: [UInt8], from start: Int, to end: Int, boundary: [UInt8],
    warnings: inout [MailWarning]
  ) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var partStart: Int?
    var lineStart = start
    var closed = false
    while lineStart < end {
      let lineEnd = ByteText.lineEnd(in: bytes, from: lineStart, to: end)
      if let isClose = delimiterKind(
        bytes, lineStart: lineStart, lineEnd: lineEnd, boundary: boundary)
      {
        if let partStart {
          ranges.append(
            partStart..<max(partStart, precedingLineBreakStart(bytes, lineStart, floor: start)))
        }
        if isClose {
          closed = true
          break
        }
        partStart = ByteText.skipLineBreak(in: bytes, at: lineEnd, to: end)
      }
      lineStart = ByteText.skipLineBreak(in: bytes, at: lineEnd, to: end)
      if lineStart == lineEnd { break }
    }
    if !closed {
      if let partStart {
        ranges.append(partStart..<end)
        warnings.append(
          MailWarning(
            offset: partStart,
            message: "close delimiter --\(ByteText.latin1(boundary))-- is missing; "
              + "the last part runs to the end of its parent"))
      } else {
        warnings.append(
          MailWarning(
            offset: start,
            message: "boundary \"\(ByteText.latin1(boundary))\" never appears; no sub-parts"))
      }
    }
    return ranges
  }

  /// nil when the line is not a delimiter for `boundary`; true for the close delimiter.
  /// Only whitespace may follow the boundary (RFC 2046 §5.1.1 transport padding).
  private static func delimiterKind(
    _ bytes: [UInt8], lineStart: Int, lineEnd: Int, boundary: [UInt8]
  ) -> Bool? {
    let length = boundary.count + 2
    guard lineEnd - lineStart >= length, bytes[lineStart] == 45, bytes[lineStart + 1] == 45,
      bytes[(lineStart + 2)..<(lineStart + length)].elementsEqual(boundary)
    else { return nil }
    var index = lineStart + length
    var isClose = false
    if index + 1 < lineEnd, bytes[index] == 45, bytes[index + 1] == 45 {
      isClose = true
      index += 2
    }
    while index < lineEnd {
      guard ByteText.isWhitespace(bytes[index]) else { return nil }
      index += 1
    }
    return isClose
  }

  /// Returns the start of the line break that ends the line before `lineStart`, because
  /// that break belongs to the delimiter (RFC 2046 §5.1.1).
  private static func precedingLineBreakStart(_ bytes: [UInt8], _ lineStart: Int, floor: Int) -> Int
  {
    var index = lineStart
    if index > floor, bytes[index - 1] == ByteText.lf { index -= 1 }
    if index > floor, bytes[index - 1] == ByteText.cr { index -= 1 }
    return index
  }
}
