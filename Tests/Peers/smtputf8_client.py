#!/usr/bin/env python3
"""Send one message with an internationalized sender through `hookbench smtp`.

Python's smtplib is the peer: it must see SMTPUTF8 in the EHLO reply, send MAIL FROM with the
SMTPUTF8 parameter, and get the message accepted. Usage: smtputf8_client.py PORT
Exits 0 on success and 1 with a message on any failure.
"""

import smtplib
import sys
from email.message import EmailMessage


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: smtputf8_client.py PORT", file=sys.stderr)
        return 2
    port = int(sys.argv[1])

    message = EmailMessage()
    message["From"] = "Jöran Müller <jöran@example.org>"
    message["To"] = "alice@example.org"
    message["Subject"] = "Grüße aus dem Test"
    message.set_content("Ein Test mit SMTPUTF8.\n")

    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        code, _ = client.ehlo("client.example.org")
        if code != 250:
            print(f"FAIL: EHLO answered {code}")
            return 1
        if not client.has_extn("smtputf8"):
            print("FAIL: the EHLO reply does not announce SMTPUTF8")
            return 1
        refused = client.send_message(
            message,
            from_addr="jöran@example.org",
            to_addrs=["alice@example.org"],
            mail_options=["SMTPUTF8", "BODY=8BITMIME"],
        )
        if refused:
            print(f"FAIL: recipients refused: {refused}")
            return 1
    print("pass: smtplib sent an SMTPUTF8 message from jöran@example.org")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (smtplib.SMTPException, OSError) as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        sys.exit(1)
