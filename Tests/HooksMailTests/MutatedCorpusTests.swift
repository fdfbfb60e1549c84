import Foundation
import HooksMail
import TestSupport
import Testing

@Suite("Mutated corpus messages")
struct MutatedCorpusTests {
  /// A small linear congruential generator, seeded so failures reproduce.
  struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state
    }
  }

  /// Returns `raw` with one damage applied: truncation, flipped bytes, a deleted line, a
  /// duplicated line, or line breaks changed.
  static func mutate(_ raw: [UInt8], kind: Int, using generator: inout SeededGenerator) -> [UInt8] {
    guard !raw.isEmpty else { return raw }
    var bytes = raw
    switch kind {
    case 0:
      bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
    case 1:
      for _ in 0..<8 {
        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
          in: 0...255, using: &generator)
      }
    case 2, 3:
      var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
      let index = Int.random(in: 0..<lines.count, using: &generator)
      if kind == 2 { lines.remove(at: index) } else { lines.insert(lines[index], at: index) }
      bytes = Array(lines.joined(separator: [10]))
    default:
      bytes = bytes.filter { $0 != 13 }
    }
    return bytes
  }

  @Test(arguments: Corpus.messageFiles)
  func damagedMessageParsesAndRoundTrips(file: URL) throws {
    let raw = try SharedFiles.bytes(file)
    var generator = SeededGenerator(state: UInt64(raw.count))
    for round in 0..<20 {
      let kind = round % 5
      let damaged = Self.mutate(raw, kind: kind, using: &generator)
      let message = MailMessage(parsing: damaged)
      #expect(message.email["size"]?.intValue == damaged.count)
      let written = try MailWriter.write(edited: message.email, original: message)
      let identical = written == damaged
      #expect(identical, "\(Corpus.label(file)) round \(round)")
    }
  }
}
