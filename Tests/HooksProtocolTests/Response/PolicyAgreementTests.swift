import HooksProtocol
import HooksWire
import Testing

/// SplitMix64, so that every run draws the same responses from a seed.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}

/// Random responses in which every operation is valid, so that `atomic` and `per-operation`
/// must give the same result.
@Suite struct PolicyAgreementTests {
  /// Builds a random valid response for a request with `headerCount` headers and
  /// `recipientCount` recipients. Operations run set, add, delete, so the counts are tracked
  /// in that order.
  private func randomResponse(
    _ generator: inout SeededGenerator, headerCount: Int, recipientCount: Int
  ) -> JSONValue {
    var sets: [JSONValue] = []
    var adds: [JSONValue] = []
    var deletes: [JSONValue] = []
    var headers = headerCount
    var recipients = recipientCount

    for _ in 0..<Int.random(in: 0...3, using: &generator) {
      switch Int.random(in: 0...3, using: &generator) {
      case 0:
        let index = Int.random(in: 0..<headers, using: &generator)
        sets.append([
          "path": .string("/message/headers/\(index)/value"), "value": .string(" v\(index)"),
        ])
      case 1:
        let action = ["accept", "quarantine"].randomElement(using: &generator) ?? "accept"
        sets.append(["path": "/action", "value": .string(action)])
      case 2:
        sets.append(["path": "/response/message", "value": "Scanned"])
      default:
        let subject = "Subject \(Int.random(in: 0...9, using: &generator))"
        sets.append(["path": "/message/subject", "value": .string(subject)])
      }
    }
    for _ in 0..<Int.random(in: 0...3, using: &generator) {
      if Bool.random(using: &generator) {
        let index = Int.random(in: 0...headers, using: &generator)
        let header: JSONValue = ["name": "X-Random", "value": .string(" \(index)")]
        var operation = JSONObject([("path", "/message/headers"), ("value", header)])
        if Bool.random(using: &generator) { operation["index"] = .integer(index) }
        adds.append(.object(operation))
        headers += 1
      } else {
        let address = "added\(recipients)@example.com"
        adds.append([
          "path": "/envelope/to", "value": ["address": .string(address), "parameters": [:]],
        ])
        recipients += 1
      }
    }
    for _ in 0..<Int.random(in: 0...2, using: &generator) {
      if headers > 1 && Bool.random(using: &generator) {
        let index = Int.random(in: 0..<headers, using: &generator)
        deletes.append(["path": .string("/message/headers/\(index)")])
        headers -= 1
      } else if recipients > 1 {
        let index = Int.random(in: 0..<recipients, using: &generator)
        deletes.append(["path": .string("/envelope/to/\(index)")])
        recipients -= 1
      }
    }
    return ["set": .array(sets), "add": .array(adds), "delete": .array(deletes)]
  }

  @Test func policiesAgreeOnValidResponses() {
    var generator = SeededGenerator(seed: 0x4D54_4148_6F6F_6B73)
    let request = SampleRequests.request(
      stage: .data, recipients: ["one@example.com", "two@example.com"])
    for round in 0..<300 {
      let body = randomResponse(&generator, headerCount: 3, recipientCount: 2)
      let atomic = ResponseProcessor.process(
        body: body, request: request, rules: ResponseRules(stage: .data, policy: .atomic))
      let perOperation = ResponseProcessor.process(
        body: body, request: request, rules: ResponseRules(stage: .data, policy: .perOperation))
      #expect(atomic.isValid, "round \(round): \(atomic.rule)")
      #expect(perOperation.isValid, "round \(round): \(perOperation.rule)")
      #expect(atomic.request == perOperation.request, "round \(round)")
      #expect(atomic.action == perOperation.action, "round \(round)")
      #expect(atomic.statuses == perOperation.statuses, "round \(round)")
    }
  }
}
