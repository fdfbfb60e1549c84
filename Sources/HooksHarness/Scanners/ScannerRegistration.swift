import Foundation
import HooksWire

/// One registration held by the scanner service, with its counters.
public struct ScannerRegistration: Sendable, Equatable {
  /// The state of a registration as the status endpoint reports it.
  public enum State: String, Sendable {
    case active
    case deregistered
  }

  /// The subscription agreed for one direction.
  public struct Subscription: Sendable, Equatable {
    /// Stages the MTA will call.
    public var stages: [String]
    /// JSON Pointers of the properties the MTA will send.
    public var properties: [String]
  }

  /// The registration id, `reg_` followed by letters, digits and hyphens.
  public var id: String
  /// The MTA's name from the registration request.
  public var name: String
  /// The negotiated serialization.
  public var format: WireFormat
  /// The inbound subscription, or nil.
  public var inbound: Subscription?
  /// The outbound subscription, or nil.
  public var outbound: Subscription?
  /// When the registration was created.
  public var createdAt: Date
  /// When the registration expires, or nil for never.
  public var expiresAt: Date?
  /// Whether the registration is active or deregistered.
  public var state: State = .active
  /// When it was deregistered, or replaced by a renewal with the same MTA name.
  public var endedAt: Date?
  /// When the last hook call arrived.
  public var lastInvocation: Date?
  /// Hook calls received.
  public var invocations = 0
  /// Hook calls that got an error status or a fault.
  public var errors = 0
  /// Hook calls since the last success that ended in an error.
  public var consecutiveFailures = 0
  /// The sum of handling times, in milliseconds, for the average.
  public var totalResponseMilliseconds: Double = 0

  /// Whether `stage` is among the subscribed stages of either direction.
  public func subscribes(to stage: String) -> Bool {
    (inbound?.stages.contains(stage) ?? false) || (outbound?.stages.contains(stage) ?? false)
  }

  /// When hook calls stop being accepted: the earliest of expiry and end, or nil.
  func closingDate() -> Date? {
    switch (expiresAt, endedAt) {
    case (let expiry?, let end?): return min(expiry, end)
    case (let expiry?, nil): return expiry
    case (nil, let end?): return end
    case (nil, nil): return nil
    }
  }

  func negotiatedJSON() -> JSONValue {
    func subscription(_ value: Subscription?) -> JSONValue {
      guard let value else { return .null }
      return [
        "stages": .array(value.stages.map(JSONValue.string)),
        "properties": .array(value.properties.map(JSONValue.string)),
      ]
    }
    return [
      "serialization": .string(format.rawValue),
      "inbound": subscription(inbound),
      "outbound": subscription(outbound),
    ]
  }
}
