/// One line of pane content with its style.
struct PaneLine: Equatable {
  var text: String
  var role: ColorRole = .normal
  var attributes: CellAttributes = []

  init(_ text: String, role: ColorRole = .normal, attributes: CellAttributes = []) {
    self.text = text
    self.role = role
    self.attributes = attributes
  }
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
