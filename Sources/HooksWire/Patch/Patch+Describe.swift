extension JSONValue {
  /// Returns the value as compact JSON, cut to about `maximumLength` characters with `…`, for
  /// one-line messages.
  public func briefText(maximumLength: Int = 60) -> String {
    let text = compactJSON
    guard text.count > maximumLength else { return text }
    return String(text.prefix(max(maximumLength - 1, 1))) + "…"
  }
}

extension PatchOperation {
  /// A one-line summary of the operation, such as `set /action = "reject"`,
  /// `add /message/headers at 0 = {"name":"X-Spam-Status","value":"No"}`,
  /// `delete /message/headers/3` or `move /b from /a`.
  public var summary: String {
    let path = pathText.isEmpty && path == nil ? "(no path)" : pathText
    let value = self.value.map { $0.briefText() } ?? "(no value)"
    let source = from.map { $0.description } ?? "(no from)"
    switch kind {
    case .set, .replace:
      return "\(kind.rawValue) \(path) = \(value)"
    case .add:
      if let index { return "add \(path) at \(index) = \(value)" }
      return "add \(path) = \(value)"
    case .delete, .remove:
      return "\(kind.rawValue) \(path)"
    case .move, .copy:
      return "\(kind.rawValue) \(path) from \(source)"
    case .test:
      return "test \(path) == \(value)"
    }
  }
}

extension OperationStatus {
  /// `applied`, `skipped: <reason>` or `refused: <reason>`.
  public var summary: String {
    switch self {
    case .applied: return "applied"
    case .skipped(let reason): return "skipped: \(reason)"
    case .refused(let reason): return "refused: \(reason)"
    }
  }
}

extension OperationOutcome {
  /// One line for the screen: the operation's summary and its status, such as
  /// `set /action = "reject"  applied`.
  public var summary: String { "\(operation.summary)  \(status.summary)" }
}

extension Patch {
  /// Returns one line for an outcome, such as `set /action = "reject"  applied`.
  public static func describe(_ outcome: OperationOutcome) -> String { outcome.summary }

  /// Returns one line for an operation, such as `delete /message/headers/3`.
  public static func describe(_ operation: PatchOperation) -> String { operation.summary }
}

extension PatchResult {
  /// The name of the failure policy and what it did, such as
  /// `atomic: nothing applied, 2 operations failed`.
  public var policySummary: String {
    let failures = refusals.count
    let problemCount = problems.count
    if isClean { return "\(policy.rawValue): all \(outcomes.count) operations applied" }
    var causes: [String] = []
    if failures > 0 { causes.append(Self.counted(failures, "operation") + " failed") }
    if problemCount > 0 { causes.append(Self.counted(problemCount, "structural error")) }
    let cause = causes.joined(separator: ", ")
    switch policy {
    case .atomic:
      return "atomic: nothing applied, \(cause)"
    case .perOperation:
      let applied = outcomes.filter { $0.status == .applied }.count
      return "per-operation: \(applied) of \(outcomes.count) applied, \(cause)"
    }
  }

  private static func counted(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
  }
}
