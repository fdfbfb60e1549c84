import Testing

@testable import HooksHTTP

@Suite struct HTTPRequestParserTests {
  private func parseAll(
    _ text: String, limits: HTTPLimits = HTTPLimits(), byteByByte: Bool = false
  ) throws -> [HTTPRequestParser.Event] {
    var parser = HTTPRequestParser(limits: limits)
    var events: [HTTPRequestParser.Event] = []
    let bytes = Array(text.utf8)
    let pieces: [[UInt8]] = byteByByte ? bytes.map { [$0] } : [bytes]
    for piece in pieces {
      parser.append(piece)
      while let event = try parser.next() { events.append(event) }
    }
    return events
  }

  private func requests(_ events: [HTTPRequestParser.Event]) -> [HTTPRequest] {
    events.compactMap { if case .request(let request) = $0 { return request } else { return nil } }
  }

  private func parseError(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
    do {
      _ = try parseAll(text, limits: limits)
      return nil
    } catch {
      return error as? HTTPParseError
    }
  }

  @Test func getWithoutBody() throws {
    let parsed = requests(try parseAll("GET /.well-known/mta-hooks HTTP/1.1\r\nHost: x\r\n\r\n"))
    let request = try #require(parsed.first)
    #expect(parsed.count == 1)
    #expect(request.method == "GET")
    #expect(request.target == "/.well-known/mta-hooks")
    #expect(request.version == "HTTP/1.1")
    #expect(request.body.isEmpty)
  }

  @Test func headersKeepOrderAndDuplicates() throws {
    let text = "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-b:2  \r\nX-A:  3\r\n\r\n"
    let request = try #require(requests(try parseAll(text)).first)
    #expect(request.headers.fields.map(\.name) == ["Host", "X-A", "x-b", "X-A"])
    #expect(request.headers.values(for: "x-a") == ["1", "3"])
    #expect(request.headers["X-B"] == "2")
  }

  @Test func contentLengthBodyFedByteByByte() throws {
    let text = "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
    let request = try #require(requests(try parseAll(text, byteByByte: true)).first)
    #expect(request.body == Array("hello".utf8))
  }

  @Test func pipelinedRequests() throws {
    let text =
      "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
      + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
    let parsed = requests(try parseAll(text))
    #expect(parsed.map(\.target) == ["/a", "/b"])
    #expect(parsed.first?.body == Array("hi".utf8))
  }

  @Test func chunkedBodyWithExtensionsAndTrailer() throws {
    let text =
      "POST /h HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "5;name=value\r\nhello\r\n1A\r\n" + String(repeating: "z", count: 26) + "\r\n"
      + "0\r\nX-Trailer: 1\r\n\r\n"
    for byteByByte in [false, true] {
      let request = try #require(requests(try parseAll(text, byteByByte: byteByByte)).first)
      #expect(request.body == Array(("hello" + String(repeating: "z", count: 26)).utf8))
    }
  }

  @Test func expectContinueEvent() throws {
    let head = "POST /h HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
    var parser = HTTPRequestParser()
    parser.append(Array(head.utf8))
    let first = try parser.next()
    guard case .continueExpected(let early) = first else {
      Issue.record("expected continueExpected, got \(String(describing: first))")
      return
    }
    #expect(early.target == "/h")
    #expect(try parser.next() == nil)
    parser.append(Array("ok".utf8))
    #expect(
      try parser.next()
        == .request(
          HTTPRequest(
            method: "POST", target: "/h", headers: early.headers, body: Array("ok".utf8))))
  }

  @Test func malformedRequestLines() {
    let cases = [
      "GET /\r\nHost: x\r\n\r\n",
      "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
      "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET / HTTX/1.1\r\nHost: x\r\n\r\n",
      "GET /\u{7F} HTTP/1.1\r\nHost: x\r\n\r\n",
    ]
    for text in cases {
      #expect(parseError(text)?.status == 400, "\(text.debugDescription)")
    }
  }

  @Test func unsupportedVersionGets505() {
    #expect(parseError("GET / HTTP/2.0\r\nHost: x\r\n\r\n")?.status == 505)
  }

  @Test func missingHostGets400() {
    #expect(parseError("GET / HTTP/1.1\r\n\r\n")?.status == 400)
    #expect(parseError("GET / HTTP/1.0\r\n\r\n") == nil)
  }

  @Test func malformedHeaderFields() {
    #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n")?.status == 400)
    #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n")?.status == 400)
    #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\n  folded\r\n\r\n")?.status == 400)
    #expect(parseError("GET / HTTP/1.1\r\nHost: x\nA: 1\r\n\r\n")?.status == 400)
  }

  @Test func bareLineEndsFailBeforeHeadEnds() {
    // No CRLF CRLF ever arrives, so only an early check can reject these.
    for head in ["GET / HTTP/1.1\nHost: x\n\n", "GET / HTTP/1.1\rHost: x\r\r"] {
      let error = parseError(head)
      #expect(error?.status == 400, "\(head.debugDescription)")
      #expect(error?.message.contains("bare CR or LF") == true, "\(head.debugDescription)")
    }
  }

  @Test func oversizedHeaderSectionGets431() {
    let limits = HTTPLimits(maxHeaderBytes: 256)
    let long = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + String(repeating: "a", count: 300)
    #expect(parseError(long, limits: limits)?.status == 431)
    #expect(parseError(long + "\r\n\r\n", limits: limits)?.status == 431)
  }

  @Test func tooManyHeaderFieldsGets431() {
    let limits = HTTPLimits(maxHeaderCount: 3)
    let text = "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
    #expect(parseError(text, limits: limits)?.status == 431)
  }

  @Test func invalidContentLengths() {
    for value in ["abc", "-1", "1.5", "", "+3", "99999999999999999999"] {
      let text = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(value)\r\n\r\n"
      #expect(parseError(text)?.status == 400, "Content-Length \(value)")
    }
    let conflicting = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"
    #expect(parseError(conflicting)?.status == 400)
    let same = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 1\r\n\r\na"
    #expect(parseError(same) == nil)
  }

  @Test func bodyOverLimitGets413() {
    let limits = HTTPLimits(maxBodyBytes: 10)
    let declared = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"
    #expect(parseError(declared, limits: limits)?.status == 413)
    let chunked =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n"
    #expect(parseError(chunked, limits: limits)?.status == 413)
  }

  @Test func badChunkSizes() {
    for size in ["xyz", "", "-1", "1 2", "FFFFFFFFFFFFFFFFFF"] {
      let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nab\r\n"
      #expect(parseError(text)?.status == 400, "chunk size \(size.debugDescription)")
    }
    let noCRLF = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXX"
    #expect(parseError(noCRLF)?.status == 400)
  }

  @Test func transferEncodingRules() {
    let both =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
    #expect(parseError(both)?.status == 400)
    let gzip = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
    #expect(parseError(gzip)?.status == 501)
  }

  @Test func unsupportedExpectationGets417() {
    let text = "POST / HTTP/1.1\r\nHost: x\r\nExpect: something\r\nContent-Length: 1\r\n\r\n"
    #expect(parseError(text)?.status == 417)
  }

  @Test func connectionPersistence() throws {
    let close = try #require(
      requests(try parseAll("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).first)
    #expect(!close.keepsConnectionOpen)
    let old = try #require(requests(try parseAll("GET / HTTP/1.0\r\n\r\n")).first)
    #expect(!old.keepsConnectionOpen)
    let kept = try #require(requests(try parseAll("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).first)
    #expect(kept.keepsConnectionOpen)
  }
}
