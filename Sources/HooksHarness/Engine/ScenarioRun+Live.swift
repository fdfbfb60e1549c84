extension ScenarioRun {
  /// Creates a run that reaches its scanners over loopback HTTP, with embedded rule scanners
  /// served for the session.
  ///
  /// The clock starts at the scenario's `startAt` when it has one (so transcripts repeat),
  /// else it follows the system clock. Ids are sequential.
  public static func live(_ scenario: Scenario) -> ScenarioRun {
    let ids = SequentialIdentifiers()
    let clock: EngineClock = scenario.startAt.map { SimulatedClock(start: $0) } ?? SystemClock()
    let channel = HTTPScannerChannel(
      serverName: scenario.server.name, serialization: scenario.serialization, ids: ids,
      allowsRemotePlaintext: scenario.allowsRemotePlaintext,
      makeEmbedded: HTTPScannerChannel.ruleScanners)
    return ScenarioRun(
      scenario: scenario, channel: channel, clock: clock, ids: ids,
      parseMessage: TransactionMachine.mailParser)
  }
}
