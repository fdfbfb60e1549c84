import HooksWire

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a JSON or CBOR body from a file, for the offline commands.
enum BodyFile {
  /// A failure to read a body file, with the file's role and path.
  struct ReadError: Error, CustomStringConvertible {
    var role: String
    var path: String
    var reason: String

    var description: String { "cannot read \(role) file \"\(path)\": \(reason)" }
  }

  /// Reads and decodes the file at `path`.
  ///
  /// - Parameter role: what the file is, such as `request`, for the error message.
  /// - Throws: `ReadError` when the file is missing or unreadable, or its content is not
  ///   valid JSON or CBOR.
  static func read(_ path: String, role: String) throws -> JSONValue {
    let bytes: [UInt8]
    do {
      bytes = try readBytes(path)
    } catch {
      throw ReadError(role: role, path: path, reason: error.reason)
    }
    do {
      return try decode(bytes)
    } catch {
      throw ReadError(role: role, path: path, reason: "\(error)")
    }
  }

  /// Reads and decodes the hook request at `path`, which must be a JSON object.
  ///
  /// - Throws: `ReadError` as `read` does, and when the body is an array, a string or
  ///   another non-object value, because the response rules and the effective action apply
  ///   only to a request object.
  static func readRequest(_ path: String) throws -> JSONValue {
    let request = try read(path, role: "request")
    guard request.objectValue != nil else {
      throw ReadError(
        role: "request", path: path,
        reason: "the body is a JSON \(request.typeName), but a hook request is a JSON object "
          + "such as {\"stage\": \"data\", ...}")
    }
    return request
  }

  /// An operating-system error from reading a file.
  struct SystemError: Error {
    var reason: String
  }

  /// Reads a whole file. Pipes and devices such as `/dev/stdin` work too.
  static func readBytes(_ path: String) throws(SystemError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw SystemError(reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }

    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }
        throw SystemError(reason: String(cString: strerror(errno)))
      }
      bytes.append(contentsOf: chunk[..<count])
    }
  }

  /// Decodes a body by its content, not its file name: CBOR when
  /// `CBORCodec.looksLikeCBOR` says so (every MTA Hooks body is a map or array, which that
  /// rule tells apart exactly), JSON otherwise.
  static func decode(_ bytes: [UInt8]) throws -> JSONValue {
    if CBORCodec.looksLikeCBOR(bytes) { return try CBORCodec.decodeJSON(bytes) }
    return try JSONParser.parse(bytes)
  }
}
