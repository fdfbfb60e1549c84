import Foundation
import Testing

/// Runs `hookbench bench` with one or two timed runs, so that the test checks the output and
/// the inputs but never the speed.
@Suite struct BenchCommandTests {
  @Test func tinyRunPrintsTable() throws {
    let run = try PatchCommandTests.run([
      "bench", "--iterations", "1", "--warmup", "0", "--only", "patch",
    ])
    #expect(run.status == 0)
    #expect(run.output.contains("1 timed runs per operation after 0 warm-up runs"))
    let heading = run.output.split(separator: "\n").first { $0.hasPrefix("group") }
    let titles = heading?.split(separator: " ").map(String.init)
    #expect(
      titles == [
        "group", "workload", "operation", "implementation", "size", "median", "p90", "MB/s",
      ])
    #expect(run.output.contains("request-100k        parse+apply      HooksWire draft"))
    #expect(run.output.contains("request-1m          parse+apply      HooksWire RFC 6902"))
    #expect(run.output.contains("peak resident set size: "))
    #expect(!run.output.contains("json   "))
  }

  @Test func jsonReportListsResults() throws {
    let run = try PatchCommandTests.run([
      "bench", "--iterations", "2", "--warmup", "0", "--only", "cbor", "--json",
    ])
    #expect(run.status == 0)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    #expect(report["iterations"] as? Int == 2)
    #expect(report["peakResidentBytes"] as? Int ?? 0 > 0)
    let results = try #require(report["results"] as? [[String: Any]])
    #expect(results.count == 6)
    for result in results {
      #expect(result["group"] as? String == "cbor")
      #expect(result["implementation"] as? String == "HooksWire")
      #expect(result["medianNanoseconds"] as? Double ?? 0 > 0)
    }
  }

  @Test func dumpedInputsAgree() throws {
    let scratch = try PatchCommandTests.Scratch()
    let run = try PatchCommandTests.run(["bench", "--dump-inputs", scratch.folder.path])
    #expect(run.status == 0)
    #expect(run.output.split(separator: "\n").count == 10)

    func read(_ name: String) throws -> Data {
      try Data(contentsOf: scratch.folder.appendingPathComponent(name))
    }
    let message = try read("message-100k.eml")
    #expect((95_000...105_000).contains(message.count))
    let request = try #require(
      try JSONSerialization.jsonObject(with: read("request-100k.json")) as? [String: Any])
    #expect(request["stage"] as? String == "data")
    let rawMessage = try #require(request["rawMessage"] as? String)
    #expect(Data(base64Encoded: rawMessage) == message)
    let headers = (request["message"] as? [String: Any])?["headers"] as? [Any]
    #expect(headers?.count == 30)

    let draft = try #require(
      try JSONSerialization.jsonObject(with: read("response-50ops.json")) as? [String: [Any]])
    #expect(draft["set"]?.count == 20)
    #expect(draft["add"]?.count == 20)
    #expect(draft["delete"]?.count == 10)
    let jsonPatch = try JSONSerialization.jsonObject(with: read("response-50ops-jsonpatch.json"))
    #expect((jsonPatch as? [Any])?.count == 50)

    let message1M = try read("message-1m.eml")
    #expect((950_000...1_050_000).contains(message1M.count))
    #expect(try read("request-1m.cbor").first == 0xad)
  }

  @Test func invalidOptionsAreUsageErrors() throws {
    let zero = try PatchCommandTests.run(["bench", "--iterations", "0"])
    #expect(zero.status == 64)
    #expect(zero.errors.contains("--iterations must be at least 1"))

    let group = try PatchCommandTests.run(["bench", "--only", "xml"])
    #expect(group.status == 64)
    #expect(group.errors.contains("invalid value \"xml\" for --only"))

    let missing = try PatchCommandTests.run(["bench", "--eml", "/nonexistent-hookbench-eml"])
    #expect(missing.status == 65)
    #expect(missing.errors.contains("cannot read .eml files in /nonexistent-hookbench-eml"))
  }
}
