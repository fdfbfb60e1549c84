import Foundation
import TestSupport
import Testing

/// Runs `hookbench tui` without a terminal: only the paths that end before the screen starts.
@Suite struct TUICommandTests {
  private func run(_ arguments: [String]) throws -> PatchCommandTests.Run {
    try PatchCommandTests.run(["tui"] + arguments)
  }

  @Test func rejectsUnknownTheme() throws {
    let run = try run(["--theme", "blue"])
    #expect(run.status == 64)
    #expect(
      run.errors.contains("error: invalid value \"blue\" for --theme; use one of: dark, light"))
    #expect(run.errors.contains("usage: hookbench tui"))
  }

  @Test func rejectsTwoScenarios() throws {
    let run = try run(["a.json", "b.json"])
    #expect(run.status == 64)
    #expect(run.errors.contains("error: expected at most one scenario, got 2"))
  }

  @Test func rejectsScenarioWithReplay() throws {
    let run = try run(["a.json", "--replay", "t.hooktrace.json"])
    #expect(run.status == 64)
    #expect(run.errors.contains("give either a SCENARIO or --replay FILE, not both"))
  }

  static let welcome = SharedFiles.repository("samples/scenarios/welcome.json").path

  @Test func needsTerminal() throws {
    let run = try run([Self.welcome])
    #expect(run.status == 1)
    #expect(
      run.errors.contains("error: the workbench needs a terminal on standard input and output"))
    #expect(run.output == "")
  }

  @Test func findsDefaultScenarioBesideExecutable() throws {
    // Outside the checkout the working directory has no samples/, so the default scenario
    // must be found from the executable's location; the run then stops at the terminal check.
    let run = try PatchCommandTests.run(["tui"], in: FileManager.default.temporaryDirectory)
    #expect(run.status == 1, "stderr: \(run.errors)")
    #expect(run.errors.contains("needs a terminal"))
  }

  @Test func reportsMissingScenario() throws {
    let run = try run(["no-such-scenario.json"])
    #expect(run.status == 65)
    #expect(run.errors.contains("error: scenario \"no-such-scenario.json\": file"))
  }

  @Test func reportsMissingTranscript() throws {
    let run = try run(["--replay", "no-such-run.hooktrace.json"])
    #expect(run.status == 65)
    #expect(run.errors.contains("no-such-run.hooktrace.json"))
  }

  @Test func printsHelp() throws {
    let run = try run(["--help"])
    #expect(run.status == 0)
    #expect(run.output.contains("--replay FILE"))
    #expect(run.output.contains("NO_COLOR"))
  }
}
