import Foundation
import HooksWire
import TestSupport

/// Reads the shared fixture bodies that the protocol tests run against.
enum Fixtures {
  /// The parsed body of the fixture file whose name starts with `number`, such as `"16"`.
  static func body(_ number: String) throws -> JSONValue {
    let folder = SharedFiles.shared("fixtures")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    guard let name = names.first(where: { $0.hasPrefix(number + "-") && $0.hasSuffix(".json") })
    else {
      throw FixtureError(description: "no fixture file in \(folder.path) starts with \(number)-")
    }
    return try JSONParser.parse(SharedFiles.bytes(folder.appendingPathComponent(name)))
  }
}

struct FixtureError: Error, CustomStringConvertible {
  let description: String
}
