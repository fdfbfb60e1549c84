#if canImport(Glibc)
  import Glibc
#endif

/// The severity of one log record.
public enum HTTPLogLevel: String, Sendable {
  case info
  case warning
  case error
}

/// One line of server or client log: what happened, on which connection.
public struct HTTPLogRecord: Sendable, Equatable {
  /// The severity.
  public var level: HTTPLogLevel
  /// The message, one line, naming the peer and the request where known.
  public var message: String

  /// Creates a record.
  public init(level: HTTPLogLevel, message: String) {
    self.level = level
    self.message = message
  }
}

/// The destination of log records. The TUI routes them to its event pane and the commands to
/// stderr.
///
/// The closure is called from connection threads, so it must be safe to call concurrently.
public struct HTTPLogSink: Sendable {
  /// The closure that receives each record.
  public let write: @Sendable (HTTPLogRecord) -> Void

  /// Creates a sink from a closure.
  public init(_ write: @escaping @Sendable (HTTPLogRecord) -> Void) {
    self.write = write
  }

  /// A sink that drops every record.
  public static let discard = HTTPLogSink { _ in }

  /// A sink that writes `level: message` lines to standard error, one `write` call per line so
  /// that lines from different threads do not interleave.
  public static let standardError = HTTPLogSink { record in
    let bytes = Array("\(record.level.rawValue): \(record.message)\n".utf8)
    bytes.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }

  /// Writes an `info` record.
  public func info(_ message: String) { write(HTTPLogRecord(level: .info, message: message)) }
  /// Writes a `warning` record.
  public func warning(_ message: String) { write(HTTPLogRecord(level: .warning, message: message)) }
  /// Writes an `error` record.
  public func error(_ message: String) { write(HTTPLogRecord(level: .error, message: message)) }
}
