/// Comparison of secrets in time that does not depend on where they differ.
enum ConstantTime {
  /// Whether `given` equals `expected`. The time depends only on the length of `given`, so a
  /// client cannot find the token byte by byte from response times.
  static func equals(_ given: String, _ expected: String) -> Bool {
    let left = Array(given.utf8)
    let right = Array(expected.utf8)
    var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
    difference |= left.count == right.count ? 0 : 1
    for index in 0..<left.count {
      let other = right.isEmpty ? 0 : right[index % right.count]
      difference |= left[index] ^ other
    }
    return difference == 0
  }
}
