import HooksWire

/// Splits a patch when it writes both `/message…` and `/rawMessage`: only the `rawMessage`
/// change applies, and the `message` operations are dropped (draft-01 §5.6).
struct RawMessagePrecedence {
  /// Every operation of the original patch, in application order.
  let all: [PatchOperation]
  /// The `message` operations dropped because `rawMessage` wins.
  let dropped: [PatchOperation]
  /// The patch the engine applies: the original without `dropped`, labels unchanged.
  let applied: Patch

  init(patch: Patch) {
    all = patch.operations
    let rawOperations = patch.operations.filter { Self.writes($0, under: "rawMessage") }
    let messageOperations = patch.operations.filter { Self.writes($0, under: "message") }
    // Deleting both whole forms is one request, to suppress a DSN, so nothing is dropped.
    let deletesBoth =
      !rawOperations.isEmpty && (rawOperations + messageOperations).allSatisfy(Self.deletesWhole)
    dropped = rawOperations.isEmpty || deletesBoth ? [] : messageOperations
    let droppedLabels = Set(dropped.map(\.label))
    applied = Patch(
      format: patch.format,
      operations: patch.operations.filter { !droppedLabels.contains($0.label) },
      problems: patch.problems)
  }

  /// Returns the reports for the engine's outcomes plus the dropped operations, in the
  /// original application order.
  func reports(for outcomes: [OperationOutcome]) -> [OperationReport] {
    var statuses: [String: OperationStatus] = [:]
    for outcome in outcomes { statuses[outcome.operation.label] = outcome.status }
    let droppedLabels = Set(dropped.map(\.label))
    return all.map { operation in
      let status: OperationStatus
      if droppedLabels.contains(operation.label) {
        status = .skipped("dropped: the same response replaces /rawMessage, which wins")
      } else {
        status = statuses[operation.label] ?? .skipped("not run")
      }
      return OperationReport(
        label: operation.label, kind: operation.kind.rawValue, path: operation.pathText,
        status: status)
    }
  }

  /// Returns whether `operation` removes a whole top-level member, such as `/message`.
  static func deletesWhole(_ operation: PatchOperation) -> Bool {
    (operation.kind == .delete || operation.kind == .remove) && operation.path?.tokens.count == 1
  }

  /// Returns whether `operation` changes something under the top-level member `name`.
  static func writes(_ operation: PatchOperation, under name: String) -> Bool {
    if operation.kind == .test { return false }
    if operation.path?.tokens.first == name { return true }
    return operation.kind == .move && operation.from?.tokens.first == name
  }
}
