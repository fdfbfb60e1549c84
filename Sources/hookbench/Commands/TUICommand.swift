import CursesTerminal
import Foundation
import HooksHarness
import WorkbenchUI

/// `hookbench tui`: opens the workbench screen on a scenario or a transcript.
struct TUICommand: Subcommand {
  static let name = "tui"
  static let summary = "Open the workbench screen on a scenario"
  static let usage = "usage: hookbench tui [SCENARIO] [--replay FILE] [--theme dark|light]"
  static let help = """
    \(usage)

    Opens the workbench: an embedded fake MTA runs SCENARIO (default:
    samples/scenarios/welcome.json) stage by stage against its scanners, and the screen
    shows each request, the scanner's patches and the result side by side. Press ? in the
    workbench for every key; docs/workbench.md describes the screen.

    Options:
      --replay FILE          Step through a saved transcript (*.hooktrace.json) without
                             calling any scanner. Editing is off in a replay.
      --theme dark|light     Colour theme (default: $HOOKBENCH_THEME, else dark). NO_COLOR
                             or TERM=dumb turn colours off.
      --allow-remote-plaintext
                             Let external scanners be reached over plain HTTP at
                             addresses other than loopback. HookBench has no TLS, so
                             the message crosses the network unencrypted.

    Environment:
      HOOKBENCH_KEYS         Key map file (default: ~/.config/hookbench/keys.json).
      VISUAL, EDITOR         The editor that E opens on the response (default: vi).

    """

  static let defaultScenario = "samples/scenarios/welcome.json"

  /// Finds the bundled default scenario: in the working directory first, then beside the
  /// executable and in its parent folders (`.build/debug/hookbench` sits three levels below
  /// the checkout), then in `../share/hookbench/` for an installed copy. Returns the relative
  /// path when nothing matches, so the error names the file that was expected.
  static func locateDefaultScenario() -> String {
    let files = FileManager.default
    if files.fileExists(atPath: defaultScenario) { return defaultScenario }

    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    var candidates: [URL] = [
      folder.deletingLastPathComponent().appendingPathComponent("share/hookbench")
    ]
    for _ in 0..<5 {
      candidates.append(folder)
      folder = folder.deletingLastPathComponent()
    }
    for candidate in candidates {
      let path = candidate.appendingPathComponent(defaultScenario).path
      if files.fileExists(atPath: path) { return path }
    }
    return defaultScenario
  }

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let replay = try arguments.option("--replay")
    let allowsRemotePlaintext = arguments.flag("--allow-remote-plaintext")
    let themeName = try arguments.choice("--theme", from: ["dark", "light"])
    let positionals = try arguments.finish()
    guard positionals.count <= 1 else {
      throw UsageError("expected at most one scenario, got \(positionals.count)")
    }
    if replay != nil && !positionals.isEmpty {
      throw UsageError("give either a SCENARIO or --replay FILE, not both")
    }
    let path = positionals.first ?? locateDefaultScenario()
    let driver: any WorkbenchDriver
    do {
      if let replay {
        let name = replay.split(separator: "/").last.map(String.init) ?? replay
        driver = ReplayDriver(transcript: try Transcript.load(path: replay), name: name)
      } else {
        var scenario = try Scenario.load(path: path)
        scenario.allowsRemotePlaintext = allowsRemotePlaintext
        driver = EngineDriver(scenario: scenario)
      }
    } catch {
      StandardStreams.err("error: \(error)\n")
      if replay == nil && positionals.isEmpty && !FileManager.default.fileExists(atPath: path) {
        StandardStreams.err("the default scenario is missing; pass one: hookbench tui FILE\n")
      }
      return ExitStatus.invalidInput
    }
    guard isatty(0) == 1, isatty(1) == 1 else {
      StandardStreams.err(
        "error: the workbench needs a terminal on standard input and output; "
          + "use 'hookbench run \(path)' for a run without one\n")
      return ExitStatus.failure
    }

    let environment = ProcessInfo.processInfo.environment
    let (keyTable, keyEvents) = KeyMapFile.load(environment: environment)
    // Each message about a key map that could not be used ends "using default keys".
    let keyProblem = keyEvents.first { $0.hasSuffix("using default keys") }
    let workbench = Workbench(
      driver: driver, keyTable: keyTable, events: keyEvents, problem: keyProblem)
    let theme = Theme.resolve(requested: themeName.flatMap(Theme.init), environment: environment)
    return try CursesTerminal(workbench: workbench, theme: theme).run()
  }
}
