import HooksWire
import Testing

@Suite struct JSONPointerTests {
  /// The example document of RFC 6901 §5.
  static let rfcDocument: JSONValue = [
    "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5,
    "k\"l": 6, " ": 7, "m~n": 8,
  ]

  @Test(
    arguments: [
      ("", JSONPointerTests.rfcDocument),
      ("/foo", ["bar", "baz"]),
      ("/foo/0", "bar"),
      ("/", 0),
      ("/a~1b", 1),
      ("/c%d", 2),
      ("/e^f", 3),
      ("/g|h", 4),
      ("/i\\j", 5),
      ("/k\"l", 6),
      ("/ ", 7),
      ("/m~0n", 8),
    ] as [(String, JSONValue)])
  func rfcSection5Examples(pointer: String, expected: JSONValue) throws {
    let parsed = try JSONPointer(pointer)
    #expect(try Self.rfcDocument.value(at: parsed) == expected)
    #expect(parsed.description == pointer)
  }

  @Test func escapesRoundTrip() throws {
    let pointer = JSONPointer(tokens: ["a/b", "c~d", "~1", ""])
    #expect(pointer.description == "/a~1b/c~0d/~01/")
    #expect(try JSONPointer(pointer.description) == pointer)
  }

  @Test func tildeOneZeroIsNotSlash() throws {
    // "~01" unescapes to "~1", not to "/": RFC 6901 §4 replaces ~1 before ~0.
    #expect(try JSONPointer("/~01").tokens == ["~1"])
  }

  @Test func emptyTokens() throws {
    #expect(try JSONPointer("").tokens == [])
    #expect(try JSONPointer("/").tokens == [""])
    #expect(try JSONPointer("//").tokens == ["", ""])
  }

  @Test func missingLeadingSlash() {
    let error = #expect(throws: JSONPointerError.self) { try JSONPointer("foo/bar") }
    #expect(error?.kind == .invalidSyntax)
    #expect(error?.tokenIndex == nil)
    #expect(error?.description.hasPrefix("invalid JSON Pointer \"foo/bar\":") == true)
  }

  @Test(arguments: ["/a~2b", "/ok/bad~", "/x/~a"])
  func invalidEscapeNamesToken(text: String) {
    let error = #expect(throws: JSONPointerError.self) { try JSONPointer(text) }
    let token = String(text.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
    #expect(error?.kind == .invalidSyntax)
    #expect(error?.token == token)
    #expect(error?.tokenIndex == text.filter { $0 == "/" }.count - 1)
    #expect(error?.description.contains("\"\(token)\"") == true)
  }

  @Test func prefixCoversDescendants() throws {
    let message = try JSONPointer("/message")
    #expect(message.isPrefix(of: try JSONPointer("/message/subject")))
    #expect(message.isPrefix(of: message))
    #expect(!message.isPrefix(of: try JSONPointer("/messages")))
    #expect(!message.isPrefix(of: JSONPointer.root))
    #expect(JSONPointer.root.isPrefix(of: message))
  }

  @Test func parentAndLastToken() throws {
    let pointer = try JSONPointer("/envelope/to/0")
    #expect(pointer.parent == (try JSONPointer("/envelope/to")))
    #expect(pointer.lastToken == "0")
    #expect(JSONPointer.root.parent == nil)
    #expect(JSONPointer.root.lastToken == nil)
  }

  static let envelope: JSONValue = [
    "envelope": ["to": [["address": "a@example.com"], ["address": "b@example.com"]]],
    "action": "accept",
  ]

  @Test func leadingZeroNamesToken() throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: try JSONPointer("/envelope/to/01"))
    }
    #expect(error?.kind == .invalidArrayIndex)
    #expect(error?.token == "01")
    #expect(error?.tokenIndex == 2)
    #expect(
      error?.description
        == "invalid JSON Pointer \"/envelope/to/01\": array index \"01\" has a leading zero")
  }

  @Test func missingMemberNamesToken() throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: try JSONPointer("/envelope/from/address"))
    }
    #expect(error?.kind == .memberNotFound)
    #expect(error?.token == "from")
    #expect(error?.tokenIndex == 1)
    #expect(
      error?.description
        == "JSON Pointer \"/envelope/from/address\" does not resolve: the object at "
        + "\"/envelope\" has no member \"from\"")
  }

  @Test func missingMemberAtRoot() throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: try JSONPointer("/stage"))
    }
    #expect(error?.reason == "the document (an object) has no member \"stage\"")
  }

  @Test func indexOutOfRangeNamesToken() throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: try JSONPointer("/envelope/to/2/address"))
    }
    #expect(error?.kind == .indexOutOfRange)
    #expect(error?.token == "2")
    #expect(error?.reason.contains("\"/envelope/to\"") == true)
    #expect(error?.reason.contains("2 elements") == true)
  }

  @Test func hugeIndexIsOutOfRange() throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: try JSONPointer("/envelope/to/99999999999999999999999"))
    }
    #expect(error?.kind == .indexOutOfRange)
  }

  @Test(arguments: ["1e0", "+1", "-1", " 1", "0x1", ""])
  func nonNumericIndexNamesToken(token: String) throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: JSONPointer(tokens: ["envelope", "to", token]))
    }
    #expect(error?.kind == .invalidArrayIndex)
    #expect(error?.token == token)
    #expect(error?.description.contains("\"\(token)\" is not a number") == true)
  }

  @Test func dashIsNotAValue() throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: try JSONPointer("/envelope/to/-"))
    }
    #expect(error?.kind == .invalidArrayIndex)
    #expect(error?.token == "-")
    #expect(error?.reason.contains("position after the last element") == true)
  }

  @Test func stepIntoScalarNamesToken() throws {
    let error = #expect(throws: JSONPointerError.self) {
      try Self.envelope.value(at: try JSONPointer("/action/code"))
    }
    #expect(error?.kind == .notAContainer)
    #expect(error?.token == "code")
    #expect(error?.tokenIndex == 1)
    #expect(error?.reason == "the string at \"/action\" has no member or element \"code\"")
  }

  @Test func numericTokenOnObjectIsMemberName() throws {
    let document: JSONValue = ["bodyValues": ["1": ["value": "hello"], "01": "zero-one"]]
    #expect(try document.value(at: try JSONPointer("/bodyValues/1/value")) == "hello")
    #expect(try document.value(at: try JSONPointer("/bodyValues/01")) == "zero-one")
  }
}
