import HooksProtocol

/// The exit statuses of `hookbench run`: where the transaction ended.
public enum RunExitStatus {
  /// Accepted, or delivered for outbound.
  public static let accepted: Int32 = 0
  /// A scanner or transport error under the fail-closed (`tempfail`) policy decided the result.
  public static let scannerFailure: Int32 = 1
  /// Rejected at connect.
  public static let rejectedAtConnect: Int32 = 2
  /// Rejected at ehlo.
  public static let rejectedAtEhlo: Int32 = 3
  /// Rejected at mail.
  public static let rejectedAtMail: Int32 = 4
  /// No recipient was accepted at rcpt.
  public static let rejectedAtRcpt: Int32 = 5
  /// Rejected at data.
  public static let rejectedAtData: Int32 = 6
  /// Discarded.
  public static let discarded: Int32 = 7
  /// Quarantined.
  public static let quarantined: Int32 = 8
  /// Disconnected by a scanner.
  public static let disconnected: Int32 = 9
  /// The outbound delivery was cancelled.
  public static let outboundCancelled: Int32 = 10

  /// Returns the status for a reject that ended the transaction at `stage`.
  public static func rejected(at stage: Stage) -> Int32 {
    switch stage {
    case .connect: return rejectedAtConnect
    case .ehlo: return rejectedAtEhlo
    case .mail: return rejectedAtMail
    case .rcpt: return rejectedAtRcpt
    default: return rejectedAtData
    }
  }
}

/// The end of a scenario run: exit status, final action, stage and reply.
public struct RunOutcome: Sendable {
  /// The exit status, one of `RunExitStatus`.
  public var exitStatus: Int32

  /// The transaction's final action: the inbound action, or `cancel`/`continue` after the
  /// outbound simulation.
  public var action: Action

  /// The stage where the transaction ended.
  public var stage: Stage

  /// The last SMTP reply the client got, when the run ended at an inbound stage.
  public var reply: SmtpResponse?

  /// One line for the transcript, such as `quarantined after data`.
  public var summary: String
}
