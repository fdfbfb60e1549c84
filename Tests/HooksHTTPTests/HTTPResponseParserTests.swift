import Testing

@testable import HooksHTTP

@Suite struct HTTPResponseParserTests {
  private func parse(_ text: String, method: String = "POST", close: Bool = false) throws
    -> [HTTPResponse]
  {
    var parser = HTTPResponseParser(requestMethod: method)
    parser.append(Array(text.utf8))
    var responses: [HTTPResponse] = []
    while let response = try parser.next() { responses.append(response) }
    if close, let last = try parser.finishAtEndOfStream() { responses.append(last) }
    return responses
  }

  @Test func contentLengthResponse() throws {
    let responses = try parse("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}")
    #expect(responses.count == 1)
    #expect(responses.first?.status == 201)
    #expect(responses.first?.reason == "Created")
    #expect(responses.first?.body == Array("{}".utf8))
  }

  @Test func interimContinueThenFinal() throws {
    let responses = try parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
    #expect(responses.map(\.status) == [100, 204])
  }

  @Test func bodyUntilClose() throws {
    #expect(try parse("HTTP/1.1 200 OK\r\n\r\npartial").isEmpty)
    let responses = try parse("HTTP/1.1 200 OK\r\n\r\nall of it", close: true)
    #expect(responses.first?.body == Array("all of it".utf8))
  }

  @Test func headResponseHasNoBody() throws {
    let responses = try parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", method: "HEAD")
    #expect(responses.first?.body == [])
  }

  @Test func chunkedResponse() throws {
    let responses = try parse(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
    #expect(responses.first?.body == Array("abc".utf8))
  }

  @Test func malformedStatusLines() {
    for line in [
      "HTTP/1.1 2000 OK", "HTTP/1.1 OK", "HTTP/1.1 20x OK", "ICY 200 OK", "HTTP/1.1 099 x",
    ] {
      #expect(throws: HTTPParseError.self, "\(line)") { try parse(line + "\r\n\r\n") }
    }
  }

  @Test func truncatedResponseAtEndOfStream() {
    #expect(throws: HTTPParseError.self) {
      try parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", close: true)
    }
  }
}
