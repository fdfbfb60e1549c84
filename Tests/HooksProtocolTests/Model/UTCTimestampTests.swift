import HooksProtocol
import Testing

@Suite struct UTCTimestampTests {
  @Test func formatsWithMilliseconds() {
    let instant = UTCTimestamp(millisecondsSinceEpoch: 1_734_798_600_123)
    #expect(instant.rfc3339 == "2024-12-21T16:30:00.123Z")
  }

  @Test func parsesWithoutFraction() throws {
    let instant = try #require(UTCTimestamp(rfc3339: "2024-12-21T16:30:00Z"))
    #expect(instant.millisecondsSinceEpoch == 1_734_798_600_000)
  }

  @Test func parsesLongFraction() throws {
    let instant = try #require(UTCTimestamp(rfc3339: "1970-01-01T00:00:01.987654Z"))
    #expect(instant.millisecondsSinceEpoch == 1987)
  }

  @Test func rejectsOffsetsAndBadDates() {
    #expect(UTCTimestamp(rfc3339: "2024-12-21T16:30:00+01:00") == nil)
    #expect(UTCTimestamp(rfc3339: "2023-02-29T00:00:00Z") == nil)
    #expect(UTCTimestamp(rfc3339: "2024-12-21 16:30:00Z") == nil)
  }

  @Test func leapDayAndBeforeEpoch() throws {
    let leap = try #require(UTCTimestamp(rfc3339: "2024-02-29T23:59:59.999Z"))
    #expect(leap.rfc3339 == "2024-02-29T23:59:59.999Z")
    let early = UTCTimestamp(millisecondsSinceEpoch: -1)
    #expect(early.rfc3339 == "1969-12-31T23:59:59.999Z")
  }
}
