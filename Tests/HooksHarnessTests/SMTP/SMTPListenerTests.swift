import Foundation
import HooksProtocol
import HooksWire
import TestSupport
import Testing

@testable import HooksHarness

#if canImport(Glibc)
  import Glibc
#endif

/// A blocking SMTP client over a real loopback socket, reading one reply line at a time.
private final class LineClient {
  private let descriptor: Int32
  private var buffer: [UInt8] = []

  init(port: Int) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else { throw SMTPListenerError(message: "connect failed") }
  }

  deinit { close(descriptor) }

  func send(_ text: String) {
    send(bytes: Array(text.utf8))
  }

  func send(bytes: [UInt8]) {
    _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
  }

  /// Returns the next line without CRLF, or nil when the server closed the connection.
  func line() -> String? {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = buffer[..<newline].filter { $0 != 0x0D }
        buffer.removeSubrange(...newline)
        return String(decoding: line, as: UTF8.self)
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return nil }
      buffer += chunk[0..<count]
    }
  }

  /// Returns the lines of one complete reply (continuation lines included).
  func reply() -> [String] {
    var lines: [String] = []
    while let line = line() {
      lines.append(line)
      if line.count < 4 || Array(line)[3] != "-" { break }
    }
    return lines
  }
}

/// Starts a listener whose connections run the scenario over `channel`.
private func startListener(_ scenario: Scenario, channel: @escaping @Sendable () -> ScannerChannel,
                           transcripts: TranscriptBox) throws -> SMTPListener {
  let listener = SMTPListener(hostname: "mx.example.org") { _, _ in
    ScenarioSMTPHandler(
      scenario: scenario, channel: channel(), clock: SystemClock(), ids: SequentialIdentifiers()
    ) { transcript, _ in transcripts.append(transcript) }
  }
  try listener.start(host: "127.0.0.1", port: 0)
  return listener
}

private final class TranscriptBox: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Transcript] = []
  func append(_ transcript: Transcript) {
    lock.lock()
    items.append(transcript)
    lock.unlock()
  }
  var all: [Transcript] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

@Suite("SMTP listener")
struct SMTPListenerTests {
  @Test("reject at data sends one reply line")
  func dataRejectOneReply() throws {
    let box = TranscriptBox()
    let listener = try startListener(makeScenario(), channel: {
      InMemoryScannerChannel { _, stage, _ in
        stage == .data ? .body(actionResponse("reject", code: 554, message: "Spam detected")) : .noChange
      }
    }, transcripts: box)
    defer { listener.stop() }

    let client = try LineClient(port: listener.port)
    #expect(client.reply().first?.hasPrefix("220 ") == true)
    client.send("EHLO client.example.org\r\n")
    #expect(client.reply().last == "250 ENHANCEDSTATUSCODES")
    client.send("MAIL FROM:<sender@example.org>\r\n")
    #expect(client.reply() == ["250 2.1.0 OK"])
    client.send("RCPT TO:<a@example.org>\r\n")
    #expect(client.reply() == ["250 2.1.5 OK"])
    client.send("DATA\r\n")
    #expect(client.reply().first?.hasPrefix("354") == true)
    client.send("Subject: offer\r\n\r\nBuy now.\r\n.\r\nNOOP\r\n")
    #expect(client.line() == "554 5.7.1 Spam detected")
    #expect(client.line() == "250 2.0.0 OK")
    client.send("QUIT\r\n")
    #expect(client.reply().first?.hasPrefix("221") == true)

    let transcript = try #require(box.all.first)
    #expect(transcript.exitStatus == Int(RunExitStatus.rejectedAtData))
    #expect(transcript.steps.map { $0.stage } == [.connect, .ehlo, .mail, .rcpt, .data])
    #expect(transcript.dialogue.contains("S: 554 5.7.1 Spam detected"))
  }

  @Test("over-long and binary lines get short replies")
  func longAndBinaryLines() throws {
    let listener = try startListener(makeScenario(), channel: {
      InMemoryScannerChannel { _, _, _ in .noChange }
    }, transcripts: TranscriptBox())
    defer { listener.stop() }

    let client = try LineClient(port: listener.port)
    #expect(client.reply().first?.hasPrefix("220 ") == true)
    client.send("EHLO client.example.org\r\n")
    _ = client.reply()

    client.send(String(repeating: "X", count: 5_000) + "\r\n")
    #expect(client.reply() == ["500 5.5.2 Line too long"])

    let longVerb = String(repeating: "Y", count: 400)
    client.send(longVerb + "\r\n")
    let verbReply = try #require(client.reply().first)
    #expect(verbReply.utf8.count + 2 <= SMTPReply.maxLineLength)
    #expect(verbReply.hasPrefix("500 5.5.2 Command YYYY"))
    #expect(!verbReply.contains(longVerb))

    client.send(bytes: [0x00, 0xFF, 0xFE, 0x20] + Array("garbage\r\n".utf8))
    let binaryReply = try #require(client.reply().first)
    #expect(binaryReply.hasPrefix("500 5.5.2 Command "))
    #expect(binaryReply.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })

    client.send("NOOP\r\n")
    #expect(client.reply() == ["250 2.0.0 OK"])
  }

  @Test("scanner decisions become replies")
  func rcptRejectAndGreeting() throws {
    let box = TranscriptBox()
    let listener = try startListener(makeScenario(), channel: {
      InMemoryScannerChannel { _, stage, request in
        switch stage {
        case .connect:
          return .body(["set": [["path": "/response/message", "value": "welcome, tester"]]])
        case .rcpt where request["envelope"]?["to"]?.arrayValue?.last?["address"] == "no@example.org":
          return .body(actionResponse("reject", code: 550, enhanced: "5.1.1", message: "No such user"))
        default:
          return .noChange
        }
      }
    }, transcripts: box)
    defer { listener.stop() }

    let client = try LineClient(port: listener.port)
    #expect(client.reply() == ["220 welcome, tester"])
    client.send("HELO client.example.org\r\nMAIL FROM:<>\r\nRCPT TO:<no@example.org>\r\n")
    #expect(client.reply() == ["250 mx.example.org"])
    #expect(client.reply() == ["250 2.1.0 OK"])
    #expect(client.reply() == ["550 5.1.1 No such user"])
    client.send("RCPT TO:<yes@example.org>\r\nRSET\r\nQUIT\r\n")
    #expect(client.reply() == ["250 2.1.5 OK"])
    #expect(client.reply() == ["250 2.0.0 OK"])
    #expect(client.reply().first?.hasPrefix("221") == true)

    let transcript = try #require(box.all.first)
    let mail = try #require(transcript.steps.first { $0.stage == .mail })
    #expect(mail.request["envelope"]?["from"]?["address"] == .null)
  }

  @Test("sample scenario over SMTP saves transcripts")
  func sampleScenarioTranscripts() throws {
    let scenario = try Scenario.load(path: SharedFiles.repository("samples/scenarios/welcome.json").path)
    let directory = NSTemporaryDirectory() + "hookbench-smtp-test-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let server = SMTPScenarioServer(scenario: scenario, transcriptDirectory: directory) { _ in }
    try server.start(host: "127.0.0.1", port: 0)
    defer { server.stop() }

    let client = try LineClient(port: server.port)
    #expect(client.reply() == ["220 mx.example.org ESMTP, scanned by gatekeeper"])
    client.send("EHLO client.example.org\r\nMAIL FROM:<sender@example.org>\r\n")
    #expect(client.reply().first == "250-Hello client.example.org, HookBench is listening")
    #expect(client.reply() == ["250 2.1.0 Sender sender@example.org looks fine"])
    client.send("RCPT TO:<blocked@example.com>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n")
    #expect(client.reply() == ["550 5.1.1 No such user here"])
    #expect(client.reply() == ["250 2.1.5 OK"])
    #expect(client.reply().first?.hasPrefix("354") == true)
    client.send("Subject: Free money for the lottery winner\r\n\r\nHi\r\n.\r\nQUIT\r\n")
    #expect(client.reply() == ["250 2.0.0 OK"])
    #expect(client.reply().first?.hasPrefix("221") == true)

    let path = directory + "/transaction-0001" + Transcript.fileExtension
    var transcript: Transcript?
    for _ in 0..<50 where transcript == nil {
      transcript = try? Transcript.load(path: path)
      if transcript == nil { usleep(20_000) }
    }
    let loaded = try #require(transcript)
    #expect(loaded.exitStatus == Int(RunExitStatus.quarantined))
    let data = try #require(loaded.steps.last)
    #expect(data.scanner == "spam-check")
    #expect(data.actionAfter == "quarantine")
    #expect(data.exchanges.first?.requestHead.contains("Authorization: Bearer ***") == true)
  }
}
