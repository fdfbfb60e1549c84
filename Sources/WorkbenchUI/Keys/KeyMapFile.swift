import Foundation
import HooksWire

/// The user's key map file, which overrides default bindings per context.
///
/// The file is a JSON object whose members are context names (`normal`, `editor`, `prompt`,
/// `help`). Each maps command names to a key name or a list of key names. These replace all
/// default keys of that command in that context, and an empty list unbinds it:
///
/// ```json
/// { "normal": { "step": ["n", "space"], "quit": "Q" }, "editor": { "undo": "C-z" } }
/// ```
public enum KeyMapFile {
  /// Returns the key map path: `HOOKBENCH_KEYS` when set, else
  /// `$XDG_CONFIG_HOME/hookbench/keys.json`, else `$HOME/.config/hookbench/keys.json`, or nil
  /// when none of the three variables is set.
  public static func defaultPath(environment: [String: String]) -> String? {
    if let configured = environment["HOOKBENCH_KEYS"], !configured.isEmpty {
      return configured
    }
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
      return config + "/hookbench/keys.json"
    }
    if let home = environment["HOME"], !home.isEmpty {
      return home + "/.config/hookbench/keys.json"
    }
    return nil
  }

  /// Loads the key table for `environment`, falling back to the defaults on any problem.
  ///
  /// A missing file at the default place is normal and returns no events. A missing file
  /// named by `HOOKBENCH_KEYS`, an unreadable file, invalid JSON, or a bad binding returns
  /// the defaults and one event line that names the file and the problem.
  public static func load(environment: [String: String]) -> (table: KeyTable, events: [String]) {
    guard let path = defaultPath(environment: environment) else { return (.defaults, []) }
    let explicit = environment["HOOKBENCH_KEYS"].map { !$0.isEmpty } ?? false
    guard FileManager.default.fileExists(atPath: path) else {
      if explicit {
        return (.defaults, ["key map \(path) not found (from HOOKBENCH_KEYS); using default keys"])
      }
      return (.defaults, [])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return (.defaults, ["key map \(path) could not be read; using default keys"])
    }
    do {
      let table = try parse([UInt8](data), over: .defaults)
      return (table, ["key map \(path) loaded"])
    } catch {
      return (.defaults, ["invalid key map \(path): \(error); using default keys"])
    }
  }

  /// Applies the key map in `bytes` over `base` and returns the new table.
  /// - Throws: `KeyMapError` for invalid JSON, an unknown context, command or key name, or
  ///   a table that fails `KeyTable.validate()` after the overrides.
  public static func parse(_ bytes: [UInt8], over base: KeyTable) throws -> KeyTable {
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw KeyMapError("\(error)")
    }
    guard let contexts = document.objectValue else {
      throw KeyMapError("the top level must be an object of contexts, not \(document.typeName)")
    }
    var table = base
    for (contextName, commands) in contexts.members {
      guard let context = KeyContext(rawValue: contextName) else {
        let known = KeyContext.allCases.map(\.rawValue).joined(separator: ", ")
        throw KeyMapError("unknown context \"\(contextName)\"; use one of: \(known)")
      }
      guard let commandMap = commands.objectValue else {
        throw KeyMapError("context \"\(contextName)\" must map command names to keys")
      }
      for (commandName, keyValue) in commandMap.members {
        guard let command = WorkbenchCommand(rawValue: commandName) else {
          throw KeyMapError(
            "unknown command \"\(commandName)\" in context \(contextName); "
              + "the help screen (?) lists the command names")
        }
        guard command.contexts.contains(context) else {
          throw KeyMapError("command \(commandName) does not run in context \(contextName)")
        }
        table.rebind(command, in: context, to: try keys(from: keyValue, command: commandName))
      }
    }
    if let problem = table.validate().first {
      throw KeyMapError(problem)
    }
    return table
  }

  private static func keys(from value: JSONValue, command: String) throws -> [Key] {
    let names: [JSONValue]
    if value.stringValue != nil {
      names = [value]
    } else if let list = value.arrayValue {
      names = list
    } else {
      throw KeyMapError("keys of \(command) must be a key name or a list of key names")
    }
    return try names.map { name in
      guard let text = name.stringValue else {
        throw KeyMapError("keys of \(command) must be strings, not \(name.typeName)")
      }
      guard let key = Key(name: text) else {
        throw KeyMapError(
          "unknown key \"\(text)\" for \(command); use a character, C-x, F1-F12, or one of "
            + "space, tab, S-tab, enter, esc, backspace, delete, up, down, left, right, home, "
            + "end, pgup, pgdn")
      }
      return key
    }
  }
}

/// A problem in a key map file.
public struct KeyMapError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
