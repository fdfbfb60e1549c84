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
  /// `indent` spaces. A row breaks after its last space that follows other text, if that
  /// space is in the second half of the row or the rest of the line then fits on the next
  /// row. Otherwise it breaks at the width. A line that fits, or a width too small to wrap
  /// into, gives one row.
  func wrapped(width: Int, indent: Int = 4) -> [PaneLine] {
    guard wraps, width > indent + 1, DisplayWidth.of(text) > width else { return [self] }
    var rows: [PaneLine] = []
    var rest = Substring(text)
    var room = width
    while !rest.isEmpty {
      var (piece, _) = DisplayWidth.prefix(rest, fitting: room)
      if piece.isEmpty { piece = rest.prefix(1) }  // a wide character in a 1-column room
      // A space inside the leading indentation is no break point. Breaking where the rest
      // fits on one row keeps a value with its comma and costs no extra row.
      if piece.endIndex < rest.endIndex, let space = piece.lastIndex(of: " "),
        piece[..<space].contains(where: { $0 != " " }),
        DisplayWidth.of(piece[..<space]) >= room / 2
          || DisplayWidth.of(rest[rest.index(after: space)...]) <= width - indent
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
  /// The mark in a pane's last column where a line goes on past the right edge, and in its
  /// first column where a line scrolled sideways goes on past the left edge.
  public var continuesRight: Character
  public var continuesLeft: Character

  /// Box-drawing characters for UTF-8 terminals.
  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
    bottomRight: "┘", stageSeparator: " ▸ ", directionSeparator: " │ ", breakpoint: "●",
    arrow: "→", continuesRight: "›", continuesLeft: "‹")

  /// Plain ASCII for terminals without UTF-8.
  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
    bottomRight: "+", stageSeparator: " > ", directionSeparator: " | ", breakpoint: "*",
    arrow: "->", continuesRight: ">", continuesLeft: "<")

  /// Returns the ASCII character drawn in place of `text` on a terminal without UTF-8, or
  /// nil to keep it. The marks the panes and the drivers write (`✓`, `✗`, `·`, `→`, …) come
  /// from this table, so that outside a UTF-8 locale none of them is drawn as `?`.
  public static func asciiFallback(for text: String) -> Character? {
    asciiFallbacks[text]
  }

  private static let asciiFallbacks: [String: Character] = [
    "✓": "+", "✗": "x", "·": ".", "│": "|", "─": "-", "●": "*", "▸": ">", "→": ">",
    "←": "<", "…": ".", "›": ">", "‹": "<", "×": "x", "┌": "+", "┐": "+", "└": "+",
    "┘": "+", "—": "-", "–": "-", "“": "\"", "”": "\"", "‘": "'", "’": "'",
  ]
}
