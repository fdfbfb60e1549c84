import HooksWire

/// Everything a response is checked against: the stage, the profile, the scanner's
/// capabilities and trust, and the failure policy.
public struct ResponseRules: Sendable {
  /// The stage the request was sent at.
  public var stage: Stage
  /// The protocol profile; `draft-01` unless chosen otherwise.
  public var profile: Profile
  /// The scanner's `updateProperties` for the stage's direction, as JSON Pointer texts.
  public var updateProperties: [String]
  /// The action names the scanner's discovery document lists; nil means every action of the
  /// direction.
  public var actions: [String]?
  /// The failure policy: the effect of one invalid operation on the rest of the response.
  public var policy: PatchFailurePolicy
  /// Whether the scanner may lower the action (draft-01 precedence).
  public var isTrusted: Bool

  /// Creates rules; `updateProperties` defaults to those of the draft-01 example discovery
  /// document for the stage's direction.
  public init(
    stage: Stage, profile: Profile = .draft01, updateProperties: [String]? = nil,
    actions: [String]? = nil, policy: PatchFailurePolicy = .atomic, isTrusted: Bool = false
  ) {
    self.stage = stage
    self.profile = profile
    self.updateProperties =
      updateProperties ?? Self.defaultUpdateProperties(for: stage.direction)
    self.actions = actions
    self.policy = policy
    self.isTrusted = isTrusted
  }

  /// Returns the `updateProperties` of the draft-01 example discovery document for `direction`.
  public static func defaultUpdateProperties(for direction: Direction) -> [String] {
    DiscoveryDocument.draftExampleCapabilities.capabilities(for: direction)?.updateProperties
      ?? []
  }

  /// The actions the scanner may request at this stage.
  public var allowedActions: [Action] {
    let direction = stage.direction.actions
    guard let actions else { return direction }
    return direction.filter { actions.contains($0.rawValue) }
  }

  /// The writable paths at this stage for this scanner.
  public var writablePaths: WritablePaths {
    WritablePaths(stage: stage, updateProperties: updateProperties)
  }
}
