import HooksProtocol
import HooksWire

/// A recorded run: everything needed to show it again without calling any scanner. Saved as
/// `NAME.hooktrace.json`.
///
/// It contains the settings (tokens redacted), every registration and hook exchange with its
/// raw bytes, one step per scanner call with the state before and after, one entry per stage,
/// the outcome and the final state.
public struct Transcript: Sendable {
  /// The value of the `format` member that identifies a transcript file.
  public static let format = "hookbench-transcript"

  /// The file format version this code writes and reads.
  public static let version = 1

  /// The scenario settings, with tokens replaced by `***`.
  public var settings: JSONValue

  /// Each scanner's registration: stages, properties and exchanges.
  public var registrations: [JSONValue]

  /// One step per scanner call, in order.
  public var steps: [TranscriptStep]

  /// One entry per finished stage occurrence.
  public var stages: [JSONValue]

  /// The run's outcome, or null when the transcript stops mid-run.
  public var outcome: JSONValue

  /// The final transaction state as a request with every property.
  public var finalState: JSONValue

  /// Notes from the outbound simulation and the SMTP session.
  public var notes: [String]

  /// The SMTP dialogue, for transcripts of `hookbench smtp`: one line per command or reply,
  /// prefixed `C:` or `S:`.
  public var dialogue: [String]

  /// Records a stage machine's history, or the part of it given in `snapshots` and
  /// `results` (one SMTP transaction of a longer session, for example).
  public init(machine: TransactionMachine, outcome: RunOutcome?, notes: [String] = [],
              dialogue: [String] = [], snapshots: [StepSnapshot]? = nil,
              results: [StageResult]? = nil) {
    settings = TranscriptEncoding.settings(machine.scenario)
    registrations = zip(machine.scenario.scanners, machine.registrations).map {
      TranscriptEncoding.registration($0.name, $1)
    }
    steps = (snapshots ?? machine.snapshots).map {
      TranscriptStep(json: TranscriptEncoding.snapshot($0))
    }
    stages = (results ?? machine.results).map(TranscriptEncoding.stage)
    self.outcome = TranscriptEncoding.outcome(outcome)
    finalState = TranscriptEncoding.state(machine.state)
    self.notes = notes
    self.dialogue = dialogue
  }

  /// Records a scenario run.
  public init(run: ScenarioRun) {
    self.init(machine: run.machine, outcome: run.outcome, notes: run.outboundNotes)
  }

  /// Reads a transcript from its JSON document.
  ///
  /// - Throws: `TranscriptError` when the document is not a transcript of a known version.
  public init(json: JSONValue, file: String = "transcript") throws {
    guard json["format"]?.stringValue == Self.format else {
      throw TranscriptError(file: file, message: "not a HookBench transcript (missing "
        + "\"format\": \"\(Self.format)\")")
    }
    guard let version = json["version"]?.intValue, version == Self.version else {
      throw TranscriptError(file: file, message: "unsupported transcript version "
        + "\(json["version"].map { JSONSerializer.string($0) } ?? "none"); this HookBench "
        + "reads version \(Self.version)")
    }
    guard let stepValues = json["steps"]?.arrayValue else {
      throw TranscriptError(file: file, message: "missing \"steps\" array")
    }
    settings = json["settings"] ?? .null
    registrations = json["registrations"]?.arrayValue ?? []
    steps = stepValues.map(TranscriptStep.init(json:))
    stages = json["stages"]?.arrayValue ?? []
    outcome = json["outcome"] ?? .null
    finalState = json["finalState"] ?? .null
    notes = (json["notes"]?.arrayValue ?? []).compactMap(\.stringValue)
    dialogue = (json["dialogue"]?.arrayValue ?? []).compactMap(\.stringValue)
  }

  /// The transcript as a JSON document.
  public var json: JSONValue {
    [
      "format": .string(Self.format),
      "version": .integer(Self.version),
      "settings": settings,
      "registrations": .array(registrations),
      "steps": .array(steps.map(\.json)),
      "stages": .array(stages),
      "outcome": outcome,
      "finalState": finalState,
      "notes": .array(notes.map { .string($0) }),
      "dialogue": .array(dialogue.map { .string($0) }),
    ]
  }

  /// The exit status recorded in the outcome, or nil.
  public var exitStatus: Int? { outcome["exitStatus"]?.intValue }
}

/// One scanner call in a transcript, with typed access to what the screen shows.
public struct TranscriptStep: Sendable {
  /// The step as stored.
  public var json: JSONValue

  /// Wraps a stored step.
  public init(json: JSONValue) {
    self.json = json
  }

  /// The stage, or nil when the name is unknown.
  public var stage: Stage? { json["stage"]?.stringValue.flatMap(Stage.init(rawValue:)) }

  /// The stage occurrence's label, such as `rcpt <b@example.org>`.
  public var event: String { json["event"]?.stringValue ?? "" }

  /// The scanner's name.
  public var scanner: String { json["scanner"]?.stringValue ?? "" }

  /// The request body sent.
  public var request: JSONValue { json["request"] ?? .null }

  /// The transaction before and after the call.
  public var stateBefore: JSONValue { json["stateBefore"] ?? .null }
  public var stateAfter: JSONValue { json["stateAfter"] ?? .null }

  /// The effective action before and after the call.
  public var actionBefore: String { json["actionBefore"]?.stringValue ?? "" }
  public var actionAfter: String { json["actionAfter"]?.stringValue ?? "" }

  /// The failure rule or policy note applied to the response.
  public var rule: String { json["rule"]?.stringValue ?? "" }

  /// The verdict on each operation, as `label path: status[: reason]` lines.
  public var operationLines: [String] {
    (json["operations"]?.arrayValue ?? []).map { operation in
      let base = "\(operation["label"]?.stringValue ?? "") \(operation["path"]?.stringValue ?? ""): "
        + (operation["status"]?.stringValue ?? "")
      return operation["reason"]?.stringValue.map { base + ": " + $0 } ?? base
    }
  }

  /// Every HTTP exchange of the call, with the raw bytes restored.
  public var exchanges: [ExchangeRecord] {
    (json["call"]?["exchanges"]?.arrayValue ?? []).map { value in
      ExchangeRecord(
        purpose: value["purpose"]?.stringValue ?? "", method: value["method"]?.stringValue ?? "",
        url: value["url"]?.stringValue ?? "", requestHead: value["requestHead"]?.stringValue ?? "",
        requestBody: TranscriptEncoding.decodeBytes(value["requestBody"]) ?? [],
        status: value["status"]?.intValue, responseHead: value["responseHead"]?.stringValue ?? "",
        responseBody: TranscriptEncoding.decodeBytes(value["responseBody"]) ?? [],
        milliseconds: value["milliseconds"]?.doubleValue ?? 0, error: value["error"]?.stringValue)
    }
  }
}

/// A transcript file that cannot be read.
public struct TranscriptError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  /// The problem, in a sentence.
  public var message: String

  public var description: String { "transcript \"\(file)\": \(message)" }
}
