import Foundation
import HooksMail
import HooksWire

/// Every input that the benchmarks read, built in memory from fixed seeds.
///
/// `hookbench bench --dump-inputs DIR` writes them to files, so that a peer benchmark in
/// another language measures the same bytes.
struct BenchInputs {
  /// One data-stage request built around a generated message.
  struct Request {
    /// The workload name, such as `request-100k`.
    var name: String
    /// The message, sent Base64-encoded as `rawMessage` and parsed as `message`.
    var message: [UInt8]
    /// The request with `rawMessage` as `.bytes`, so that CBOR carries it as a byte string.
    var value: JSONValue
    /// The compact JSON body.
    var json: [UInt8]
    /// The CBOR body.
    var cbor: [UInt8]
    /// The JSON body parsed again: what a scanner or the patch engine works on.
    var parsed: JSONValue
    /// The JSON body after `BenchResponse` is applied.
    var patched: [UInt8]
  }

  /// A message for the MIME parser.
  struct Message {
    var name: String
    var bytes: [UInt8]
  }

  var requests: [Request]
  /// The draft response body, compact JSON.
  var responseJSON: [UInt8]
  /// The RFC 6902 form of the same response, compact JSON.
  var jsonPatchJSON: [UInt8]
  /// The generated messages, in the order of `requests`.
  var messages: [Message]
  /// The .eml files read from a folder, parsed together as one workload.
  var emlFiles: [Message]

  /// Builds the requests around messages of about 100 kB and 1 MB, and checks that both
  /// forms of the response apply cleanly and agree.
  ///
  /// - Throws: `BenchInputError` when the inputs are inconsistent, which is a bug in the
  ///   benchmark or in the code under test.
  static func build(emlFiles: [Message]) throws -> BenchInputs {
    var requests: [Request] = []
    var messages: [Message] = []
    for (label, size) in [("100k", 100_000), ("1m", 1_000_000)] {
      let message = BenchMessage.generate(size: size)
      messages.append(Message(name: "message-\(label)", bytes: message))
      requests.append(try request(named: "request-\(label)", message: message))
    }
    return BenchInputs(
      requests: requests, responseJSON: JSONSerializer.bytes(BenchResponse.draft),
      jsonPatchJSON: JSONSerializer.bytes(BenchResponse.jsonPatch),
      messages: messages, emlFiles: emlFiles)
  }

  /// The envelope, connection and authentication members, as in the draft's example
  /// data-stage request.
  private static let skeleton = """
    {"stage":"data","action":"accept","timestamp":"2026-12-04T09:12:45Z",
     "response":{"code":250,"enhancedCode":"2.0.0","message":"OK"},
     "protocol":{"version":"1.0"},"queue":{"id":"queue_4Xk2pQ1zZ9z9sTl"},
     "envelope":{"from":{"address":"bounces+4471@news.example.org",
       "parameters":{"BODY":"8BITMIME"}},
       "to":[{"address":"alice@example.com","parameters":{}},
         {"address":"bob@example.com","parameters":{"NOTIFY":"SUCCESS,FAILURE"}}]},
     "client":{"ip":"192.0.2.17","port":41822,"ptr":"relay2.example.net",
       "ehlo":"relay2.example.net","activeConnections":3},
     "server":{"name":"mx1.example.com","ip":"198.51.100.25","port":25},
     "tls":{"version":"TLSv1.3","cipher":"TLS_AES_256_GCM_SHA384","cipherBits":256},
     "senderAuth":{"spf-mail":"pass","dkim":"pass","dmarc":"pass"}}
    """

  private static func request(named name: String, message: [UInt8]) throws -> Request {
    guard var object = try JSONParser.parse(skeleton).objectValue else {
      throw BenchInputError("the request skeleton is not a JSON object")
    }
    object["message"] = MailMessage(parsing: message).email
    object["rawMessage"] = .bytes(message)
    let value = JSONValue.object(object)
    let json = JSONSerializer.bytes(value)
    let parsed = try JSONParser.parse(json)

    let draft = PatchEngine.apply(Patch.parse(BenchResponse.draft), to: parsed)
    let jsonPatch = PatchEngine.apply(Patch.parse(BenchResponse.jsonPatch), to: parsed)
    guard draft.isClean, jsonPatch.isClean else {
      let reasons = (draft.refusals + jsonPatch.refusals).map { "\($0.status)" }
      throw BenchInputError(
        "the benchmark response does not apply to \(name): \(reasons.joined(separator: "; "))")
    }
    guard draft.document == jsonPatch.document else {
      throw BenchInputError(
        "the draft and RFC 6902 forms of the benchmark response give different documents")
    }
    return Request(
      name: name, message: message, value: value, json: json,
      cbor: CBORCodec.encodeJSON(value), parsed: parsed,
      patched: JSONSerializer.bytes(draft.document))
  }

  /// Reads every `.eml` file directly in `folder`, in name order. A missing folder gives no
  /// files unless `required` is set.
  static func emlFiles(in folder: String, required: Bool) throws -> [Message] {
    let url = URL(fileURLWithPath: folder)
    if !required && !FileManager.default.fileExists(atPath: folder) { return [] }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".eml") }.sorted()
    return try names.map { name in
      Message(name: name, bytes: [UInt8](try Data(contentsOf: url.appendingPathComponent(name))))
    }
  }

  /// Writes every input to `folder` under the names that `Tests/Peers/bench_python.py`
  /// reads, and returns the paths written.
  func dump(to folder: String) throws -> [String] {
    let url = URL(fileURLWithPath: folder)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    var files: [(String, [UInt8])] = [
      ("response-50ops.json", responseJSON), ("response-50ops-jsonpatch.json", jsonPatchJSON),
    ]
    for request in requests {
      files.append(("\(request.name).json", request.json))
      files.append(("\(request.name).cbor", request.cbor))
      files.append(("\(request.name)-patched.json", request.patched))
    }
    for message in messages {
      files.append(("\(message.name).eml", message.bytes))
    }
    var written: [String] = []
    for (name, bytes) in files {
      let file = url.appendingPathComponent(name)
      try Data(bytes).write(to: file)
      written.append(file.path)
    }
    return written
  }
}

/// An inconsistency in the benchmark inputs.
struct BenchInputError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}
