import Foundation

/// The `hookbench` command: dispatch to subcommands, top-level help and version.
enum Hookbench {
  /// The version printed by `--version`.
  static let version = "0.1.0"

  /// Every subcommand, in the order the help lists them.
  static let subcommands: [any Subcommand.Type] = [
    TUICommand.self,
    RunCommand.self,
    PatchCommand.self,
    ValidateCommand.self,
    MessageCommand.self,
    ScannerCommand.self,
    SMTPCommand.self,
    BenchCommand.self,
  ]

  static let usage = "usage: hookbench [SUBCOMMAND] [OPTIONS]"

  static var help: String {
    var text = """
      HookBench: a terminal workbench for MTA Hooks (draft-degennaro-mta-hooks).

      \(usage)

      With no subcommand, opens the workbench on the bundled sample scenario.

      Subcommands:

      """
    let width = (subcommands.map { $0.name.count }.max() ?? 0) + 2
    for command in subcommands {
      let padding = String(repeating: " ", count: width - command.name.count)
      text += "  \(command.name)\(padding)\(command.summary)\n"
    }
    text += """

      Options:
        --help      Show this help, or a subcommand's help after its name.
        --version   Print the version.

      """
    return text
  }

  /// Runs the command line and returns the exit status.
  static func main(_ arguments: [String]) -> Int32 {
    guard let first = arguments.first else {
      return openDefaultWorkbench()
    }
    if first == "help", arguments.count > 1,
      let command = subcommands.first(where: { $0.name == arguments[1] })
    {
      StandardStreams.out(command.help)
      return ExitStatus.success
    }
    if first == "--help" || first == "-h" || first == "help" {
      StandardStreams.out(help)
      return ExitStatus.success
    }
    if first == "--version" {
      StandardStreams.out("hookbench \(version)\n")
      return ExitStatus.success
    }
    guard let command = subcommands.first(where: { $0.name == first }) else {
      var message = first.hasPrefix("-") ? "unknown option \(first)" : "unknown subcommand \"\(first)\""
      if first.hasSuffix(".json") || FileManager.default.fileExists(atPath: first) {
        message += "; to open a scenario, run 'hookbench tui \(first)' or 'hookbench run \(first)'"
      }
      StandardStreams.err("error: \(message)\n\(usage)\nRun 'hookbench --help' for the list.\n")
      return ExitStatus.usage
    }

    var list = ArgumentList(Array(arguments.dropFirst()))
    if list.wantsHelp {
      StandardStreams.out(command.help)
      return ExitStatus.success
    }
    do {
      return try command.run(&list)
    } catch let error as UsageError {
      StandardStreams.err("error: \(error.message)\n\(command.usage)\n")
      return ExitStatus.usage
    } catch {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.failure
    }
  }

  /// Opens the workbench on the default scenario, or explains why it cannot.
  static func openDefaultWorkbench() -> Int32 {
    if let tui = subcommands.first(where: { $0.name == "tui" }) {
      var list = ArgumentList([])
      do { return try tui.run(&list) } catch {
        StandardStreams.err("error: \(error)\n")
        return ExitStatus.failure
      }
    }
    StandardStreams.out(help)
    return ExitStatus.success
  }
}
