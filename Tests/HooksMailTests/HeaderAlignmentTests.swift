import HooksMail
import HooksWire
import Testing

@Suite("Header list alignment")
struct HeaderAlignmentTests {
  /// A message with `count` fields `X-N: value N` and a one-line body.
  static func message(fields count: Int) -> MailMessage {
    var text = ""
    for index in 0..<count { text += "X-\(index): value \(index)\r\n" }
    return MailMessage(parsing: Array((text + "\r\nbody\r\n").utf8))
  }

  /// Removes the first field, changes the middle one and appends one, so neither the first
  /// nor the last field matches and the whole list goes through alignment.
  static func edit(_ message: MailMessage, middle: Int) throws -> [UInt8] {
    var headers = message.email["headers"]?.arrayValue ?? []
    headers[middle] = ["name": .string("X-\(middle)"), "value": " changed"]
    headers.removeFirst()
    headers.append(["name": "X-Added", "value": "yes"])
    return try MailWriter.write(
      edited: TestMessages.editing(message, "headers", .array(headers)), original: message)
  }

  static func expected(fields count: Int, middle: Int) -> [UInt8] {
    var text = ""
    for index in 1..<count {
      text += index == middle ? "X-\(index): changed\r\n" : "X-\(index): value \(index)\r\n"
    }
    return Array((text + "X-Added: yes\r\n\r\nbody\r\n").utf8)
  }

  @Test(arguments: [10, 300, 2_500])
  func removeChangeAndAppend(count: Int) throws {
    let message = Self.message(fields: count)
    let written = try Self.edit(message, middle: count / 2)
    let identical = written == Self.expected(fields: count, middle: count / 2)
    #expect(identical, "\(count) fields")
  }

  @Test func reorderedFieldsKeepOrder() throws {
    let message = Self.message(fields: 4)
    var headers = message.email["headers"]?.arrayValue ?? []
    headers.swapAt(0, 3)
    let written = try MailWriter.write(
      edited: TestMessages.editing(message, "headers", .array(headers)), original: message)
    let names = TestMessages.headers(MailMessage(parsing: written)).map(\.name)
    #expect(names == ["X-3", "X-1", "X-2", "X-0"])
  }
}
