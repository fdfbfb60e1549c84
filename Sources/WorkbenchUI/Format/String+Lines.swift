extension StringProtocol {
  /// Splits the text at line breaks: LF, or CR LF, which Swift treats as one character, so
  /// `split(separator: "\n")` would miss it. A text ending in a line break has an empty
  /// last line.
  public func splitLines() -> [String] {
    var result: [String] = []
    var current = ""
    for character in self {
      if character == "\n" || character == "\r\n" {
        result.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    result.append(current)
    return result
  }
}
