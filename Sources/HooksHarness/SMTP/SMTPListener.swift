import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An error starting the SMTP listener.
public struct SMTPListenerError: Error, Sendable, CustomStringConvertible {
  /// The failure, with the address and the system error.
  public var message: String

  public var description: String { message }
}

/// A TCP listener on a loopback IPv4 address that runs one `SMTPServerSession` per connection,
/// each on its own thread.
///
/// The listener only does socket I/O; the session decides every reply. `makeHandler` is called
/// once per connection with the peer's address and port.
public final class SMTPListener: @unchecked Sendable {
  /// Creates the handler for a new connection.
  public typealias HandlerFactory = @Sendable (_ peerIP: String, _ peerPort: Int)
    -> SMTPSessionHandler

  /// The host name the sessions use in replies.
  public let hostname: String

  /// The largest message accepted, in bytes.
  public let maxMessageSize: Int

  /// How long a connection may stay idle before the server closes it, in seconds. RFC 5321
  /// §4.5.3.2.7 suggests 5 minutes.
  public let idleTimeoutSeconds: Int

  private let makeHandler: HandlerFactory
  private let lock = NSLock()
  private var listeningSocket: Int32 = -1
  private var boundPort: Int = 0
  private var stopped = false

  /// Creates a listener; call `start(host:port:)` to bind it.
  public init(hostname: String, maxMessageSize: Int = 10 * 1024 * 1024,
              idleTimeoutSeconds: Int = 300, makeHandler: @escaping HandlerFactory) {
    self.hostname = hostname
    self.maxMessageSize = maxMessageSize
    self.idleTimeoutSeconds = idleTimeoutSeconds
    self.makeHandler = makeHandler
  }

  /// The bound port, useful after binding port 0.
  public var port: Int {
    lock.lock()
    defer { lock.unlock() }
    return boundPort
  }

  /// Binds `host:port` and starts accepting connections on a background thread.
  ///
  /// - Parameters:
  ///   - host: a loopback IPv4 address (`127.0.0.0/8`), or `localhost`, which means
  ///     `127.0.0.1` as it does for scanner URLs. Any other address is refused, because a test
  ///     tool must not accept mail from the network.
  ///   - port: the TCP port, or 0 for a free one.
  /// - Throws: `SMTPListenerError` when the address is not loopback or cannot be bound.
  public func start(host requested: String, port: Int) throws {
    let host = requested.lowercased() == "localhost" ? "127.0.0.1" : requested
    guard host.hasPrefix("127.") else {
      throw SMTPListenerError(message: "refusing to listen on \(host): use a loopback address "
        + "such as 127.0.0.1")
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
      throw SMTPListenerError(message: "invalid IPv4 address \"\(host)\"")
    }
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else {
      throw SMTPListenerError(message: "cannot create a socket: \(String(cString: strerror(errno)))")
    }
    var reuse: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 64) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw SMTPListenerError(message: "cannot listen on \(host):\(port): \(reason)")
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    lock.lock()
    listeningSocket = descriptor
    boundPort = Int(UInt16(bigEndian: actual.sin_port))
    lock.unlock()

    let thread = Thread { [self] in acceptLoop(descriptor) }
    thread.name = "smtp-accept"
    thread.start()
  }

  /// Stops accepting connections. Sessions already running finish on their own threads.
  public func stop() {
    lock.lock()
    let descriptor = listeningSocket
    listeningSocket = -1
    stopped = true
    lock.unlock()
    if descriptor >= 0 {
      shutdown(descriptor, Int32(SHUT_RDWR))
      close(descriptor)
    }
  }

  private var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  private func acceptLoop(_ descriptor: Int32) {
    while !isStopped {
      var peer = sockaddr_in()
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let connection = withUnsafeMutablePointer(to: &peer) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(descriptor, $0, &length) }
      }
      if connection < 0 {
        if errno == EINTR { continue }
        return
      }
      var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
      inet_ntop(AF_INET, &peer.sin_addr, &text, socklen_t(INET_ADDRSTRLEN))
      let ip = String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) },
                      as: UTF8.self)
      let port = Int(UInt16(bigEndian: peer.sin_port))
      let thread = Thread { [self] in serve(connection, peerIP: ip, peerPort: port) }
      thread.name = "smtp-session"
      thread.start()
    }
  }

  private func serve(_ descriptor: Int32, peerIP: String, peerPort: Int) {
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: idleTimeoutSeconds, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let handler = makeHandler(peerIP, peerPort)
    defer { handler.closed() }
    let session = SMTPServerSession(
      hostname: hostname, maxMessageSize: maxMessageSize, handler: handler)
    guard writeAll(session.start(), to: descriptor) else {
      session.close()
      return
    }
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while !session.isClosed {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 {
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
          let reply = SMTPReply(421, "4.4.2", "\(hostname) idle timeout, closing connection")
          _ = writeAll(Array(reply.wireText.utf8), to: descriptor)
        }
        session.close()
        return
      }
      let output = session.receive(Array(buffer[0..<count]))
      guard writeAll(output, to: descriptor) else {
        session.close()
        return
      }
    }
  }

  private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += written
    }
    return true
  }
}
