/// An edit of the Email object that `MailWriter` cannot turn into a raw message.
public struct MailWriteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The JSON Pointer of the rejected value inside the Email object, such as
  /// `/headers/3/value`; empty for the object itself.
  public let path: String

  /// The problem with the value, and what to send instead.
  public let problem: String

  /// Creates an error for the value at `path`.
  public init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  /// `invalid /headers/3/value: …`.
  public var description: String {
    "invalid \(path.isEmpty ? "Email object" : path): \(problem)"
  }
}
