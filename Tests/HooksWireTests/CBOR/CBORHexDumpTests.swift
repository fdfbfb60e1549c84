import HooksWire
import Testing

@Suite struct CBORHexDumpTests {
  @Test func plainDumpHasOffsetsHexAndASCII() throws {
    let input = try #require(bytes(hex: "a26161016162820203")) + Array("0123456789abcdefXYZ".utf8)
    let lines = CBORHexDump.lines(input)
    #expect(lines.count == 2)
    #expect(
      lines[0] == "00000000  a2 61 61 01 61 62 82 02  03 30 31 32 33 34 35 36  |.aa.ab...0123456|")
    #expect(
      lines[1] == "00000010  37 38 39 61 62 63 64 65  66 58 59 5a              |789abcdefXYZ|")
    #expect(CBORHexDump.lines([]) == [])
  }

  @Test func annotatedDumpLabelsHeaders() throws {
    let input = try #require(bytes(hex: "a2 6161 01 6162 9f 20 f93e00 ff"))
    let expected = [
      "0000  a2                                map(2)",
      "0001    61                              text(1)",
      "0002      61                            \"a\"",
      "0003    01                              unsigned(1)",
      "0004    61                              text(1)",
      "0005      62                            \"b\"",
      "0006    9f                              array(_)",
      "0007      20                            negative(-1)",
      "0008      f9 3e 00                      float16 1.5",
      "000b      ff                            break",
    ]
    #expect(CBORHexDump.annotatedLines(input) == expected)
  }

  @Test func annotatedDumpSplitsLongPayloads() throws {
    let payload = [UInt8](0..<20)
    let lines = CBORHexDump.annotatedLines([0x54] + payload)
    #expect(lines.count == 3)
    #expect(lines[0].hasSuffix("bytes(20)"))
    #expect(lines[1].hasPrefix("0001    00 01 02"))
    #expect(lines[2].hasPrefix("0011    10 11 12 13"))
  }

  @Test func annotatedDumpLimitsPayloadLines() {
    let payload = [UInt8](repeating: 0x41, count: 100)
    let lines = CBORHexDump.annotatedLines([0x58, 100] + payload, maximumPayloadLines: 2)
    #expect(lines.count == 4)
    #expect(lines[0].hasSuffix("bytes(100)"))
    #expect(lines[2].hasPrefix("0012    41 41"))
    #expect(lines[3] == "0022    … 68 more bytes")
  }

  @Test func annotatedDumpEndsWithError() throws {
    let lines = CBORHexDump.annotatedLines(try #require(bytes(hex: "82 01 5b00000001")))
    #expect(lines.count == 3)
    #expect(
      lines.last == "error: invalid CBOR at offset 2: initial byte 0x5b needs 8 argument "
        + "bytes but only 4 are left")
  }
}
