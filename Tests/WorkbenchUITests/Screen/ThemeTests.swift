import Testing
import WorkbenchUI

@Suite("Theme")
struct ThemeTests {
  @Test("NO_COLOR and TERM=dumb force monochrome")
  func monochromeOverrides() {
    #expect(Theme.resolve(requested: .light, environment: ["NO_COLOR": "1"]) == .monochrome)
    #expect(Theme.resolve(requested: .dark, environment: ["TERM": "dumb"]) == .monochrome)
  }

  @Test("empty NO_COLOR keeps colours")
  func emptyNoColor() {
    #expect(Theme.resolve(requested: nil, environment: ["NO_COLOR": ""]) == .dark)
  }

  @Test("requested theme wins over HOOKBENCH_THEME")
  func requestedWins() {
    #expect(Theme.resolve(requested: .dark, environment: ["HOOKBENCH_THEME": "light"]) == .dark)
    #expect(Theme.resolve(requested: nil, environment: ["HOOKBENCH_THEME": "light"]) == .light)
    #expect(Theme.resolve(requested: nil, environment: ["HOOKBENCH_THEME": "pink"]) == .dark)
  }

  @Test("monochrome has no colours and text roles keep the default")
  func monochromeHasNoColours() {
    for role in ColorRole.allCases {
      #expect(Theme.monochrome.foreground(for: role) == nil)
    }
    #expect(Theme.dark.foreground(for: .normal) == nil)
    #expect(Theme.light.foreground(for: .normal) == nil)
  }

  @Test("light theme avoids yellow")
  func lightAvoidsYellow() {
    for role in ColorRole.allCases {
      #expect(Theme.light.foreground(for: role) != 3, "\(role) is yellow on light")
    }
    #expect(Theme.dark.foreground(for: .added) == 2)
    #expect(Theme.dark.foreground(for: .removed) == 1)
  }

  @Test("change marks are text, so monochrome screens show them")
  func changeMarksAreText() {
    let harness = ScriptedHarness()
    for _ in 0..<4 { harness.press(.character("N")) }
    harness.press(.character("n"))
    harness.press(.tab, .tab, .character("v"))
    let screen = harness.dump(width: 160, height: 45)
    #expect(screen.contains("+ X-Spam-Score: 7.1"))
    #expect(screen.contains("  From: alice@example.org"))
  }
}
