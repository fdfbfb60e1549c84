@testable import HooksHTTP

/// A test-side connection that sends hand-written request bytes and reads one response.
struct RawSocket {
  let socket: Socket

  init(port: UInt16) throws {
    guard let address = SocketAddress(host: "127.0.0.1", port: port) else {
      throw SocketError("address", code: 0)
    }
    socket = try Socket.connect(to: address, timeoutMilliseconds: 2_000)
  }

  func exchange(_ text: String) throws -> HTTPResponse {
    try socket.writeAll(Array(text.utf8))
    var parser = HTTPResponseParser(requestMethod: "GET")
    while true {
      if let response = try parser.next() { return response }
      switch socket.read(timeoutMilliseconds: 5_000) {
      case .bytes(let bytes): parser.append(bytes)
      case .endOfStream:
        if let response = try parser.finishAtEndOfStream() { return response }
        throw SocketError("read", code: 104)
      case .timedOut, .interrupted: throw SocketError("read", code: 110)
      case .failed(let error): throw error
      }
    }
  }
}
