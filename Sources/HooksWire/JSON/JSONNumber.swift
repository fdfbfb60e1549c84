/// A JSON number that remembers whether it was written as an integer and how it was spelled.
///
/// Integers and floating-point numbers stay distinct, so `1` and `1.0` each round-trip as
/// written. Integers in the `Int64` range are exact, which covers ±(2^53−1) and more. An
/// integer outside that range (a CBOR `uint64` above `Int64.max`, for example) keeps its exact
/// decimal digits in `text`, and `int64` is nil.
///
/// Two numbers are equal when their numeric values are equal, whatever their spelling, so
/// `1`, `1.0` and `1e0` compare equal, as RFC 6902 `test` requires.
public struct JSONNumber: Sendable {
  /// Whether the number was written without a fraction or exponent.
  public let isInteger: Bool

  /// The exact value, when the number is an integer that fits in `Int64`.
  public let int64: Int64?

  /// The value as a `Double`; for large integers this is the nearest `Double`.
  public let double: Double

  /// The number's text: the original spelling when parsed, or a canonical form when built.
  public let text: String

  /// Creates an integer.
  public init(_ value: Int64) {
    isInteger = true
    int64 = value
    double = Double(value)
    text = String(value)
  }

  /// Creates an integer from an `Int`.
  public init(_ value: Int) {
    self.init(Int64(value))
  }

  /// Creates a floating-point number. Non-finite values have no JSON spelling; the JSON
  /// serializer writes them as `null`.
  public init(_ value: Double) {
    isInteger = false
    int64 = nil
    double = value
    text = JSONNumber.canonicalText(value)
  }

  /// Creates a number from its parts, for parsers that keep the original spelling.
  ///
  /// - Parameters:
  ///   - text: the number exactly as written.
  ///   - isInteger: true when `text` has no fraction and no exponent.
  ///   - int64: the exact value when it is an integer in range.
  ///   - double: the value as a `Double`.
  public init(text: String, isInteger: Bool, int64: Int64?, double: Double) {
    self.text = text
    self.isInteger = isInteger
    self.int64 = int64
    self.double = double
  }

  /// The shortest text that reads back as `value`, always with a fraction or exponent so that
  /// it stays a floating-point number on the next parse.
  static func canonicalText(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
    var text = "\(value)"
    if !text.contains(".") && !text.contains("e") && !text.contains("E") {
      text += ".0"
    }
    return text
  }
}

extension JSONNumber: Equatable {
  public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    if let left = lhs.int64, let right = rhs.int64 { return left == right }
    if lhs.isInteger && rhs.isInteger && (lhs.int64 == nil || rhs.int64 == nil) {
      return lhs.text == rhs.text
    }
    return lhs.double == rhs.double
  }
}

extension JSONNumber: Hashable {
  public func hash(into hasher: inout Hasher) {
    // Equal numbers must hash alike across spellings, so hash the Double value. Distinct
    // large integers that round to the same Double only collide; equality still tells them
    // apart.
    hasher.combine(double)
  }
}
