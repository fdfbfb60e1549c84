import HooksMail
import HooksWire

extension TransactionState {
  /// Sets both message forms from a parsed message: `message` to its JMAP Email object and
  /// `rawMessage` to its exact bytes.
  public mutating func setMessage(_ parsed: MailMessage) {
    message = parsed.email
    rawMessage = parsed.raw
  }
}
