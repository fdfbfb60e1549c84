import HooksWire

/// The header field list that the writer builds: original fields, kept byte for byte, and
/// new ones, written from name and value.
enum HeaderListEditor {
  enum Entry {
    case original(HeaderField)
    case new(name: String, value: String)

    var key: String {
      switch self {
      case .original(let field): return field.key
      case .new(let name, _): return name.lowercased()
      }
    }
  }

  /// Aligns the edited `headers` list with the original fields. Entries equal in name and
  /// value to an original field, in order, reuse its bytes; the rest are new. The longest
  /// common subsequence decides which entries count as unchanged, so a changed field is
  /// written at its own position.
  static func align(edited: JSONValue?, original: [HeaderField]) throws -> [Entry] {
    guard let edited else { return original.map(Entry.original) }
    guard let list = edited.arrayValue else {
      throw MailWriteError(path: "/headers", problem: "expected an array of {name, value} objects")
    }
    var requested: [(name: String, value: String)] = []
    for (index, element) in list.enumerated() {
      let path = "/headers/\(index)"
      guard let name = element["name"]?.stringValue else {
        throw MailWriteError(path: "\(path)/name", problem: "expected a string field name")
      }
      guard let value = element["value"]?.stringValue else {
        throw MailWriteError(path: "\(path)/value", problem: "expected a string field value")
      }
      requested.append((name, value))
    }

    let matched = alignment(requested, original)
    var entries: [Entry] = []
    for (index, field) in requested.enumerated() {
      if let position = matched[index] {
        entries.append(.original(original[position]))
        continue
      }
      // Only new or changed fields are checked: an original field keeps its bytes, even
      // when they would not pass as a new value.
      let path = "/headers/\(index)"
      try HeaderFieldWriter.validateName(field.name, path: "\(path)/name")
      try HeaderFieldWriter.validateValue(field.value, path: "\(path)/value")
      entries.append(.new(name: field.name, value: field.value))
    }
    return entries
  }

  /// The largest middle section, in table cells, aligned by longest common subsequence.
  /// Past it the alignment is greedy, so a huge header block cannot exhaust memory.
  static let maxAlignmentCells = 4_000_000

  /// Returns, for each requested field, the index of the original field it keeps, or nil.
  ///
  /// The common prefix and suffix match directly, which covers the usual edit (a field
  /// added, changed or removed). The rest is aligned by longest common subsequence on name
  /// and value, or greedily in order when that table would be larger than
  /// `maxAlignmentCells`.
  private static func alignment(
    _ requested: [(name: String, value: String)], _ original: [HeaderField]
  ) -> [Int?] {
    func matches(_ i: Int, _ j: Int) -> Bool {
      requested[i].name == original[j].name && requested[i].value == original[j].value
    }
    var matched = [Int?](repeating: nil, count: requested.count)
    var prefix = 0
    while prefix < requested.count, prefix < original.count, matches(prefix, prefix) {
      matched[prefix] = prefix
      prefix += 1
    }
    var suffix = 0
    while suffix < requested.count - prefix, suffix < original.count - prefix,
      matches(requested.count - 1 - suffix, original.count - 1 - suffix)
    {
      matched[requested.count - 1 - suffix] = original.count - 1 - suffix
      suffix += 1
    }
    let rows = prefix..<(requested.count - suffix)
    let columns = prefix..<(original.count - suffix)
    guard !rows.isEmpty, !columns.isEmpty else { return matched }

    if rows.count * columns.count > maxAlignmentCells {
      var cursor = columns.lowerBound
      for i in rows {
        guard let j = (cursor..<columns.upperBound).first(where: { matches(i, $0) }) else {
          continue
        }
        matched[i] = j
        cursor = j + 1
      }
      return matched
    }

    // lengths[i][j] is the length of the longest common subsequence of the middle rows
    // from i and the middle columns from j, both counted from the middle's start.
    var lengths = [[Int]](
      repeating: [Int](repeating: 0, count: columns.count + 1), count: rows.count + 1)
    for i in stride(from: rows.count - 1, through: 0, by: -1) {
      for j in stride(from: columns.count - 1, through: 0, by: -1) {
        lengths[i][j] =
          matches(rows.lowerBound + i, columns.lowerBound + j)
          ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var i = 0
    var j = 0
    while i < rows.count && j < columns.count {
      if matches(rows.lowerBound + i, columns.lowerBound + j) {
        matched[rows.lowerBound + i] = columns.lowerBound + j
        i += 1
        j += 1
      } else if lengths[i][j + 1] >= lengths[i + 1][j] {
        j += 1
      } else {
        i += 1
      }
    }
    return matched
  }

  /// Replaces the last field named `name` with a new value, or removes every field of that
  /// name when `value` is nil. Appends the field when there is none.
  static func replaceLast(named name: String, with value: String?, in entries: inout [Entry]) {
    let key = name.lowercased()
    guard let value else {
      entries.removeAll { $0.key == key }
      return
    }
    if let index = entries.lastIndex(where: { $0.key == key }) {
      if case .original(let field) = entries[index] {
        entries[index] = .new(name: field.name, value: value)
      } else if case .new(let existingName, _) = entries[index] {
        entries[index] = .new(name: existingName, value: value)
      }
    } else {
      entries.append(.new(name: name, value: value))
    }
  }

  /// Serializes the header block, without the blank line that ends it.
  static func serialize(_ entries: [Entry], raw: [UInt8], lineBreak: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    for entry in entries {
      // An original last field may lack its line break at the end of a header-only message.
      if let last = output.last, last != ByteText.lf, last != ByteText.cr { output += lineBreak }
      switch entry {
      case .original(let field):
        output += raw[field.range]
      case .new(let name, let value):
        output += HeaderFieldWriter.serialize(name: name, value: value, lineBreak: lineBreak)
      }
    }
    return output
  }
}
