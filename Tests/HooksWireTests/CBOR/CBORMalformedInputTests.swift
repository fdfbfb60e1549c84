import HooksWire
import Testing

/// Malformed input must give a `CBORError` with an offset, never a trap or a huge allocation.
@Suite struct CBORMalformedInputTests {
  private func error(for input: [UInt8]) -> CBORError? {
    do {
      let value = try CBORDecoder.decode(input)
      Issue.record("decoded \(value.diagnostic) from malformed input \(hex(input))")
      return nil
    } catch let error as CBORError {
      return error
    } catch {
      Issue.record("unexpected error type: \(error)")
      return nil
    }
  }

  private func error(forHex hexText: String) throws -> CBORError? {
    error(for: try #require(bytes(hex: hexText)))
  }

  @Test(arguments: [
    "1bffffffffffffffff", "c249010000000000000000", "fb7e37e43c8800759c", "64f0908591",
    "8301820203820405", "a26161016162820203", "5f42010243030405ff",
    "9f018202039f0405ffff", "bf6346756ef563416d7421ff",
    "d82076687474703a2f2f7777772e6578616d706c652e636f6d",
  ])
  func everyTruncationFails(vector: String) throws {
    let full = try #require(bytes(hex: vector))
    _ = try CBORDecoder.decode(full)
    for length in 0..<full.count {
      let failure = error(for: Array(full.prefix(length)))
      #expect(failure?.offset != nil, "prefix of \(length) bytes of \(vector)")
      #expect((failure?.offset ?? -1) <= length)
    }
  }

  @Test func deepNestingIsRejected() throws {
    let input = [UInt8](repeating: 0x81, count: 100_000) + [0x00]
    let failure = try #require(error(for: input))
    #expect(failure.offset == CBORDecoder.maximumDepth)
    #expect(failure.description.contains("deeper than 512"))
  }

  @Test func deepTagNestingIsRejected() throws {
    let input = [UInt8](repeating: 0xc6, count: 100_000) + [0x00]
    let failure = try #require(error(for: input))
    #expect(failure.offset == CBORDecoder.maximumDepth)
  }

  @Test(arguments: [
    ("5bffffffffffffffff0102", "declared length 18446744073709551615 exceeds the 2 bytes left"),
    ("7bffffffffffffffff", "declared length 18446744073709551615 exceeds the 0 bytes left"),
    ("9bffffffffffffffff00", "declared 18446744073709551615 array elements"),
    ("bbffffffffffffffff0000", "declared 18446744073709551615 map pairs"),
    ("5a0000000401", "declared length 4 exceeds the 1 bytes left"),
    ("a2010203", "declared 2 map pairs but only 3 bytes are left"),
  ])
  func hugeDeclaredLengthsAreRejected(input: String, message: String) throws {
    let failure = try #require(try error(forHex: input))
    #expect(failure.offset == 0)
    #expect(failure.description.contains(message), "\(failure)")
  }

  @Test func errorMessageNamesOffset() throws {
    let failure = try #require(try error(forHex: "82 01 5b0000000100000000 0102"))
    #expect(
      failure.description
        == "invalid CBOR at offset 2: declared length 4294967296 exceeds the 2 bytes left")
  }

  @Test(arguments: ["5f4101", "7f6161", "9f01", "bf0102", "9f", "829f0102"])
  func indefiniteWithoutBreakFails(input: String) throws {
    let failure = try #require(try error(forHex: input))
    #expect(failure.message.contains("has no break"), "\(failure)")
  }

  @Test(arguments: [
    ("ff", 0), ("8201ff", 2), ("a101ff", 2), ("bf01ff", 2), ("c6ff", 1), ("82ff01", 1),
  ])
  func misplacedBreakFails(input: String, offset: Int) throws {
    let failure = try #require(try error(forHex: input))
    #expect(failure.offset == offset, "\(failure)")
  }

  @Test(arguments: ["1c", "1d", "1e", "3c", "5c", "7d", "9e", "bc", "dc", "fc", "fd", "fe"])
  func reservedAdditionalInformationFails(input: String) throws {
    let failure = try #require(try error(forHex: input))
    #expect(failure.offset == 0)
    #expect(failure.message.contains("reserved additional information"))
  }

  @Test(arguments: ["1f", "3f", "df"])
  func indefiniteIntegerOrTagFails(input: String) throws {
    let failure = try #require(try error(forHex: input))
    #expect(failure.message.contains("no indefinite-length form"))
  }

  @Test(arguments: ["62c328", "61ff", "63eda080", "7f61ff ff", "62c0af", "64f8888080"])
  func invalidUTF8Fails(input: String) throws {
    let failure = try #require(try error(forHex: input))
    #expect(failure.message.contains("not valid UTF-8"), "\(failure)")
  }

  @Test(arguments: [
    ("5f 01 ff", 1), ("5f 6161 ff", 1), ("7f 4161 ff", 1), ("5f 5f ff ff", 1),
  ])
  func badChunkFails(input: String, offset: Int) throws {
    let failure = try #require(try error(forHex: input))
    #expect(failure.offset == offset)
    #expect(failure.message.contains("chunk"))
  }

  @Test func trailingBytesFail() throws {
    let failure = try #require(try error(forHex: "0102"))
    #expect(failure.offset == 1)
    #expect(
      failure.message == "1 byte left after the data item; the input must hold exactly one item")
  }

  @Test func twoByteSimpleBelow24Fails() throws {
    let failure = try #require(try error(forHex: "f814"))
    #expect(failure.message.contains("one-byte form 0xf4"))
  }

  @Test func truncatedArgumentFails() throws {
    let failure = try #require(try error(forHex: "1a0102"))
    #expect(
      failure.description == "invalid CBOR at offset 0: initial byte 0x1a needs 4 "
        + "argument bytes but only 2 are left")
  }

  @Test func emptyInputFails() throws {
    let failure = try #require(error(for: []))
    #expect(failure.offset == 0)
  }

  @Test func everyTwoByteInputDecodesOrThrows() {
    // Exercises every initial byte with every following byte; none may trap.
    var failures = 0
    for first in 0...255 {
      for second in 0...255 {
        do {
          _ = try CBORDecoder.decode([UInt8(first), UInt8(second)])
        } catch is CBORError {
          failures += 1
        } catch {
          Issue.record("unexpected error type for \(first) \(second): \(error)")
        }
      }
    }
    #expect(failures > 0)
  }

  @Test func randomMutationsDecodeOrThrow() throws {
    // Flips, inserts and deletes bytes in valid items with a fixed-seed generator. Every
    // result must decode or throw CBORError, and whatever decodes must survive a re-encode.
    let seeds = [
      "a26161016162820203", "9f018202039f0405ffff", "c249010000000000000000",
      "bf6346756ef563416d7421ff", "7f657374726561646d696e67ff", "fb7e37e43c8800759c",
      "83019f0203ff820405", "d82076687474703a2f2f7777772e6578616d706c652e636f6d",
    ]
    var generator = SplitMix64(seed: 8949)
    var decoded = 0
    var rejected = 0
    for seed in seeds {
      let original = try #require(bytes(hex: seed))
      for _ in 0..<2_000 {
        var input = original
        for _ in 0...generator.next(below: 3) {
          let position = generator.next(below: input.count + 1)
          switch generator.next(below: 3) {
          case 0 where position < input.count:
            input[position] = UInt8(truncatingIfNeeded: generator.next(below: 256))
          case 1:
            input.insert(UInt8(truncatingIfNeeded: generator.next(below: 256)), at: position)
          default:
            if position < input.count { input.remove(at: position) }
          }
        }
        do {
          let value = try CBORDecoder.decode(input)
          let reencoded = CBOREncoder.encode(value)
          #expect(try CBORDecoder.decode(reencoded) == value, "input \(hex(input))")
          decoded += 1
        } catch let error as CBORError {
          #expect(error.offset != nil)
          rejected += 1
        }
      }
    }
    #expect(decoded > 0)
    #expect(rejected > 0)
  }
}

/// SplitMix64, a small seeded generator so that the mutation test is reproducible.
private struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next(below bound: Int) -> Int {
    state &+= 0x9e37_79b9_7f4a_7c15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
    mixed ^= mixed >> 31
    return Int(mixed % UInt64(max(bound, 1)))
  }
}
