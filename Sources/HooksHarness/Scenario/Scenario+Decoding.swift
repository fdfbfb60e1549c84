import HooksProtocol
import Foundation
import HooksWire

extension Scenario {
  /// The top-level keys a scenario may have.
  static let topLevelKeys = [
    "name", "profile", "serialization", "policy", "client", "server", "tls", "auth",
    "senderAuth", "mailFrom", "rcptTo", "message", "scanners", "outbound", "expect", "startAt",
  ]

  /// The stage names a scanner may register for.
  public static let stageNames = [
    "connect", "ehlo", "mail", "rcpt", "data", "delivery", "defer", "dsn",
  ]

  /// Reads a scenario file. Relative paths inside it (the message file, rule files) are
  /// resolved against the file's directory.
  ///
  /// - Throws: `ScenarioError` for a missing or unreadable file, invalid JSON, or an invalid
  ///   value. The error names the file and the JSON Pointer of the value.
  public static func load(path: String) throws -> Scenario {
    let name = (path as NSString).lastPathComponent
    let reader = ScenarioReader(file: name)
    let bytes = try readFile(path, reader: reader, pointer: "")
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch let parseError as JSONParseError {
      throw reader.error("", parseError.description)
    }
    let directory = (path as NSString).deletingLastPathComponent
    var scenario = try decode(document, file: name, directory: directory)
    scenario.path = path
    return scenario
  }

  /// Builds a scenario from a parsed document.
  ///
  /// - Parameters:
  ///   - file: the name used in error messages; without `.json` it is the default name.
  ///   - directory: where relative paths are resolved.
  public static func decode(_ document: JSONValue, file: String, directory: String) throws
    -> Scenario
  {
    let reader = ScenarioReader(file: file)
    let root = try reader.object(document, at: "", keys: topLevelKeys)
    let defaultName = file.hasSuffix(".json") ? String(file.dropLast(5)) : file
    var scenario = Scenario(name: defaultName)

    if let value = root["name"] { scenario.name = try reader.string(value, at: "/name") }
    if let value = root["profile"] {
      if value.stringValue == "stalwart" {
        throw reader.error("/profile", "profile \"stalwart\" is planned but not implemented "
          + "yet; use draft-01 or draft-00")
      }
      scenario.profile = try reader.choice(value, at: "/profile", from: ["draft-01", "draft-00"])
    }
    if let value = root["serialization"] {
      scenario.serialization = try reader.choice(value, at: "/serialization", from: ["json", "cbor"])
    }
    if let value = root["policy"] {
      scenario.policy = try reader.choice(value, at: "/policy", from: ["atomic", "per-operation"])
    }
    if let value = root["client"] { scenario.client = try decodeClient(value, reader) }
    if let value = root["server"] { scenario.server = try decodeServer(value, reader) }
    for key in ["tls", "auth", "senderAuth"] {
      guard let value = root[key] else { continue }
      guard value.isNull || value.objectValue != nil else {
        throw reader.mismatch("/\(key)", expected: "an object or null", found: value)
      }
      switch key {
      case "tls": scenario.tls = value
      case "auth": scenario.auth = value
      default: scenario.senderAuth = value
      }
    }
    if let value = root["mailFrom"] {
      scenario.mailFrom = try decodeAddress(value, at: "/mailFrom", allowsNull: true, reader)
    }
    guard let recipients = root["rcptTo"] else {
      throw reader.error("", "missing key \"rcptTo\": give at least one recipient, as in "
        + "\"rcptTo\": [{\"address\": \"user@example.org\"}]")
    }
    let recipientValues = try reader.array(recipients, at: "/rcptTo")
    if recipientValues.isEmpty { throw reader.error("/rcptTo", "give at least one recipient") }
    for (index, value) in recipientValues.enumerated() {
      let pointer = ScenarioReader.child("/rcptTo", index)
      scenario.rcptTo.append(try decodeAddress(value, at: pointer, allowsNull: false, reader))
    }
    guard let message = root["message"] else {
      throw reader.error("", "missing key \"message\": give {\"file\": \"PATH.eml\"} or "
        + "{\"text\": \"Subject: ...\"}")
    }
    (scenario.message, scenario.messageOrigin) = try decodeMessage(message, directory, reader)
    if let value = root["scanners"] {
      scenario.scanners = try decodeScanners(value, directory, reader)
    }
    if let value = root["outbound"] {
      scenario.outbound = try decodeOutbound(value, recipients: scenario.rcptTo, reader)
    }
    if let value = root["expect"] { scenario.expect = try decodeExpectation(value, reader) }
    if let value = root["startAt"] {
      let text = try reader.string(value, at: "/startAt")
      guard let time = UTCTimestamp(rfc3339: text) else {
        throw reader.error("/startAt", "invalid RFC 3339 time \"\(text)\"; write it as "
          + "2026-12-04T16:00:00.000Z")
      }
      scenario.startAt = time
    }
    return scenario
  }

  private static func decodeClient(_ value: JSONValue, _ reader: ScenarioReader) throws
    -> ClientSettings
  {
    let object = try reader.object(value, at: "/client", keys: ["ip", "port", "ptr", "ehlo"])
    var client = ClientSettings()
    if let ip = object["ip"] { client.ip = try reader.string(ip, at: "/client/ip") }
    if let port = object["port"] {
      client.port = try reader.integer(port, at: "/client/port", in: 0...65535)
    }
    if let ptr = object["ptr"] { client.ptr = try reader.optionalString(ptr, at: "/client/ptr") }
    if let ehlo = object["ehlo"] { client.ehlo = try reader.string(ehlo, at: "/client/ehlo") }
    return client
  }

  private static func decodeServer(_ value: JSONValue, _ reader: ScenarioReader) throws
    -> ServerSettings
  {
    let object = try reader.object(value, at: "/server", keys: ["name", "ip", "port"])
    var server = ServerSettings()
    if let name = object["name"] { server.name = try reader.string(name, at: "/server/name") }
    if let ip = object["ip"] { server.ip = try reader.string(ip, at: "/server/ip") }
    if let port = object["port"] {
      server.port = try reader.integer(port, at: "/server/port", in: 0...65535)
    }
    return server
  }

  private static func decodeAddress(
    _ value: JSONValue, at pointer: String, allowsNull: Bool, _ reader: ScenarioReader
  ) throws -> ScenarioAddress {
    let object = try reader.object(value, at: pointer, keys: ["address", "parameters"])
    let addressPointer = pointer + "/address"
    guard let addressValue = object["address"] else {
      throw reader.error(pointer, "missing key \"address\"")
    }
    let address: String?
    if allowsNull {
      address = try reader.optionalString(addressValue, at: addressPointer)
    } else {
      address = try reader.string(addressValue, at: addressPointer)
    }
    if let address, address.hasPrefix("<") {
      throw reader.error(addressPointer, "invalid address \"\(address)\"; write it without "
        + "angle brackets, as in user@example.org")
    }
    // The same mailbox rules as a scanner's envelope edit, SMTPUTF8 included.
    if let address, let problem = ValueRules.mailboxProblem(address) {
      throw reader.error(addressPointer, "invalid address: \(problem)")
    }
    var parameters: [SMTPParameter] = []
    if let parameterValue = object["parameters"] {
      let parameterPointer = pointer + "/parameters"
      guard let members = parameterValue.objectValue else {
        throw reader.mismatch(parameterPointer, expected: "an object", found: parameterValue)
      }
      for (keyword, parameter) in members.members {
        let keywordPointer = ScenarioReader.child(parameterPointer, keyword)
        let text = try reader.string(parameter, at: keywordPointer)
        if let problem = ValueRules.parameterProblem(keyword: keyword, value: text) {
          throw reader.error(keywordPointer, problem)
        }
        parameters.append(SMTPParameter(keyword: keyword.uppercased(), value: text))
      }
    }
    return ScenarioAddress(address: address, parameters: parameters)
  }

  private static func decodeMessage(
    _ value: JSONValue, _ directory: String, _ reader: ScenarioReader
  ) throws -> ([UInt8], String) {
    let object = try reader.object(value, at: "/message", keys: ["file", "text"])
    switch (object["file"], object["text"]) {
    case (let file?, nil):
      let path = try reader.string(file, at: "/message/file")
      let bytes = try readFile(resolve(path, in: directory), reader: reader, pointer: "/message/file")
      return (canonicalLineEndings(bytes), path)
    case (nil, let text?):
      let string = try reader.string(text, at: "/message/text")
      return (canonicalLineEndings(Array(string.utf8)), "inline text")
    default:
      throw reader.error("/message", "give exactly one of \"file\" and \"text\"")
    }
  }

  /// Turns bare LF line endings into CRLF, as an SMTP transfer would deliver them.
  ///
  /// NOTE: a message file with bare CR bytes keeps them; SMTP servers differ on those.
  static func canonicalLineEndings(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 40)
    var previous: UInt8 = 0
    for byte in bytes {
      if byte == 0x0A && previous != 0x0D { output.append(0x0D) }
      output.append(byte)
      previous = byte
    }
    return output
  }

  static func resolve(_ path: String, in directory: String) -> String {
    if path.hasPrefix("/") || directory.isEmpty { return path }
    return (directory as NSString).appendingPathComponent(path)
  }

  static func readFile(_ path: String, reader: ScenarioReader, pointer: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      // The empty pointer is the scenario file itself, where the hint about relative paths
      // inside a scenario does not apply.
      let hint = pointer.isEmpty ? "check the path" : "paths are relative to the scenario file"
      throw reader.error(pointer, exists
        ? "cannot read \"\(path)\"; check its permissions"
        : "file \"\(path)\" not found; \(hint)")
    }
    return [UInt8](data)
  }
}
