/// Bytes from a hex string such as `"a2 01 02"`; spaces are ignored. Returns nil on a
/// character that is not a hex digit or on an odd digit count.
func bytes(hex: String) -> [UInt8]? {
  let digits = hex.filter { $0 != " " }
  guard digits.count % 2 == 0 else { return nil }
  var result: [UInt8] = []
  var index = digits.startIndex
  while index < digits.endIndex {
    let next = digits.index(index, offsetBy: 2)
    guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
    result.append(byte)
    index = next
  }
  return result
}

/// Lowercase hex of `bytes` without separators.
func hex(_ bytes: [UInt8]) -> String {
  bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
