/// A per-operation gate supplied by the caller, such as the protocol layer's writable-path
/// and value rules. The engine itself has no notion of stages.
///
/// It receives the operation and the document as it is just before that operation runs,
/// and returns the reason to reject the operation, or nil to let it run.
public typealias OperationCheck =
  @Sendable (PatchOperation, _ documentBefore: JSONValue) ->
  String?

/// Applies patches to documents.
public enum PatchEngine {
  /// Applies `patch` to `document` under `policy`.
  ///
  /// Operations run one after another in `patch.operations` order, each on the document as
  /// the earlier ones left it. An operation is rejected when it is malformed, when `check`
  /// returns a reason, or when its path does not fit the document. A rejected operation
  /// changes nothing, and the later ones still run, so that every failure is reported.
  ///
  /// - `atomic`: when any operation is rejected or the patch has problems, the result is the
  ///   unchanged `document` and every other operation is marked skipped.
  /// - `per-operation`: rejected operations are left out and the rest stay applied.
  ///
  /// - Complexity: each operation costs O(depth of its path) plus the work of its last
  ///   step (an array insert or an object member removal is linear in that container). The
  ///   first edit under a container shared with `document` copies that container once.
  public static func apply(
    _ patch: Patch, to document: JSONValue, policy: PatchFailurePolicy = .atomic,
    check: OperationCheck? = nil
  ) -> PatchResult {
    var working = document
    var outcomes: [OperationOutcome] = []
    outcomes.reserveCapacity(patch.operations.count)
    var failed = false

    for operation in patch.operations {
      let status = run(operation, on: &working, check: check)
      if status != .applied { failed = true }
      outcomes.append(OperationOutcome(operation: operation, status: status))
    }

    if policy == .atomic && (failed || !patch.problems.isEmpty) {
      let reason =
        failed
        ? "not applied: the atomic policy rejects the whole response because another "
          + "operation failed"
        : "not applied: the atomic policy rejects the whole response because it has "
          + "structural errors"
      for position in outcomes.indices where outcomes[position].status == .applied {
        outcomes[position].status = .skipped(reason)
      }
      working = document
    }
    return PatchResult(
      document: working, outcomes: outcomes, problems: patch.problems, policy: policy)
  }

  /// Runs one operation on `document` and returns its status.
  private static func run(
    _ operation: PatchOperation, on document: inout JSONValue, check: OperationCheck?
  ) -> OperationStatus {
    if let reason = operation.structuralError { return .refused(reason) }
    guard let path = operation.path else {
      return .refused("invalid JSON Pointer \"\(operation.pathText)\"")
    }
    if let check, let reason = check(operation, document) { return .refused(reason) }
    do {
      switch operation.format {
      case .draft: try applyDraft(operation, path: path, to: &document)
      case .jsonPatch: try applyJSONPatch(operation, path: path, to: &document)
      }
      return .applied
    } catch let error as OperationFailure {
      return .refused(error.reason)
    } catch {
      return .refused("\(error)")
    }
  }
}

/// The reason an operation could not be applied, when it is not a pointer error.
struct OperationFailure: Error {
  var reason: String

  init(_ reason: String) { self.reason = reason }
}
