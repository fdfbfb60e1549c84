import Foundation

/// RFC 3339 timestamps as MTA Hooks writes them: UTC, millisecond precision, `Z`.
public enum Timestamp {
  /// Formats `date` as `2026-12-04T16:30:00.000Z`.
  public static func format(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
    var time = time_t(seconds.quotient - (seconds.remainder < 0 ? 1 : 0))
    let fraction = (seconds.remainder + 1000) % 1000
    var parts = tm()
    gmtime_r(&time, &parts)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900,
      Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min),
      Int(parts.tm_sec), Int(fraction))
  }

  /// Parses an RFC 3339 `date-time` with any offset and optional fraction, or returns nil.
  public static func parse(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }
}
