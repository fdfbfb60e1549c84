/// The header fields of one HTTP message, in the order they arrived.
///
/// Names compare case-insensitively (RFC 9110 §5.1), but each field keeps the spelling it was
/// sent with, and duplicate fields are kept as separate entries so that the wire view shows
/// exactly what was sent.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
  /// One header field: its name as spelled on the wire and its value without surrounding
  /// whitespace.
  public struct Field: Sendable, Equatable {
    /// The field name as it was sent, for example `Content-Type`.
    public var name: String
    /// The field value, with leading and trailing spaces and tabs removed.
    public var value: String

    /// Creates a field.
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The fields in wire order, duplicates included.
  public private(set) var fields: [Field]

  /// Creates a header list from fields in wire order.
  public init(_ fields: [Field] = []) {
    self.fields = fields
  }

  /// Creates a header list from name and value pairs in wire order.
  public init(_ pairs: [(String, String)]) {
    self.fields = pairs.map { Field(name: $0.0, value: $0.1) }
  }

  /// The number of fields, duplicates included.
  public var count: Int { fields.count }

  /// Returns an iterator over the fields in wire order.
  public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

  /// The value of the first field named `name` (case-insensitive), or nil.
  public subscript(name: String) -> String? {
    let wanted = name.lowercased()
    return fields.first { $0.name.lowercased() == wanted }?.value
  }

  /// Every value of the fields named `name` (case-insensitive), in wire order.
  public func values(for name: String) -> [String] {
    let wanted = name.lowercased()
    return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
  }

  /// Whether a field named `name` (case-insensitive) is present.
  public func contains(_ name: String) -> Bool {
    self[name] != nil
  }

  /// Appends a field after the existing ones, keeping any field of the same name.
  public mutating func add(name: String, value: String) {
    fields.append(Field(name: name, value: value))
  }

  /// Replaces every field named `name` with one field holding `value`, placed where the first
  /// one was, or appended when there was none.
  public mutating func set(name: String, value: String) {
    let wanted = name.lowercased()
    if let first = fields.firstIndex(where: { $0.name.lowercased() == wanted }) {
      fields[first] = Field(name: name, value: value)
      var index = fields.count - 1
      while index > first {
        if fields[index].name.lowercased() == wanted { fields.remove(at: index) }
        index -= 1
      }
    } else {
      fields.append(Field(name: name, value: value))
    }
  }

  /// Removes every field named `name` (case-insensitive).
  public mutating func remove(name: String) {
    let wanted = name.lowercased()
    fields.removeAll { $0.name.lowercased() == wanted }
  }

  /// The comma-separated list members of every field named `name`, lower-cased and trimmed,
  /// as used by `Connection` and `Transfer-Encoding` (RFC 9110 §5.6.1).
  public func tokens(for name: String) -> [String] {
    values(for: name)
      .flatMap { $0.split(separator: ",") }
      .map { $0.trimmingHTTPWhitespace().lowercased() }
      .filter { !$0.isEmpty }
  }
}

extension Substring {
  /// The text without leading and trailing spaces and horizontal tabs (HTTP's OWS).
  func trimmingHTTPWhitespace() -> String {
    var slice = self[...]
    while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
    return String(slice)
  }
}
