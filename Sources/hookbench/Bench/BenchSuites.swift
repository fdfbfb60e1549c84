import Foundation
import HooksMail
import HooksWire

/// The benchmark groups: what each one times, on which inputs, against which baseline.
enum BenchSuites {
  /// The group names, in the order they run.
  static let groups = ["json", "cbor", "patch", "mail"]

  /// Runs `group` and passes each measurement to `record` as soon as it is taken.
  static func run(
    _ group: String, inputs: BenchInputs, runner: BenchRunner,
    record: @escaping (BenchMeasurement) -> Void
  ) throws {
    let recorder = Recorder(runner: runner, group: group, record: record)
    switch group {
    case "json": try json(inputs, recorder)
    case "cbor": try cbor(inputs, recorder)
    case "patch": patch(inputs, recorder)
    default: mail(inputs, recorder)
    }
  }

  /// Times JSON parse and serialize, by HooksWire and by Foundation's `JSONSerialization` on the
  /// same bytes. Foundation serializes with `.withoutEscapingSlashes`, so that both write
  /// the Base64 of `rawMessage` unchanged.
  private static func json(_ inputs: BenchInputs, _ recorder: Recorder) throws {
    var bodies = inputs.requests.map { ($0.name, $0.json) }
    bodies.append(("response-50ops", inputs.responseJSON))
    for (name, bytes) in bodies {
      let data = Data(bytes)
      let value = try JSONParser.parse(bytes)
      let object = try JSONSerialization.jsonObject(with: data)
      let options: JSONSerialization.WritingOptions = [.withoutEscapingSlashes]
      let size = bytes.count

      try recorder.measure(name, "parse", "HooksWire", bytes: size) {
        consume(try JSONParser.parse(bytes))
      }
      try recorder.measure(name, "parse", "Foundation", bytes: size) {
        consume(try JSONSerialization.jsonObject(with: data))
      }
      recorder.measure(name, "serialize", "HooksWire", bytes: size) {
        consume(JSONSerializer.bytes(value))
      }
      try recorder.measure(name, "serialize", "Foundation", bytes: size) {
        consume(try JSONSerialization.data(withJSONObject: object, options: options))
      }
      try recorder.measure(name, "parse+serialize", "HooksWire", bytes: size) {
        consume(JSONSerializer.bytes(try JSONParser.parse(bytes)))
      }
      try recorder.measure(name, "parse+serialize", "Foundation", bytes: size) {
        let parsed = try JSONSerialization.jsonObject(with: data)
        consume(try JSONSerialization.data(withJSONObject: parsed, options: options))
      }
    }
  }

  /// Times CBOR decode and encode of the requests, `rawMessage` as a byte string.
  private static func cbor(_ inputs: BenchInputs, _ recorder: Recorder) throws {
    for request in inputs.requests {
      let bytes = request.cbor
      let value = request.value
      try recorder.measure(request.name, "decode", "HooksWire", bytes: bytes.count) {
        consume(try CBORCodec.decodeJSON(bytes))
      }
      recorder.measure(request.name, "encode", "HooksWire", bytes: bytes.count) {
        consume(CBORCodec.encodeJSON(value))
      }
      try recorder.measure(request.name, "decode+encode", "HooksWire", bytes: bytes.count) {
        consume(CBORCodec.encodeJSON(try CBORCodec.decodeJSON(bytes)))
      }
    }
  }

  /// Times reading the 50-operation response and applying it to each parsed request, in
  /// both body formats. The request stays unchanged, as a scanner chain needs it to.
  private static func patch(_ inputs: BenchInputs, _ recorder: Recorder) {
    let forms = [("HooksWire draft", BenchResponse.draft), ("HooksWire RFC 6902", BenchResponse.jsonPatch)]
    let size = "\(BenchResponse.count) ops"
    for request in inputs.requests {
      let document = request.parsed
      for (implementation, body) in forms {
        recorder.measure(request.name, "parse+apply", implementation, sizeLabel: size) {
          consume(PatchEngine.apply(Patch.parse(body), to: document))
        }
      }
    }
  }

  /// Times `MailMessage(parsing:)`: MIME parsing and building the JMAP Email object.
  private static func mail(_ inputs: BenchInputs, _ recorder: Recorder) {
    for message in inputs.messages {
      let bytes = message.bytes
      recorder.measure(message.name, "parse", "HooksMail", bytes: bytes.count) {
        consume(MailMessage(parsing: bytes))
      }
    }
    guard !inputs.emlFiles.isEmpty else { return }
    let files = inputs.emlFiles.map(\.bytes)
    let size = files.reduce(0) { $0 + $1.count }
    recorder.measure("eml files (\(files.count))", "parse all", "HooksMail", bytes: size) {
      for file in files { consume(MailMessage(parsing: file)) }
    }
  }
}

/// Times operations of one group and hands each measurement on.
private struct Recorder {
  var runner: BenchRunner
  var group: String
  var record: (BenchMeasurement) -> Void

  func measure(
    _ workload: String, _ operation: String, _ implementation: String, bytes: Int? = nil,
    sizeLabel: String? = nil, _ body: () throws -> Void
  ) rethrows {
    let samples = try runner.samples(body)
    record(
      BenchMeasurement(
        group: group, workload: workload, operation: operation, implementation: implementation,
        bytes: bytes, sizeLabel: sizeLabel, samples: samples))
  }
}
