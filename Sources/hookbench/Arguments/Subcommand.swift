/// One `hookbench` subcommand.
///
/// Each subcommand lives in its own file under `Commands/` and is listed once in
/// `Hookbench.subcommands`; that list drives dispatch and the top-level help.
protocol Subcommand: Sendable {
  /// The word that selects the command, such as `patch`.
  static var name: String { get }

  /// One line for the top-level help.
  static var summary: String { get }

  /// The usage line, printed after a usage error.
  static var usage: String { get }

  /// The full `--help` text: usage, description and options.
  static var help: String { get }

  /// Runs the command and returns the process exit status.
  ///
  /// - Throws: `UsageError` for a bad command line; `main` turns it into exit status 64.
  static func run(_ arguments: inout ArgumentList) throws -> Int32
}

/// Exit statuses shared by every subcommand.
enum ExitStatus {
  static let success: Int32 = 0
  static let failure: Int32 = 1
  /// The command line was wrong (sysexits `EX_USAGE`).
  static let usage: Int32 = 64
  /// An input file was invalid: malformed JSON, CBOR, .eml or an invalid response
  /// (sysexits `EX_DATAERR`).
  static let invalidInput: Int32 = 65
}
