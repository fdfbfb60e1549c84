import HooksProtocol

extension UTCTimestamp {
  /// Returns the time `seconds` later (or earlier, when negative).
  public func adding(seconds: Int64) -> UTCTimestamp {
    adding(milliseconds: seconds * 1000)
  }

  /// RFC 5322 §3.3 date-time in UTC, as the `Date` header and DSN fields use it:
  /// `Fri, 04 Dec 2026 16:30:00 +0000`.
  public var rfc5322: String {
    // The RFC 3339 text is `YYYY-MM-DDTHH:MM:SS.mmmZ`, so the parts are at fixed offsets.
    let text = Array(rfc3339)
    guard text.count >= 19 else { return rfc3339 }
    let year = String(text[0..<4])
    let month = Int(String(text[5..<7])) ?? 1
    let day = String(text[8..<10])
    let time = String(text[11..<19])
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    // 1970-01-01 was a Thursday.
    let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    var days = millisecondsSinceEpoch / 86_400_000
    if millisecondsSinceEpoch < 0 && millisecondsSinceEpoch % 86_400_000 != 0 { days -= 1 }
    let weekday = weekdays[Int(((days % 7) + 7) % 7)]
    return "\(weekday), \(day) \(months[max(0, min(11, month - 1))]) \(year) \(time) +0000"
  }
}
