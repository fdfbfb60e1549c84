#if canImport(Glibc)
  import Glibc
#endif

/// A numeric IPv4 or IPv6 socket address. HookBench never resolves names except `localhost`,
/// so a listen or connect address is always the one the user typed.
struct SocketAddress: Sendable, CustomStringConvertible {
  /// The address as given, without brackets: `127.0.0.1` or `::1`.
  let host: String
  let port: UInt16
  let isIPv6: Bool

  /// Parses a numeric host. `localhost` means `127.0.0.1`.
  init?(host: String, port: UInt16) {
    let bare =
      host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    let numeric = bare.lowercased() == "localhost" ? "127.0.0.1" : bare
    var v4 = in_addr()
    var v6 = in6_addr()
    if inet_pton(AF_INET, numeric, &v4) == 1 {
      isIPv6 = false
    } else if inet_pton(AF_INET6, numeric, &v6) == 1 {
      isIPv6 = true
    } else {
      return nil
    }
    self.host = numeric
    self.port = port
  }

  /// Whether the address is a loopback address: 127.0.0.0/8 or ::1.
  var isLoopback: Bool {
    if isIPv6 {
      var v6 = in6_addr()
      _ = inet_pton(AF_INET6, host, &v6)
      return withUnsafeBytes(of: &v6) { bytes in
        bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
      }
    }
    return host.hasPrefix("127.")
  }

  var family: Int32 { isIPv6 ? AF_INET6 : AF_INET }

  var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

  /// Calls `body` with the address as a `sockaddr` pointer and its length.
  func withSockaddr<Result>(
    _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
  ) -> Result {
    if isIPv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      _ = inet_pton(AF_INET6, host, &address.sin6_addr)
      return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    _ = inet_pton(AF_INET, host, &address.sin_addr)
    return withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
  }
}
