/// A usage error: the command line asked for something the command does not take.
///
/// `main` prints `error: <message>` and the command's usage line to stderr, and exits 64.
struct UsageError: Error, CustomStringConvertible {
  let message: String

  init(_ message: String) { self.message = message }

  var description: String { message }
}

/// The arguments of one subcommand, consumed option by option.
///
/// Options take the forms `--name value` and `--name=value`; flags are `--name`. A lone `--`
/// ends option parsing. Whatever is left after the command has taken its options must be
/// positionals; `finish()` rejects leftover options so that a typo is never ignored.
struct ArgumentList {
  private var items: [String]

  init(_ arguments: [String]) { items = arguments }

  /// Whether `--help` or `-h` was given.
  var wantsHelp: Bool { items.contains("--help") || items.contains("-h") }

  /// Removes the flag `name` (for example `--json`) and returns whether it was present.
  mutating func flag(_ name: String) -> Bool {
    guard let position = optionBoundary.firstIndex(of: name) else { return false }
    items.remove(at: position)
    return true
  }

  /// Removes the option `name` and returns its value, or nil when the option is absent.
  ///
  /// - Throws: `UsageError` when the option is present without a value or given twice.
  mutating func option(_ name: String) throws -> String? {
    var found: String?
    while let position = optionBoundary.firstIndex(where: { $0 == name || $0.hasPrefix(name + "=") }) {
      if found != nil { throw UsageError("option \(name) is given more than once") }
      let item = items.remove(at: position)
      if item.hasPrefix(name + "=") {
        found = String(item.dropFirst(name.count + 1))
      } else {
        guard position < items.count, !items[position].hasPrefix("--") || items[position] == "-"
        else {
          throw UsageError("option \(name) needs a value")
        }
        found = items.remove(at: position)
      }
    }
    return found
  }

  /// Removes the option `name` and returns its value, which must be one of `choices`.
  mutating func choice(_ name: String, from choices: [String]) throws -> String? {
    guard let value = try option(name) else { return nil }
    guard choices.contains(value) else {
      let list = choices.joined(separator: ", ")
      throw UsageError("invalid value \"\(value)\" for \(name); use one of: \(list)")
    }
    return value
  }

  /// Returns the positionals left after every option was taken.
  ///
  /// - Throws: `UsageError` naming the first unknown option.
  mutating func finish() throws -> [String] {
    var positionals: [String] = []
    var afterSeparator = false
    for item in items {
      if afterSeparator {
        positionals.append(item)
      } else if item == "--" {
        afterSeparator = true
      } else if item.hasPrefix("-") && item != "-" {
        throw UsageError("unknown option \(item)")
      } else {
        positionals.append(item)
      }
    }
    items = []
    return positionals
  }

  /// The items before a `--` separator, where options may appear.
  private var optionBoundary: ArraySlice<String> {
    if let separator = items.firstIndex(of: "--") { return items[..<separator] }
    return items[...]
  }
}
