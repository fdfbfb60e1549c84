import Testing

/// The top-level `hookbench` help, version and dispatch errors.
@Suite struct TopLevelHelpTests {
  @Test func helpListsEverySubcommand() throws {
    let run = try PatchCommandTests.run(["--help"])
    #expect(run.status == 0)
    for name in ["tui", "run", "patch", "validate", "message", "scanner", "smtp"] {
      #expect(run.output.contains("\n  \(name) "), "missing \(name)")
    }
  }

  @Test func helpWithCommandShowsItsHelp() throws {
    let run = try PatchCommandTests.run(["help", "validate"])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("usage: hookbench validate"))
  }

  @Test func versionPrintsNumber() throws {
    let run = try PatchCommandTests.run(["--version"])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("hookbench "))
  }

  @Test func unknownSubcommandExits64() throws {
    let run = try PatchCommandTests.run(["frobnicate"])
    #expect(run.status == 64)
    #expect(run.errors.hasPrefix("error: unknown subcommand \"frobnicate\""))
    #expect(run.errors.contains("usage: hookbench"))
  }

  @Test func scenarioAsSubcommandSuggestsTui() throws {
    let run = try PatchCommandTests.run(["samples/scenarios/nosuch.json"])
    #expect(run.status == 64)
    #expect(run.errors.contains("run 'hookbench tui samples/scenarios/nosuch.json'"))
    #expect(run.errors.contains("'hookbench run samples/scenarios/nosuch.json'"))
  }
}
