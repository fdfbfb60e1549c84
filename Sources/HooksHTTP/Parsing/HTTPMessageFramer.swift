/// The part of HTTP/1.1 parsing that requests and responses share: finding the header
/// section, splitting it into lines and fields, and framing the body (RFC 9112 §2, §5–7).
///
/// Bytes go in with `append`; `nextHead` and `nextBody` take complete pieces out. The framer
/// keeps unread bytes, so pipelined messages parse one after another.
struct HTTPMessageFramer {
  /// The way the body of the current message is delimited.
  enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
    case untilClose
  }

  private enum ChunkPhase {
    case size
    case data(remaining: Int)
    case dataEnd
    case trailers
  }

  let limits: HTTPLimits
  private var buffer: [UInt8] = []
  private var start = 0
  private var headScanOffset = 0
  private var body: [UInt8] = []
  private var chunkPhase = ChunkPhase.size
  private var trailerBytes = 0

  init(limits: HTTPLimits) {
    self.limits = limits
  }

  /// Whether bytes of an unfinished message are buffered.
  var hasBufferedBytes: Bool { start < buffer.count }

  mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    if start > 0 && start == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      headScanOffset = 0
      start = 0
    } else if start > 64 * 1024 && start > buffer.count / 2 {
      buffer.removeFirst(start)
      headScanOffset -= start
      start = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// Takes the start line and header fields of the next message, or returns nil until the
  /// whole header section has arrived.
  mutating func nextHead() throws(HTTPParseError) -> (startLine: String, headers: HTTPHeaders)? {
    while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A {
      // RFC 9112 §2.2: a server should ignore empty lines before a request line.
      start += 1
    }
    guard let end = try findHeadEnd() else {
      if buffer.count - start > limits.maxHeaderBytes {
        throw HTTPParseError(
          status: 431,
          message: "header section exceeds \(limits.maxHeaderBytes) bytes")
      }
      return nil
    }
    let headLength = end + 4 - start
    if headLength > limits.maxHeaderBytes {
      throw HTTPParseError(
        status: 431,
        message: "header section of \(headLength) bytes exceeds "
          + "\(limits.maxHeaderBytes) bytes")
    }
    let lines = try splitLines(buffer[start..<end])
    start = end + 4
    headScanOffset = start
    guard let startLine = lines.first, !startLine.isEmpty else {
      throw HTTPParseError(status: 400, message: "missing start line")
    }
    let fieldLines = lines.dropFirst()
    if fieldLines.count > limits.maxHeaderCount {
      throw HTTPParseError(
        status: 431,
        message: "\(fieldLines.count) header fields exceed the limit of \(limits.maxHeaderCount)")
    }
    var headers = HTTPHeaders()
    for line in fieldLines {
      let field = try Self.parseField(line)
      headers.add(name: field.name, value: field.value)
    }
    body = []
    chunkPhase = .size
    trailerBytes = 0
    return (startLine, headers)
  }

  /// Takes the body of the current message once it is complete, or returns nil until then.
  /// With `.untilClose`, the body is complete only when `endOfStream` is true.
  mutating func nextBody(
    _ framing: BodyFraming, endOfStream: Bool = false
  ) throws(HTTPParseError) -> [UInt8]? {
    switch framing {
    case .none:
      return []
    case .length(let length):
      guard buffer.count - start >= length else { return nil }
      let bytes = Array(buffer[start..<(start + length)])
      start += length
      return bytes
    case .untilClose:
      if buffer.count - start > limits.maxBodyBytes { throw Self.bodyTooLarge(limits) }
      guard endOfStream else { return nil }
      let bytes = Array(buffer[start...])
      start = buffer.count
      return bytes
    case .chunked:
      return try nextChunkedBody()
    }
  }

  /// Decides how the body is framed from `Transfer-Encoding` and `Content-Length`.
  /// `defaultFraming` applies when neither is present.
  func framing(
    for headers: HTTPHeaders, defaultFraming: BodyFraming
  ) throws(HTTPParseError) -> BodyFraming {
    let codings = headers.tokens(for: "Transfer-Encoding")
    let lengths = headers.values(for: "Content-Length")
    if !codings.isEmpty {
      if !lengths.isEmpty {
        throw HTTPParseError(
          status: 400,
          message: "both Transfer-Encoding and Content-Length are present; "
            + "send only one of them")
      }
      guard codings == ["chunked"] else {
        throw HTTPParseError(
          status: 501,
          message: "unsupported Transfer-Encoding \"\(codings.joined(separator: ", "))\"; "
            + "only chunked is supported")
      }
      return .chunked
    }
    guard !lengths.isEmpty else { return defaultFraming }
    var length: Int?
    for item in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
      let text = item.trimmingHTTPWhitespace()
      guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        text.count <= 18, let value = Int(text)
      else {
        throw HTTPParseError(status: 400, message: "invalid Content-Length \"\(text)\"")
      }
      if let previous = length, previous != value {
        throw HTTPParseError(
          status: 400, message: "conflicting Content-Length values \(previous) and \(value)")
      }
      length = value
    }
    let value = length ?? 0
    if value > limits.maxBodyBytes { throw Self.bodyTooLarge(limits, declared: value) }
    return value == 0 ? .none : .length(value)
  }

  // MARK: - Header section

  /// Returns the position of the CRLF CRLF that ends the header section, or nil until it has
  /// arrived.
  ///
  /// - Throws: `HTTPParseError` (400) at the first bare CR or LF, because a head that uses
  ///   them would otherwise wait for a CRLF CRLF that never comes, until the read timeout.
  private mutating func findHeadEnd() throws(HTTPParseError) -> Int? {
    var index = max(headScanOffset, start)
    while index + 3 < buffer.count {
      if buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D
        && buffer[index + 3] == 0x0A
      {
        return index
      }
      let isBareCR = buffer[index] == 0x0D && buffer[index + 1] != 0x0A
      let isBareLF = buffer[index] == 0x0A && (index == start || buffer[index - 1] != 0x0D)
      if isBareCR || isBareLF {
        throw HTTPParseError(
          status: 400,
          message: "bare CR or LF in the header section at byte \(index - start); "
            + "end each line with CRLF")
      }
      index += 1
    }
    headScanOffset = max(start, buffer.count - 3)
    return nil
  }

  private func splitLines(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> [String] {
    var lines: [String] = []
    var lineStart = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == 0x0D && index + 1 < bytes.endIndex && bytes[index + 1] == 0x0A {
        lines.append(String(decoding: bytes[lineStart..<index], as: UTF8.self))
        index += 2
        lineStart = index
        continue
      }
      if byte == 0x0D || byte == 0x0A || byte == 0 {
        throw HTTPParseError(
          status: 400,
          message: "bare CR, LF or NUL byte in the header section at byte \(index - start)")
      }
      index += 1
    }
    lines.append(String(decoding: bytes[lineStart..<bytes.endIndex], as: UTF8.self))
    return lines
  }

  private static func parseField(_ line: String) throws(HTTPParseError) -> HTTPHeaders.Field {
    if line.first == " " || line.first == "\t" {
      throw HTTPParseError(
        status: 400, message: "obsolete line folding in header field \"\(line.prefix(40))\"")
    }
    guard let colon = line.firstIndex(of: ":") else {
      throw HTTPParseError(
        status: 400, message: "header field without a colon: \"\(line.prefix(40))\"")
    }
    let name = String(line[..<colon])
    guard HTTPToken.isToken(name) else {
      throw HTTPParseError(status: 400, message: "invalid header field name \"\(name)\"")
    }
    let value = line[line.index(after: colon)...].trimmingHTTPWhitespace()
    return HTTPHeaders.Field(name: name, value: value)
  }

  // MARK: - Chunked body (RFC 9112 §7.1)

  private mutating func nextChunkedBody() throws(HTTPParseError) -> [UInt8]? {
    while true {
      switch chunkPhase {
      case .size:
        guard let lineEnd = findLineEnd(from: start) else {
          if buffer.count - start > 1024 {
            throw HTTPParseError(status: 400, message: "chunk size line is longer than 1024 bytes")
          }
          return nil
        }
        let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
        let size = try Self.parseChunkSize(line)
        start = lineEnd + 2
        if body.count + size > limits.maxBodyBytes {
          throw Self.bodyTooLarge(limits, declared: body.count + size)
        }
        chunkPhase = size == 0 ? .trailers : .data(remaining: size)
      case .data(let remaining):
        let available = min(remaining, buffer.count - start)
        if available == 0 { return nil }
        body.append(contentsOf: buffer[start..<(start + available)])
        start += available
        chunkPhase = available == remaining ? .dataEnd : .data(remaining: remaining - available)
      case .dataEnd:
        guard buffer.count - start >= 2 else { return nil }
        guard buffer[start] == 0x0D && buffer[start + 1] == 0x0A else {
          throw HTTPParseError(status: 400, message: "chunk data is not followed by CRLF")
        }
        start += 2
        chunkPhase = .size
      case .trailers:
        guard let lineEnd = findLineEnd(from: start) else {
          if trailerBytes + buffer.count - start > limits.maxHeaderBytes {
            throw HTTPParseError(
              status: 431, message: "trailer section exceeds \(limits.maxHeaderBytes) bytes")
          }
          return nil
        }
        // NOTE: trailer fields are read and dropped; no HookBench peer sends any.
        let isEmpty = lineEnd == start
        trailerBytes += lineEnd + 2 - start
        start = lineEnd + 2
        if isEmpty {
          let complete = body
          body = []
          chunkPhase = .size
          return complete
        }
      }
    }
  }

  private func findLineEnd(from offset: Int) -> Int? {
    var index = offset
    while index + 1 < buffer.count {
      if buffer[index] == 0x0D && buffer[index + 1] == 0x0A { return index }
      index += 1
    }
    return nil
  }

  private static func parseChunkSize(_ line: String) throws(HTTPParseError) -> Int {
    let sizeText =
      line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
      .first.map { $0.trimmingHTTPWhitespace() } ?? ""
    guard !sizeText.isEmpty, sizeText.count <= 15,
      sizeText.allSatisfy({ $0.isHexDigit }), let size = Int(sizeText, radix: 16)
    else {
      throw HTTPParseError(status: 400, message: "invalid chunk size \"\(line.prefix(40))\"")
    }
    return size
  }

  private static func bodyTooLarge(_ limits: HTTPLimits, declared: Int? = nil) -> HTTPParseError {
    let size = declared.map { "body of \($0) bytes" } ?? "body"
    return HTTPParseError(
      status: 413, message: "\(size) exceeds the limit of \(limits.maxBodyBytes) bytes")
  }
}

/// Character classes from RFC 9110 §5.6.2.
enum HTTPToken {
  /// Whether `text` is a non-empty `token`: letters, digits and ``!#$%&'*+-.^_`|~``.
  static func isToken(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
  }

  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return true
    default:
      return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
  }
}
