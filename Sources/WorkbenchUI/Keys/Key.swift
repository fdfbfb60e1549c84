/// A key press, as the terminal reports it.
///
/// Each key has one name, used in the key map file and on the help screen. A printable
/// character stands for itself (`n`, `N`, `?`). The other names are `space`, `tab`, `S-tab`,
/// `enter`, `esc`, `backspace`, `delete`, `up`, `down`, `left`, `right`, `home`, `end`,
/// `pgup`, `pgdn`, `F1`…`F12`, and `C-a`…`C-z` for control keys.
public enum Key: Hashable, Sendable {
  case character(Character)
  case control(Character)
  case function(Int)
  case space, tab, backTab, enter, escape, backspace, delete
  case up, down, left, right, home, end, pageUp, pageDown
  /// The terminal changed size.
  case resize

  private static let namedKeys: [(Key, String)] = [
    (.space, "space"), (.tab, "tab"), (.backTab, "S-tab"), (.enter, "enter"), (.escape, "esc"),
    (.backspace, "backspace"), (.delete, "delete"), (.up, "up"), (.down, "down"),
    (.left, "left"), (.right, "right"), (.home, "home"), (.end, "end"), (.pageUp, "pgup"),
    (.pageDown, "pgdn"), (.resize, "resize"),
  ]

  /// The key's name in key map files and on the help screen.
  public var name: String {
    switch self {
    case .character(let character): return String(character)
    case .control(let letter): return "C-\(letter)"
    case .function(let number): return "F\(number)"
    default: return Key.namedKeys.first { $0.0 == self }?.1 ?? "?"
    }
  }

  /// Parses a key name, or returns nil when `name` names no key.
  ///
  /// Names are case-sensitive for single characters (`n` and `N` are different keys) and
  /// case-insensitive otherwise (`Tab`, `ESC` and `c-S` are accepted).
  public init?(name: String) {
    if name.count == 1, let character = name.first, character != " " {
      guard DisplayWidth.of(character) > 0 else { return nil }
      self = .character(character)
      return
    }
    let lowered = name.lowercased()
    if let named = Key.namedKeys.first(where: { $0.1.lowercased() == lowered }) {
      self = named.0
      return
    }
    if lowered.hasPrefix("c-"), lowered.count == 3, let letter = lowered.last,
      letter.isASCII, letter.isLetter
    {
      self = .control(letter)
      return
    }
    if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number) {
      self = .function(number)
      return
    }
    return nil
  }

  /// The character this key types into the editor or the prompt, or nil for a non-text key.
  public var typedCharacter: Character? {
    switch self {
    case .character(let character): return character
    case .space: return " "
    default: return nil
    }
  }
}
