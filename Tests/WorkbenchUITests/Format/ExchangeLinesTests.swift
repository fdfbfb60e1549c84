import HooksWire
import Testing
import WorkbenchUI

@Suite("Exchange lines")
struct ExchangeLinesTests {
  @Test("JSON exchange shows heads and bodies as text")
  func jsonExchange() {
    let request = Array(
      "POST /hook HTTP/1.1\r\nHost: 127.0.0.1:8025\r\nContent-Length: 14\r\n\r\n{\"stage\":\"mail\"}"
        .utf8)
    let response = Array("HTTP/1.1 204 No Content\r\n\r\n".utf8)
    #expect(
      ExchangeLines.lines(request: request, response: response) == [
        "-> POST /hook HTTP/1.1", "-> Host: 127.0.0.1:8025", "-> Content-Length: 14", "-> ",
        "-> {\"stage\":\"mail\"}", "", "<- HTTP/1.1 204 No Content",
      ])
  }

  @Test("CBOR body is shown as a hex dump")
  func cborBody() throws {
    let body = CBORCodec.encodeJSON(.object(JSONObject([("stage", JSONValue.string("data"))])))
    let request = Array("POST /hook HTTP/1.1\r\nContent-Type: application/cbor\r\n\r\n".utf8) + body
    let lines = ExchangeLines.lines(request: request, response: [])
    try #require(lines.count == 5)
    #expect(lines[3] == "-> (\(body.count) bytes of binary body)")
    #expect(lines[4] == "-> " + (CBORHexDump.lines(body).first ?? ""))
  }

  @Test("invalid UTF-8 is binary")
  func invalidUTF8() {
    let request = Array("POST / HTTP/1.1\r\n\r\n".utf8) + [0xC3, 0x28]
    let lines = ExchangeLines.lines(request: request, response: [])
    #expect(lines.contains("-> (2 bytes of binary body)"))
  }

  @Test("head without a blank line is kept whole")
  func truncatedHead() {
    let lines = ExchangeLines.lines(request: Array("POST / HTTP/1.1\r\nHost: x".utf8), response: [])
    #expect(lines == ["-> POST / HTTP/1.1", "-> Host: x"])
  }
}
