import HooksHarness
import HooksProtocol
import HooksWire

/// `hookbench run`: runs a scenario without a terminal and prints its transcript.
struct RunCommand: Subcommand {
  static let name = "run"
  static let summary = "Run a scenario through its scanner chain and print the transcript"
  static let usage =
    "usage: hookbench run SCENARIO [--json] [--quit-after STAGE] [--transcript FILE]"
  static let help = """
    \(usage)

    Runs the scenario's SMTP transaction (connect, EHLO, MAIL, RCPT, DATA and, when the
    scenario has an "outbound" section, the delivery attempts) through its scanners over
    loopback HTTP. Prints one line per event: "->" sent, "<-" received, "==" information,
    "**" error.

    Options:
      --json              Print one JSON report (final state, every stage with its
                          exchanges and operation results, exit status) instead.
      --quit-after STAGE  Stop after STAGE: connect, ehlo, mail, rcpt, data, delivery,
                          defer or dsn.
      --transcript FILE   Also save everything that happened to FILE (a .hooktrace.json
                          transcript that "hookbench tui --replay" shows again).
      --allow-remote-plaintext
                          Let external scanners be reached over plain HTTP at addresses
                          other than loopback. HookBench has no TLS, so the message crosses
                          the network unencrypted.

    Exit status: where the transaction ended.
      0 accepted (delivered, for outbound)   6 rejected at data
      1 scanner or transport error under     7 discarded
        the tempfail policy, or a failed     8 quarantined
        "expect" in the scenario             9 disconnected
      2 rejected at connect                 10 outbound cancelled
      3 rejected at ehlo                    64 usage error
      4 rejected at mail                    65 invalid scenario file
      5 rejected at rcpt (no recipient accepted)

    """

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let json = arguments.flag("--json")
    let allowsRemotePlaintext = arguments.flag("--allow-remote-plaintext")
    let quitAfter = try arguments.choice("--quit-after", from: Stage.allCases.map(\.rawValue))
    let transcriptPath = try arguments.option("--transcript")
    let positionals = try arguments.finish()
    guard positionals.count == 1, let path = positionals.first else {
      throw UsageError(positionals.isEmpty ? "missing SCENARIO" : "give exactly one SCENARIO")
    }

    var scenario: Scenario
    do {
      scenario = try Scenario.load(path: path)
    } catch {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.invalidInput
    }
    scenario.allowsRemotePlaintext = allowsRemotePlaintext

    let run = ScenarioRun.live(scenario)
    run.quitAfter = quitAfter.flatMap(Stage.init(rawValue:))
    let outcome = run.runToEnd()
    let finalState = RequestBuilder.request(for: run.machine.state)
    // The expectations describe a whole run, so a run cut short by --quit-after skips them.
    let checksExpect = quitAfter == nil
    let mismatches = checksExpect
      ? scenario.expect?.mismatches(outcome: outcome, finalState: finalState) : nil

    if let transcriptPath {
      do {
        try Transcript(run: run).write(to: transcriptPath)
      } catch {
        StandardStreams.err("error: \(error)\n")
        return ExitStatus.failure
      }
    }

    if json {
      StandardStreams.out(JSONSerializer.string(RunReport.json(for: run, mismatches: mismatches), pretty: true) + "\n")
    } else {
      var lines = TranscriptPrinter.lines(for: run)
      if let transcriptPath { lines.append("== transcript saved to \(transcriptPath)") }
      if scenario.expect != nil && !checksExpect {
        lines.append("== expect: skipped, because --quit-after ends the run early")
      }
      if let mismatches {
        lines += mismatches.isEmpty
          ? ["== expect: passed"] : mismatches.map { "** expect: \($0)" }
      }
      StandardStreams.out(lines.joined(separator: "\n") + "\n")
    }
    if let mismatches, !mismatches.isEmpty { return ExitStatus.failure }
    return outcome.exitStatus
  }
}
