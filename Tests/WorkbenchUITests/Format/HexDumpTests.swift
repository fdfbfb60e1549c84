import Testing
import WorkbenchUI

@Suite("Hex dump")
struct HexDumpTests {
  @Test("short input pads the hex column")
  func shortInput() {
    let lines = HexDump.lines([0xA1, 0x65] + Array("stage".utf8))
    #expect(lines == ["00000000  a1 65 73 74 61 67 65                              |.estage|"])
  }

  @Test("full rows split into groups of eight")
  func fullRows() {
    let lines = HexDump.lines(Array(0..<20))
    #expect(lines.count == 2)
    #expect(lines[0] == "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|")
    #expect(lines[1].hasPrefix("00000010  10 11 12 13 "))
    #expect(lines[1].hasSuffix(" |....|"))
    #expect(lines[0].count == lines[1].count + 12)
  }

  @Test("empty input has no lines")
  func emptyInput() {
    #expect(HexDump.lines([]).isEmpty)
  }
}
