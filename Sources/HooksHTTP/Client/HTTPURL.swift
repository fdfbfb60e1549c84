/// An `http://host:port/path` URL, the only kind the HookBench client connects to.
///
/// TLS is out of scope for HookBench, so `https` URLs are rejected with an error that explains
/// this.
public struct HTTPURL: Sendable, Equatable, CustomStringConvertible {
  /// The host without brackets: `127.0.0.1`, `::1` or a name.
  public var host: String
  /// The port; 80 when the URL gives none.
  public var port: UInt16
  /// The path and query, always starting with `/`.
  public var target: String

  /// Creates a URL from its parts.
  public init(host: String, port: UInt16, target: String) {
    self.host = host
    self.port = port
    self.target = target.hasPrefix("/") ? target : "/" + target
  }

  /// Parses an absolute `http://` URL.
  ///
  /// - Throws: `HTTPClientError` with kind `.invalidURL`, or `.unsupportedScheme` for `https`
  ///   and every other scheme.
  public init(parsing text: String) throws(HTTPClientError) {
    guard let schemeEnd = text.range(of: "://") else {
      throw HTTPClientError(
        .invalidURL, "invalid URL \"\(text)\": expected http://HOST:PORT/PATH")
    }
    let scheme = text[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" else {
      let detail =
        scheme == "https"
        ? "TLS is out of scope for HookBench; use http:// on a loopback address"
        : "only http:// URLs are supported"
      throw HTTPClientError(.unsupportedScheme, "unsupported URL \"\(text)\": \(detail)")
    }
    let rest = text[schemeEnd.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    let authority = String(rest[..<authorityEnd])
    var target = String(rest[authorityEnd...])
    if let fragment = target.firstIndex(of: "#") { target = String(target[..<fragment]) }
    if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
    guard !authority.contains("@") else {
      throw HTTPClientError(
        .invalidURL,
        "invalid URL \"\(text)\": user information is not supported; "
          + "pass credentials as a bearer token")
    }
    let (host, port) = try Self.splitAuthority(authority, in: text)
    self.init(host: host, port: port, target: target)
  }

  /// Whether the host is one the client connects to: a numeric address or `localhost`,
  /// which means `127.0.0.1`. Other names are never resolved.
  public var hasNumericHost: Bool { SocketAddress(host: host, port: port) != nil }

  /// The origin, such as `http://127.0.0.1:8025`.
  public var origin: String {
    let bracketed = host.contains(":") ? "[\(host)]" : host
    return "http://\(bracketed):\(port)"
  }

  /// The value of the `Host` header for this URL.
  public var hostHeader: String {
    let bracketed = host.contains(":") ? "[\(host)]" : host
    return port == 80 ? bracketed : "\(bracketed):\(port)"
  }

  public var description: String { origin + target }

  /// Resolves a reference against this URL (RFC 3986 §5.2): an absolute URL, an
  /// absolute path, or a relative path merged with this URL's directory.
  ///
  /// - Throws: `HTTPClientError` when `reference` is an absolute URL that cannot be used.
  public func resolving(_ reference: String) throws(HTTPClientError) -> HTTPURL {
    if reference.contains("://") { return try HTTPURL(parsing: reference) }
    if reference.hasPrefix("//") { return try HTTPURL(parsing: "http:" + reference) }
    if reference.isEmpty { return self }
    if reference.hasPrefix("/") {
      return HTTPURL(host: host, port: port, target: Self.removingDotSegments(reference))
    }
    let basePath = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
    if reference.hasPrefix("?") {
      return HTTPURL(host: host, port: port, target: basePath + reference)
    }
    let directory = basePath.lastIndex(of: "/").map { String(basePath[...$0]) } ?? "/"
    return HTTPURL(host: host, port: port, target: Self.removingDotSegments(directory + reference))
  }

  private static func splitAuthority(
    _ authority: String, in text: String
  ) throws(HTTPClientError) -> (String, UInt16) {
    var host = authority
    var portText: String?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else {
        throw HTTPClientError(.invalidURL, "invalid URL \"\(text)\": unclosed IPv6 bracket")
      }
      host = String(authority[authority.index(after: authority.startIndex)..<close])
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") {
        portText = String(after.dropFirst())
      } else if !after.isEmpty {
        throw HTTPClientError(.invalidURL, "invalid URL \"\(text)\": text after the IPv6 address")
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon])
      portText = String(authority[authority.index(after: colon)...])
    }
    guard !host.isEmpty else {
      throw HTTPClientError(.invalidURL, "invalid URL \"\(text)\": missing host")
    }
    guard let portText else { return (host, 80) }
    guard let port = UInt16(portText), port > 0 else {
      throw HTTPClientError(.invalidURL, "invalid URL \"\(text)\": invalid port \"\(portText)\"")
    }
    return (host, port)
  }

  private static func removingDotSegments(_ target: String) -> String {
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = String(parts[0])
    guard path.contains("/.") else { return target }
    var output: [Substring] = []
    let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    for (offset, segment) in segments.enumerated() {
      let isLast = offset == segments.count - 1
      if segment == "." {
        if isLast { output.append("") }
      } else if segment == ".." {
        if !output.isEmpty { output.removeLast() }
        if isLast { output.append("") }
      } else {
        output.append(segment)
      }
    }
    let rebuilt = "/" + output.joined(separator: "/")
    return parts.count > 1 ? rebuilt + "?" + parts[1] : rebuilt
  }
}
