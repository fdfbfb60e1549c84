/// An invalid scenario file: which file, where in it (a JSON Pointer), and what is wrong.
///
/// The description reads `scenario "welcome.json": /rcptTo/0/address: expected a string,
/// found 42`; `hookbench run` prints it and exits 65.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The scenario file as the user named it.
  public var file: String

  /// The JSON Pointer of the offending value; empty for the whole document.
  public var pointer: String

  /// The problem and, where possible, what to write instead.
  public var message: String

  /// Creates an error.
  public init(file: String, pointer: String, message: String) {
    self.file = file
    self.pointer = pointer
    self.message = message
  }

  public var description: String {
    let location = pointer.isEmpty ? "" : "\(pointer): "
    return "scenario \"\(file)\": \(location)\(message)"
  }
}

/// Suggests the closest of `candidates` to a misspelt `key`: the same word in another case,
/// or one at most two edits away (Levenshtein distance). Returns nil when nothing is close.
func closestKey(to key: String, in candidates: [String]) -> String? {
  if let sameWord = candidates.first(where: { $0.lowercased() == key.lowercased() }) {
    return sameWord
  }
  var best: (key: String, distance: Int)?
  for candidate in candidates {
    let distance = editDistance(key.lowercased(), candidate.lowercased())
    if distance <= 2, distance < (best?.distance ?? Int.max) {
      best = (candidate, distance)
    }
  }
  return best?.key
}

private func editDistance(_ left: String, _ right: String) -> Int {
  let a = Array(left)
  let b = Array(right)
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in stride(from: 1, through: b.count, by: 1) {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    previous = current
  }
  return previous[b.count]
}
