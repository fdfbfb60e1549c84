import Foundation
import HooksMail
import TestSupport
import Testing

@Suite("Corpus agreement with mail-parser")
struct CorpusAgreementTests {
  /// One compared field of one message where HookBench and mail-parser differ.
  struct Disagreement: CustomStringConvertible {
    var message: String
    var field: String
    var hookbench: String
    var oracle: String
    var description: String { "\(message) \(field): HookBench \(hookbench), mail-parser \(oracle)" }
  }

  /// The reasons mail-parser's result differs where HookBench follows RFC 8621 or decodes
  /// more text.
  enum Divergence: String {
    /// mail-parser decodes raw 8-bit header bytes that are not UTF-8 as U+FFFD; HookBench
    /// decodes them as ISO-8859-1 (and as the charset an encoded word names).
    case eightBitHeader = "raw 8-bit header text"
    /// mail-parser adds image, audio and video parts shown inline to `attachments`; RFC
    /// 8621 §4.1.4 lists them there only when they are missing from textBody or htmlBody.
    case inlineMediaAttachment = "inline media in attachments"
    /// mail-parser keeps image, audio and video parts without Content-Disposition out of
    /// the bodies; RFC 8621 §4.1.4 puts them in textBody and htmlBody.
    case mediaWithoutDisposition = "media without disposition"
  }

  static func compare(_ file: URL) throws -> (
    compared: Int, disagreements: [Disagreement], explained: [(Disagreement, Divergence)]
  ) {
    let message = MailMessage(parsing: try SharedFiles.bytes(file))
    let oracle = try OracleResult(
      jsonFile: file.deletingPathExtension().appendingPathExtension("json"))
    let label = Corpus.label(file)
    var disagreements: [Disagreement] = []
    var explained: [(Disagreement, Divergence)] = []
    func check<T: Equatable>(
      _ field: String, _ ours: T, _ theirs: T, explanation: (Divergence, T)? = nil
    ) {
      guard ours != theirs else { return }
      let disagreement = Disagreement(
        message: label, field: field, hookbench: "\(ours)", oracle: "\(theirs)")
      disagreements.append(disagreement)
      if let (divergence, expected) = explanation, expected == theirs {
        explained.append((disagreement, divergence))
      }
    }

    let media = message.inlineMediaPartIDs
    let textBody = message.partIDs("textBody")
    let htmlBody = message.partIDs("htmlBody")
    let withoutDisposition = media.filter { !message.hasDisposition(partID: $0) }
    check(
      "textBody", textBody, oracle.textBody,
      explanation: (.mediaWithoutDisposition, textBody.filter { !withoutDisposition.contains($0) }))
    check(
      "htmlBody", htmlBody, oracle.htmlBody,
      explanation: (.mediaWithoutDisposition, htmlBody.filter { !withoutDisposition.contains($0) }))
    let attachments = message.partIDs("attachments")
    let withMedia = Set(attachments).union(
      media.filter { textBody.contains($0) && htmlBody.contains($0) })
    check(
      "attachments", attachments, oracle.attachments,
      explanation: (.inlineMediaAttachment, withMedia.sorted { Int($0)! < Int($1)! }))

    let eightBit = message.hasInvalidUTF8Header
    check(
      "subject", message.email["subject"]?.stringValue, oracle.subject,
      explanation: eightBit
        ? (.eightBitHeader, message.email["subject"]?.stringValue.map(replacingNonASCII)) : nil)
    for property in ["from", "to"] {
      let ours = message.mailboxes(property)
      let replaced = ours?.map {
        OracleResult.Mailbox(name: $0.name.map(replacingNonASCII), email: $0.email)
      }
      check(
        property, ours, property == "from" ? oracle.from : oracle.to,
        explanation: eightBit ? (.eightBitHeader, replaced) : nil)
    }
    return (6, disagreements, explained)
  }

  /// Replaces every non-ASCII character with U+FFFD, which is what mail-parser shows for raw
  /// ISO-8859-1 header bytes.
  static func replacingNonASCII(_ text: String) -> String {
    String(text.unicodeScalars.map { $0.isASCII ? Character($0) : "\u{FFFD}" })
  }

  @Test func corpusAgreementRate() throws {
    #expect(Corpus.messageFiles.count > 60)
    var compared = 0
    var disagreements: [Disagreement] = []
    var explained: [(Disagreement, Divergence)] = []
    var messagesInFullAgreement = 0
    for file in Corpus.messageFiles {
      let result = try Self.compare(file)
      compared += result.compared
      disagreements += result.disagreements
      explained += result.explained
      if result.disagreements.isEmpty { messagesInFullAgreement += 1 }
    }
    let exactRate = Double(compared - disagreements.count) / Double(compared)
    let explainedRate =
      Double(compared - disagreements.count + explained.count) / Double(compared)
    print(
      "corpus: \(compared - disagreements.count)/\(compared) fields agree exactly "
        + "(\(exactRate)); \(explained.count) differ for a known reason "
        + "(\(explainedRate)); \(messagesInFullAgreement)/\(Corpus.messageFiles.count) "
        + "messages agree on every field")
    for (disagreement, divergence) in explained {
      print("  [\(divergence.rawValue)] \(disagreement)")
    }
    let unexplained = disagreements.filter { candidate in
      !explained.contains { $0.0.description == candidate.description }
    }
    for disagreement in unexplained { print("  [unexplained] \(disagreement)") }
    #expect(unexplained.isEmpty, "\(unexplained)")
    #expect(explainedRate >= 0.98)
  }
}
