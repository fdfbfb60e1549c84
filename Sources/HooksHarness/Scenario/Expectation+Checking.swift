import HooksWire

extension Expectation {
  /// Compares a run's end with the expectation and returns one line per difference, empty
  /// when everything matches.
  ///
  /// - Parameter finalState: the final transaction state as a request with every property;
  ///   `checks` paths are JSON Pointers into it.
  public func mismatches(outcome: RunOutcome, finalState: JSONValue) -> [String] {
    var lines: [String] = []
    if let exitStatus, Int32(exitStatus) != outcome.exitStatus {
      lines.append("exitStatus: expected \(exitStatus), got \(outcome.exitStatus) (\(outcome.summary))")
    }
    if let action, action != outcome.action.rawValue {
      lines.append("action: expected \(action), got \(outcome.action)")
    }
    for check in checks {
      let expected = JSONSerializer.string(check.equals)
      do {
        let actual = try finalState.value(at: try JSONPointer(check.path))
        if actual != check.equals {
          lines.append("\(check.path): expected \(expected), got \(JSONSerializer.string(actual))")
        }
      } catch {
        lines.append("\(check.path): expected \(expected), but \(error)")
      }
    }
    return lines
  }
}
