import Foundation

/// Runs the user's editor on a temporary copy of a text.
enum ExternalEditor {
  /// A failure to run the editor or read its result.
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Writes `text` to a temporary `.json` file, runs `$VISUAL`, else `$EDITOR`, else `vi` on
  /// it through `/bin/sh`, and returns the saved text.
  ///
  /// The terminal must already be out of curses mode. The file is removed afterwards.
  static func edit(_ text: String, environment: [String: String]) -> Result<String, Failure> {
    let editor =
      [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }
      .first { !$0.isEmpty } ?? "vi"
    let directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(directory)/hookbench-response-XXXXXX.json".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      mkstemps(buffer.baseAddress!, 5)
    }
    guard descriptor >= 0 else {
      return .failure(Failure(description: "could not create a temporary file in \(directory)"))
    }
    close(descriptor)
    let pathBytes = template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let path = String(decoding: pathBytes, as: UTF8.self)
    defer { unlink(path) }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      return .failure(Failure(description: "could not write \(path): \(error)"))
    }

    let quotedPath = "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    let status = system("\(editor) \(quotedPath)")
    guard status == 0 else {
      return .failure(
        Failure(
          description: "the editor \"\(editor)\" exited with status \(status); "
            + "the response is unchanged"))
    }
    guard let data = FileManager.default.contents(atPath: path),
      let edited = String(data: data, encoding: .utf8)
    else {
      return .failure(Failure(description: "could not read \(path) back as UTF-8"))
    }
    return .success(edited.hasSuffix("\n") ? String(edited.dropLast()) : edited)
  }
}
