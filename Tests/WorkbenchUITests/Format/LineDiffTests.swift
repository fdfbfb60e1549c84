import Testing
import WorkbenchUI

@Suite("Line diff")
struct LineDiffTests {
  private func marks(_ lines: [ResultLine]) -> [String] {
    lines.map { line in
      switch line.change {
      case .none: return " \(line.text)"
      case .added: return "+\(line.text)"
      case .removed: return "-\(line.text)"
      case .changed: return "~\(line.text)"
      }
    }
  }

  @Test("equal texts have no marks")
  func equalTexts() {
    #expect(marks(LineDiff.lines(before: ["a", "b"], after: ["a", "b"])) == [" a", " b"])
  }

  @Test("inserted header is added")
  func insertedLine() {
    let result = LineDiff.lines(
      before: ["From: a", "", "body"], after: ["X: 1", "From: a", "", "body"])
    #expect(marks(result) == ["+X: 1", " From: a", " ", " body"])
  }

  @Test("changed line is removed then added")
  func changedLine() {
    let result = LineDiff.lines(before: ["a", "Subject: x", "c"], after: ["a", "Subject: y", "c"])
    #expect(marks(result) == [" a", "-Subject: x", "+Subject: y", " c"])
  }

  @Test("deleted lines in the middle")
  func deletedLines() {
    let result = LineDiff.lines(before: ["a", "b", "c", "d"], after: ["a", "d"])
    #expect(marks(result) == [" a", "-b", "-c", " d"])
  }

  @Test("interleaved changes keep the common lines")
  func interleaved() {
    let result = LineDiff.lines(
      before: ["1", "2", "3", "4", "5"], after: ["0", "2", "3", "x", "5"])
    #expect(marks(result) == ["-1", "+0", " 2", " 3", "-4", "+x", " 5"])
  }

  @Test("empty sides")
  func emptySides() {
    #expect(marks(LineDiff.lines(before: [], after: ["a"])) == ["+a"])
    #expect(marks(LineDiff.lines(before: ["a"], after: [])) == ["-a"])
    #expect(LineDiff.lines(before: [], after: []).isEmpty)
  }

  @Test("huge inputs fall back to removed then added")
  func hugeFallback() {
    let before = (0..<3000).map { "old \($0)" }
    let after = (0..<3000).map { "new \($0)" }
    let result = LineDiff.lines(before: ["head"] + before, after: ["head"] + after)
    #expect(result.count == 6001)
    #expect(result[1].change == .removed)
    #expect(result[3001].change == .added)
  }
}
