/// A structural error in a response body that belongs to no single operation.
///
/// Examples are a body that is neither an object nor an array, an unknown top-level key, a
/// list that is not an array, and a JSON Patch element without a known `op`.
public struct PatchProblem: Sendable, Equatable, CustomStringConvertible {
  /// The error's place: `body`, a list name such as `add`, or an element label such as
  /// `[3]`.
  public var location: String

  /// The explanation, with how to fix it.
  public var message: String

  /// Creates a problem.
  public init(location: String, message: String) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): \(message)" }
}
