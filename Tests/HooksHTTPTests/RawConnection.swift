import Foundation

@testable import HooksHTTP

/// A test-side TCP connection that sends hand-written bytes and reads raw replies.
final class RawConnection {
  let socket: Socket
  /// One parser for the connection, so bytes of a pipelined second response are kept.
  private var parser = HTTPResponseParser(requestMethod: "GET")

  init(port: UInt16) throws {
    guard let address = SocketAddress(host: "127.0.0.1", port: port) else {
      throw SocketError("address", code: 0)
    }
    socket = try Socket.connect(to: address, timeoutMilliseconds: 2_000)
  }

  func send(_ text: String) throws {
    try socket.writeAll(Array(text.utf8))
  }

  func send(_ bytes: [UInt8]) throws {
    try socket.writeAll(bytes)
  }

  /// Reads one response; throws when none arrives within `timeoutMilliseconds`.
  func readResponse(method: String = "GET", timeoutMilliseconds: Int = 5_000) throws -> HTTPResponse
  {
    parser.requestMethod = method
    let deadline = MonotonicClock.milliseconds() + Double(timeoutMilliseconds)
    while true {
      if let response = try parser.next() { return response }
      let remaining = Int(deadline - MonotonicClock.milliseconds())
      guard remaining > 0 else { throw SocketError("read", code: ETIMEDOUT) }
      switch socket.read(timeoutMilliseconds: remaining) {
      case .bytes(let bytes): parser.append(bytes)
      case .endOfStream:
        if let response = try parser.finishAtEndOfStream() { return response }
        throw SocketError("read", code: ECONNRESET)
      case .timedOut, .interrupted: throw SocketError("read", code: ETIMEDOUT)
      case .failed(let error): throw error
      }
    }
  }

  /// Reads exactly `count` bytes.
  func readBytes(_ count: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < count {
      guard
        case .bytes(let chunk) = socket.read(
          maximum: count - bytes.count, timeoutMilliseconds: 5_000)
      else { throw SocketError("read", code: ECONNRESET) }
      bytes += chunk
    }
    return bytes
  }

  /// Whether the server closes the connection within `timeoutMilliseconds`.
  func isClosedByPeer(timeoutMilliseconds: Int = 2_000) -> Bool {
    let deadline = MonotonicClock.milliseconds() + Double(timeoutMilliseconds)
    while true {
      let remaining = Int(deadline - MonotonicClock.milliseconds())
      if remaining <= 0 { return false }
      switch socket.read(timeoutMilliseconds: remaining) {
      case .endOfStream, .failed: return true
      case .bytes: continue
      case .timedOut, .interrupted: return false
      }
    }
  }
}

/// A log sink that keeps records for assertions.
final class LogCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [HTTPLogRecord] = []

  var sink: HTTPLogSink {
    HTTPLogSink { record in
      self.lock.lock()
      self.stored.append(record)
      self.lock.unlock()
    }
  }

  var records: [HTTPLogRecord] {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}
