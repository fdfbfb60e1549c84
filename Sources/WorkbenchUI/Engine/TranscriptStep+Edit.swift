import HooksHarness
import HooksWire

/// The record of an applied edit in a transcript step.
///
/// An edited call makes no HTTP exchange, so without these members a replay would show an
/// empty body next to the operations the edit applied. The step's `call` object gains
/// `"edited": true` and `"responseText"`, the edited response as the user typed it.
extension TranscriptStep {
  /// Marks the step's call as answered by the user's edit, `responseText`, in place of the
  /// scanner.
  mutating func markEdited(responseText: String) {
    guard case .object(var step) = json else { return }
    var call = step["call"]?.objectValue ?? JSONObject()
    call["edited"] = .bool(true)
    call["responseText"] = .string(responseText)
    step["call"] = .object(call)
    json = .object(step)
  }

  /// The edited response that answered this call in place of the scanner, or nil when the
  /// scanner answered.
  var editedResponseText: String? {
    guard json["call"]?["edited"]?.boolValue == true else { return nil }
    return json["call"]?["responseText"]?.stringValue
  }
}
