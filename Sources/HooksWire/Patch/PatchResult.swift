/// The fate of one operation in a patch run.
public enum OperationStatus: Sendable, Equatable {
  /// The operation changed the document (or, for `test`, its comparison held).
  case applied
  /// The operation was valid but not applied, for the reason given.
  case skipped(String)
  /// The operation failed or the caller's check rejected it, for the reason given.
  case refused(String)
}

/// One operation and what happened to it.
public struct OperationOutcome: Sendable {
  /// The operation.
  public var operation: PatchOperation
  /// The operation's fate.
  public var status: OperationStatus

  /// Creates an outcome.
  public init(operation: PatchOperation, status: OperationStatus) {
    self.operation = operation
    self.status = status
  }
}

/// The result of applying a patch to a document.
public struct PatchResult: Sendable {
  /// The resulting document. Under the atomic policy it is the unchanged input when any
  /// operation failed or the patch has problems.
  public var document: JSONValue

  /// One outcome per operation, in application order.
  public var outcomes: [OperationOutcome]

  /// The patch's structural problems, which belong to no single operation.
  public var problems: [PatchProblem]

  /// The policy that was applied.
  public var policy: PatchFailurePolicy

  /// Creates a result.
  public init(
    document: JSONValue, outcomes: [OperationOutcome], problems: [PatchProblem],
    policy: PatchFailurePolicy
  ) {
    self.document = document
    self.outcomes = outcomes
    self.problems = problems
    self.policy = policy
  }

  /// Whether every operation was applied and the patch has no problems.
  public var isClean: Bool {
    problems.isEmpty && outcomes.allSatisfy { $0.status == .applied }
  }

  /// The outcomes whose operation was refused.
  public var refusals: [OperationOutcome] {
    outcomes.filter {
      if case .refused = $0.status { return true }
      return false
    }
  }
}
