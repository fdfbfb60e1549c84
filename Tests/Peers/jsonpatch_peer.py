#!/usr/bin/env python3
"""Differential test of `hookbench patch` against Python's jsonpatch and jsonpointer.

Generates documents and patches from a fixed seed, applies each through the peer and through
the hookbench binary, and compares the outcome (success or error) and the resulting document,
member order included. Two kinds of case are generated:

- RFC 6902 JSON Patch arrays, whose reference is jsonpatch.apply_patch;
- draft set/add/delete objects, whose reference is `apply_draft` below: the draft's rules
  written on top of jsonpointer's token parsing and array-index checks.

jsonpatch 1.33 and jsonpointer 3.1 differ from RFC 6902 and RFC 6901 in the ways listed below.
HookBench follows the RFCs there, and its Swift tests cover each case, so the generator never
produces them:

- `test` compares with Python's ==, so true equals 1;
- a pointer may index into a string ("/s/0" is the first character);
- `copy` with "from": "" fails;
- `replace` fails on any path that ends in "-", even on an object member named "-";
- `move` into the source's own child is rejected only when the source is an object member.

Usage: jsonpatch_peer.py HOOKBENCH [--cases N] [--seed S]
Prints `jsonpatch differential: N passed, M failed` and exits 1 on any failure.
"""

import argparse
import copy
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import jsonpatch
import jsonpointer

KEYS = ["a", "b", "c", "to", "headers", "x/y", "m~n", "", "0", "-"]


class Generator:
    """Builds random documents and operations from one seeded random source."""

    def __init__(self, seed):
        self.random = random.Random(seed)

    def scalar(self):
        # No strings here: jsonpointer would index into them (see the module docstring).
        return self.random.choice([0, 1, 2, -7, 3.5, 1.0, True, False, None, 12345678901])

    def leaf(self):
        if self.random.random() < 0.4:
            return self.random.choice(["x", "héllo", "", "a b"])
        return self.scalar()

    def value(self, depth):
        roll = self.random.random()
        if depth <= 0 or roll < 0.3:
            return self.leaf()
        if roll < 0.65:
            return [self.value(depth - 1) for _ in range(self.random.randint(0, 4))]
        members = {}
        for key in self.random.sample(KEYS, self.random.randint(0, 4)):
            members[key] = self.value(depth - 1)
        return members

    def document(self):
        members = {}
        for key in self.random.sample(KEYS, self.random.randint(1, 5)):
            members[key] = self.value(3)
        return members


def escape(token):
    return token.replace("~", "~0").replace("/", "~1")


def pointer(tokens):
    return "".join("/" + escape(str(token)) for token in tokens)


def paths(document, prefix=()):
    """Every path in the document, with its value."""
    found = [(prefix, document)]
    if isinstance(document, dict):
        for key, value in document.items():
            found += paths(value, prefix + (key,))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += paths(value, prefix + (index,))
    return found


def strictly_equal(left, right):
    """JSON equality: numbers by value, but Booleans never equal numbers."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(
            strictly_equal(left[key], right[key]) for key in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(
            strictly_equal(a, b) for a, b in zip(left, right))
    return type(left) is type(right) and left == right


def crosses_string(document, tokens):
    """Whether following the tokens steps into a string before the last token."""
    current = document
    for token in tokens:
        if isinstance(current, str):
            return True
        try:
            current = current[token]
        except (KeyError, IndexError, TypeError):
            return False
    return False


class CaseBuilder:
    """Picks valid and invalid paths and builds operations for one document."""

    def __init__(self, generator, document):
        self.random = generator.random
        self.generator = generator
        self.document = document

    def existing_path(self):
        tokens, value = self.random.choice(paths(self.document))
        return list(tokens), value

    def broken_tokens(self):
        """A path that does not resolve, of one of the kinds the engine must reject."""
        tokens, value = self.existing_path()
        kind = self.random.choice(["missing", "range", "zero", "dash", "word", "scalar"])
        if isinstance(value, list):
            return tokens + ({
                "range": [len(value) + self.random.randint(0, 2)],
                "zero": ["0" + str(self.random.randint(0, 3))],
                "dash": ["-"],
                "word": [self.random.choice(["x", "1e0", "+1", " 1"])],
            }.get(kind, [len(value) + 1]))
        if isinstance(value, dict):
            return tokens + ["absent", "deeper"] if kind == "missing" else tokens + ["absent"]
        if isinstance(value, str):
            return ["absent", "x"]
        return tokens + ["x"]

    def maybe_broken(self, tokens, rate=0.12):
        if self.random.random() < rate:
            broken = self.broken_tokens()
            if not crosses_string(self.document, broken):
                return broken
        return tokens

    def container_target(self):
        """A path where an RFC 6902 add or the target of a move or copy may go."""
        tokens, value = self.existing_path()
        if isinstance(value, list):
            position = self.random.choice(["-", len(value), 0, self.random.randint(0, len(value))])
            return tokens + [position]
        if isinstance(value, dict):
            return tokens + [self.random.choice(KEYS + ["new"])]
        return tokens

    def other_value(self, current):
        for _ in range(20):
            candidate = self.generator.value(2)
            if (candidate == current) == strictly_equal(candidate, current):
                return candidate
        return "different"


def json_patch_case(generator):
    document = generator.document()
    builder = CaseBuilder(generator, document)
    random_source = generator.random
    operations = []
    for _ in range(random_source.randint(1, 3)):
        kind = random_source.choice(["add", "remove", "replace", "move", "copy", "test"])
        tokens, value = builder.existing_path()
        if kind == "add":
            target = builder.maybe_broken(builder.container_target())
            operation = {"op": "add", "path": pointer(target), "value": generator.value(2)}
        elif kind in ("remove", "replace"):
            target = builder.maybe_broken(tokens)
            if kind == "replace" and target and target[-1] == "-":
                continue
            operation = {"op": kind, "path": pointer(target)}
            if kind == "replace":
                operation["value"] = generator.value(2)
        elif kind in ("move", "copy"):
            source = builder.maybe_broken(tokens)
            if kind == "copy" and not source:
                source = builder.broken_tokens()
            target = builder.maybe_broken(builder.container_target(), rate=0.08)
            if crosses_string(document, target) or crosses_string(document, source):
                continue
            into_own_child = len(source) < len(target) and target[:len(source)] == source
            if kind == "move" and source and into_own_child and isinstance(source[-1], int):
                continue
            operation = {"op": kind, "from": pointer(source), "path": pointer(target)}
        else:
            if crosses_string(document, tokens):
                continue
            expected = copy.deepcopy(value) if random_source.random() < 0.7 else (
                builder.other_value(value))
            target = builder.maybe_broken(tokens, rate=0.08)
            operation = {"op": "test", "path": pointer(target), "value": expected}
        if random_source.random() < 0.03:
            # A structurally broken operation: a missing member or a pointer without "/".
            broken = dict(operation)
            broken.pop(random_source.choice(["path", "value", "from", "op"]), None)
            if random_source.random() < 0.5 and "path" in broken:
                broken["path"] = broken["path"].lstrip("/") or "a"
            operation = broken
        operations.append(operation)
    return document, operations


class DraftError(Exception):
    """A draft operation that the draft's rules reject."""


def resolve(document, parts):
    """Follows jsonpointer's parts, rejecting '-' and steps into scalars or strings."""
    current = document
    for part in parts:
        if not isinstance(current, (dict, list)):
            raise DraftError("step into a scalar")
        index = jsonpointer.JsonPointer("").get_part(current, part)
        if isinstance(current, list) and (index == "-" or index >= len(current)):
            raise DraftError("index out of range")
        if isinstance(current, dict) and index not in current:
            raise DraftError("missing member")
        current = current[index]
    return current


def apply_draft(document, body):
    """The draft's set/add/delete rules, atomic: every set, then add, then delete."""
    document = copy.deepcopy(document)
    try:
        for kind in ("set", "add", "delete"):
            for operation in body.get(kind) or []:
                parts = jsonpointer.JsonPointer(operation["path"]).parts
                value = copy.deepcopy(operation.get("value"))
                if kind == "set":
                    resolve(document, parts)
                    if not parts:
                        document = value
                        continue
                    parent = resolve(document, parts[:-1])
                    parent[jsonpointer.JsonPointer("").get_part(parent, parts[-1])] = value
                elif kind == "delete":
                    if not parts:
                        raise DraftError("delete of the whole document")
                    resolve(document, parts)
                    parent = resolve(document, parts[:-1])
                    del parent[jsonpointer.JsonPointer("").get_part(parent, parts[-1])]
                else:
                    index = operation.get("index")
                    parent = resolve(document, parts[:-1]) if parts else None
                    if parts and isinstance(parent, dict) and parts[-1] not in parent:
                        if index is not None:
                            raise DraftError("index on an object target")
                        parent[parts[-1]] = value
                        continue
                    target = resolve(document, parts)
                    if not isinstance(target, list):
                        raise DraftError("target exists and is not an array")
                    if index is None:
                        target.append(value)
                    elif index > len(target):
                        raise DraftError("index out of range")
                    else:
                        target.insert(index, value)
    except (DraftError, jsonpointer.JsonPointerException):
        return False, None
    return True, document


def draft_case(generator):
    document = generator.document()
    builder = CaseBuilder(generator, document)
    random_source = generator.random
    body = {}
    for kind in random_source.sample(["set", "add", "delete"], random_source.randint(1, 3)):
        operations = []
        for _ in range(random_source.randint(1, 2)):
            tokens, value = builder.existing_path()
            if kind == "add":
                if isinstance(value, list) or random_source.random() < 0.2:
                    operation = {"path": pointer(tokens), "value": generator.value(2)}
                    if isinstance(value, list) and random_source.random() < 0.6:
                        operation["index"] = random_source.randint(0, len(value) + 1)
                else:
                    target = builder.container_target()
                    operation = {"path": pointer(target), "value": generator.value(1)}
            else:
                target = builder.maybe_broken(tokens, rate=0.1)
                operation = {"path": pointer(target)}
                if kind == "set":
                    operation["value"] = generator.value(2)
            if crosses_string(document, jsonpointer.JsonPointer(operation["path"]).parts):
                continue
            operations.append(operation)
        body[kind] = operations
    return document, body


def loose_test_passes(document, operations):
    """Whether a `test` passed only because Python's == treats true as 1.

    An earlier operation can change the tested value, so each test is checked against the
    document as jsonpatch leaves it just before that test.
    """
    current = copy.deepcopy(document)
    for operation in operations:
        if operation["op"] == "test":
            actual = jsonpointer.resolve_pointer(current, operation["path"])
            if not strictly_equal(actual, operation["value"]):
                return True
        current = jsonpatch.apply_patch(current, [copy.deepcopy(operation)])
    return False


def run_hookbench(binary, folder, number, document, response):
    request_path = os.path.join(folder, f"{number}-request.json")
    response_path = os.path.join(folder, f"{number}-response.json")
    with open(request_path, "w") as handle:
        json.dump(document, handle)
    with open(response_path, "w") as handle:
        json.dump(response, handle)
    completed = subprocess.run(
        [binary, "patch", "--pointer-only", "--request", request_path,
         "--response", response_path],
        capture_output=True, text=True, timeout=30)
    if completed.returncode == 0:
        return True, json.loads(completed.stdout, object_pairs_hook=list), completed.stderr
    return completed.returncode, None, completed.stderr


def ordered(value):
    """The value with objects as lists of pairs, so that member order takes part in ==."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [ordered(item) for item in value]
    return value


def from_pairs(value):
    if isinstance(value, list) and all(isinstance(item, tuple) for item in value) and value:
        return [(key, from_pairs(item)) for key, item in value]
    if isinstance(value, list):
        return [from_pairs(item) for item in value]
    return value


def same_document(expected, actual):
    return typed(ordered(expected)) == typed(from_pairs(actual))


def typed(value):
    """Tags numbers and Booleans with their type so that true never equals 1."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, tuple):
        return tuple(typed(item) for item in value)
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("hookbench")
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20261204)
    arguments = parser.parse_args()

    generator = Generator(arguments.seed)
    cases = []
    while len(cases) < arguments.cases:
        number = len(cases)
        if number % 3 == 2:
            document, body = draft_case(generator)
            succeeded, expected = apply_draft(document, body)
            cases.append(("draft", document, body, succeeded, expected))
        else:
            document, operations = json_patch_case(generator)
            try:
                # jsonpatch puts the patch's own values into the result, and later operations
                # edit them in place, so it gets a copy of the patch.
                expected = jsonpatch.apply_patch(document, copy.deepcopy(operations))
                if loose_test_passes(document, operations):
                    continue
                cases.append(("json-patch", document, operations, True, expected))
            except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException,
                    TypeError, KeyError, IndexError):
                # jsonpatch 1.33 lets some invalid paths (such as "from": "/list/-") through
                # to Python's indexing, which raises TypeError, KeyError or IndexError.
                cases.append(("json-patch", document, operations, False, None))

    passed = 0
    failures = []
    with tempfile.TemporaryDirectory(prefix="jsonpatch-peer-") as folder:
        def check(numbered):
            number, (kind, document, response, succeeded, expected) = numbered
            status, actual, errors = run_hookbench(
                arguments.hookbench, folder, number, document, response)
            if succeeded and status is True and same_document(expected, actual):
                return None
            if not succeeded and status == 65 and errors.startswith("error: invalid response"):
                return None
            return (number, kind, document, response, succeeded, expected, status, actual, errors)

        with ThreadPoolExecutor(max_workers=2) as pool:
            for outcome in pool.map(check, enumerate(cases)):
                if outcome is None:
                    passed += 1
                else:
                    failures.append(outcome)

    for number, kind, document, response, succeeded, expected, status, actual, errors in (
            failures[:10]):
        print(f"case {number} ({kind}): document {json.dumps(document)}")
        print(f"  response {json.dumps(response)}")
        print(f"  peer: {'ok ' + json.dumps(expected) if succeeded else 'error'}")
        print(f"  hookbench: exit {status} {json.dumps(actual) if actual else ''} {errors.strip()}")

    successes = sum(1 for case in cases if case[3])
    print(f"cases: {len(cases)} ({successes} succeed and {len(cases) - successes} fail in the peer; "
          f"{sum(1 for case in cases if case[0] == 'draft')} draft, "
          f"{sum(1 for case in cases if case[0] == 'json-patch')} JSON Patch)")
    print(f"jsonpatch differential: {passed} passed, {len(failures)} failed")
    if failures or successes < len(cases) // 5 or successes > len(cases) * 4 // 5:
        sys.exit(1)


if __name__ == "__main__":
    main()
