/// A structural error in a response body that belongs to no single operation: a body that
/// is neither an object nor an array, an unknown top-level key, a list that is not an array,
/// or a JSON Patch element without a known `op`.
public struct PatchProblem: Sendable, Equatable, CustomStringConvertible {
  /// Where the error is: `body`, a list name such as `add`, or an element label such as
  /// `[3]`.
  public var location: String

  /// What is wrong and how to fix it.
  public var message: String

  /// Creates a problem.
  public init(location: String, message: String) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): \(message)" }
}
