/// A line diff of two texts, for the Result pane's diff view.
public enum LineDiff {
  /// The largest product of the two line counts that is diffed line by line.
  ///
  /// Beyond it the common prefix and suffix are kept and the middle is shown as removed then
  /// added, so a huge message cannot stall the screen. The table of 4 million `Int` cells
  /// takes 32 MB.
  public static let maximumCells = 4_000_000

  /// Returns `after` as result lines, with the lines of `before` that are gone marked
  /// `removed` at the place they were and new lines marked `added`.
  ///
  /// Uses a longest common subsequence over whole lines, so a changed line shows as a
  /// removed line followed by an added one.
  public static func lines(before: [String], after: [String]) -> [ResultLine] {
    var prefix = 0
    while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] {
      prefix += 1
    }
    var suffix = 0
    while suffix < before.count - prefix, suffix < after.count - prefix,
      before[before.count - 1 - suffix] == after[after.count - 1 - suffix]
    {
      suffix += 1
    }
    let old = Array(before[prefix..<(before.count - suffix)])
    let new = Array(after[prefix..<(after.count - suffix)])

    var result = before[..<prefix].map { ResultLine($0) }
    if old.count * new.count > maximumCells || old.isEmpty || new.isEmpty {
      result += old.map { ResultLine($0, change: .removed) }
      result += new.map { ResultLine($0, change: .added) }
    } else {
      result += middle(old: old, new: new)
    }
    result += before[(before.count - suffix)...].map { ResultLine($0) }
    return result
  }

  private static func middle(old: [String], new: [String]) -> [ResultLine] {
    // lengths[i][j] is the LCS length of old[i...] and new[j...].
    let columns = new.count + 1
    var lengths = [Int](repeating: 0, count: (old.count + 1) * columns)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        lengths[i * columns + j] =
          old[i] == new[j]
          ? lengths[(i + 1) * columns + j + 1] + 1
          : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
      }
    }
    var result: [ResultLine] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        result.append(ResultLine(old[i]))
        i += 1
        j += 1
      } else if i < old.count
        && (j == new.count || lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1])
      {
        result.append(ResultLine(old[i], change: .removed))
        i += 1
      } else {
        result.append(ResultLine(new[j], change: .added))
        j += 1
      }
    }
    return result
  }
}
