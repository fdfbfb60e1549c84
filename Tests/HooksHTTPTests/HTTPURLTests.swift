import Testing

@testable import HooksHTTP

@Suite struct HTTPURLTests {
  @Test func parsesHostPortAndTarget() throws {
    let url = try HTTPURL(parsing: "http://127.0.0.1:8025/v1/hooks/register?x=1#frag")
    #expect(url.host == "127.0.0.1")
    #expect(url.port == 8025)
    #expect(url.target == "/v1/hooks/register?x=1")
    #expect(url.hostHeader == "127.0.0.1:8025")
  }

  @Test func defaultsPortAndPath() throws {
    let url = try HTTPURL(parsing: "http://localhost")
    #expect(url.port == 80)
    #expect(url.target == "/")
    #expect(url.hostHeader == "localhost")
  }

  @Test func parsesBracketedIPv6() throws {
    let url = try HTTPURL(parsing: "http://[::1]:9000/a")
    #expect(url.host == "::1")
    #expect(url.origin == "http://[::1]:9000")
  }

  @Test func rejectsHTTPSWithTLSMessage() {
    do {
      _ = try HTTPURL(parsing: "https://127.0.0.1/")
      Issue.record("https was accepted")
    } catch {
      #expect(error.kind == .unsupportedScheme)
      #expect(error.message.contains("TLS is out of scope"))
    }
  }

  @Test func rejectsMalformedURLs() {
    for text in [
      "127.0.0.1:80/", "http://:80/", "http://h:0/", "http://h:99999/", "http://u@h/",
      "http://[::1/",
    ] {
      #expect(throws: HTTPClientError.self, "\(text)") { try HTTPURL(parsing: text) }
    }
  }

  @Test func resolvesReferences() throws {
    let base = try HTTPURL(parsing: "http://127.0.0.1:8025/v1/hooks/register")
    #expect(
      try base.resolving("/v1/hooks/invoke/r1").description
        == "http://127.0.0.1:8025/v1/hooks/invoke/r1")
    #expect(
      try base.resolving("invoke/r1").description == "http://127.0.0.1:8025/v1/hooks/invoke/r1")
    #expect(try base.resolving("../x").description == "http://127.0.0.1:8025/v1/x")
    #expect(try base.resolving("http://127.0.0.2:9/h").description == "http://127.0.0.2:9/h")
    #expect(try base.resolving("//127.0.0.3:7/p").description == "http://127.0.0.3:7/p")
  }

  @Test func loopbackCheckBeforeConnecting() throws {
    let client = HTTPClient()
    for host in ["127.0.0.1", "127.9.9.9", "::1", "localhost"] {
      let url = HTTPURL(host: host, port: 1, target: "/")
      #expect((try? client.checkedAddress(for: url).get()) != nil, "\(host)")
    }
    for host in ["192.0.2.1", "::2", "10.0.0.1"] {
      let url = HTTPURL(host: host, port: 1, target: "/")
      guard case .failure(let error) = client.checkedAddress(for: url) else {
        Issue.record("\(host) was accepted")
        continue
      }
      #expect(error.kind == .remotePlaintextRefused)
    }
    var allowing = HTTPClient()
    allowing.configuration.allowRemotePlaintext = true
    #expect(
      (try? allowing.checkedAddress(for: HTTPURL(host: "192.0.2.1", port: 1, target: "/")).get())
        != nil)
  }
}
