/// The colour scheme of the terminal.
public enum Theme: String, Sendable, CaseIterable {
  /// Light text on a dark background.
  case dark
  /// Dark text on a light background.
  case light
  /// No colours: roles keep only their attributes. Chosen for `NO_COLOR`, `TERM=dumb`, and
  /// terminals without colour support.
  case monochrome

  /// Returns the theme for `requested` (from `--theme`) and the environment.
  ///
  /// `NO_COLOR` set to any non-empty value (no-color.org) and `TERM=dumb` force
  /// `monochrome` whatever was requested. Otherwise `requested` wins, then `HOOKBENCH_THEME`,
  /// then `dark`. An unknown name in `HOOKBENCH_THEME` is ignored.
  public static func resolve(requested: Theme?, environment: [String: String]) -> Theme {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
    if environment["TERM"] == "dumb" { return .monochrome }
    if let requested { return requested }
    if let name = environment["HOOKBENCH_THEME"], let theme = Theme(rawValue: name) {
      return theme
    }
    return .dark
  }

  /// Returns the foreground colour of `role` as an ANSI colour number (0 black, 1 red, 2 green,
  /// 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white), or nil for the terminal's default colour.
  ///
  /// Only the eight basic colours are used, because every colour terminal has them.
  public func foreground(for role: ColorRole) -> Int16? {
    let black: Int16 = 0
    let red: Int16 = 1
    let green: Int16 = 2
    let yellow: Int16 = 3
    let blue: Int16 = 4
    let magenta: Int16 = 5
    let cyan: Int16 = 6
    switch (self, role) {
    case (.monochrome, _): return nil
    case (_, .normal), (_, .prompt), (_, .statusBar), (_, .selection), (_, .dim): return nil
    case (_, .added), (_, .success), (_, .timelineDone): return green
    case (_, .removed), (_, .error), (_, .timelineEnded), (_, .breakpoint): return red
    case (.dark, .changed), (.dark, .warning), (.dark, .match), (.dark, .timelineCurrent):
      return yellow
    case (.light, .changed), (.light, .warning), (.light, .match), (.light, .timelineCurrent):
      return magenta
    case (.dark, .title), (.dark, .focusedBorder), (.dark, .quickHelpKey): return cyan
    case (.light, .title), (.light, .focusedBorder), (.light, .quickHelpKey): return blue
    case (.dark, .border): return blue
    case (.light, .border): return black
    }
  }
}
