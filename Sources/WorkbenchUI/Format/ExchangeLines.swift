import HooksWire

/// The text of an HTTP exchange for the Request pane's `http` view, byte for byte as it went
/// over the socket.
public enum ExchangeLines {
  /// Returns the raw request and response as lines, the request marked `->` and the response
  /// `<-`, as in transcripts.
  ///
  /// The head is split on CRLF (a bare LF also ends a line). A body that is UTF-8 text
  /// without control characters other than tab, CR and LF is shown as text, split into
  /// lines. Any other body, such as CBOR, is shown as a hex dump. An empty `response` (no
  /// reply yet, or a failed connection) adds no lines.
  public static func lines(request: [UInt8], response: [UInt8]) -> [String] {
    var lines = message(request).map { "-> " + $0 }
    if !response.isEmpty {
      lines.append("")
      lines += message(response).map { "<- " + $0 }
    }
    return lines
  }

  private static func message(_ bytes: [UInt8]) -> [String] {
    let separator: [UInt8] = [13, 10, 13, 10]
    var headEnd = bytes.count
    var bodyStart = bytes.count
    if bytes.count >= 4 {
      for index in 0...(bytes.count - 4) where Array(bytes[index..<(index + 4)]) == separator {
        headEnd = index
        bodyStart = index + 4
        break
      }
    }
    var lines = textLines(Array(bytes[..<headEnd]))
    guard bodyStart < bytes.count else { return lines }
    lines.append("")
    let body = Array(bytes[bodyStart...])
    if isText(body) {
      lines += textLines(body)
    } else {
      lines.append("(\(body.count) bytes of binary body)")
      lines += CBORHexDump.lines(body)
    }
    return lines
  }

  /// Splits on LF bytes and drops a CR before each LF. Splitting the `String` would not
  /// work, because Swift treats CR LF as one character.
  private static func textLines(_ bytes: [UInt8]) -> [String] {
    bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
      let content = line.last == 13 ? line.dropLast() : line
      return String(decoding: content, as: UTF8.self)
    }
  }

  private static func isText(_ bytes: [UInt8]) -> Bool {
    let controlsAllowed: Set<UInt8> = [9, 10, 13]
    guard bytes.allSatisfy({ $0 >= 0x20 || controlsAllowed.contains($0) }) else {
      return false
    }
    return String(validating: bytes, as: UTF8.self) != nil
  }
}
