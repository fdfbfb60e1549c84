import HooksMail
import HooksWire

extension TransactionMachine {
  /// The message parser every command uses: HooksMail's RFC 5322 and MIME parser.
  public static let mailParser: MessageParser = { raw in MailMessage(parsing: raw).email }
}
