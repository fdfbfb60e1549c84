import HooksHTTP
import HooksWire

extension Scenario {
  /// Checks a scanner's rules or URL when the scenario loads, so that a mistake there is a
  /// scenario error (exit 65) and not a scanner failure at run time.
  ///
  /// - Throws: `ScenarioError` whose pointer leads into the scenario (inline rules) or names
  ///   the `rules` key and the rule file's own pointer (rule files).
  static func checkSource(
    of settings: ScannerSettings, at pointer: String, _ reader: ScenarioReader
  ) throws {
    switch settings.source {
    case .rules(let rules, let path):
      do {
        _ = try ScannerRuleSet.forScanner(settings, rules: rules, path: path)
      } catch let error as RuleFileError {
        throw ruleError(error, rules: rules, path: path, at: pointer + "/rules", reader)
      }
    case .external(let url, _):
      let parsed: HTTPURL
      do {
        parsed = try HTTPURL(parsing: url)
      } catch {
        throw reader.error(pointer + "/url", error.message)
      }
      guard parsed.hasNumericHost else {
        throw reader.error(
          pointer + "/url",
          "host \"\(parsed.host)\" is not a numeric address; HookBench resolves no names "
            + "except localhost, so write the scanner's IP address, such as 127.0.0.1")
      }
    }
  }

  /// Moves a rule-set error into the scenario's pointer space.
  ///
  /// Inline rules given as a bare array are wrapped into a rule-file object under `rules`
  /// before parsing, so their `/rules/N/…` pointers are the array's own `/N/…`.
  private static func ruleError(
    _ error: RuleFileError, rules: JSONValue, path: String?, at pointer: String,
    _ reader: ScenarioReader
  ) -> ScenarioError {
    if let path {
      let location = error.pointer.isEmpty ? "" : "\(error.pointer): "
      return reader.error(pointer, "rule file \"\(path)\": \(location)\(error.message)")
    }
    guard rules.arrayValue != nil else {
      return reader.error(pointer + error.pointer, error.message)
    }
    if error.pointer.hasPrefix("/rules") {
      return reader.error(pointer + error.pointer.dropFirst("/rules".count), error.message)
    }
    // A pointer outside `/rules`, such as `/stages`, names a member the wrapper derived from
    // the rules; the rules as a whole are what to fix.
    return reader.error(pointer, error.message)
  }
}
