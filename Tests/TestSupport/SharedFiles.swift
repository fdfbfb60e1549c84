import Foundation

/// Locations of the files that tests read: the repository itself and the shared reference
/// folder beside it (fixtures, conformance suites, the message corpus).
public enum SharedFiles {
  /// The repository root, found from this source file's path.
  public static let repositoryRoot: URL = {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // TestSupport
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()
  }()

  /// The shared reference folder: `HOOKBENCH_SHARED` when set, else `../shared` beside the
  /// repository.
  public static let sharedRoot: URL = {
    if let override = ProcessInfo.processInfo.environment["HOOKBENCH_SHARED"] {
      return URL(fileURLWithPath: override)
    }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
  }()

  /// A file under the shared folder, such as `fixtures/12-draft01-spec-discovery-document.json`.
  public static func shared(_ relativePath: String) -> URL {
    sharedRoot.appendingPathComponent(relativePath)
  }

  /// A file under the repository, such as `samples/scenarios/welcome.json`.
  public static func repository(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent(relativePath)
  }

  /// The bytes of a file, or a test failure naming the path.
  public static func bytes(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
  }
}
