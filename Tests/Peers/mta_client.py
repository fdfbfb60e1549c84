#!/usr/bin/env python3
"""Acts as a draft-01 MTA against `hookbench scanner` using only http.client.

Usage: mta_client.py DISCOVERY_URL TOKEN

The scanner must serve samples/scanners/spam-score.json. Each check prints one
"pass:" or "FAIL:" line; the exit status is 1 when any check failed.
"""

import http.client
import json
import sys
import urllib.parse

failures = 0


def check(name, condition, detail=""):
    global failures
    if condition:
        print(f"pass: {name}")
    else:
        failures += 1
        print(f"FAIL: {name} {detail}".rstrip())


def request(connection, method, path, headers=None, body=None):
    """Sends one request on the kept-alive connection and returns (status, headers, json or None)."""
    payload = None if body is None else json.dumps(body).encode()
    all_headers = dict(headers or {})
    if payload is not None:
        all_headers["Content-Type"] = "application/json"
    connection.request(method, path, body=payload, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    parsed = None
    if data and response.getheader("Content-Type", "").startswith("application/json"):
        parsed = json.loads(data)
    return response.status, response, parsed


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    discovery_url, token = sys.argv[1], sys.argv[2]
    url = urllib.parse.urlsplit(discovery_url)
    if url.hostname not in ("127.0.0.1", "::1", "localhost"):
        print(f"error: {discovery_url} is not a loopback URL", file=sys.stderr)
        return 64
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    auth = {"Authorization": f"Bearer {token}"}

    status, _, discovery = request(connection, "GET", url.path)
    check("discovery returns 200", status == 200, f"got {status}")
    check("discovery version is 1.0", discovery and discovery.get("version") == "1.0")
    inbound = (discovery or {}).get("capabilities", {}).get("inbound") or {}
    check("discovery advertises the data stage", inbound.get("stages") == ["data"], str(inbound))
    registration_path = (discovery or {}).get("endpoints", {}).get("registration", "")

    registration_body = {
        "name": "python-mta",
        "version": "1.0",
        "serialization": "json",
        "inbound": {"stages": ["data"], "properties": None},
        "outbound": None,
    }
    status, response, registration = request(
        connection, "POST", registration_path, auth, registration_body)
    check("registration returns 201", status == 201, f"got {status}")
    registration = registration or {}
    registration_id = registration.get("registrationId", "")
    check("registration has a Location", response.getheader("Location", "").endswith(registration_id))
    hook_path = urllib.parse.urljoin(registration_path, registration.get("hookEndpoint", ""))
    check("hookEndpoint names the registration", hook_path.endswith(registration_id), hook_path)
    negotiated = registration.get("negotiated", {})
    check("negotiated serialization is json", negotiated.get("serialization") == "json")
    check("null properties came back as a list",
          isinstance(negotiated.get("inbound", {}).get("properties"), list))

    def hook(subject, request_id, extra_headers=None, registration_header=registration_id):
        headers = dict(auth)
        headers["X-MTA-Hooks-Registration"] = registration_header
        if request_id is not None:
            headers["X-MTA-Hooks-Request-Id"] = request_id
        headers.update(extra_headers or {})
        body = {
            "stage": "data",
            "action": "accept",
            "timestamp": "2026-12-04T16:30:00.000Z",
            "envelope": {"from": {"address": "sender@example.org", "parameters": {}},
                         "to": [{"address": "rcpt@example.com", "parameters": {}}]},
            "message": {"subject": subject,
                        "headers": [{"name": "Subject", "value": " " + subject}]},
        }
        return request(connection, "POST", hook_path, headers, body)

    status, _, spam = hook("You are a WINNER", "py-1")
    check("spam hook returns 200", status == 200, f"got {status}")
    check("spam is quarantined",
          (spam or {}).get("set") == [{"path": "/action", "value": "quarantine"}], str(spam))
    score = ((spam or {}).get("add") or [{}])[0].get("value", {})
    check("spam gets X-Spam-Score 9.5", score == {"name": "X-Spam-Score", "value": " 9.5"}, str(score))

    status, _, ham = hook("Minutes of Tuesday", "py-2")
    check("ham hook returns 200", status == 200, f"got {status}")
    check("ham is not quarantined", "set" not in (ham or {}), str(ham))

    status, _, error = hook("x", None)
    check("missing request id returns 400", status == 400, f"got {status}")
    check("missing request id code", (error or {}).get("error", {}).get("code") == "MISSING_REQUEST_ID")

    status, _, error = hook("x", "py-3", {"Authorization": "Bearer wrong"})
    check("wrong token returns 401", status == 401, f"got {status}")

    status, _, error = hook("x", "py-4", registration_header="reg_other")
    check("wrong registration id returns 403", status == 403, f"got {status}")
    check("mismatch code", (error or {}).get("error", {}).get("code") == "REGISTRATION_MISMATCH")

    status_path = urllib.parse.urljoin(registration_path, registration.get("endpoints", {}).get("status", ""))
    status, _, report = request(connection, "GET", status_path, auth)
    check("status returns 200", status == 200, f"got {status}")
    invocations = (report or {}).get("statistics", {}).get("invocations", {}).get("total")
    check("status counts the hook calls", invocations == 5, f"got {invocations}")

    deregistration_path = urllib.parse.urljoin(
        registration_path, registration.get("endpoints", {}).get("deregistration", ""))
    status, _, gone = request(connection, "DELETE", deregistration_path, auth)
    check("deregistration returns 200", status == 200, f"got {status}")
    check("deregistration reports deregistered", (gone or {}).get("status") == "deregistered")

    connection.close()
    print(f"mta_client.py: {failures} check(s) failed" if failures else "mta_client.py: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
