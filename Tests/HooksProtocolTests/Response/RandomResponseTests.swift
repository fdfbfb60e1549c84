import HooksProtocol
import HooksWire
import Testing

/// Random, mostly invalid responses: processing never traps, and under `atomic` an invalid
/// response leaves the request as it was.
@Suite struct RandomResponseTests {
  private static let paths = [
    "/action", "/response", "/response/code", "/response/enhancedCode", "/message",
    "/message/headers", "/message/headers/0", "/message/headers/9", "/message/headers/1/value",
    "/message/subject", "/message/size", "/rawMessage", "/envelope", "/envelope/from",
    "/envelope/to", "/envelope/to/0", "/envelope/to/0/parameters/NOTIFY", "/client/ip", "",
    "/", "~", "/envelope/to/-", "/envelope/to/01",
  ]

  private func randomValue(_ generator: inout SeededGenerator, depth: Int = 0) -> JSONValue {
    switch Int.random(in: 0...9, using: &generator) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &generator))
    case 2: return .integer(Int.random(in: -1...999, using: &generator))
    case 3:
      return ["accept", "reject", "quarantine", "cancel", "a\r\nb", "", "x@y"][
        Int.random(in: 0...6, using: &generator)]
    case 4: return ["name": "X-Random", "value": " ok"]
    case 5: return ["address": "user@example.com", "parameters": ["NOTIFY": "NEVER"]]
    case 6: return ["code": .integer(Int.random(in: 100...600, using: &generator)), "message": "m"]
    case 7 where depth < 2:
      return .array(
        (0..<Int.random(in: 0...3, using: &generator)).map { _ in
          randomValue(&generator, depth: depth + 1)
        })
    default: return .string(Base64.encode(Array("Subject: r\r\n\r\nbody\r\n".utf8)))
    }
  }

  private func randomBody(_ generator: inout SeededGenerator) -> JSONValue {
    var body = JSONObject()
    for kind in ["set", "add", "delete", "other"] where Bool.random(using: &generator) {
      if kind == "other" && Int.random(in: 0...4, using: &generator) > 0 { continue }
      let operations = (0..<Int.random(in: 0...3, using: &generator)).map { _ -> JSONValue in
        var operation = JSONObject()
        operation["path"] = .string(Self.paths.randomElement(using: &generator) ?? "/action")
        if kind != "delete" { operation["value"] = randomValue(&generator) }
        if kind == "add" && Bool.random(using: &generator) {
          operation["index"] = .integer(Int.random(in: -1...8, using: &generator))
        }
        return .object(operation)
      }
      body[kind] = .array(operations)
    }
    return .object(body)
  }

  @Test func randomBodiesNeverTrap() {
    var generator = SeededGenerator(seed: 20_261_204)
    let request = SampleRequests.request(stage: .data)
    for round in 0..<400 {
      let body = randomBody(&generator)
      let atomic = ResponseProcessor.process(
        body: body, request: request, rules: ResponseRules(stage: .data))
      let perOperation = ResponseProcessor.process(
        body: body, request: request, rules: ResponseRules(stage: .data, policy: .perOperation))
      if !atomic.isValid {
        #expect(atomic.changedRequest == false, "round \(round)")
        #expect(atomic.request["message"] == request["message"], "round \(round)")
        #expect(atomic.request["envelope"] == request["envelope"], "round \(round)")
      }
      #expect(!atomic.rule.isEmpty, "round \(round)")
      #expect(perOperation.outcomes.count == atomic.outcomes.count, "round \(round)")
    }
  }
}
