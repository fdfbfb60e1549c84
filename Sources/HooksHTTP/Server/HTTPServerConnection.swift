/// The request loop of one server connection: read, parse, call the handler, write.
struct HTTPServerConnection {
  let id: Int
  let socket: Socket
  let server: HTTPServer

  private var log: HTTPLogSink { server.log }
  private var limits: HTTPLimits { server.configuration.limits }

  func run() {
    let peer = socket.peerDescription
    let label = "connection \(id) from \(peer)"
    var parser = HTTPRequestParser(limits: limits)
    while true {
      let event: HTTPRequestParser.Event?
      do {
        event = try parser.next()
      } catch {
        log.warning("\(label): \(error); closing the connection")
        sendErrorAndClose(error)
        return
      }
      switch event {
      case .continueExpected:
        guard write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), label: label) else { return }
      case .request(let request):
        guard serve(request, label: label) else { return }
      case nil:
        guard readMore(into: &parser, label: label) else { return }
      }
    }
  }

  /// Reads the next bytes into the parser. Returns false when the connection should close.
  private func readMore(into parser: inout HTTPRequestParser, label: String) -> Bool {
    let partial = parser.hasPartialRequest
    if !partial && server.shuttingDown { return false }
    // An idle connection is closed at shutdown, but a request that has started may finish.
    let wake = partial ? nil : server.wakeDescriptor
    let result = socket.read(
      timeoutMilliseconds: limits.idleTimeoutMilliseconds, wakeDescriptor: wake)
    switch result {
    case .bytes(let bytes):
      parser.append(bytes)
      return true
    case .endOfStream:
      if partial { log.warning("\(label): peer closed the connection in the middle of a request") }
      return false
    case .interrupted:
      return false
    case .timedOut:
      if partial {
        log.warning(
          "\(label): request incomplete after \(limits.idleTimeoutMilliseconds) ms of silence; "
            + "sending 408")
        let error = HTTPParseError(
          status: 408,
          message: "no data for \(limits.idleTimeoutMilliseconds) ms in the middle of a request")
        sendErrorAndClose(error)
      } else {
        log.info("\(label): idle for \(limits.idleTimeoutMilliseconds) ms; closing")
      }
      return false
    case .failed(let error):
      log.error("\(label): \(error)")
      return false
    }
  }

  /// Calls the handler and writes its response. Returns false when the connection should close.
  private func serve(_ request: HTTPRequest, label: String) -> Bool {
    var response = server.handler(request)
    if response.delayMilliseconds > 0 {
      if !server.sleepUnlessShuttingDown(milliseconds: response.delayMilliseconds) {
        log.info("\(label): shutdown cut a \(response.delayMilliseconds) ms delay short")
      }
    }
    switch response.fault {
    case .closeWithoutResponse:
      log.info("\(label): \(request.method) \(request.target): closing without a response (fault)")
      return false
    case .rawBytes(let bytes):
      log.info(
        "\(label): \(request.method) \(request.target): sending \(bytes.count) raw bytes (fault)")
      _ = write(bytes, label: label)
      return false
    case .holdOpen(let milliseconds):
      log.info("\(label): \(request.method) \(request.target): holding \(milliseconds) ms (fault)")
      _ = server.sleepUnlessShuttingDown(milliseconds: milliseconds)
      return false
    case nil:
      break
    }
    let keepOpen =
      request.keepsConnectionOpen && !server.shuttingDown
      && !response.headers.tokens(for: "Connection").contains("close")
    if !keepOpen { response.headers.set(name: "Connection", value: "close") }
    var bytes = response.serialized()
    if request.method == "HEAD", let headEnd = Self.headLength(of: bytes) {
      bytes.removeSubrange(headEnd...)
    }
    guard write(bytes, label: label) else { return false }
    return keepOpen
  }

  /// Sends the error response, then reads and drops what the peer still sends for up to a
  /// second, so that closing does not reset the connection before the peer reads the
  /// response (RFC 9112 §9.6).
  private func sendErrorAndClose(_ error: HTTPParseError) {
    var response = server.configuration.parseErrorResponse(error)
    response.headers.set(name: "Connection", value: "close")
    guard (try? socket.writeAll(response.serialized(), timeoutMilliseconds: 1_000)) != nil else {
      return
    }
    socket.shutdownWrite()
    let deadline = MonotonicClock.milliseconds() + 1_000
    var drained = 0
    while drained < 4 * 1024 * 1024 {
      let remaining = Int(deadline - MonotonicClock.milliseconds())
      guard remaining > 0, case .bytes(let bytes) = socket.read(timeoutMilliseconds: remaining)
      else { return }
      drained += bytes.count
    }
  }

  private func write(_ bytes: [UInt8], label: String) -> Bool {
    do {
      try socket.writeAll(bytes, timeoutMilliseconds: server.configuration.writeTimeoutMilliseconds)
      return true
    } catch {
      log.warning("\(label): \(error)")
      return false
    }
  }

  private static func headLength(of bytes: [UInt8]) -> Int? {
    var index = 0
    while index + 3 < bytes.count {
      if bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D
        && bytes[index + 3] == 0x0A
      {
        return index + 4
      }
      index += 1
    }
    return nil
  }
}
