/// Terminal display width of text, in columns.
///
/// East Asian wide and fullwidth characters and emoji take 2 columns, combining marks, format
/// characters and zero-width spaces take 0, control characters take 0, and everything else
/// takes 1. The wide ranges follow Unicode's East Asian Width property (UAX #11) and emoji
/// presentation. `wcwidth` in the C library may differ for rare characters, which shifts
/// clipping by one column at most.
public enum DisplayWidth {
  /// Returns the number of columns `scalar` takes on a terminal.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value == 0 { return 0 }
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format:
      return 0
    default:
      break
    }
    if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }
    return isWide(value) ? 2 : 1
  }

  /// Returns the number of columns `character` takes: the widest of its scalars, or 2 when
  /// it has the emoji presentation selector. A letter with combining marks takes 1.
  public static func of(_ character: Character) -> Int {
    var width = 0
    for scalar in character.unicodeScalars {
      width = max(width, of(scalar))
      if scalar.value == 0xFE0F { width = 2 }  // emoji presentation selector
    }
    return width
  }

  /// Returns the number of columns `text` takes.
  public static func of<S: StringProtocol>(_ text: S) -> Int {
    var width = 0
    for character in text { width += of(character) }
    return width
  }

  /// Returns the longest prefix of `text` that fits in `columns`, and its width.
  public static func prefix<S: StringProtocol>(_ text: S, fitting columns: Int) -> (
    text: Substring, width: Int
  ) {
    let whole = Substring(text)
    var width = 0
    var end = whole.startIndex
    for index in whole.indices {
      let next = of(whole[index])
      if width + next > columns { break }
      width += next
      end = whole.index(after: index)
    }
    return (whole[whole.startIndex..<end], width)
  }

  /// Returns `text` without its first `columns` columns. A wide character cut in half is
  /// dropped whole.
  public static func dropping<S: StringProtocol>(_ text: S, columns: Int) -> Substring {
    let whole = Substring(text)
    var width = 0
    var index = whole.startIndex
    while index < whole.endIndex && width < columns {
      width += of(whole[index])
      index = whole.index(after: index)
    }
    return whole[index...]
  }

  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
      0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
      0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
      0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
      0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
      0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6,
      0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E,
      0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
      0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
