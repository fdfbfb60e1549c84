import HooksMail
import HooksWire

/// `hookbench message FILE.eml`: prints the JMAP Email object that scanners receive.
enum MessageCommand: Subcommand {
  static let name = "message"
  static let summary = "Print the JMAP Email object that scanners would receive for a message"
  static let usage = "usage: hookbench message FILE.eml [--raw-form] [--cbor]"
  static let help = """
    \(usage)

    Parses an RFC 5322 message and prints the JMAP Email object (RFC 8621) that the fake
    MTA sends as `message`, as pretty JSON. Binary parts show as Base64 in `blob`. Problems
    the parser worked around (broken boundaries, unknown charsets, 8-bit header fields)
    are printed to stderr as warnings; they do not change the exit status.

    Options:
      --raw-form   Leave out the parsed header properties (messageId, inReplyTo,
                   references, sender, from, to, cc, bcc, replyTo, subject, sentAt), so
                   header fields show only in Raw form, as the message has them.
      --cbor       Print the CBOR body form instead, in diagnostic notation (RFC 8949
                   §8): the object is encoded as CBOR, decoded again and shown, so
                   binary parts appear as byte strings h'…'.

    Exit status: 0, 64 for a usage error, 65 when the file cannot be read.

    """

  /// The parsed header properties that `--raw-form` leaves out.
  static let parsedProperties = [
    "messageId", "inReplyTo", "references", "sender", "from", "to", "cc", "bcc", "replyTo",
    "subject", "sentAt",
  ]

  static func run(_ arguments: inout ArgumentList) throws -> Int32 {
    let rawForm = arguments.flag("--raw-form")
    let cbor = arguments.flag("--cbor")
    let positionals = try arguments.finish()
    guard positionals.count == 1, let path = positionals.first else {
      if positionals.count > 1 {
        throw UsageError("unexpected argument \"\(positionals[1])\"; give one FILE.eml")
      }
      throw UsageError("missing FILE.eml")
    }

    let bytes: [UInt8]
    do {
      bytes = try BodyFile.readBytes(path)
    } catch {
      StandardStreams.err(
        "error: cannot read message file \"\(path)\": \(error.reason)\n")
      return ExitStatus.invalidInput
    }

    let message = MailMessage(parsing: bytes)
    for warning in message.warnings {
      StandardStreams.err("warning: \(path): \(warning)\n")
    }
    var email = message.email
    if rawForm, var object = email.objectValue {
      for property in parsedProperties { object.removeValue(forKey: property) }
      email = .object(object)
    }
    if cbor {
      // Through the wire bytes, so the output shows what a CBOR scanner receives.
      let decoded = try CBORDecoder.decode(CBORCodec.encodeJSON(email))
      StandardStreams.out(decoded.prettyDiagnostic + "\n")
    } else {
      StandardStreams.out(JSONSerializer.string(email, pretty: true) + "\n")
    }
    return ExitStatus.success
  }
}
