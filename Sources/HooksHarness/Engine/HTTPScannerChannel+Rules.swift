import HooksWire

extension HTTPScannerChannel {
  /// Builds embedded scanners from rule files (`samples/scanners/*.json`). Inline rules may be
  /// the whole rule-file object, or only its `rules` array, which then gets the scanner's name
  /// and subscribes to the stages its rules name.
  public static let ruleScanners: EmbeddedFactory = { scanner, rules, path, token in
    var document = rules
    if let list = rules.arrayValue {
      var stages: [JSONValue] = []
      for rule in list {
        if let stage = rule["stage"], !stages.contains(stage) { stages.append(stage) }
      }
      document = ["name": .string(scanner.name), "stages": .array(stages), "rules": .array(list)]
    }
    let file = path ?? "inline rules of \(scanner.name)"
    let ruleSet = try ScannerRuleSet.parse(JSONSerializer.bytes(document), file: file)
    return EmbeddedScanner(
      replier: ruleSet.replier, configuration: ruleSet.serviceConfiguration(token: token))
  }
}
