"""Checks `hookbench message` against Python's own email parser.

For every corpus message, runs the command and checks the exit status and the JSON. Then
compares what both parsers must agree on by standard: the header field names, every
header value in Raw form (with U+FFFD for bytes that are not UTF-8), the decoded subject,
and the leaf parts' media types in depth-first order.
Only messages whose header block is pure ASCII are compared for the decoded subject,
because Python's modern policy decodes raw 8-bit header bytes differently.
"""

import email
import email.policy
import json
import pathlib
import subprocess
import sys

BINARY = ".build/debug/hookbench"


def leaf_types(message):
    """Media types of the leaf parts, depth-first, stopping at attached messages."""
    if message.is_multipart() and message.get_content_maintype() == "multipart":
        types = []
        for part in message.get_payload():
            types += leaf_types(part)
        return types
    return [message.get_content_type()]


def json_leaf_types(part):
    if part.get("subParts") is not None:
        types = []
        for sub in part["subParts"]:
            types += json_leaf_types(sub)
        return types
    return [part["type"]]


def raw_form_text(value):
    """Return the RFC 8621 section 4.1.2.1 Raw form text of a compat32 header value.

    Under compat32, `raw_items()` keeps the field's bytes as surrogate escapes, without
    leading whitespace or the final line break. Bytes that are not UTF-8 become U+FFFD, one per maximal invalid
    subsequence as Python's "replace" handler does, and NUL characters are dropped.
    """
    raw = value.encode("ascii", "surrogateescape")
    return raw.decode("utf-8", "replace").replace("\0", "")


def main(corpus):
    failures = []
    checked = 0
    for path in sorted(pathlib.Path(corpus).glob("*/*.eml")):
        result = subprocess.run([BINARY, "message", str(path)], capture_output=True)
        if result.returncode != 0:
            failures.append(f"{path}: exit status {result.returncode}")
            continue
        ours = json.loads(result.stdout)
        raw = path.read_bytes()
        theirs = email.message_from_bytes(raw, policy=email.policy.compat32)
        checked += 1

        if ours["size"] != len(raw):
            failures.append(f"{path}: size {ours['size']} != {len(raw)}")
        names = [field["name"] for field in ours["headers"]]
        if names != list(theirs.keys()):
            failures.append(f"{path}: header names {names} != {list(theirs.keys())}")

        for field, (name, value) in zip(ours["headers"], theirs.raw_items()):
            expected = raw_form_text(value)
            if field["value"].lstrip() != expected:
                failures.append(f"{path}: {name} value {field['value']!r} != {expected!r}")

        header_block = raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
        if any(byte > 127 for byte in header_block):
            continue
        modern = email.message_from_bytes(raw, policy=email.policy.default)
        if theirs["subject"] is not None:
            expected = str(modern["subject"])
            if ours["subject"] != expected:
                failures.append(f"{path}: subject {ours['subject']!r} != {expected!r}")
        if leaf_types(theirs) != json_leaf_types(ours["bodyStructure"]):
            failures.append(
                f"{path}: leaf types {json_leaf_types(ours['bodyStructure'])} "
                f"!= {leaf_types(theirs)}")

    sample = pathlib.Path(corpus) / "rfc" / "002.eml"
    raw_form = json.loads(subprocess.run(
        [BINARY, "message", "--raw-form", str(sample)], capture_output=True).stdout)
    if "subject" in raw_form or "headers" not in raw_form:
        failures.append("--raw-form: parsed properties still present or headers missing")
    cbor = subprocess.run([BINARY, "message", "--cbor", str(sample)], capture_output=True)
    if cbor.returncode != 0 or b"\"blob\": h'" not in cbor.stdout:
        failures.append(f"--cbor: exit status {cbor.returncode}, no byte string for blob")

    missing = subprocess.run([BINARY, "message", "/nonexistent/none.eml"], capture_output=True)
    if missing.returncode != 65 or b"/nonexistent/none.eml" not in missing.stderr:
        failures.append(f"missing file: exit status {missing.returncode}, {missing.stderr!r}")

    print(f"message peer: {checked} messages checked, {len(failures)} failures")
    for failure in failures:
        print("  " + failure)
    return 1 if failures or checked < 60 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/eml"))
