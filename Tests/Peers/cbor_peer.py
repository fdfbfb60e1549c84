#!/usr/bin/env python3
"""Differential check of HookBench's CBOR codec against Python cbor2.

Two steps, with HookBench's Swift test CBORPeerTests in between:

  cbor_peer.py generate CASES.jsonl [--count N] [--seed S]
      Generates N random data items with a fixed seed, encodes them with cbor2 (or, for
      indefinite-length items, from cbor2-encoded parts) and writes one JSON line per case:
      {"id", "cbor": hex, "diagnostic": expected diagnostic notation}. The expected values
      come from decoding the bytes back with cbor2.

  cbor_peer.py check CASES.jsonl RESULTS.jsonl
      Reads HookBench's results (its diagnostic, its re-encoding, its JSON mapping and its
      JSON-to-CBOR encoding of each case) and checks them against cbor2. The re-encoding
      must equal the input and decode with cbor2 to the same value. The JSON must match the
      documented mapping. The JSON-to-CBOR bytes must be the preferred encoding and decode
      with cbor2 to the JSON value. Prints "cbor2 differential: N passed, M failed".
"""

import argparse
import base64
import json
import math
import random
import struct
import sys

import cbor2

MAX_UINT64 = 2**64 - 1


def loads(encoded):
    """cbor2.loads, with the tuples and frozen dicts that cbor2 returns for items inside tags
    made lists and dicts."""
    return as_lists(cbor2.loads(encoded))


def as_lists(value):
    if isinstance(value, (list, tuple)):
        return [as_lists(item) for item in value]
    if isinstance(value, dict) or type(value).__name__ == "frozendict":
        return {key: as_lists(item) for key, item in value.items()}
    if isinstance(value, cbor2.CBORTag):
        return cbor2.CBORTag(value.tag, as_lists(value.value))
    return value


# ---- diagnostic notation (RFC 8949 section 8), as HookBench documents it ----


def float_text(value):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "-Infinity" if value < 0 else "Infinity"
    text = repr(value)
    if "e" not in text:
        return text if "." in text else text + ".0"
    mantissa, exponent = text.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    sign = exponent[0] if exponent[0] in "+-" else ""
    digits = exponent.lstrip("+-").lstrip("0") or "0"
    return f"{mantissa}e{sign}{digits}"


def quoted(text):
    out = ['"']
    escapes = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
               "\t": "\\t"}
    for character in text:
        if character in escapes:
            out.append(escapes[character])
        elif 0x20 <= ord(character) < 0x7F:
            out.append(character)
        else:
            units = character.encode("utf-16-be")
            for index in range(0, len(units), 2):
                out.append("\\u%04x" % int.from_bytes(units[index:index + 2], "big"))
    out.append('"')
    return "".join(out)


def magnitude_bytes(number):
    return number.to_bytes((number.bit_length() + 7) // 8, "big")


def diagnostic(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if value is cbor2.undefined:
        return "undefined"
    if isinstance(value, cbor2.CBORSimpleValue):
        return f"simple({value.value})"
    if isinstance(value, int):
        if value > MAX_UINT64:
            return f"2(h'{magnitude_bytes(value).hex()}')"
        if value < -MAX_UINT64 - 1:
            return f"3(h'{magnitude_bytes(-1 - value).hex()}')"
        return str(value)
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bytes):
        return f"h'{value.hex()}'"
    if isinstance(value, list):
        return "[" + ", ".join(diagnostic(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{diagnostic(k)}: {diagnostic(v)}" for k, v in value.items()) + "}"
    if isinstance(value, cbor2.CBORTag):
        return f"{value.tag}({diagnostic(value.value)})"
    raise TypeError(f"no diagnostic form for {type(value).__name__}")


# ---- the documented JSON mapping ----


class NoJSONForm(Exception):
    pass


MAX_BIGNUM_BYTES = 128


def json_equivalent(value):
    """The Python value of HookBench's JSON mapping, with bytes kept as bytes."""
    if value is cbor2.undefined or value is None:
        return None
    if isinstance(value, cbor2.CBORSimpleValue):
        raise NoJSONForm(f"simple({value.value})")
    if isinstance(value, bool) or isinstance(value, (str, bytes, float)):
        return value
    if isinstance(value, int):
        magnitude = value if value >= 0 else -1 - value
        if magnitude > MAX_UINT64 and len(magnitude_bytes(magnitude)) > MAX_BIGNUM_BYTES:
            raise NoJSONForm("bignum too large")
        return value
    if isinstance(value, list):
        return [json_equivalent(item) for item in value]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise NoJSONForm(f"map key {key!r}")
            result[key] = json_equivalent(item)
        return result
    if isinstance(value, cbor2.CBORTag):
        return json_equivalent(value.value)
    raise NoJSONForm(type(value).__name__)


def as_json_text_value(value):
    """The mapping as JSON text would carry it: Base64 for bytes, null for NaN and infinities."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [as_json_text_value(item) for item in value]
    if isinstance(value, dict):
        return {key: as_json_text_value(item) for key, item in value.items()}
    return value


def header(major, argument):
    if argument < 24:
        return bytes([major << 5 | argument])
    for additional, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | additional]) + argument.to_bytes(size, "big")
    raise ValueError(argument)


def preferred_encoding(value):
    """Preferred serialization of a JSON-equivalent value with map order kept."""
    if isinstance(value, dict):
        parts = [header(5, len(value))]
        for key, item in value.items():
            parts.append(cbor2.dumps(key, canonical=True))
            parts.append(preferred_encoding(item))
        return b"".join(parts)
    if isinstance(value, list):
        return header(4, len(value)) + b"".join(preferred_encoding(item) for item in value)
    return cbor2.dumps(value, canonical=True)


def strictly_equal(left, right):
    """Equality that keeps int, float and bool apart, checks map order, and matches NaN."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        if math.isnan(left) and math.isnan(right):
            return True
        return left == right and math.copysign(1, left) == math.copysign(1, right)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(strictly_equal, left, right))
    if isinstance(left, dict):
        return list(left) == list(right) and all(
            strictly_equal(left[key], right[key]) for key in left)
    if isinstance(left, cbor2.CBORTag):
        return left.tag == right.tag and strictly_equal(left.value, right.value)
    return left == right


# ---- generation ----


def usable_tags():
    """Tag numbers that cbor2 decodes back to a plain CBORTag (no semantic conversion)."""
    candidates = list(range(6, 21)) + list(range(39, 100)) + [1000, 1001, 1002, 1003, 40000,
                                                             2**32 + 5, MAX_UINT64]
    usable = []
    for tag in candidates:
        try:
            decoded = cbor2.loads(cbor2.dumps(cbor2.CBORTag(tag, "x")))
        except Exception:
            continue
        if isinstance(decoded, cbor2.CBORTag) and decoded.tag == tag:
            usable.append(tag)
    return usable


class Generator:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.tags = usable_tags()

    def integer(self):
        r = self.random
        edges = [0, 1, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**63,
                 MAX_UINT64]
        choice = r.randrange(6)
        if choice == 0:
            return r.choice(edges)
        if choice == 1:
            return -1 - r.choice(edges)
        if choice == 2:
            return r.randrange(-(2**64), 2**64)
        if choice == 3:
            # Bignums, which cbor2 writes as tag 2 or 3.
            magnitude = r.randrange(2**64, 2**r.choice([65, 80, 128, 512]))
            return magnitude if r.random() < 0.5 else -1 - magnitude
        return r.randrange(-1000, 1000)

    def float(self):
        r = self.random
        choice = r.randrange(7)
        if choice == 0:
            return r.choice([0.0, -0.0, 1.0, 1.5, -4.1, 65504.0, 100000.0, 1.0e300,
                             5.960464477539063e-08,
                             float("inf"), float("-inf"), float("nan"), 1e16, 1e-5, 0.1])
        if choice == 1:
            # Exact binary16 values.
            bits = r.randrange(0, 0x7C00) | r.choice([0, 0x8000])
            return struct.unpack(">e", struct.pack(">H", bits))[0]
        if choice == 2:
            # Exact binary32 values.
            bits = r.randrange(0, 0x7F800000) | r.choice([0, 0x80000000])
            return struct.unpack(">f", struct.pack(">I", bits))[0]
        if choice == 3:
            bits = r.randrange(0, 0x7FF0000000000000)
            return struct.unpack(">d", struct.pack(">Q", bits))[0]
        return r.uniform(-1e6, 1e6)

    def text(self):
        r = self.random
        alphabet = ("abcXYZ019 _-\"\\/\n\t\r\x00\x1f\x7f~" + "\u00fc\u00e9\u6c34\u20ac"
                    + "\U0001F600\U00010151")
        return "".join(r.choice(alphabet) for _ in range(r.choice([0, 1, 3, 10, 30])))

    def bytes(self):
        r = self.random
        return bytes(r.randrange(256) for _ in range(r.choice([0, 1, 5, 24, 40])))

    def scalar(self):
        r = self.random
        kind = r.randrange(40)
        if kind < 12:
            return self.integer()
        if kind < 22:
            return self.float()
        if kind < 30:
            return self.text()
        if kind < 35:
            return self.bytes()
        if kind < 39:
            return r.choice([True, False, None, cbor2.undefined])
        # A simple value other than false, true, null and undefined: no JSON form.
        return cbor2.CBORSimpleValue(r.choice(list(range(0, 20)) + list(range(32, 256))))

    def value(self, depth=0):
        r = self.random
        kind = r.randrange(20) if depth < 4 else 0
        if kind < 8:
            return self.scalar()
        if kind < 12:
            return [self.value(depth + 1) for _ in range(r.choice([0, 1, 2, 3, 5]))]
        if kind < 17:
            return {self.text(): self.value(depth + 1) for _ in range(r.choice([0, 1, 2, 4]))}
        if kind == 17:
            # A map with non-text keys, which has no JSON form.
            return {self.integer(): self.value(depth + 1) for _ in range(r.choice([1, 2]))}
        return cbor2.CBORTag(r.choice(self.tags), self.value(depth + 1))

    def indefinite(self):
        """An indefinite-length item built from cbor2-encoded parts, and its diagnostic."""
        r = self.random
        kind = r.choice(["array", "map", "bytes", "text"])
        if kind == "array":
            items = [cbor2.dumps(self.value(2)) for _ in range(r.choice([0, 1, 3]))]
            parts = [diagnostic(loads(item)) for item in items]
            return b"\x9f" + b"".join(items) + b"\xff", "[_ " + ", ".join(parts) + "]"
        if kind == "map":
            pairs = [(cbor2.dumps(self.text()), cbor2.dumps(self.value(2)))
                     for _ in range(r.choice([0, 1, 3]))]
            parts = [f"{diagnostic(loads(k))}: {diagnostic(loads(v))}" for k, v in pairs]
            body = b"".join(k + v for k, v in pairs)
            return b"\xbf" + body + b"\xff", "{_ " + ", ".join(parts) + "}"
        chunk_count = r.choice([0, 1, 3])
        chunks = [self.bytes() if kind == "bytes" else self.text() for _ in range(chunk_count)]
        encoded = [cbor2.dumps(chunk) for chunk in chunks]
        start = b"\x5f" if kind == "bytes" else b"\x7f"
        return start + b"".join(encoded) + b"\xff", "(_ " + ", ".join(map(diagnostic, chunks)) + ")"

    def case(self):
        r = self.random
        if r.random() < 0.15:
            item, diag = self.indefinite()
            if r.random() < 0.5:
                # Nest the indefinite-length item inside a definite-length array.
                other = cbor2.dumps(self.scalar())
                item = b"\x82" + item + other
                diag = f"[{diag}, {diagnostic(loads(other))}]"
            return item, diag
        value = self.value()
        encoded = cbor2.dumps(value, canonical=r.random() < 0.5)
        return encoded, diagnostic(loads(encoded))


def generate(path, count, seed):
    generator = Generator(seed)
    with open(path, "w", encoding="utf-8") as output:
        for index in range(count):
            encoded, diag = generator.case()
            case = {"id": index, "cbor": encoded.hex(), "diagnostic": diag}
            output.write(json.dumps(case) + "\n")
    print(f"cbor2 differential: wrote {count} cases to {path} (seed {seed})")


# ---- checking HookBench's results ----


def check_case(case, result):
    """The problems with HookBench's result for one case (empty when it passes), and whether
    the case went through the JSON mapping."""
    original = bytes.fromhex(case["cbor"])
    expected_value = loads(original)
    problems = []
    if result.get("decode_error"):
        return [f"HookBench failed to decode: {result['decode_error']}"], False

    if result["diagnostic"] != case["diagnostic"]:
        problems.append(f"diagnostic {result['diagnostic']!r}, cbor2 gives {case['diagnostic']!r}")

    reencoded = bytes.fromhex(result["reencoded"])
    if reencoded != original:
        problems.append(f"re-encoding {reencoded.hex()} differs from the input")
    try:
        if not strictly_equal(loads(reencoded), expected_value):
            problems.append("cbor2 decodes the re-encoding to another value")
    except Exception as error:
        problems.append(f"cbor2 rejects the re-encoding: {error}")

    try:
        json_value = json_equivalent(expected_value)
    except NoJSONForm as reason:
        if result.get("json_error") is None:
            problems.append(
                f"expected a JSON conversion error ({reason}), got {result.get('json')!r}")
        return problems, False

    if result.get("json_error") is not None:
        return problems + [f"unexpected JSON conversion error: {result['json_error']}"], True
    actual_json = json.loads(result["json"])
    if not strictly_equal(actual_json, as_json_text_value(json_value)):
        problems.append(f"JSON {result['json']} differs from the mapping of {expected_value!r}")

    json_cbor = bytes.fromhex(result["json_cbor"])
    expected = preferred_encoding(json_value)
    if json_cbor != expected:
        problems.append(f"JSON-to-CBOR {json_cbor.hex()} is not the preferred {expected.hex()}")
    try:
        if not strictly_equal(loads(json_cbor), json_value):
            problems.append("cbor2 decodes the JSON-to-CBOR bytes to another value")
    except Exception as error:
        problems.append(f"cbor2 rejects the JSON-to-CBOR bytes: {error}")
    return problems, True


def check(cases_path, results_path, minimum):
    with open(cases_path, encoding="utf-8") as lines:
        cases = [json.loads(line) for line in lines if line.strip()]
    try:
        with open(results_path, encoding="utf-8") as lines:
            results = {entry["id"]: entry for entry in map(json.loads, filter(str.strip, lines))}
    except FileNotFoundError:
        print(f"error: {results_path} not found; did the CBORPeerTests Swift test run?")
        return 1

    passed = failed = through_json = 0
    for case in cases:
        result = results.get(case["id"])
        if result is None:
            problems, json_checked = ["HookBench wrote no result"], False
        else:
            problems, json_checked = check_case(case, result)
        through_json += json_checked
        if problems:
            failed += 1
            if failed <= 20:
                print(f"case {case['id']} ({case['cbor'][:80]}):")
                for problem in problems:
                    print(f"  {problem}")
        else:
            passed += 1
    print(f"{through_json} cases also went through the JSON mapping and back")
    print(f"cbor2 differential: {passed} passed, {failed} failed")
    if through_json < minimum:
        print(f"error: only {through_json} cases went through the JSON mapping; "
              f"at least {minimum} are required, so raise --count")
        return 1
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    generate_parser = commands.add_parser("generate", help="write the cases file")
    generate_parser.add_argument("cases")
    generate_parser.add_argument("--count", type=int, default=700, help="number of cases")
    generate_parser.add_argument("--seed", type=int, default=8949, help="random seed")
    check_parser = commands.add_parser("check", help="check HookBench's results file")
    check_parser.add_argument("cases")
    check_parser.add_argument("results")
    check_parser.add_argument("--minimum", type=int, default=500,
                              help="fail when fewer cases than this went through JSON")
    arguments = parser.parse_args()
    if arguments.command == "generate":
        generate(arguments.cases, arguments.count, arguments.seed)
        return 0
    return check(arguments.cases, arguments.results, arguments.minimum)


if __name__ == "__main__":
    sys.exit(main())
