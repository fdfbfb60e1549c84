import HooksHTTP

/// The settings for one scanner: its URLs, credentials and subscriptions.
public struct ScannerClientConfiguration: Sendable {
  /// The subscription requested for one direction.
  public struct Subscription: Sendable, Equatable {
    /// The stages to subscribe to.
    public var stages: [String]
    /// JSON Pointers of the properties to send, or nil for every property the scanner offers.
    public var properties: [String]?

    /// Creates a subscription.
    public init(stages: [String], properties: [String]? = nil) {
      self.stages = stages
      self.properties = properties
    }
  }

  /// The discovery URL (`…/.well-known/mta-hooks`); used when `registrationURL` is nil.
  public var discoveryURL: String?
  /// The registration URL, which skips discovery when set.
  public var registrationURL: String?
  /// The bearer token sent on every call after discovery.
  public var token: String
  /// The MTA's name in the registration.
  public var mtaName: String
  /// The MTA's version in the registration.
  public var mtaVersion: String?
  /// The requested serialization.
  public var serialization: WireFormat
  /// The inbound subscription, or nil.
  public var inbound: Subscription?
  /// The outbound subscription, or nil.
  public var outbound: Subscription?
  /// The policy for a stage whose scanner call failed.
  public var failurePolicy: FailurePolicy
  /// Retry and backoff settings.
  public var retry: RetryPolicy
  /// Socket timeouts, limits and the remote plain-HTTP switch.
  public var http: HTTPClientConfiguration

  /// Creates a configuration. Give `discoveryURL` or `registrationURL`.
  public init(
    discoveryURL: String? = nil,
    registrationURL: String? = nil,
    token: String,
    mtaName: String = "hookbench",
    mtaVersion: String? = nil,
    serialization: WireFormat = .json,
    inbound: Subscription? = Subscription(stages: DirectionCapabilities.inboundStages),
    outbound: Subscription? = Subscription(stages: DirectionCapabilities.outboundStages),
    failurePolicy: FailurePolicy = .tempfail,
    retry: RetryPolicy = RetryPolicy(),
    http: HTTPClientConfiguration = HTTPClientConfiguration()
  ) {
    self.discoveryURL = discoveryURL
    self.registrationURL = registrationURL
    self.token = token
    self.mtaName = mtaName
    self.mtaVersion = mtaVersion
    self.serialization = serialization
    self.inbound = inbound
    self.outbound = outbound
    self.failurePolicy = failurePolicy
    self.retry = retry
    self.http = http
  }
}

/// A registration as the MTA stores it.
public struct ScannerSession: Sendable, Equatable {
  /// The registration id.
  public var registrationID: String
  /// The hook endpoint, resolved against the registration URL.
  public var hookURL: HTTPURL
  /// The status endpoint, or nil when the scanner gave none.
  public var statusURL: HTTPURL?
  /// The deregistration endpoint, or nil when the scanner gave none.
  public var deregistrationURL: HTTPURL?
  /// The negotiated serialization.
  public var format: WireFormat
  /// Negotiated stages per direction, keyed `inbound` and `outbound`.
  public var stages: [String: [String]]
  /// Negotiated property pointers per direction, keyed `inbound` and `outbound`.
  public var properties: [String: [String]]
  /// The expiry the scanner chose, as RFC 3339 text, or nil.
  public var expiresAt: String?

  /// The direction whose negotiated stages contain `stage`, or nil when it is not subscribed.
  public func direction(of stage: String) -> String? {
    stages.first { $0.value.contains(stage) }?.key
  }
}
