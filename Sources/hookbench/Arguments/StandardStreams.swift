#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to standard output and standard error without Foundation's buffering surprises.
enum StandardStreams {
  /// Writes `text` to standard output.
  static func out(_ text: String) {
    write(text, to: 1)
  }

  /// Writes `text` to standard error.
  static func err(_ text: String) {
    write(text, to: 2)
  }

  /// Writes raw bytes to standard output.
  static func outBytes(_ bytes: [UInt8]) {
    writeAll(bytes, to: 1)
  }

  private static func write(_ text: String, to descriptor: Int32) {
    writeAll(Array(text.utf8), to: descriptor)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress, buffer.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }
}
