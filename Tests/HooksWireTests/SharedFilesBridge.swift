import TestSupport

/// Short paths to the shared files that the wire tests read.
enum SharedFilesBridge {
  static func fixture(_ name: String) throws -> [UInt8] {
    try SharedFiles.bytes(SharedFiles.shared("fixtures/\(name)"))
  }
}
