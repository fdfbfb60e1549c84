/// One line of pane content with its style.
struct PaneLine: Equatable {
  var text: String
  var role: ColorRole = .normal
  var attributes: CellAttributes = []
  /// Whether the line wraps at the pane edge; code such as JSON is clipped instead, so its
  /// indentation stays readable.
  var wraps = true

  init(
    _ text: String, role: ColorRole = .normal, attributes: CellAttributes = [], wraps: Bool = true
  ) {
    self.text = text
    self.role = role
    self.attributes = attributes
    self.wraps = wraps
  }

  /// Breaks the line into rows of at most `width` columns. Rows after the first start with
  /// `indent` spaces. Rows break after a space when one is in the second half of the row.
  /// A line that fits, or a width too small to wrap into, gives one row.
  func wrapped(width: Int, indent: Int = 4) -> [PaneLine] {
    guard wraps, width > indent + 1, DisplayWidth.of(text) > width else { return [self] }
    var rows: [PaneLine] = []
    var rest = Substring(text)
    var room = width
    while !rest.isEmpty {
      var (piece, _) = DisplayWidth.prefix(rest, fitting: room)
      if piece.isEmpty { piece = rest.prefix(1) }  // a wide character in a 1-column room
      // Break after the last space when it is in the second half of the row.
      if piece.endIndex < rest.endIndex, let space = piece.lastIndex(of: " "),
        DisplayWidth.of(piece[..<space]) >= room / 2
      {
        piece = piece[...space]
      }
      let prefix = rows.isEmpty ? "" : String(repeating: " ", count: indent)
      rows.append(PaneLine(prefix + piece, role: role, attributes: attributes))
      rest = rest[piece.endIndex...]
      room = width - indent
    }
    return rows
  }
}

/// A pane title: the longest title that fits is drawn, then the tag if there is room.
struct PaneTitle {
  /// Title texts, longest first.
  var candidates: [String]
  var tag: String = ""
  var tagRole: ColorRole = .normal
}

/// The characters used for borders and separators.
///
/// The terminal picks `ascii` when the locale is not UTF-8, where box-drawing characters
/// would come out as garbage.
public struct Glyphs: Sendable, Equatable {
  public var horizontal: Character
  public var vertical: Character
  public var topLeft: Character
  public var topRight: Character
  public var bottomLeft: Character
  public var bottomRight: Character
  public var stageSeparator: String
  public var directionSeparator: String
  public var breakpoint: String
  public var arrow: String

  /// Box-drawing characters for UTF-8 terminals.
  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
    bottomRight: "┘", stageSeparator: " ▸ ", directionSeparator: " │ ", breakpoint: "●",
    arrow: "→")

  /// Plain ASCII for terminals without UTF-8.
  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
    bottomRight: "+", stageSeparator: " > ", directionSeparator: " | ", breakpoint: "*",
    arrow: "->")
}
