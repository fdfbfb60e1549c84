import Foundation
import HooksMail
import HooksWire
import TestSupport
import Testing

@Suite("Corpus round trip")
struct CorpusRoundTripTests {
  @Test(arguments: Corpus.messageFiles)
  func unchangedEmailWritesSameBytes(file: URL) throws {
    let raw = try SharedFiles.bytes(file)
    let message = MailMessage(parsing: raw)
    #expect(message.email["size"]?.intValue == raw.count)
    let written = try MailWriter.write(edited: message.email, original: message)
    let identical = written == raw
    #expect(identical, "\(Corpus.label(file))")
  }

  @Test(arguments: Corpus.messageFiles)
  func addedHeaderChangesOnlyHeaderBlock(file: URL) throws {
    let raw = try SharedFiles.bytes(file)
    let message = MailMessage(parsing: raw)
    let edited = TestMessages.addingHeader(message, name: "X-HookBench", value: "scanned")
    let written = try MailWriter.write(edited: edited, original: message)

    let (header, rest) = TestMessages.split(raw)
    let (newHeader, newRest) = TestMessages.split(written)
    let sameRest = newRest == rest
    #expect(sameRest, "\(Corpus.label(file))")
    #expect(newHeader.starts(with: header), "\(Corpus.label(file))")
    let lineBreak = raw.firstRange(of: [13, 10]) == nil ? "\n" : "\r\n"
    #expect(
      Array(newHeader.dropFirst(header.count)) == Array("X-HookBench: scanned\(lineBreak)".utf8))

    let reparsed = MailMessage(parsing: written)
    let headers = TestMessages.headers(reparsed)
    #expect(headers.last?.name == "X-HookBench")
    #expect(headers.last?.value == " scanned")
    // Compared as Booleans: a failure would otherwise print every blob.
    let sameParts =
      reparsed.email["bodyStructure"]?["subParts"] == message.email["bodyStructure"]?["subParts"]
    let sameValues = reparsed.email["bodyValues"] == message.email["bodyValues"]
    #expect(sameParts, "\(Corpus.label(file))")
    #expect(sameValues, "\(Corpus.label(file))")
  }

  @Test(arguments: Corpus.messageFiles)
  func editedSubjectAndToReparseEqual(file: URL) throws {
    let raw = try SharedFiles.bytes(file)
    let message = MailMessage(parsing: raw)
    let subject = JSONValue.string("Überprüfung: 東京 \(Corpus.label(file))")
    let to: JSONValue = [["name": "Zoë Ångström", "email": "zoe@example.com"]]
    var object = message.email.objectValue ?? JSONObject()
    object["subject"] = subject
    object["to"] = to
    let written = try MailWriter.write(edited: .object(object), original: message)
    let reparsed = MailMessage(parsing: written)

    #expect(reparsed.email["subject"] == subject, "\(Corpus.label(file))")
    #expect(reparsed.email["to"] == to, "\(Corpus.label(file))")
    let sameRest = TestMessages.split(written).rest == TestMessages.split(raw).rest
    #expect(sameRest, "\(Corpus.label(file))")
    let untouched = { (pair: (name: String, value: String)) in
      !["subject", "to"].contains(pair.name.lowercased())
    }
    let before = TestMessages.headers(message).filter(untouched).map { "\($0.name):\($0.value)" }
    let after = TestMessages.headers(reparsed).filter(untouched).map { "\($0.name):\($0.value)" }
    #expect(after == before, "\(Corpus.label(file))")
  }
}
