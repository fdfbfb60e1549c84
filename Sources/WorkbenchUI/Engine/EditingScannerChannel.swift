import HooksHarness
import HooksProtocol
import HooksWire

/// A scanner channel that replies to edited calls itself and passes every other call on.
///
/// An edited call is identified by its stage, scanner and occurrence (the second RCPT call to
/// the same scanner is occurrence 1), which stay the same when the run starts again. The
/// scanner is not called for an edited call: the edit replaces its response as a 200 with
/// the edited body, and the call has no HTTP exchange.
final class EditingScannerChannel: ScannerChannel {
  /// A call's place in a run.
  struct CallKey: Hashable, Sendable {
    var stage: Stage
    var scanner: String
    var occurrence: Int
  }

  private let inner: ScannerChannel
  private let edits: [CallKey: JSONValue]
  private var occurrences: [CallKey: Int] = [:]

  /// Creates a channel over `inner` that replies to the calls in `edits` with their bodies.
  init(inner: ScannerChannel, edits: [CallKey: JSONValue]) {
    self.inner = inner
    self.edits = edits
  }

  func register(_ scanner: ScannerSettings) -> ScannerSubscription {
    inner.register(scanner)
  }

  func call(_ scanner: ScannerSettings, stage: Stage, request: JSONValue, requestID: String)
    -> ScannerCall
  {
    let counter = CallKey(stage: stage, scanner: scanner.name, occurrence: 0)
    let occurrence = occurrences[counter, default: 0]
    occurrences[counter] = occurrence + 1
    let key = CallKey(stage: stage, scanner: scanner.name, occurrence: occurrence)
    if let body = edits[key] {
      return ScannerCall(status: 200, body: body, failure: nil, exchanges: [], milliseconds: 0)
    }
    return inner.call(scanner, stage: stage, request: request, requestID: requestID)
  }

  func close() {
    inner.close()
  }
}
