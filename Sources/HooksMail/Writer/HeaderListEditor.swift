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
    var wanted: [(name: String, value: String)] = []
    for (index, element) in list.enumerated() {
      let path = "/headers/\(index)"
      guard let name = element["name"]?.stringValue else {
        throw MailWriteError(path: "\(path)/name", problem: "expected a string field name")
      }
      guard let value = element["value"]?.stringValue else {
        throw MailWriteError(path: "\(path)/value", problem: "expected a string field value")
      }
      try HeaderFieldWriter.validateName(name, path: "\(path)/name")
      try HeaderFieldWriter.validateValue(value, path: "\(path)/value")
      wanted.append((name, value))
    }

    // lengths[i][j]: the longest common subsequence of wanted[i...] and original[j...].
    let rows = wanted.count
    let columns = original.count
    var lengths = [[Int]](repeating: [Int](repeating: 0, count: columns + 1), count: rows + 1)
    func matches(_ i: Int, _ j: Int) -> Bool {
      wanted[i].name == original[j].name && wanted[i].value == original[j].value
    }
    for i in stride(from: rows - 1, through: 0, by: -1) {
      for j in stride(from: columns - 1, through: 0, by: -1) {
        lengths[i][j] =
          matches(i, j) ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var entries: [Entry] = []
    var i = 0
    var j = 0
    while i < rows {
      if j < columns && matches(i, j) {
        entries.append(.original(original[j]))
        i += 1
        j += 1
      } else if j < columns && lengths[i][j + 1] >= lengths[i + 1][j] {
        j += 1
      } else {
        entries.append(.new(name: wanted[i].name, value: wanted[i].value))
        i += 1
      }
    }
    return entries
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

  /// The header block bytes, without the blank line that ends it.
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
