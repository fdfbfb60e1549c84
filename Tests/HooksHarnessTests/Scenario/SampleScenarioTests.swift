import Foundation
import HooksProtocol
import TestSupport
import Testing

@testable import HooksHarness

/// Every sample scenario, run through the engine over real loopback HTTP, meets its own
/// `expect` section.
@Suite("Sample scenarios")
struct SampleScenarioTests {
  static let directory = SharedFiles.repository("samples/scenarios").path

  static var samplePaths: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
  }

  @Test("samples exist, welcome first")
  func samplesExist() {
    #expect(Self.samplePaths.count >= 6)
    #expect(Self.samplePaths.contains { $0.hasSuffix("/welcome.json") })
  }

  @Test("sample meets its expect", arguments: samplePaths)
  func sampleMeetsExpect(path: String) throws {
    let scenario = try Scenario.load(path: path)
    let expectation = try #require(scenario.expect, "every sample needs an expect section")
    let run = ScenarioRun.live(scenario)
    let outcome = run.runToEnd()
    let mismatches = expectation.mismatches(
      outcome: outcome, finalState: RequestBuilder.request(for: run.machine.state))
    #expect(mismatches == [], "\(path)")
    #expect(expectation.exitStatus != nil)
  }
}
