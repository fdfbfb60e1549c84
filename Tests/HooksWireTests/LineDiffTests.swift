import Foundation
import HooksWire
import Testing

@Suite struct LineDiffTests {
  /// The length of the longest common subsequence, by dynamic programming.
  static func commonLength(_ a: [String], _ b: [String]) -> Int {
    var row = [Int](repeating: 0, count: b.count + 1)
    for x in a {
      var diagonal = 0
      for (j, y) in b.enumerated() {
        let above = row[j + 1]
        row[j + 1] = x == y ? diagonal + 1 : max(row[j], above)
        diagonal = above
      }
    }
    return row[b.count]
  }

  /// A seeded generator, so that a failing case can be replayed.
  struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static func randomLines(_ count: Int, using generator: inout SeededGenerator) -> [String] {
    (0..<count).map { _ in ["a", "b", "c", "d"].randomElement(using: &generator) ?? "a" }
  }

  @Test func scriptRebuildsBothTextsMinimally() {
    var generator = SeededGenerator(state: 42)
    for _ in 0..<300 {
      let old = Self.randomLines(Int.random(in: 0...12, using: &generator), using: &generator)
      let new = Self.randomLines(Int.random(in: 0...12, using: &generator), using: &generator)
      let script = LineDiff.lines(from: old, to: new)
      let rebuiltOld = script.compactMap { line -> String? in
        if case .added = line { return nil }
        return line.text
      }
      let rebuiltNew = script.compactMap { line -> String? in
        if case .removed = line { return nil }
        return line.text
      }
      #expect(rebuiltOld == old)
      #expect(rebuiltNew == new)
      let kept = script.filter { if case .same = $0 { return true } else { return false } }
      #expect(kept.count == Self.commonLength(old, new), "old \(old) new \(new)")
    }
  }

  @Test func identicalTextsHaveNoDiff() {
    #expect(LineDiff.unified(from: "a\nb\n", to: "a\nb\n") == "")
  }

  @Test func unifiedHunkWithContext() {
    let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
    let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
    #expect(
      LineDiff.unified(from: old, to: new, oldName: "request", newName: "result") == """
        --- request
        +++ result
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8

        """)
  }

  @Test func insertionIntoEmptyText() {
    #expect(LineDiff.unified(from: "", to: "x\n") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n")
  }

  @Test func cappedSearchStillRebuildsTexts() {
    let old = (0..<3000).map { "old \($0)" }
    let new = (0..<3000).map { "new \($0)" }
    let script = LineDiff.lines(from: old, to: new)
    #expect(script.count == 6000)
    #expect(script.prefix(3000).allSatisfy { if case .removed = $0 { true } else { false } })
  }

  /// Runs GNU `diff --minimal -U3` on two texts and returns the count of `-` and `+` lines.
  static func gnuDiffCounts(_ old: String, _ new: String) throws -> (Int, Int) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("linediff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let oldFile = folder.appendingPathComponent("old")
    let newFile = folder.appendingPathComponent("new")
    try old.write(to: oldFile, atomically: true, encoding: .utf8)
    try new.write(to: newFile, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
    process.arguments = ["--minimal", "-U3", oldFile.path, newFile.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let lines = output.split(separator: "\n").dropFirst(2)
    return (
      lines.filter { $0.hasPrefix("-") }.count, lines.filter { $0.hasPrefix("+") }.count
    )
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/diff")))
  func changeCountsMatchGNUDiff() throws {
    var generator = SeededGenerator(state: 7)
    for _ in 0..<25 {
      let old = Self.randomLines(Int.random(in: 1...40, using: &generator), using: &generator)
      let new = Self.randomLines(Int.random(in: 1...40, using: &generator), using: &generator)
      let oldText = old.joined(separator: "\n") + "\n"
      let newText = new.joined(separator: "\n") + "\n"
      let ours = LineDiff.unified(from: oldText, to: newText).split(separator: "\n").dropFirst(2)
      let (removed, added) = try Self.gnuDiffCounts(oldText, newText)
      #expect(ours.filter { $0.hasPrefix("-") }.count == removed)
      #expect(ours.filter { $0.hasPrefix("+") }.count == added)
    }
  }
}
