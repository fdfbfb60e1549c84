#if canImport(Glibc)
  import Glibc
#endif

/// A socket failure, with the system call and `errno` text.
struct SocketError: Error, CustomStringConvertible {
  let operation: String
  let code: Int32

  init(_ operation: String, code: Int32 = errno) {
    self.operation = operation
    self.code = code
  }

  var description: String {
    guard let text = strerror(code) else { return "\(operation) failed: errno \(code)" }
    return "\(operation) failed: \(String(validatingCString: text) ?? "errno \(code)")"
  }
}

/// The outcome of one read.
enum SocketReadResult {
  case bytes([UInt8])
  case endOfStream
  case timedOut
  /// `wakeDescriptor` became readable: the server is shutting down.
  case interrupted
  case failed(SocketError)
}

/// A thin owner of one stream socket descriptor. Every wait goes through `poll`, so reads and
/// writes have timeouts.
final class Socket: @unchecked Sendable {
  let descriptor: Int32
  private var isClosed = false

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  deinit { close() }

  /// Creates a listening socket bound to `address`, with `SO_REUSEADDR` so that a restarted
  /// server can bind at once.
  static func listen(on address: SocketAddress, backlog: Int32 = 64) throws -> Socket {
    let descriptor = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SocketError("socket") }
    let socket = Socket(descriptor: descriptor)
    var one: Int32 = 1
    _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    let bound = address.withSockaddr { Glibc.bind(descriptor, $0, $1) }
    guard bound == 0 else { throw SocketError("bind to \(address)") }
    guard Glibc.listen(descriptor, backlog) == 0 else { throw SocketError("listen on \(address)") }
    return socket
  }

  /// Connects to `address`, waiting at most `timeoutMilliseconds`.
  static func connect(to address: SocketAddress, timeoutMilliseconds: Int) throws -> Socket {
    let descriptor = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SocketError("socket") }
    let socket = Socket(descriptor: descriptor)
    let flags = fcntl(descriptor, F_GETFL)
    _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    let started = address.withSockaddr { Glibc.connect(descriptor, $0, $1) }
    if started != 0 {
      guard errno == EINPROGRESS else { throw SocketError("connect to \(address)") }
      var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
      let ready = poll(&entry, 1, Int32(clamping: timeoutMilliseconds))
      if ready == 0 { throw SocketError("connect to \(address)", code: ETIMEDOUT) }
      var failure: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
      if ready < 0 { throw SocketError("connect to \(address)") }
      if failure != 0 { throw SocketError("connect to \(address)", code: failure) }
    }
    _ = fcntl(descriptor, F_SETFL, flags)
    var one: Int32 = 1
    _ = setsockopt(
      descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    return socket
  }

  /// The local port, after `listen` bound to port 0.
  var localPort: UInt16 {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    guard result == 0 else { return 0 }
    let family = storage.ss_family
    return withUnsafePointer(to: &storage) { pointer in
      if family == sa_family_t(AF_INET6) {
        return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          UInt16(bigEndian: $0.pointee.sin6_port)
        }
      }
      return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        UInt16(bigEndian: $0.pointee.sin_port)
      }
    }
  }

  /// The peer address as `host:port`, for logs.
  var peerDescription: String {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getpeername(descriptor, $0, &length)
      }
    }
    guard result == 0 else { return "unknown peer" }
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    let family = storage.ss_family
    return withUnsafePointer(to: &storage) { pointer in
      if family == sa_family_t(AF_INET6) {
        return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          var address = $0.pointee.sin6_addr
          inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
          return "[\(Self.string(fromC: text))]:\(UInt16(bigEndian: $0.pointee.sin6_port))"
        }
      }
      return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        var address = $0.pointee.sin_addr
        inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
        return "\(Self.string(fromC: text)):\(UInt16(bigEndian: $0.pointee.sin_port))"
      }
    }
  }

  private static func string(fromC text: [CChar]) -> String {
    String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Waits until the socket is readable, the wake descriptor is readable, or the timeout
  /// passes. Returns `.bytes([])` when the socket is readable.
  func waitReadable(
    timeoutMilliseconds: Int, wakeDescriptor: Int32? = nil
  ) -> SocketReadResult? {
    var entries = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
    if let wake = wakeDescriptor {
      entries.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
    }
    while true {
      let ready = poll(
        &entries, nfds_t(entries.count), Int32(clamping: max(0, timeoutMilliseconds)))
      if ready < 0 {
        if errno == EINTR { continue }
        return .failed(SocketError("poll"))
      }
      if ready == 0 { return .timedOut }
      if entries.count > 1 && entries[1].revents != 0 && entries[0].revents == 0 {
        return .interrupted
      }
      return nil
    }
  }

  /// Reads up to `maximum` bytes, waiting at most `timeoutMilliseconds`.
  func read(
    maximum: Int = 64 * 1024, timeoutMilliseconds: Int, wakeDescriptor: Int32? = nil
  ) -> SocketReadResult {
    if let early = waitReadable(
      timeoutMilliseconds: timeoutMilliseconds, wakeDescriptor: wakeDescriptor)
    {
      return early
    }
    var chunk = [UInt8](repeating: 0, count: maximum)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, maximum, 0) }
      if count > 0 { return .bytes(Array(chunk[0..<count])) }
      if count == 0 { return .endOfStream }
      if errno == EINTR { continue }
      return .failed(SocketError("recv"))
    }
  }

  /// Writes every byte, waiting at most `timeoutMilliseconds` for the peer to take them.
  func writeAll(_ bytes: [UInt8], timeoutMilliseconds: Int = 30_000) throws {
    var offset = 0
    let deadline = MonotonicClock.milliseconds() + Double(timeoutMilliseconds)
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if written >= 0 {
        offset += written
        continue
      }
      if errno == EINTR { continue }
      if errno == EAGAIN || errno == EWOULDBLOCK {
        let remaining = deadline - MonotonicClock.milliseconds()
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        if remaining <= 0 || poll(&entry, 1, Int32(remaining)) == 0 {
          throw SocketError("send", code: ETIMEDOUT)
        }
        continue
      }
      throw SocketError("send")
    }
  }

  /// Stops both directions, which wakes any thread blocked on this socket.
  func shutdownBoth() {
    _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
  }

  /// Stops sending; the peer reads the end of the stream while this side can still read.
  func shutdownWrite() {
    _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
  }

  /// Closes the descriptor once; later calls do nothing.
  func close() {
    guard !isClosed else { return }
    isClosed = true
    _ = Glibc.close(descriptor)
  }
}

/// Milliseconds from `CLOCK_MONOTONIC`, for timeouts and exchange timing.
public enum MonotonicClock {
  /// The current monotonic time in milliseconds, with sub-millisecond precision.
  public static func milliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
  }
}
