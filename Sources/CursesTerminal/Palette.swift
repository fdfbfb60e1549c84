import CNCurses
import WorkbenchUI

/// The curses colour pairs of a theme, one pair per colour role.
struct Palette {
  private var pairs: [ColorRole: Int16] = [:]

  /// Sets up colour pairs for `theme`, or none when the theme is monochrome or the terminal
  /// has no colours. Must run after `initscr`.
  init(theme: Theme) {
    guard theme != .monochrome, has_colors() else { return }
    start_color()
    use_default_colors()
    var next: Int16 = 1
    for role in ColorRole.allCases {
      guard let foreground = theme.foreground(for: role) else { continue }
      init_pair(next, foreground, -1)
      pairs[role] = next
      next += 1
    }
  }

  /// Returns the pair number for `role`, or 0 for the terminal's default colours.
  func pair(for role: ColorRole) -> Int16 {
    pairs[role] ?? 0
  }
}
