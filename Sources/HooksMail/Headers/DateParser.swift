/// A date and time with its UTC offset, as in an RFC 5322 `Date:` field.
struct MessageDate: Sendable, Hashable {
  var year: Int
  var month: Int
  var day: Int
  var hour: Int
  var minute: Int
  var second: Int
  /// The offset from UTC in minutes, east positive.
  var offsetMinutes: Int

  /// RFC 3339 with the offset kept, the JMAP `Date` type (RFC 8620 §1.4):
  /// `2026-12-04T10:00:00+01:00`, or `Z` for a zero offset.
  var rfc3339: String {
    let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    let time = "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    guard offsetMinutes != 0 else { return "\(date)T\(time)Z" }
    let sign = offsetMinutes < 0 ? "-" : "+"
    let magnitude = abs(offsetMinutes)
    return "\(date)T\(time)\(sign)\(pad(magnitude / 60, 2)):\(pad(magnitude % 60, 2))"
  }

  /// RFC 5322 §3.3 form: `Fri, 04 Dec 2026 10:00:00 +0100`.
  var rfc5322: String {
    let weekday = DateParser.weekdays[Self.weekdayIndex(year: year, month: month, day: day)]
    let monthName = DateParser.months[month - 1]
    let sign = offsetMinutes < 0 ? "-" : "+"
    let magnitude = abs(offsetMinutes)
    return "\(weekday), \(pad(day, 2)) \(monthName) \(pad(year, 4)) "
      + "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)) "
      + "\(sign)\(pad(magnitude / 60, 2))\(pad(magnitude % 60, 2))"
  }

  /// 0 for Monday through 6 for Sunday, from the days since 1970-01-01 (a Thursday).
  private static func weekdayIndex(year: Int, month: Int, day: Int) -> Int {
    // Days from civil date, after Howard Hinnant's public-domain algorithm.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return ((days % 7) + 7 + 3) % 7
  }

  private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// Parses RFC 5322 §3.3 dates, including the obsolete forms of §4.3: two- and three-digit
/// years, named zones (`GMT`, `EST`, …), missing seconds and comments.
enum DateParser {
  static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  private static let namedZones: [String: Int] = [
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
  ]

  /// Parses a Date field value, or returns nil when it is not a date.
  static func parse(_ value: [UInt8]) -> MessageDate? {
    var text = ByteText.text(ByteText.unfold(value)).text
    // Drop comments such as "(PST)".
    while let open = text.firstIndex(of: "("),
      let close = text[open...].firstIndex(of: ")")
    {
      text.removeSubrange(open...close)
    }
    var tokens = text.split(whereSeparator: { " \t,".contains($0) }).map(String.init)
    if let first = tokens.first,
      weekdays.contains(where: { first.lowercased().hasPrefix($0.lowercased()) })
    {
      tokens.removeFirst()
    }
    guard tokens.count >= 4, let day = Int(tokens[0]), (1...31).contains(day),
      let monthIndex = months.firstIndex(where: {
        tokens[1].lowercased().hasPrefix($0.lowercased())
      }),
      var year = Int(tokens[2])
    else { return nil }
    if tokens[2].count <= 2 {
      year += year < 50 ? 2000 : 1900
    } else if tokens[2].count == 3 {
      year += 1900
    }
    // RFC 3339, the form of sentAt, has four-digit years only.
    guard (0...9999).contains(year) else { return nil }

    let clock = tokens[3].split(separator: ":").map { Int($0) }
    guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0 != nil }),
      let hour = clock[0], let minute = clock[1], (0...23).contains(hour), (0...59).contains(minute)
    else { return nil }
    let second = clock.count == 3 ? (clock[2] ?? 0) : 0
    guard (0...60).contains(second) else { return nil }

    var offset = 0
    if tokens.count >= 5 { offset = zoneOffset(tokens[4]) ?? 0 }
    return MessageDate(
      year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second,
      offsetMinutes: offset)
  }

  /// Minutes east of UTC for `+hhmm`, `-hhmm` or a named zone. Unknown military zones are
  /// 0, as RFC 5322 §4.3 advises, and so is a numeric zone whose hours or minutes are out of
  /// range (past 23 or 59), because RFC 3339 cannot write it.
  private static func zoneOffset(_ zone: String) -> Int? {
    if let first = zone.first, first == "+" || first == "-" {
      let digits = zone.dropFirst()
      guard digits.count == 4, digits.allSatisfy({ ("0"..."9").contains($0) }),
        let number = Int(digits), number / 100 <= 23, number % 100 <= 59
      else { return 0 }
      let minutes = (number / 100) * 60 + number % 100
      return first == "-" ? -minutes : minutes
    }
    return namedZones[zone.uppercased()] ?? 0
  }

  /// Parses the RFC 3339 form that JMAP uses for `sentAt`, such as
  /// `2026-12-04T10:00:00+01:00` or `2026-12-04T10:00:00.250Z` (fractions are dropped).
  static func parseRFC3339(_ text: String) -> MessageDate? {
    let characters = Array(text.uppercased())
    guard characters.count >= 20, characters[4] == "-", characters[7] == "-",
      characters[10] == "T", characters[13] == ":", characters[16] == ":"
    else { return nil }
    func number(_ range: Range<Int>) -> Int? { Int(String(characters[range])) }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
      (0...59).contains(minute), (0...60).contains(second)
    else { return nil }
    var index = 19
    if characters[index] == "." {
      index += 1
      while index < characters.count, characters[index].isNumber { index += 1 }
    }
    guard index < characters.count else { return nil }
    var offset = 0
    if characters[index] == "Z" {
      guard index + 1 == characters.count else { return nil }
    } else {
      guard index + 6 == characters.count, characters[index] == "+" || characters[index] == "-",
        characters[index + 3] == ":", let hours = number((index + 1)..<(index + 3)),
        let minutes = number((index + 4)..<(index + 6))
      else { return nil }
      offset = (hours * 60 + minutes) * (characters[index] == "-" ? -1 : 1)
    }
    return MessageDate(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      offsetMinutes: offset)
  }
}
