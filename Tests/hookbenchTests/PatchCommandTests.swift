import Foundation
import TestSupport
import Testing

/// Runs the built `hookbench` binary on real files.
@Suite struct PatchCommandTests {
  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  /// The `hookbench` binary beside the test bundle, or in `.build/debug`.
  static let binary: URL = {
    let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let beside = bundleFolder.appendingPathComponent("hookbench")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return SharedFiles.repository(".build/debug/hookbench")
  }()

  static func run(_ arguments: [String], in directory: URL? = nil) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read both pipes before waiting, so a large output cannot block the child.
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData, as: UTF8.self))
  }

  /// A temporary folder that the test writes its input files to.
  final class Scratch {
    let folder: URL

    init() throws {
      folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("hookbench-patch-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func file(_ name: String, _ contents: String) throws -> String {
      try file(name, Data(contents.utf8))
    }

    func file(_ name: String, _ contents: Data) throws -> String {
      let url = folder.appendingPathComponent(name)
      try contents.write(to: url)
      return url.path
    }
  }

  static func fixture(_ name: String) -> String {
    SharedFiles.shared("fixtures/\(name)").path
  }

  static let inboundRequest = fixture("16-draft01-spec-hook-request-inbound-data.json")

  @Test func appliesCleanResponse() throws {
    let run = try Self.run([
      "patch", "--request", Self.inboundRequest,
      "--response", Self.fixture("19-draft01-spec-response-reject-custom.json"),
    ])
    #expect(run.status == 0)
    #expect(run.errors == "")
    #expect(run.output.hasPrefix("{\n  \"stage\": \"data\",\n  \"action\": \"reject\",\n"))
    #expect(run.output.contains("    \"message\": \"Message rejected: virus detected\"\n"))
    #expect(run.output.hasSuffix("}\n"))
  }

  @Test func keepsRequestMemberOrder() throws {
    let scratch = try Scratch()
    let request = try scratch.file(
      "request.json", #"{"z": 1, "action": "continue", "message": {"y": 2, "b": 3}}"#)
    let response = try scratch.file(
      "response.json", #"{"set": [{"path": "/message/y", "value": 9}]}"#)
    let run = try Self.run([
      "patch", "--request", request, "--response", response, "--stage", "delivery",
    ])
    #expect(run.status == 0)
    #expect(
      run.output
        == "{\n  \"z\": 1,\n  \"action\": \"continue\",\n  \"message\": {\n    \"y\": 9,\n"
        + "    \"b\": 3\n  }\n}\n")
  }

  @Test func pointerOnlySkipsStageRules() throws {
    let scratch = try Scratch()
    let request = try scratch.file("request.json", #"{"z": 1, "a": {"y": 2, "b": 3}}"#)
    let response = try scratch.file("response.json", #"{"set": [{"path": "/a/y", "value": 9}]}"#)
    let checked = try Self.run(["patch", "--request", request, "--response", response])
    #expect(checked.status == 65)
    #expect(checked.errors.contains("/a/y is not writable at stage data"))

    let run = try Self.run([
      "patch", "--pointer-only", "--request", request, "--response", response,
    ])
    #expect(run.status == 0)
    #expect(run.output == "{\n  \"z\": 1,\n  \"a\": {\n    \"y\": 9,\n    \"b\": 3\n  }\n}\n")
  }

  @Test func atomicFailurePrintsNothing() throws {
    let scratch = try Scratch()
    let response = try scratch.file(
      "response.json",
      #"{"set": [{"path": "/action", "value": "reject"}, {"path": "/envelope/to/01/x", "value": 1}]}"#
    )
    let run = try Self.run(["patch", "--request", Self.inboundRequest, "--response", response])
    #expect(run.status == 65)
    #expect(run.output == "")
    #expect(run.errors.contains("atomic: nothing applied because set[1] failed"))
    #expect(
      run.errors.contains(
        "  set[1] /envelope/to/01/x: refused: invalid JSON Pointer \"/envelope/to/01/x\": "
          + "array index \"01\" has a leading zero\n"))
    #expect(run.errors.contains("  set[0] /action: skipped: atomic: nothing applied"))
  }

  @Test func perOperationPrintsPartialResult() throws {
    let scratch = try Scratch()
    let response = try scratch.file(
      "response.json",
      #"{"set": [{"path": "/action", "value": "reject"}, {"path": "/nope", "value": 1}]}"#)
    let run = try Self.run([
      "patch", "--request", Self.inboundRequest, "--response", response, "--policy",
      "per-operation",
    ])
    #expect(run.status == 65)
    #expect(run.output.contains("\"action\": \"reject\""))
    #expect(run.errors.contains("per-operation: 1 of 2 operations applied; not applied: set[1]"))
    #expect(run.errors.contains("  set[1] /nope: refused: /nope is not writable at stage data"))
  }

  @Test func structuralProblemsAreListed() throws {
    let scratch = try Scratch()
    let response = try scratch.file("response.json", #"{"set": [], "replace": []}"#)
    let run = try Self.run(["patch", "--request", Self.inboundRequest, "--response", response])
    #expect(run.status == 65)
    #expect(run.errors.contains("malformed response: unknown top-level member \"replace\""))
  }

  @Test func jsonPatchArray() throws {
    let scratch = try Scratch()
    let response = try scratch.file(
      "response.json",
      #"[{"op": "add", "path": "/envelope/to/-", "value": {"address": "x@example.com"}},"#
        + #" {"op": "test", "path": "/envelope/to/1/address", "value": "x@example.com"}]"#)
    let run = try Self.run(["patch", "--request", Self.inboundRequest, "--response", response])
    #expect(run.status == 0)
    #expect(run.output.contains("\"address\": \"x@example.com\""))
  }

  @Test func failedJSONPatchNamesFormat() throws {
    let scratch = try Scratch()
    let response = try scratch.file(
      "response.json", #"[{"op": "test", "path": "/action", "value": "reject"}]"#)
    let run = try Self.run(["patch", "--request", Self.inboundRequest, "--response", response])
    #expect(run.status == 65)
    #expect(run.errors.contains("(JSON Patch (draft-02 preview), stage data"))
    #expect(
      run.errors.contains(
        "  [0] /action: refused: test failed: the value at \"/action\" is \"accept\", "
          + "not \"reject\""))
  }

  @Test func diffShowsChangedLines() throws {
    let run = try Self.run([
      "patch", "--request", Self.inboundRequest,
      "--response", Self.fixture("22-draft01-spec-response-delete-headers.json"), "--diff",
    ])
    #expect(run.status == 0)
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "--- \(Self.inboundRequest)")
    #expect(lines.dropFirst().first == "+++ result")
    #expect(lines.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.count == 8)
    #expect(lines.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.count == 0)
    #expect(run.output.contains("-        \"value\": \"recipient@example.com\"\n"))
  }

  @Test func diffOfNoChangeIsEmpty() throws {
    let scratch = try Scratch()
    let response = try scratch.file("response.json", "{}")
    let run = try Self.run([
      "patch", "--request", Self.inboundRequest, "--response", response, "--diff",
    ])
    #expect(run.status == 0)
    #expect(run.output == "")
  }

  @Test func helpListsOptions() throws {
    let run = try Self.run(["patch", "--help"])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("usage: hookbench patch --request REQ --response RESP"))
    let options = [
      "--request", "--response", "--policy", "--diff", "--stage", "--profile",
      "--update-properties", "--trusted", "--pointer-only",
    ]
    for option in options {
      #expect(run.output.contains("  \(option)"), "help lacks \(option)")
    }
    let topLevel = try Self.run(["--help"])
    // The padding after the name depends on the longest subcommand name.
    let patchLine = topLevel.output.split(separator: "\n").first { $0.hasPrefix("  patch ") }
    #expect(
      patchLine?.hasSuffix(" Apply a scanner response to a request and print the result") == true)
  }

  @Test(arguments: [
    (["patch", "--response", "r.json"], "error: missing --request FILE"),
    (["patch", "--request", "q.json"], "error: missing --response FILE"),
    (
      ["patch", "--request", "q", "--response", "r", "--policy", "lenient"],
      "error: invalid value \"lenient\" for --policy; use one of: atomic, per-operation"
    ),
    (
      ["patch", "--request", "q", "--response", "r", "--stage", "queue"],
      "error: invalid value \"queue\" for --stage; use one of: connect, ehlo, mail, rcpt, data"
    ),
    (
      ["patch", "--request", "q", "--response", "r", "--bogus"],
      "error: unknown option --bogus"
    ),
    (
      ["patch", "--request", "q", "--response", "r", "extra"],
      "error: unexpected argument \"extra\""
    ),
  ])
  func usageErrors(arguments: [String], message: String) throws {
    let run = try Self.run(arguments)
    #expect(run.status == 64)
    #expect(run.output == "")
    #expect(run.errors.hasPrefix(message))
    #expect(run.errors.contains("usage: hookbench patch"))
  }

  @Test func missingFile() throws {
    let run = try Self.run([
      "patch", "--request", "/nonexistent/request.json", "--response", "/nonexistent/r.json",
    ])
    #expect(run.status == 65)
    #expect(
      run.errors
        == "error: cannot read request file \"/nonexistent/request.json\": No such file or directory\n"
    )
  }

  @Test(arguments: [("[1, 2]", "array"), ("\"data\"", "string"), ("7", "integer")])
  func nonObjectRequestIsInvalid(body: String, typeName: String) throws {
    let scratch = try Scratch()
    let request = try scratch.file("request.json", body)
    let response = Self.fixture("19-draft01-spec-response-reject-custom.json")
    let run = try Self.run(["patch", "--request", request, "--response", response])
    #expect(run.status == 65)
    #expect(run.output == "")
    #expect(
      run.errors.hasPrefix(
        "error: cannot read request file \"\(request)\": the body is a JSON \(typeName), "
          + "but a hook request is a JSON object"))
    let validate = try Self.run(["validate", "--request", request, response])
    #expect(validate.status == 65)
    #expect(validate.output == "")
    #expect(validate.errors.contains("the body is a JSON \(typeName)"))
  }

  @Test func pointerOnlyTakesArrayDocument() throws {
    let scratch = try Scratch()
    let request = try scratch.file("request.json", "[1, 2]")
    let response = try scratch.file("patch.json", #"[{"op": "add", "path": "/-", "value": 3}]"#)
    let run = try Self.run([
      "patch", "--pointer-only", "--request", request, "--response", response,
    ])
    #expect(run.status == 0, "stderr: \(run.errors)")
    #expect(run.output == "[\n  1,\n  2,\n  3\n]\n")
  }

  @Test func malformedResponseNamesPosition() throws {
    let scratch = try Scratch()
    let response = try scratch.file("x.json", "{\n  \"set\": [\n    {\"path\" \"/a\"}\n  ]\n}\n")
    let run = try Self.run(["patch", "--request", Self.inboundRequest, "--response", response])
    #expect(run.status == 65)
    #expect(run.output == "")
    #expect(
      run.errors.hasPrefix(
        "error: cannot read response file \"\(response)\": invalid JSON at line 3, column 13"))
  }

  /// CBOR bytes of `{"action": "accept", "to": [1]}`, written out by hand (RFC 8949 §3).
  static let cborRequest: [UInt8] =
    [0xA2, 0x66] + Array("action".utf8) + [0x66] + Array("accept".utf8)
    + [0x62] + Array("to".utf8) + [0x81, 0x01]

  /// CBOR bytes of `{"set": [{"path": "/action", "value": "reject"}]}`.
  static let cborResponse: [UInt8] =
    [0xA1, 0x63] + Array("set".utf8) + [0x81, 0xA2, 0x64] + Array("path".utf8)
    + [0x67] + Array("/action".utf8) + [0x65] + Array("value".utf8) + [0x66]
    + Array("reject".utf8)

  @Test func cborFilesAreDetectedByContent() throws {
    let scratch = try Scratch()
    // The names say JSON, and the content decides.
    let request = try scratch.file("request.json", Data(Self.cborRequest))
    let response = try scratch.file("response.json", Data(Self.cborResponse))
    let jsonResponse = try scratch.file(
      "response-text.cbor", #"{"set": [{"path": "/action", "value": "reject"}]}"#)

    // The result carries the effective reply, which the request did not have.
    let expected =
      "{\n  \"action\": \"reject\",\n  \"to\": [\n    1\n  ],\n  \"response\": {\n"
      + "    \"code\": 550,\n    \"enhancedCode\": \"5.7.1\",\n"
      + "    \"message\": \"Rejected by policy\"\n  }\n}\n"
    for responsePath in [response, jsonResponse] {
      let run = try Self.run(["patch", "--request", request, "--response", responsePath])
      #expect(run.status == 0, "stderr: \(run.errors)")
      #expect(run.output == expected)
    }
  }

  @Test func truncatedCBORIsInvalid() throws {
    let scratch = try Scratch()
    let response = try scratch.file("response.cbor", Data(Self.cborResponse.dropLast(3)))
    let run = try Self.run(["patch", "--request", Self.inboundRequest, "--response", response])
    #expect(run.status == 65)
    #expect(run.output == "")
    #expect(run.errors.hasPrefix("error: cannot read response file \"\(response)\": invalid CBOR"))
  }

  @Test(arguments: ["truncated", "deep", "empty", "binary"])
  func badInputNeverTraps(kind: String) throws {
    let scratch = try Scratch()
    let contents: Data
    switch kind {
    case "truncated": contents = Data(#"{"set": [{"path": "/action", "val"#.utf8)
    case "deep":
      let nesting = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
      contents = Data(nesting.utf8)
    case "empty": contents = Data()
    default: contents = Data([0xFF, 0xFE, 0x00, 0x7B])
    }
    let bad = try scratch.file("bad.json", contents)
    let response = Self.fixture("19-draft01-spec-response-reject-custom.json")
    for arguments in [
      ["patch", "--request", bad, "--response", response],
      ["patch", "--request", Self.inboundRequest, "--response", bad],
    ] {
      let run = try Self.run(arguments)
      #expect(run.status == 65, "stderr: \(run.errors)")
      #expect(run.errors.hasPrefix("error: cannot read "))
      #expect(run.output == "")
    }
  }

  @Test func hugeNumbersKeepTheirDigits() throws {
    let scratch = try Scratch()
    let digits = "1" + String(repeating: "9", count: 100_000)
    let request = try scratch.file(
      "request.json",
      "{\"queue\": {\"id\": \"q\", \"attempts\": \(digits)}, \"message\": {\"x-number\": 0}}")
    let response = try scratch.file(
      "response.json", "{\"set\": [{\"path\": \"/message/x-number\", \"value\": -\(digits)e99999}]}"
    )
    let run = try Self.run([
      "patch", "--request", request, "--response", response, "--stage", "delivery",
    ])
    #expect(run.status == 0, "stderr: \(run.errors)")
    #expect(run.output.contains("\"attempts\": \(digits)\n"))
    #expect(run.output.contains("\"x-number\": -\(digits)e99999"))
  }
}
