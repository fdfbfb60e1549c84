import HooksWire

/// An instant in UTC with millisecond precision, the draft's `UTCDate`.
///
/// HooksProtocol reads no clock: callers pass the instant in, so requests are reproducible.
/// The text form is RFC 3339 `date-time` with milliseconds and the `Z` offset, such as
/// `2024-12-21T16:30:00.000Z`. Parsing also accepts no fraction or up to nine fraction digits
/// (digits past the third are dropped), but only the `Z` offset, as the draft requires.
public struct UTCTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z, leap seconds not counted.
  public let millisecondsSinceEpoch: Int64

  /// Creates the instant `millisecondsSinceEpoch` after the Unix epoch.
  public init(millisecondsSinceEpoch: Int64) {
    self.millisecondsSinceEpoch = millisecondsSinceEpoch
  }

  /// Parses an RFC 3339 date-time in UTC, or returns nil.
  public init?(rfc3339 text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
    func digits(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let byte = bytes[index]
        guard byte >= 48 && byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
    for (index, expected) in separators {
      let byte = bytes[index]
      guard byte == expected.asciiValue || (expected == "T" && byte == UInt8(ascii: "t")) else {
        return nil
      }
    }
    guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
      let hour = digits(11..<13), let minute = digits(14..<16), let second = digits(17..<19)
    else { return nil }
    guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
      hour < 24, minute < 60, second < 61
    else { return nil }

    var milliseconds = 0
    let fractionEnd = bytes.count - 1
    if fractionEnd > 19 {
      guard bytes[19] == UInt8(ascii: "."), fractionEnd - 20 >= 1, fractionEnd - 20 <= 9,
        let fraction = digits(20..<fractionEnd)
      else { return nil }
      let length = fractionEnd - 20
      var scaled = fraction
      if length < 3 {
        for _ in length..<3 { scaled *= 10 }
      } else {
        for _ in 3..<length { scaled /= 10 }
      }
      milliseconds = scaled
    }
    let days = Self.daysFromCivil(year: year, month: month, day: day)
    let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
    millisecondsSinceEpoch = seconds * 1000 + Int64(milliseconds)
  }

  /// The RFC 3339 text with milliseconds and `Z`, such as `2024-12-21T16:30:00.000Z`.
  public var rfc3339: String {
    let milliseconds = Int(((millisecondsSinceEpoch % 1000) + 1000) % 1000)
    let seconds = (millisecondsSinceEpoch - Int64(milliseconds)) / 1000
    var days = Int(seconds / 86_400)
    var secondOfDay = Int(seconds % 86_400)
    if secondOfDay < 0 {
      secondOfDay += 86_400
      days -= 1
    }
    let (year, month, day) = Self.civilFromDays(days)
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
      + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
      + ".\(pad(milliseconds, 3))Z"
  }

  /// This instant moved by `milliseconds`.
  public func adding(milliseconds: Int64) -> UTCTimestamp {
    UTCTimestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
  }

  /// The RFC 3339 text as a JSON string.
  public var json: JSONValue { .string(rfc3339) }

  public var description: String { rfc3339 }

  public static func < (lhs: UTCTimestamp, rhs: UTCTimestamp) -> Bool {
    lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Days between 1970-01-01 and a proleptic Gregorian date, after Howard Hinnant's
  // public-domain `days_from_civil` algorithm (eras of 400 years).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
