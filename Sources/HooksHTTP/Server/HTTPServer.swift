import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An HTTP/1.1 server on POSIX sockets, with one thread per connection.
///
/// Connections are kept alive between requests. Each request goes to `handler`, which runs
/// on the connection's thread and may block. The handler returns the response, and may set
/// its `fault` and `delayMilliseconds` to ask for a misbehaviour. Threads are plain
/// `Thread`s, never Swift concurrency tasks, so blocking reads do not starve the cooperative
/// pool.
///
/// `shutdown` stops accepting, closes idle connections, lets requests in flight finish until
/// a deadline, then closes whatever is left.
public final class HTTPServer: @unchecked Sendable {
  /// The request handler. It is called concurrently from connection threads.
  public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

  /// The settings the server was created with.
  public let configuration: HTTPServerConfiguration
  let log: HTTPLogSink
  let handler: Handler

  private let lock = NSCondition()
  private var listener: Socket?
  private var boundPort: UInt16 = 0
  private var connections: [Int: Socket] = [:]
  private var nextConnectionID = 1
  private var acceptThreadRunning = false
  private var isShuttingDown = false
  /// A pipe whose read end becomes readable when shutdown starts; every poll watches it.
  private var wakePipe: [Int32] = [-1, -1]

  /// Creates a server. Nothing is bound until `start()`.
  public init(
    configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
    log: HTTPLogSink = .discard,
    handler: @escaping Handler
  ) {
    self.configuration = configuration
    self.log = log
    self.handler = handler
  }

  deinit {
    if wakePipe[0] >= 0 { Glibc.close(wakePipe[0]) }
    if wakePipe[1] >= 0 { Glibc.close(wakePipe[1]) }
  }

  /// The bound port; meaningful after `start()`.
  public var port: UInt16 {
    lock.lock()
    defer { lock.unlock() }
    return boundPort
  }

  /// The base URL of the server, such as `http://127.0.0.1:8025`.
  public var baseURL: String {
    let address = SocketAddress(host: configuration.host, port: port)
    return "http://\(address?.description ?? "\(configuration.host):\(port)")"
  }

  /// The number of connections open now.
  public var openConnectionCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return connections.count
  }

  /// Binds the listening socket and starts the accept thread.
  ///
  /// - Throws: `HTTPServerError` when the host is not a numeric address, is not a loopback
  ///   address and `allowNonLoopback` is off, or the bind fails (for example, port in use).
  public func start() throws {
    guard let address = SocketAddress(host: configuration.host, port: configuration.port) else {
      throw HTTPServerError(
        message: "invalid listen address \"\(configuration.host)\"; give a numeric IPv4 or "
          + "IPv6 address such as 127.0.0.1")
    }
    guard address.isLoopback || configuration.allowNonLoopback else {
      throw HTTPServerError(
        message: "refusing to listen on non-loopback address \(address): the server speaks "
          + "plain HTTP; listen on 127.0.0.1 or allow non-loopback addresses explicitly")
    }
    let socket: Socket
    do {
      socket = try Socket.listen(on: address)
    } catch {
      throw HTTPServerError(message: "\(error)")
    }
    guard pipe(&wakePipe) == 0 else {
      throw HTTPServerError(message: "\(SocketError("pipe"))")
    }
    lock.lock()
    listener = socket
    boundPort = socket.localPort
    acceptThreadRunning = true
    lock.unlock()
    log.info("listening on \(baseURL)")
    let thread = Thread { [self] in acceptLoop(socket) }
    thread.name = "HTTPServer accept"
    thread.start()
  }

  /// Stops the server: no new connections, idle connections closed, requests in flight given
  /// `graceMilliseconds` to finish before their connections are closed. Returns when every
  /// connection thread has ended.
  public func shutdown(graceMilliseconds: Int = 5_000) {
    lock.lock()
    if isShuttingDown || listener == nil {
      lock.unlock()
      return
    }
    isShuttingDown = true
    lock.unlock()
    var byte: UInt8 = 1
    _ = Glibc.write(wakePipe[1], &byte, 1)

    let deadline = Date(timeIntervalSinceNow: Double(graceMilliseconds) / 1000)
    lock.lock()
    while (!connections.isEmpty || acceptThreadRunning) && lock.wait(until: deadline) {}
    let remaining = Array(connections.values)
    lock.unlock()
    if !remaining.isEmpty {
      log.warning(
        "closing \(remaining.count) connection(s) still open after \(graceMilliseconds) ms")
      for socket in remaining { socket.shutdownBoth() }
      lock.lock()
      let hardDeadline = Date(timeIntervalSinceNow: 1)
      while (!connections.isEmpty || acceptThreadRunning) && lock.wait(until: hardDeadline) {}
      lock.unlock()
    }
    log.info("stopped listening on \(baseURL)")
  }

  // MARK: - Accepting

  private func acceptLoop(_ socket: Socket) {
    while true {
      let waited = socket.waitReadable(timeoutMilliseconds: 1_000, wakeDescriptor: wakePipe[0])
      if case .interrupted = waited { break }
      if case .failed(let error) = waited {
        log.error("accept loop stopped: \(error)")
        break
      }
      if case .timedOut = waited { continue }
      let descriptor = accept(socket.descriptor, nil, nil)
      if descriptor < 0 {
        if errno == EINTR || errno == EAGAIN || errno == ECONNABORTED { continue }
        log.error("\(SocketError("accept")); retrying in 100 ms")
        usleep(100_000)
        continue
      }
      admit(Socket(descriptor: descriptor))
    }
    socket.close()
    lock.lock()
    acceptThreadRunning = false
    lock.broadcast()
    lock.unlock()
  }

  private func admit(_ socket: Socket) {
    lock.lock()
    if connections.count >= configuration.maxConnections {
      lock.unlock()
      log.warning(
        "rejecting connection from \(socket.peerDescription): \(configuration.maxConnections) "
          + "connections are open")
      var busy = HTTPResponse(status: 503, body: Array("too many connections\n".utf8))
      busy.headers.add(name: "Connection", value: "close")
      try? socket.writeAll(busy.serialized(), timeoutMilliseconds: 1_000)
      socket.close()
      return
    }
    let id = nextConnectionID
    nextConnectionID += 1
    connections[id] = socket
    lock.unlock()
    let connection = HTTPServerConnection(id: id, socket: socket, server: self)
    let thread = Thread { [self] in
      connection.run()
      socket.close()
      lock.lock()
      connections[id] = nil
      lock.broadcast()
      lock.unlock()
    }
    thread.name = "HTTPServer connection \(id)"
    thread.start()
  }

  // MARK: - Used by connections

  var shuttingDown: Bool {
    lock.lock()
    defer { lock.unlock() }
    return isShuttingDown
  }

  var wakeDescriptor: Int32 { wakePipe[0] }

  /// Sleeps `milliseconds`, or less when shutdown starts. Returns false when cut short.
  func sleepUnlessShuttingDown(milliseconds: Int) -> Bool {
    var entry = pollfd(fd: wakePipe[0], events: Int16(POLLIN), revents: 0)
    let deadline = MonotonicClock.milliseconds() + Double(milliseconds)
    while true {
      let remaining = deadline - MonotonicClock.milliseconds()
      if remaining <= 0 { return true }
      let ready = poll(&entry, 1, Int32(clamping: Int(remaining.rounded(.up))))
      if ready > 0 { return false }
      if ready < 0 && errno != EINTR { return true }
    }
  }
}
