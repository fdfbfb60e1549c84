import HooksProtocol
import HooksWire

@testable import HooksHarness

/// Builds a scenario with two recipients and a small message, built in memory.
func makeScenario(
  recipients: [String] = ["a@example.org", "b@example.org"],
  scanners: [String] = ["first"], sender: String? = "sender@example.org"
) -> Scenario {
  var scenario = Scenario(name: "test")
  scenario.mailFrom = ScenarioAddress(address: sender)
  scenario.rcptTo = recipients.map { ScenarioAddress(address: $0) }
  scenario.message = Array(
    "From: sender@example.org\r\nTo: a@example.org\r\nSubject: Hello\r\n\r\nHi there.\r\n".utf8)
  scenario.scanners = scanners.map {
    ScannerSettings(name: $0, source: .rules([], path: nil))
  }
  return scenario
}

/// Creates a run over an in-memory channel, with a fixed clock and sequential ids.
func makeRun(_ scenario: Scenario, channel: InMemoryScannerChannel) -> ScenarioRun {
  ScenarioRun(
    scenario: scenario, channel: channel,
    clock: SimulatedClock(start: UTCTimestamp(millisecondsSinceEpoch: 1_796_400_000_000)),
    ids: SequentialIdentifiers(), parseMessage: TransactionMachine.mailParser)
}

/// Builds a draft-01 response that sets `/action` and, when given, `/response`.
func actionResponse(_ action: String, code: Int? = nil, enhanced: String = "5.7.1",
                    message: String = "Policy") -> JSONValue {
  var operations: [JSONValue] = [["path": "/action", "value": .string(action)]]
  if let code {
    operations.append([
      "path": "/response",
      "value": ["code": .integer(code), "enhancedCode": .string(enhanced), "message": .string(message)],
    ])
  }
  return ["set": .array(operations)]
}
