import Synchronization

/// A lock-protected queue that hands values from worker threads to the main loop.
///
/// Workers call `post` from any thread; the main loop calls `drain` between key polls, so
/// that curses is only ever called from the main thread.
public final class Mailbox<Value: Sendable>: Sendable {
  private let queue = Mutex<[Value]>([])

  public init() {}

  /// Appends `value` to the queue.
  public func post(_ value: Value) {
    queue.withLock { $0.append(value) }
  }

  /// Removes and returns every queued value, oldest first.
  public func drain() -> [Value] {
    queue.withLock { values in
      let drained = values
      values.removeAll()
      return drained
    }
  }
}
