/// A line-by-line difference between two texts, computed with Myers' O(ND) algorithm
/// ("An O(ND) Difference Algorithm and Its Variations", Algorithmica 1986).
///
/// The result is a shortest edit script: the fewest removed plus added lines. Common leading
/// and trailing lines are matched before the search starts, so a small change in a large
/// document costs little.
public enum LineDiff {
  /// One line of the edit script.
  public enum Line: Sendable, Equatable {
    /// A line present in both texts.
    case same(String)
    /// A line only in the old text.
    case removed(String)
    /// A line only in the new text.
    case added(String)

    /// The line's text, without its marker.
    public var text: String {
      switch self {
      case .same(let text), .removed(let text), .added(let text): return text
      }
    }
  }

  /// The largest number of edits searched for between the common head and tail. Past it,
  /// the middle is reported as all old lines removed and all new lines added.
  ///
  /// The search keeps O(D²) integers for D edits, so this caps memory at about 8 MB.
  /// NOTE: past the cap the script is correct but no longer the shortest.
  public static let maximumEdits = 1000

  /// Returns the edit script that turns `old` into `new`.
  public static func lines(from old: [String], to new: [String]) -> [Line] {
    var head = 0
    while head < old.count && head < new.count && old[head] == new[head] { head += 1 }
    var tail = 0
    while tail < old.count - head && tail < new.count - head
      && old[old.count - 1 - tail] == new[new.count - 1 - tail]
    {
      tail += 1
    }

    let oldMiddle = Array(old[head..<(old.count - tail)])
    let newMiddle = Array(new[head..<(new.count - tail)])
    var script = old[..<head].map { Line.same($0) }
    script += middleScript(oldMiddle, newMiddle)
    script += old[(old.count - tail)...].map { Line.same($0) }
    return script
  }

  /// Returns the edit script for two texts split at `\n`.
  public static func lines(from old: String, to new: String) -> [Line] {
    lines(from: splitLines(old), to: splitLines(new))
  }

  /// Splits text at `\n`. A final newline does not start an empty last line.
  static func splitLines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Runs the search on lines that share no common head or tail.
  private static func middleScript(_ old: [String], _ new: [String]) -> [Line] {
    if old.isEmpty { return new.map { .added($0) } }
    if new.isEmpty { return old.map { .removed($0) } }

    // Compare integers rather than strings in the inner loop.
    var identifiers: [String: Int] = [:]
    func identify(_ line: String) -> Int {
      if let known = identifiers[line] { return known }
      identifiers[line] = identifiers.count
      return identifiers.count - 1
    }
    let a = old.map(identify)
    let b = new.map(identify)
    guard let trace = search(a, b) else {
      return old.map { .removed($0) } + new.map { .added($0) }
    }
    return backtrack(trace, old: old, new: new)
  }

  /// The frontier of one round: for each diagonal k in -(d+1)...(d+1), the furthest x
  /// reached, stored at index k + d + 1.
  private typealias Frontier = [Int]

  /// Finds the shortest edit script's length and returns the frontier before each round,
  /// or nil when it needs more than `maximumEdits` edits.
  private static func search(_ a: [Int], _ b: [Int]) -> [Frontier]? {
    let n = a.count
    let m = b.count
    let limit = min(n + m, maximumEdits)
    let offset = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    var trace: [Frontier] = []

    for d in 0...limit {
      trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
          x = v[offset + k + 1]
        } else {
          x = v[offset + k - 1] + 1
        }
        var y = x - k
        while x < n && y < m && a[x] == b[y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n && y >= m { return trace }
      }
    }
    return nil
  }

  /// Walks the frontiers back from the end to build the script.
  private static func backtrack(_ trace: [Frontier], old: [String], new: [String]) -> [Line] {
    var script: [Line] = []
    var x = old.count
    var y = new.count
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let frontier = trace[d]
      func furthest(_ k: Int) -> Int { frontier[k + d + 1] }
      let k = x - y
      let previousK: Int
      if k == -d || (k != d && furthest(k - 1) < furthest(k + 1)) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = furthest(previousK)
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        script.append(.same(old[x - 1]))
        x -= 1
        y -= 1
      }
      if d > 0 {
        if x == previousX {
          script.append(.added(new[previousY]))
        } else {
          script.append(.removed(old[previousX]))
        }
      }
      x = previousX
      y = previousY
    }
    return script.reversed()
  }
}
