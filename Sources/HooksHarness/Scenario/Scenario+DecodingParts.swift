import HooksWire

extension Scenario {
  static let scannerKeys = [
    "name", "rules", "url", "token", "failurePolicy", "trusted", "timeoutMs", "serialization",
    "properties", "stages",
  ]

  static func decodeScanners(_ value: JSONValue, _ directory: String, _ reader: ScenarioReader)
    throws -> [ScannerSettings]
  {
    var scanners: [ScannerSettings] = []
    for (index, element) in try reader.array(value, at: "/scanners").enumerated() {
      let pointer = ScenarioReader.child("/scanners", index)
      let object = try reader.object(element, at: pointer, keys: scannerKeys)
      guard let nameValue = object["name"] else {
        throw reader.error(pointer, "missing key \"name\"")
      }
      let name = try reader.string(nameValue, at: pointer + "/name")
      if scanners.contains(where: { $0.name == name }) {
        throw reader.error(pointer + "/name", "scanner name \"\(name)\" is used twice; names "
          + "must be unique")
      }
      var settings = ScannerSettings(
        name: name, source: try decodeSource(object, pointer, directory, reader))
      if let policy = object["failurePolicy"] {
        let text = try reader.choice(
          policy, at: pointer + "/failurePolicy", from: ["tempfail", "fail-open"])
        settings.failurePolicy = FailurePolicy(rawValue: text) ?? .tempfail
      }
      if let trusted = object["trusted"] {
        settings.trusted = try reader.bool(trusted, at: pointer + "/trusted")
      }
      if let timeout = object["timeoutMs"] {
        settings.timeoutMilliseconds = try reader.integer(
          timeout, at: pointer + "/timeoutMs", in: 1...600_000)
      }
      if let serialization = object["serialization"] {
        settings.serialization = try reader.choice(
          serialization, at: pointer + "/serialization", from: ["json", "cbor"])
      }
      if let properties = object["properties"] {
        settings.properties = try reader.array(properties, at: pointer + "/properties")
          .enumerated().map { position, item in
            try reader.string(item, at: ScenarioReader.child(pointer + "/properties", position))
          }
      }
      if let stages = object["stages"] {
        settings.stages = try reader.array(stages, at: pointer + "/stages")
          .enumerated().map { position, item in
            try reader.choice(
              item, at: ScenarioReader.child(pointer + "/stages", position), from: stageNames)
          }
      }
      try checkSource(of: settings, at: pointer, reader)
      scanners.append(settings)
    }
    return scanners
  }

  private static func decodeSource(
    _ object: JSONObject, _ pointer: String, _ directory: String, _ reader: ScenarioReader
  ) throws -> ScannerSettings.Source {
    switch (object["rules"], object["url"]) {
    case (let rules?, nil):
      if object["token"] != nil {
        throw reader.error(pointer + "/token", "a token only goes with \"url\"")
      }
      if let path = rules.stringValue {
        let bytes = try readFile(
          resolve(path, in: directory), reader: reader, pointer: pointer + "/rules")
        do {
          return .rules(try JSONParser.parse(bytes), path: path)
        } catch let parseError as JSONParseError {
          throw reader.error(pointer + "/rules", "rule file \"\(path)\": \(parseError)")
        }
      }
      guard rules.arrayValue != nil || rules.objectValue != nil else {
        throw reader.mismatch(
          pointer + "/rules", expected: "a rule file path or inline rules", found: rules)
      }
      return .rules(rules, path: nil)
    case (nil, let url?):
      let text = try reader.string(url, at: pointer + "/url")
      guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
        throw reader.error(pointer + "/url", "invalid URL \"\(text)\"; use http://HOST:PORT")
      }
      let token = try object["token"].map { try reader.optionalString($0, at: pointer + "/token") }
      return .external(url: text, token: token ?? nil)
    case (nil, nil):
      throw reader.error(pointer, "give \"rules\" (an embedded scanner) or \"url\" (an external one)")
    default:
      throw reader.error(pointer, "give only one of \"rules\" and \"url\"")
    }
  }

  static func decodeOutbound(
    _ value: JSONValue, recipients: [ScenarioAddress], _ reader: ScenarioReader
  ) throws -> OutboundPlan {
    let object = try reader.object(
      value, at: "/outbound", keys: ["attempts", "retrySchedule", "expiresAfter", "delayDsn"])
    let known = recipients.compactMap(\.address)
    var attempts: [[String: DeliveryOutcome]] = []
    if let attemptsValue = object["attempts"] {
      for (index, attempt) in try reader.array(attemptsValue, at: "/outbound/attempts").enumerated() {
        let pointer = ScenarioReader.child("/outbound/attempts", index)
        guard let members = attempt.objectValue else {
          throw reader.mismatch(pointer, expected: "an object", found: attempt)
        }
        var outcomes: [String: DeliveryOutcome] = [:]
        for (address, outcome) in members.members {
          let outcomePointer = ScenarioReader.child(pointer, address)
          guard known.contains(address) else {
            throw reader.error(outcomePointer, "\"\(address)\" is not in rcptTo; use one of: "
              + known.joined(separator: ", "))
          }
          outcomes[address] = try decodeOutcome(outcome, at: outcomePointer, reader)
        }
        attempts.append(outcomes)
      }
    }
    var plan = OutboundPlan(attempts: attempts)
    if let schedule = object["retrySchedule"] {
      let intervals = try reader.array(schedule, at: "/outbound/retrySchedule").enumerated()
        .map { index, item in
          Int64(try reader.integer(
            item, at: ScenarioReader.child("/outbound/retrySchedule", index), in: 1...31_536_000))
        }
      if intervals.isEmpty {
        throw reader.error("/outbound/retrySchedule", "give at least one interval in seconds")
      }
      plan.retry.intervals = intervals
    }
    if let expires = object["expiresAfter"] {
      plan.retry.expiresAfter = Int64(
        try reader.integer(expires, at: "/outbound/expiresAfter", in: 1...31_536_000))
    }
    if let delay = object["delayDsn"] {
      plan.delayDSN = try reader.bool(delay, at: "/outbound/delayDsn")
    }
    return plan
  }

  private static func decodeOutcome(_ value: JSONValue, at pointer: String,
                                    _ reader: ScenarioReader) throws -> DeliveryOutcome {
    let statuses = ["delivered", "deferred", "failed"]
    if value.stringValue != nil {
      switch try reader.choice(value, at: pointer, from: statuses) {
      case "deferred": return .deferred(SMTPReply(451, "4.4.1", "Try again later"))
      case "failed": return .failed(SMTPReply(550, "5.1.1", "User unknown"))
      default: return .deliveredOK
      }
    }
    let object = try reader.object(
      value, at: pointer, keys: ["status", "code", "enhancedCode", "message"])
    guard let statusValue = object["status"] else {
      throw reader.error(pointer, "missing key \"status\" (delivered, deferred or failed)")
    }
    let status = try reader.choice(statusValue, at: pointer + "/status", from: statuses)
    let defaults: [String: (Int, String, String)] = [
      "delivered": (250, "2.0.0", "Delivered"), "deferred": (451, "4.4.1", "Try again later"),
      "failed": (550, "5.1.1", "User unknown"),
    ]
    let fallback = defaults[status] ?? (250, "2.0.0", "Delivered")
    let code = try object["code"].map { try reader.integer($0, at: pointer + "/code", in: 200...599) }
      ?? fallback.0
    let expectedClass = ["delivered": 2, "deferred": 4, "failed": 5][status] ?? 2
    guard code / 100 == expectedClass else {
      throw reader.error(pointer + "/code", "code \(code) does not fit status \"\(status)\"; use "
        + "a \(expectedClass)xx code")
    }
    let enhanced = try object["enhancedCode"].map {
      try reader.optionalString($0, at: pointer + "/enhancedCode")
    } ?? fallback.1
    let message = try object["message"].map { try reader.string($0, at: pointer + "/message") }
      ?? fallback.2
    let reply = SMTPReply(code, enhanced, message)
    switch status {
    case "deferred": return .deferred(reply)
    case "failed": return .failed(reply)
    default: return .delivered(reply)
    }
  }

  static func decodeExpectation(_ value: JSONValue, _ reader: ScenarioReader) throws
    -> Expectation
  {
    let object = try reader.object(value, at: "/expect", keys: ["exitStatus", "action", "checks"])
    var expectation = Expectation()
    if let status = object["exitStatus"] {
      expectation.exitStatus = try reader.integer(status, at: "/expect/exitStatus", in: 0...255)
    }
    if let action = object["action"] {
      expectation.action = try reader.choice(action, at: "/expect/action", from: [
        "accept", "reject", "discard", "quarantine", "disconnect", "continue", "cancel",
      ])
    }
    if let checks = object["checks"] {
      for (index, check) in try reader.array(checks, at: "/expect/checks").enumerated() {
        let pointer = ScenarioReader.child("/expect/checks", index)
        let members = try reader.object(check, at: pointer, keys: ["path", "equals"])
        guard let path = members["path"], let equals = members["equals"] else {
          throw reader.error(pointer, "give both \"path\" (a JSON Pointer) and \"equals\"")
        }
        let text = try reader.string(path, at: pointer + "/path")
        guard text.isEmpty || text.hasPrefix("/") else {
          throw reader.error(pointer + "/path", "invalid JSON Pointer \"\(text)\": it must be "
            + "empty or start with \"/\"")
        }
        expectation.checks.append(Expectation.Check(path: text, equals: equals))
      }
    }
    return expectation
  }
}
