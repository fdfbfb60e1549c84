import HooksWire

extension HTTPScannerChannel {
  /// Builds embedded scanners from rule files (`samples/scanners/*.json`). Inline rules may be
  /// the whole rule-file object, or only its `rules` array, which then gets the scanner's name
  /// and subscribes to the stages its rules name.
  public static let ruleScanners: EmbeddedFactory = { scanner, rules, path, token in
    let ruleSet = try ScannerRuleSet.forScanner(scanner, rules: rules, path: path)
    return EmbeddedScanner(
      replier: ruleSet.replier, configuration: ruleSet.serviceConfiguration(token: token))
  }
}
