/// What happens to a response when some of its operations fail.
///
/// Draft -01 allows both: §6.4 voids the whole response, and §6.3.8 skips only the failing
/// operation. HookBench defaults to `atomic`, which is what every known implementation does.
public enum PatchFailurePolicy: String, Sendable, CaseIterable {
  /// Nothing is applied when any operation fails or the body has a structural error.
  case atomic
  /// Failing operations are skipped and the others are applied.
  case perOperation = "per-operation"
}
