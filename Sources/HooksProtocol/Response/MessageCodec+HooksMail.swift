import HooksMail
import HooksWire

extension MessageCodec {
  /// The codec backed by HooksMail: `MailMessage(parsing:)` to read raw bytes, and
  /// `MailWriter` to write an edited Email object over the original bytes, so untouched
  /// header fields and body parts stay byte-identical.
  public static let hooksMail = MessageCodec(
    parse: { raw in
      let message = MailMessage(parsing: raw)
      return (message.email, message.warnings.map { "message: \($0)" })
    },
    write: { email, original in
      try MailWriter.write(edited: email, original: MailMessage(parsing: original))
    })
}
