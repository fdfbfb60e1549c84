/// Parses `Message-ID`, `In-Reply-To` and `References` into the JMAP `asMessageIds` form
/// (RFC 8621 §4.1.2.5): the ids without angle brackets.
enum MessageIDParser {
  /// Returns the ids in order, or nil when the value contains none. Comments are skipped.
  /// Without any angle brackets, each whitespace-separated word that contains `@` counts as
  /// an id, which is what some old mailers send.
  static func parse(_ value: [UInt8]) -> [String]? {
    let bytes = ByteText.unfold(value)
    var ids: [String] = []
    var bareWords: [String] = []
    var word: [UInt8] = []
    func endWord() {
      if word.contains(64) { bareWords.append(ByteText.text(word).text) }
      word = []
    }
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case 40:
        endWord()
        index = AddressParser.commentEnd(bytes, from: index)
      case 60:
        endWord()
        var end = index + 1
        while end < bytes.count, bytes[end] != 62 { end += 1 }
        let id = bytes[(index + 1)..<end].filter { !ByteText.isSpaceOrBreak($0) }
        if !id.isEmpty { ids.append(ByteText.text(id).text) }
        index = min(end + 1, bytes.count)
      case 32, 9, 44:
        endWord()
        index += 1
      default:
        word.append(bytes[index])
        index += 1
      }
    }
    endWord()
    if ids.isEmpty { ids = bareWords }
    return ids.isEmpty ? nil : ids
  }
}
