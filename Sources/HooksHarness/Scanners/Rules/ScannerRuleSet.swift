import Foundation
import HooksWire

/// A rule-driven scanner: an ordered list of rules read from a `samples/scanners/*.json` file.
///
/// For each hook call the first rule whose stage and condition match produces the reply.
/// When no rule matches, the reply is `204 No Content`.
public struct ScannerRuleSet: Sendable {
  /// One rule: a stage, an optional condition and a reply.
  public struct Rule: Sendable {
    /// The stage the rule applies to.
    public var stage: String
    /// The condition on the request, or nil for every request at the stage.
    public var condition: RuleCondition?
    /// The reply the rule produces.
    public var reply: HookReply

    /// Creates a rule.
    public init(stage: String, condition: RuleCondition? = nil, reply: HookReply) {
      self.stage = stage
      self.condition = condition
      self.reply = reply
    }
  }

  /// The scanner's name.
  public var name: String
  /// The stages the scanner advertises in discovery.
  public var stages: [String]
  /// The `updateProperties` advertised for both directions, or nil for the draft's defaults.
  public var updateProperties: [String]?
  /// The rules in file order.
  public var rules: [Rule]

  /// Creates a rule set.
  public init(name: String, stages: [String], updateProperties: [String]? = nil, rules: [Rule]) {
    self.name = name
    self.stages = stages
    self.updateProperties = updateProperties
    self.rules = rules
  }

  /// Returns the reply of the first matching rule, or `.noChange`.
  public func reply(stage: String, request: JSONValue) -> HookReply {
    for rule in rules where rule.stage == stage {
      if rule.condition?.evaluate(request) ?? true { return rule.reply }
    }
    return .noChange
  }

  /// The replier for a `ScannerService`.
  public var replier: HookReplier {
    let rules = self
    return { call in rules.reply(stage: call.stage, request: call.body) }
  }

  /// A service configuration that advertises this scanner's stages and `updateProperties`.
  public func serviceConfiguration(token: String) -> ScannerServiceConfiguration {
    func narrowed(_ all: DirectionCapabilities) -> DirectionCapabilities? {
      var capabilities = all
      capabilities.stages = all.stages.filter(stages.contains)
      if let updateProperties { capabilities.updateProperties = updateProperties }
      return capabilities.stages.isEmpty ? nil : capabilities
    }
    return ScannerServiceConfiguration(
      name: name, token: token, inbound: narrowed(.allInbound), outbound: narrowed(.allOutbound))
  }
}

/// An error in a rules file, naming the file, the JSON Pointer of the bad key and the problem.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name as given.
  public var file: String
  /// The JSON Pointer of the offending key or value in the file; empty for the whole file.
  public var pointer: String
  /// The problem and, where possible, the fix.
  public var message: String

  /// Creates an error.
  public init(file: String, pointer: String, message: String) {
    self.file = file
    self.pointer = pointer
    self.message = message
  }

  public var description: String {
    pointer.isEmpty
      ? "rules file \"\(file)\": \(message)" : "rules file \"\(file)\": \(pointer): \(message)"
  }
}
