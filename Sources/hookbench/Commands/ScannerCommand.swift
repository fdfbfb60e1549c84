import Foundation
import HooksHTTP
import HooksHarness
import HooksWire

/// `hookbench scanner`: serves one rule-driven scanner over HTTP for an external MTA.
struct ScannerCommand: Subcommand {
  static let name = "scanner"
  static let summary = "Serve a rule-driven scanner (draft-01) for an external MTA"
  static let usage =
    "usage: hookbench scanner [--listen ADDR:PORT] [--rules FILE] [--token TOKEN] "
    + "[--allow-non-loopback]"

  static let help = """
    \(usage)

    Serves the scanner side of draft-01 over plain HTTP: GET /.well-known/mta-hooks,
    registration at /v1/hooks/register, status, deregistration and the hook endpoint that
    registration returns. Each hook call is answered by the first matching rule of FILE, or
    with 204 No Content when no rule matches or no FILE is given. Every request and reply is
    logged to stderr. SIGINT or SIGTERM stops the server after calls in flight finish.

    On start it prints the discovery URL and the bearer token to stdout.

    Options:
      --listen ADDR:PORT    Address to listen on (default 127.0.0.1:8025). Port 0 picks a
                            free port. IPv6 addresses go in brackets: [::1]:8025.
      --rules FILE          A rules file, such as samples/scanners/spam-score.json.
      --token TOKEN         The bearer token MTAs must send. Without it a random 128-bit
                            token is made and printed.
      --allow-non-loopback  Allow a listen address outside 127.0.0.0/8 and ::1. The server
                            has no TLS, so tokens and mail cross the network in clear text.

    Exit status: 0 after a clean stop, 1 when the address cannot be bound, 65 when the rules
    file is invalid, 64 for a usage error.

    """

  static let defaultListen = "127.0.0.1:8025"

  /// Returns whether `token` fits the `b64token` syntax of RFC 6750 §2.1, the only form an
  /// MTA can send in `Authorization: Bearer`. A space or other character would make the
  /// token impossible to match, because the service trims and splits the header value.
  static func isBearerToken(_ token: String) -> Bool {
    let body = token.utf8.reversed().drop { $0 == UInt8(ascii: "=") }
    guard !body.isEmpty else { return false }
    return body.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
      default:
        return "-._~+/".utf8.contains(byte)
      }
    }
  }

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let listen = try arguments.option("--listen") ?? defaultListen
    let rulesPath = try arguments.option("--rules")
    let token = try arguments.option("--token") ?? makeToken()
    let allowNonLoopback = arguments.flag("--allow-non-loopback")
    let positionals = try arguments.finish()
    guard positionals.isEmpty else {
      throw UsageError("unexpected argument \"\(positionals[0])\"")
    }
    guard !token.isEmpty else { throw UsageError("--token must not be empty") }
    guard isBearerToken(token) else {
      throw UsageError(
        "invalid --token \"\(token)\"; a bearer token uses only letters, digits and "
          + "- . _ ~ + /, optionally followed by =")
    }
    let (host, port) = try parseListen(listen)

    let rules: ScannerRuleSet
    do {
      rules = try rulesPath.map(ScannerRuleSet.load(path:)) ?? acceptAll
    } catch {
      StandardStreams.err("error: \(error)\n")
      return ExitStatus.invalidInput
    }

    let log = HTTPLogSink.standardError
    let service = ScannerService(
      configuration: rules.serviceConfiguration(token: token), log: log,
      replier: loggingReplier(rules, log: log))

    // Block the stop signals before any server thread starts, so that every thread inherits
    // the mask and only `sigwait` below receives them.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &signals, nil)

    let server: HTTPServer
    do {
      server = try service.start(
        serverConfiguration: HTTPServerConfiguration(
          host: host, port: port, allowNonLoopback: allowNonLoopback))
    } catch {
      StandardStreams.err("error: \(error)\n")
      if !allowNonLoopback && "\(error)".contains("non-loopback") {
        StandardStreams.err("To listen there anyway, add --allow-non-loopback.\n")
      }
      return ExitStatus.failure
    }
    StandardStreams.out(
      """
      scanner "\(rules.name)" listening on \(server.baseURL)
      discovery URL: \(server.baseURL)/.well-known/mta-hooks
      token: \(token)
      stages: \(rules.stages.joined(separator: ", "))
      Stop with Ctrl-C (SIGINT) or SIGTERM.

      """)

    var received: Int32 = 0
    sigwait(&signals, &received)
    log.info("received \(received == SIGINT ? "SIGINT" : "SIGTERM"); stopping")
    service.stop(graceMilliseconds: 5_000)
    return ExitStatus.success
  }

  /// The scanner used without `--rules`: every stage, no rules, so every call gets 204.
  static let acceptAll = ScannerRuleSet(
    name: "accept-all",
    stages: DirectionCapabilities.inboundStages + DirectionCapabilities.outboundStages,
    updateProperties: nil, rules: [])

  /// Wraps the rules' replier so that each hook call's stage and reply are logged.
  static func loggingReplier(_ rules: ScannerRuleSet, log: HTTPLogSink) -> HookReplier {
    let replier = rules.replier
    return { call in
      let reply = replier(call)
      log.info(
        "hook \(call.stage) registration \(call.registrationID) request \(call.requestID): "
          + describe(reply))
      return reply
    }
  }

  static func describe(_ reply: HookReply) -> String {
    switch reply {
    case .noChange: return "204 no change"
    case .body(let status, let body):
      let text = body.compactJSON
      return "\(status) \(text.count > 300 ? String(text.prefix(300)) + "…" : text)"
    case .error(let error): return "\(error)"
    case .fault(let fault): return "fault \(fault.rawValue)"
    case .delayed(let milliseconds, let inner):
      return "after \(milliseconds) ms: \(describe(inner))"
    }
  }

  /// Splits `ADDR:PORT` or `[V6]:PORT`.
  static func parseListen(_ text: String) throws -> (String, UInt16) {
    guard let colon = text.lastIndex(of: ":") else {
      throw UsageError("invalid --listen \"\(text)\"; use ADDR:PORT such as 127.0.0.1:8025")
    }
    var host = String(text[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty, let port = UInt16(text[text.index(after: colon)...]) else {
      throw UsageError("invalid --listen \"\(text)\"; use ADDR:PORT such as 127.0.0.1:8025")
    }
    return (host, port)
  }

  /// Returns 32 hexadecimal digits (128 bits) from the system random number generator.
  static func makeToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<2).map { _ in
      let value = generator.next()
      let digits = String(value, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }.joined()
  }
}
