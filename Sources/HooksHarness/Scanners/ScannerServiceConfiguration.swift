import Foundation
import HooksHTTP

/// Settings of an embedded scanner service.
public struct ScannerServiceConfiguration: Sendable {
  /// The scanner's name, for logs.
  public var name: String
  /// The bearer token every call except discovery must carry.
  public var token: String
  /// Inbound capabilities, or nil when the scanner handles no inbound stage.
  public var inbound: DirectionCapabilities?
  /// Outbound capabilities, or nil when the scanner handles no outbound stage.
  public var outbound: DirectionCapabilities?
  /// The serializations offered in discovery, preferred first.
  public var serializations: [WireFormat]
  /// The largest hook body accepted, in bytes; larger ones get `413 REQUEST_TOO_LARGE`.
  public var maxMessageSize: Int
  /// The maximum number of active registrations; one more gets `409 REGISTRATION_LIMIT_REACHED`.
  public var maxRegistrations: Int
  /// The hook timeout the scanner suggests to MTAs, in milliseconds.
  public var timeoutMilliseconds: Int
  /// Seconds a registration lives, or nil for no expiry. A shorter `expiresAt` in the request
  /// wins.
  public var registrationLifetime: TimeInterval?
  /// Seconds an expired, deregistered or renewed registration id is still accepted on hook
  /// calls, for calls already in flight.
  public var gracePeriod: TimeInterval
  /// Hook calls accepted per registration and second, or nil for no limit. Calls beyond it
  /// get `429 RATE_LIMITED` with `Retry-After: 1`.
  public var rateLimitPerSecond: Int?
  /// The path prefix of the registration, status, deregistration and hook endpoints.
  public var pathPrefix: String

  /// Creates a configuration; every argument but the token has a default.
  public init(
    name: String = "hookbench-scanner",
    token: String,
    inbound: DirectionCapabilities? = .allInbound,
    outbound: DirectionCapabilities? = .allOutbound,
    serializations: [WireFormat] = [.json, .cbor],
    maxMessageSize: Int = 25 * 1024 * 1024,
    maxRegistrations: Int = 64,
    timeoutMilliseconds: Int = 30_000,
    registrationLifetime: TimeInterval? = 3_600,
    gracePeriod: TimeInterval = 5,
    rateLimitPerSecond: Int? = nil,
    pathPrefix: String = "/v1/hooks"
  ) {
    self.name = name
    self.token = token
    self.inbound = inbound
    self.outbound = outbound
    self.serializations = serializations
    self.maxMessageSize = maxMessageSize
    self.maxRegistrations = maxRegistrations
    self.timeoutMilliseconds = timeoutMilliseconds
    self.registrationLifetime = registrationLifetime
    self.gracePeriod = gracePeriod
    self.rateLimitPerSecond = rateLimitPerSecond
    self.pathPrefix = pathPrefix
  }

  /// The capabilities for `direction` (`inbound` or `outbound`).
  func capabilities(for direction: String) -> DirectionCapabilities? {
    direction == "inbound" ? inbound : outbound
  }
}
