import Testing

@testable import HooksWire

/// `UTF8Text` must accept exactly the byte sequences that the standard library's
/// `String(validating:as:)` accepts, because it creates strings without a second check.
@Suite struct UTF8TextTests {
  /// Runs the validator: nil for ill-formed input, else whether the input is all ASCII.
  private func verdict(_ bytes: [UInt8]) -> Bool? {
    bytes.withUnsafeBufferPointer { UTF8Text.validate($0) }
  }

  /// Returns a description of the first disagreement with the standard library, or nil.
  private func disagreement(_ bytes: [UInt8]) -> String? {
    let expected = String(validating: bytes, as: UTF8.self)
    let isASCII = bytes.allSatisfy { $0 < 0x80 }
    switch verdict(bytes) {
    case nil:
      return expected == nil ? nil : "rejected valid \(hex(bytes))"
    case let verdict?:
      guard expected != nil else { return "accepted ill-formed \(hex(bytes))" }
      return verdict == isASCII ? nil : "reported isASCII \(verdict) for \(hex(bytes))"
    }
  }

  /// Checks `sequence` alone and after ASCII prefixes of 1, 7, 8 and 9 bytes, with and without
  /// ASCII after it, so that it starts before, at and after the end of an eight-byte scan.
  private func expectAgreement(_ sequence: [UInt8]) {
    if let problem = disagreement(sequence) {
      Issue.record("\(problem)")
      return
    }
    for prefixLength in [1, 7, 8, 9] {
      let padded = [UInt8](repeating: 0x61, count: prefixLength) + sequence
      if let problem = disagreement(padded) ?? disagreement(padded + [0x62]) {
        Issue.record("\(problem)")
        return
      }
    }
  }

  /// Second-byte values at and around every boundary of RFC 3629 §4.
  private let boundaryBytes: [UInt8] = [
    0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xef, 0xf0, 0xf4,
    0xf5, 0xff,
  ]

  @Test func everyOneAndTwoByteSequenceAgrees() {
    for first in 0...255 {
      expectAgreement([UInt8(first)])
      for second in 0...255 {
        if let problem = disagreement([UInt8(first), UInt8(second)]) {
          Issue.record("\(problem)")
        }
      }
    }
  }

  @Test func threeByteSequencesAgree() {
    for lead in 0xc0...0xff {
      for second in 0...255 {
        for third in boundaryBytes {
          let bytes = [UInt8(lead), UInt8(second), third]
          if let problem = disagreement(bytes) { Issue.record("\(problem)") }
        }
      }
    }
  }

  @Test func fourByteSequencesAgree() {
    for lead in 0xe0...0xff {
      for second in 0...255 {
        for third in [0x7f, 0x80, 0xbf, 0xc0] as [UInt8] {
          for fourth in [0x7f, 0x80, 0xbf, 0xc0] as [UInt8] {
            let bytes = [UInt8(lead), UInt8(second), third, fourth]
            if let problem = disagreement(bytes) { Issue.record("\(problem)") }
          }
        }
      }
    }
  }

  @Test func sequencesAgreeAtEveryAlignment() {
    let sequences: [[UInt8]] = [
      [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf],
      [0xc0, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xff], [0xc3], [0xc3, 0xc3, 0xa9],
    ]
    for sequence in sequences {
      expectAgreement(sequence)
    }
  }

  @Test func randomMixedTextAgrees() {
    var state: UInt64 = 0x5554_4638
    let pieces: [[UInt8]] = [
      Array("plain ascii ".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8),
      [0x80], [0xc3], [0xed, 0xbf, 0xbf], [0xf8], Array("12345678".utf8),
    ]
    for _ in 0..<3000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(state % 12) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes += pieces[Int(state >> 33) % pieces.count]
      }
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      if let problem = disagreement(bytes) { Issue.record("\(problem)") }
    }
  }

  @Test func stringsCopyTheValidatedRange() {
    let text = "prefix Grüße, €5 😀 suffix"
    let bytes = [0xff] + Array(text.utf8) + [0xfe]
    let copied = UTF8Text.string(validating: bytes, in: 1..<(bytes.count - 1))
    #expect(copied.map { Array($0.utf8) } == Array(text.utf8))
    #expect(copied == text)
    #expect(UTF8Text.string(validating: bytes, in: 0..<4) == nil)
    #expect(UTF8Text.string(validating: bytes, in: 3..<3) == "")
    let ascii = UTF8Text.string(validating: bytes, in: 1..<7)
    #expect(ascii == "prefix")
  }
}
