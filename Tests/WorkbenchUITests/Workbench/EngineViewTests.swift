import Testing
import WorkbenchUI

/// View modes on the real engine running `welcome.json` with its rule scanners in-process.
@Suite("Engine views", .serialized)
struct EngineViewTests {
  @Test("v cycles the request view")
  func cycleRequestView() throws {
    let harness = try EngineHarness(scenario: "welcome.json")
    harness.press(.character("n"))
    #expect(harness.dump().contains("Request json"))

    harness.press(.character("v"))
    let cbor = harness.dump(width: 160, height: 45)
    #expect(cbor.contains("Request cbor (connect → gatekeeper)"))
    #expect(cbor.contains("│  \"stage\": \"connect\","))
    // welcome.json's scanners take JSON, so the view says the CBOR form was not what was sent.
    #expect(cbor.contains("│sent as JSON; shown encoded as CBOR (316 bytes):"))
    #expect(cbor.contains("│bytes:"))
    #expect(cbor.contains("│00000000  ae 65 73 74 61 67 65 67  63 6f 6e 6e 65 ›"))

    harness.press(.character("v"))
    let http = harness.dump(width: 160, height: 45)
    #expect(http.contains("Request http (connect → gatekeeper)"))
    #expect(http.contains("│-> POST memory://gatekeeper/hooks/connect HTTP/1.1"))
    #expect(http.contains("│-> X-MTA-Hooks-Request-Id: req0001"))
    #expect(http.contains("│<- HTTP/1.1 200 OK"))

    harness.press(.character("v"))
    #expect(harness.dump().contains("Request json"))
  }

  @Test("v cycles the result view with change marks")
  func cycleResultView() throws {
    let harness = try EngineHarness(scenario: "welcome.json")
    try harness.step(to: "spam-check")
    harness.press(.tab, .tab)

    harness.press(.character("v"))
    let headers = harness.dump(width: 160, height: 45)
    #expect(headers.contains("Result headers"))
    #expect(headers.contains("│+ X-Spam-Score: 0.1"))
    #expect(headers.contains("│  Subject: Welcome to HookBench"))

    harness.press(.character("v"))
    let raw = harness.dump(width: 160, height: 45)
    #expect(raw.contains("Result raw"))
    #expect(raw.contains("│  This message walks through every inbound stage."))

    harness.press(.character("v"))
    let diff = harness.dump(width: 160, height: 45)
    #expect(diff.contains("Result diff"))
    #expect(diff.contains("│+ X-Spam-Score: 0.1"))

    harness.press(.character("v"))
    let state = harness.dump(width: 160, height: 45)
    #expect(state.contains("Result state"))
    #expect(state.contains("│+   X-Spam-Score: 0.1"))
  }
}
