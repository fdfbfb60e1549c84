import Foundation
import HooksWire

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Transcript {
  /// The file name ending transcripts use.
  public static let fileExtension = ".hooktrace.json"

  /// Writes the transcript as pretty JSON, atomically: to a temporary file in the same
  /// directory, flushed to disk, then renamed over `path`. A reader never sees half a file.
  ///
  /// - Throws: `TranscriptError` naming the path and the system error.
  public func write(to path: String) throws {
    try AtomicFile.write(JSONSerializer.bytes(json, pretty: true) + [0x0A], to: path)
  }

  /// Reads a transcript file.
  ///
  /// - Throws: `TranscriptError` for a missing file, invalid JSON or another format.
  public static func load(path: String) throws -> Transcript {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TranscriptError(file: name, message: "file \"\(path)\" not found or not readable")
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse([UInt8](data))
    } catch {
      throw TranscriptError(file: name, message: "\(error)")
    }
    return try Transcript(json: document, file: name)
  }
}

/// Writes files by way of a temporary file and `rename(2)`, so that a crash or a full disk
/// leaves either the old file or the new one, never a mix.
enum AtomicFile {
  static func write(_ bytes: [UInt8], to path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (directory.isEmpty ? "" : directory + "/")
      + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw failure(path, "cannot create \(temporary)") }

    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        let error = failure(path, "cannot write \(temporary)")
        close(descriptor)
        unlink(temporary)
        throw error
      }
      offset += written
    }
    guard fsync(descriptor) == 0, close(descriptor) == 0 else {
      let error = failure(path, "cannot flush \(temporary)")
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let error = failure(path, "cannot rename \(temporary) to \(path)")
      unlink(temporary)
      throw error
    }
  }

  private static func failure(_ path: String, _ what: String) -> TranscriptError {
    let reason = String(decoding: Array(UnsafeBufferPointer(start: strerror(errno),
      count: Int(strlen(strerror(errno))))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return TranscriptError(file: (path as NSString).lastPathComponent, message: "\(what): \(reason)")
  }
}
