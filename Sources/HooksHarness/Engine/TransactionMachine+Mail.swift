import HooksMail
import HooksProtocol
import HooksWire

extension TransactionMachine {
  /// The message parser every command uses: HooksMail's RFC 5322 and MIME parser.
  public static let mailParser: MessageParser = { raw in MailMessage(parsing: raw).email }
}

extension MessageCodec {
  /// HooksMail's parser and writer: `message` edits are written back into the raw message
  /// (only the header block when only headers changed), and a new raw message is parsed.
  public static let hooksMail = MessageCodec(
    parse: { raw in
      let parsed = MailMessage(parsing: raw)
      return (parsed.email, parsed.warnings.map { "\($0)" })
    },
    write: { email, original in
      try MailWriter.write(edited: email, original: MailMessage(parsing: original))
    })
}
