import Foundation
import HooksMail
import HooksWire
import TestSupport

/// The messages of the shared corpus and the mail-parser results stored beside them.
enum Corpus {
  /// Every `.eml` file under `corpus/eml/rfc` and `corpus/eml/legacy`, sorted.
  static let messageFiles: [URL] = {
    var files: [URL] = []
    for folder in ["rfc", "legacy"] {
      let directory = SharedFiles.shared("corpus/eml/\(folder)")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      files += names.filter { $0.hasSuffix(".eml") }.sorted().map {
        directory.appendingPathComponent($0)
      }
    }
    return files
  }()

  /// `legacy/012.eml` for a corpus file, for messages.
  static func label(_ url: URL) -> String {
    "\(url.deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent)"
  }
}

/// The fields of one mail-parser result that HookBench compares with its own Email object.
///
/// mail-parser numbers the parts of a message from 0 in depth-first order, containers
/// included, and keeps an attached message's parts out of the list; HookBench's `partId` is
/// that index plus one.
struct OracleResult {
  var textBody: [String]
  var htmlBody: [String]
  var attachments: [String]
  var subject: String?
  var from: [Mailbox]?
  var to: [Mailbox]?

  struct Mailbox: Equatable, CustomStringConvertible {
    var name: String?
    var email: String
    var description: String { "\(name ?? "nil") <\(email)>" }
  }

  init(jsonFile: URL) throws {
    let data = try Data(contentsOf: jsonFile)
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    func partIDs(_ key: String) -> [String] {
      (root[key] as? [Int] ?? []).map { String($0 + 1) }
    }
    textBody = partIDs("text_body")
    htmlBody = partIDs("html_body")
    attachments = partIDs("attachments")
    let parts = root["parts"] as? [[String: Any]] ?? []
    let headers = parts.first?["headers"] as? [[String: Any]] ?? []
    func last(_ name: String) -> Any? {
      headers.last { ($0["name"] as? String) == name }?["value"]
    }
    subject = (last("subject") as? [String: Any])?["Text"] as? String
    from = Self.mailboxes(last("from"))
    to = Self.mailboxes(last("to"))
  }

  /// Flattens mail-parser's `Address` value (`List` or `Group`) into mailboxes.
  private static func mailboxes(_ value: Any?) -> [Mailbox]? {
    guard let address = (value as? [String: Any])?["Address"] as? [String: Any] else {
      return nil
    }
    var entries: [[String: Any]] = address["List"] as? [[String: Any]] ?? []
    for group in address["Group"] as? [[String: Any]] ?? [] {
      entries += group["addresses"] as? [[String: Any]] ?? []
    }
    return entries.map {
      Mailbox(name: $0["name"] as? String, email: $0["address"] as? String ?? "")
    }
  }
}

extension MailMessage {
  /// Returns the `partId`s of a body list (`textBody`, `htmlBody`, `attachments`).
  func partIDs(_ property: String) -> [String] {
    (email[property]?.arrayValue ?? []).compactMap { $0["partId"]?.stringValue }
  }

  /// Returns the mailboxes of an address property, nil when the property is null.
  func mailboxes(_ property: String) -> [OracleResult.Mailbox]? {
    guard let list = email[property]?.arrayValue else { return nil }
    return list.map {
      OracleResult.Mailbox(name: $0["name"]?.stringValue, email: $0["email"]?.stringValue ?? "")
    }
  }
}

extension MailMessage {
  /// The `partId`s of image, audio and video leaf parts, depth-first.
  var inlineMediaPartIDs: [String] {
    allBodyParts.filter { part in
      let type = part["type"]?.stringValue ?? ""
      return ["image/", "audio/", "video/"].contains { type.hasPrefix($0) }
    }.compactMap { $0["partId"]?.stringValue }
  }

  /// Returns whether the part with `partID` has a Content-Disposition.
  func hasDisposition(partID: String) -> Bool {
    let part = allBodyParts.first { $0["partId"]?.stringValue == partID }
    return !(part?["disposition"]?.isNull ?? true)
  }

  /// Every EmailBodyPart of `bodyStructure`, depth-first.
  var allBodyParts: [JSONValue] {
    func walk(_ part: JSONValue) -> [JSONValue] {
      [part] + (part["subParts"]?.arrayValue ?? []).flatMap(walk)
    }
    return email["bodyStructure"].map(walk) ?? []
  }
}
