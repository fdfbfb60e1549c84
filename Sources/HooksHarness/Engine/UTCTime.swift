/// A point in time as whole milliseconds since 1970-01-01T00:00:00Z, with the RFC 3339 and
/// RFC 5322 spellings that requests and DSN messages use.
///
/// The engine never reads the system clock itself; a `EngineClock` supplies these values, so a
/// test gets the same timestamps on every run.
public struct UTCTime: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Milliseconds since the Unix epoch.
  public var milliseconds: Int64

  /// Creates a time from milliseconds since the Unix epoch.
  public init(milliseconds: Int64) {
    self.milliseconds = milliseconds
  }

  /// The time `seconds` later (or earlier, when negative).
  public func adding(seconds: Int64) -> UTCTime {
    UTCTime(milliseconds: milliseconds + seconds * 1000)
  }

  public static func < (lhs: UTCTime, rhs: UTCTime) -> Bool {
    lhs.milliseconds < rhs.milliseconds
  }

  /// RFC 3339 with millisecond precision and `Z`: `2026-12-04T16:30:00.000Z`.
  public var rfc3339: String {
    let parts = civilParts
    return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
      + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))."
      + "\(pad(parts.millisecond, 3))Z"
  }

  /// RFC 5322 §3.3 date-time in UTC: `Fri, 04 Dec 2026 16:30:00 +0000`.
  public var rfc5322: String {
    let parts = civilParts
    let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let weekday = weekdays[Int(((parts.days % 7) + 7) % 7)]
    return "\(weekday), \(pad(parts.day, 2)) \(months[parts.month - 1]) \(pad(parts.year, 4)) "
      + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)) +0000"
  }

  public var description: String { rfc3339 }

  /// Parses RFC 3339 in UTC (`Z` or `+00:00`), with or without a fraction of a second.
  ///
  /// Other offsets are converted to UTC. Returns nil for any other shape.
  public init?(rfc3339 text: String) {
    let bytes = Array(text.utf8)
    func number(_ start: Int, _ length: Int) -> Int? {
      guard start + length <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[start..<(start + length)] {
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D,
      bytes[10] == 0x54 || bytes[10] == 0x74, bytes[13] == 0x3A, bytes[16] == 0x3A,
      let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
      let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }

    var position = 19
    var millisecond = 0
    if position < bytes.count, bytes[position] == 0x2E {
      position += 1
      var scale = 100
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
        millisecond += Int(bytes[position] - 0x30) * scale
        scale /= 10
        position += 1
      }
    }
    var offsetMinutes = 0
    guard position < bytes.count else { return nil }
    if bytes[position] == 0x5A || bytes[position] == 0x7A {
      position += 1
    } else if bytes[position] == 0x2B || bytes[position] == 0x2D,
      let offsetHour = number(position + 1, 2), let offsetMinute = number(position + 4, 2)
    {
      offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[position] == 0x2D ? -1 : 1)
      position += 6
    } else {
      return nil
    }
    guard position == bytes.count else { return nil }

    let days = Self.daysFromCivil(year: year, month: month, day: day)
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetMinutes * 60)
    self.init(milliseconds: seconds * 1000 + Int64(millisecond))
  }

  // MARK: - Calendar arithmetic (proleptic Gregorian, days since the epoch)

  private struct CivilParts {
    var days: Int64
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int
  }

  private var civilParts: CivilParts {
    let totalSeconds = floorDivide(milliseconds, 1000)
    let millisecond = Int(milliseconds - totalSeconds * 1000)
    let days = floorDivide(totalSeconds, 86_400)
    let secondOfDay = Int(totalSeconds - days * 86_400)
    let (year, month, day) = Self.civilFromDays(days)
    return CivilParts(
      days: days, year: year, month: month, day: day, hour: secondOfDay / 3600,
      minute: secondOfDay % 3600 / 60, second: secondOfDay % 60, millisecond: millisecond)
  }

  /// Howard Hinnant's `days_from_civil`: days since 1970-01-01 for a Gregorian date.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let shiftedYear = Int64(month <= 2 ? year - 1 : year)
    let era = floorDivide(shiftedYear, 400)
    let yearOfEra = shiftedYear - era * 400
    let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The inverse of `daysFromCivil`.
  static func civilFromDays(_ days: Int64) -> (Int, Int, Int) {
    let shifted = days + 719_468
    let era = floorDivide(shifted, 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
    let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
    let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
  let quotient = value / divisor
  return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
}

private func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
