extension LineDiff {
  /// Formats the difference between two texts in the unified format of `diff -u`.
  ///
  /// The output starts with `--- oldName` and `+++ newName`, then one `@@ -l,s +l,s @@`
  /// hunk per group of changes with `context` unchanged lines around it. Lines are marked
  /// `' '`, `-` or `+`. Returns an empty string when the texts have the same lines.
  public static func unified(
    from old: String, to new: String, oldName: String = "a", newName: String = "b",
    context: Int = 3
  ) -> String {
    let script = lines(from: old, to: new)
    let changed = script.indices.filter {
      if case .same = script[$0] { return false }
      return true
    }
    guard !changed.isEmpty else { return "" }

    var output = "--- \(oldName)\n+++ \(newName)\n"
    for range in hunkRanges(changed: changed, count: script.count, context: context) {
      output += hunk(script, range: range)
    }
    return output
  }

  /// Groups changed positions into script ranges that include `context` lines on each side,
  /// merging groups whose context would overlap or touch.
  private static func hunkRanges(changed: [Int], count: Int, context: Int) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    for position in changed {
      let start = max(position - context, 0)
      let end = min(position + context + 1, count)
      if let last = ranges.last, start <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(end, last.upperBound)
      } else {
        ranges.append(start..<end)
      }
    }
    return ranges
  }

  /// Formats one hunk: its header and marked lines.
  private static func hunk(_ script: [Line], range: Range<Int>) -> String {
    // Line numbers are 1-based positions in each text of the hunk's first line.
    var oldLine = 1
    var newLine = 1
    for line in script[..<range.lowerBound] {
      switch line {
      case .same:
        oldLine += 1
        newLine += 1
      case .removed: oldLine += 1
      case .added: newLine += 1
      }
    }

    var oldCount = 0
    var newCount = 0
    var body = ""
    for line in script[range] {
      switch line {
      case .same(let text):
        oldCount += 1
        newCount += 1
        body += " \(text)\n"
      case .removed(let text):
        oldCount += 1
        body += "-\(text)\n"
      case .added(let text):
        newCount += 1
        body += "+\(text)\n"
      }
    }
    // diff -u numbers an empty side by the line before it.
    let oldStart = oldCount == 0 ? oldLine - 1 : oldLine
    let newStart = newCount == 0 ? newLine - 1 : newLine
    return "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
  }
}
