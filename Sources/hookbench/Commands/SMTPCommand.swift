import Foundation
import HooksHarness

#if canImport(Glibc)
  import Glibc
#endif

/// `hookbench smtp`: an SMTP server on loopback that runs every transaction through a
/// scenario's scanner chain.
struct SMTPCommand: Subcommand {
  static let name = "smtp"
  static let summary = "Listen for SMTP on loopback and run each transaction through the scanners"
  static let usage =
    "usage: hookbench smtp [--listen 127.0.0.1:PORT] [--transcripts DIR] [SCENARIO]"
  static let help = """
    \(usage)

    Accepts SMTP (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP, QUIT, with
    PIPELINING, 8BITMIME, SMTPUTF8 and SIZE) from real clients such as swaks or Python's
    smtplib. Each stage goes through the scanners of SCENARIO, and their decisions become the
    SMTP replies. The scenario's client, envelope and message are not used: the client sends
    them. Without SCENARIO there are no scanners and everything is accepted.

    Each mail transaction is saved as a transcript in the transcripts directory. The server
    runs until SIGINT (Ctrl-C) or SIGTERM, then logs a stop line and exits 0.

    Options:
      --listen ADDR       The loopback address and port to listen on (default
                          127.0.0.1:2525; localhost means 127.0.0.1; port 0 picks a free
                          port, printed at start).
      --transcripts DIR   Where transcripts go (default: a new temporary directory,
                          printed at start).
      --allow-remote-plaintext
                          Let external scanners be reached over plain HTTP at addresses
                          other than loopback. HookBench has no TLS, so the message crosses
                          the network unencrypted.

    """

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let listen = try arguments.option("--listen") ?? "127.0.0.1:2525"
    let directoryOption = try arguments.option("--transcripts")
    let allowsRemotePlaintext = arguments.flag("--allow-remote-plaintext")
    let positionals = try arguments.finish()
    guard positionals.count <= 1 else { throw UsageError("give at most one SCENARIO") }
    guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
      (0...65535).contains(port)
    else {
      throw UsageError("invalid --listen \"\(listen)\"; write it as 127.0.0.1:PORT")
    }
    // `localhost` means 127.0.0.1 here, as it does in scanner URLs.
    let requestedHost = String(listen[..<colon])
    let host = requestedHost.lowercased() == "localhost" ? "127.0.0.1" : requestedHost

    var scenario = Scenario(name: "smtp")
    if let path = positionals.first {
      do {
        scenario = try Scenario.load(path: path)
      } catch {
        StandardStreams.err("error: \(error)\n")
        return ExitStatus.invalidInput
      }
    }
    scenario.allowsRemotePlaintext = allowsRemotePlaintext

    let directory: String
    do {
      directory = try transcriptDirectory(directoryOption)
    } catch {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.failure
    }

    // Block the stop signals before any listener thread starts, so that every thread inherits
    // the mask and only `sigwait` below receives them.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &signals, nil)

    let server = SMTPScenarioServer(scenario: scenario, transcriptDirectory: directory) { line in
      StandardStreams.out(line + "\n")
    }
    do {
      try server.start(host: host, port: port)
    } catch {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.failure
    }
    StandardStreams.out(
      "== listening on \(host):\(server.port) with scenario \"\(scenario.name)\" "
        + "(\(scenario.scanners.count) scanner(s)); transcripts in \(directory)\n")
    var received: Int32 = 0
    sigwait(&signals, &received)
    StandardStreams.out(
      "== received \(received == SIGINT ? "SIGINT" : "SIGTERM"); stopping; transcripts in "
        + "\(directory)\n")
    server.stop()
    return ExitStatus.success
  }

  /// Creates the transcript directory, or a temporary one when none is given.
  private static func transcriptDirectory(_ option: String?) throws -> String {
    if let option {
      try FileManager.default.createDirectory(
        atPath: option, withIntermediateDirectories: true)
      return option
    }
    let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    let path = (base as NSString).appendingPathComponent(
      "hookbench-smtp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
