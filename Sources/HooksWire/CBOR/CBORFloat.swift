/// A CBOR floating-point number (major type 7) that remembers its encoded width and bits.
///
/// Keeping the raw bits makes re-encoding exact, NaN payloads and the sign of zero included.
/// Two floats are equal when their widths and bits are equal, so `-0.0` and `0.0` differ, and a
/// NaN equals itself.
public struct CBORFloat: Sendable, Hashable {
  /// The IEEE 754 binary format of the encoding.
  public enum Width: Sendable, Hashable {
    /// binary16, initial byte 0xf9.
    case half
    /// binary32, initial byte 0xfa.
    case single
    /// binary64, initial byte 0xfb.
    case double

    /// The number of bytes after the initial byte: 2, 4 or 8.
    public var byteCount: Int {
      switch self {
      case .half: return 2
      case .single: return 4
      case .double: return 8
      }
    }
  }

  /// The encoded width.
  public let width: Width

  /// The raw bits, right-aligned: 16, 32 or 64 of them depending on `width`.
  public let bits: UInt64

  /// Creates a float from the raw bits of an encoding. Bits beyond the width are dropped.
  public init(width: Width, bits: UInt64) {
    self.width = width
    switch width {
    case .half: self.bits = bits & 0xffff
    case .single: self.bits = bits & 0xffff_ffff
    case .double: self.bits = bits
    }
  }

  /// Creates a double-width float.
  public init(_ value: Double) {
    self.init(width: .double, bits: value.bitPattern)
  }

  /// Makes the float in the shortest width that keeps `value` exactly: half, then single, then
  /// double (preferred serialization, RFC 8949 §4.1). Any NaN becomes the half-width quiet
  /// NaN 0x7e00.
  public static func shortest(_ value: Double) -> CBORFloat {
    if value.isNaN { return CBORFloat(width: .half, bits: 0x7e00) }
    if let half = halfBits(exactly: value) { return CBORFloat(width: .half, bits: UInt64(half)) }
    if let single = Float(exactly: value) {
      return CBORFloat(width: .single, bits: UInt64(single.bitPattern))
    }
    return CBORFloat(value)
  }

  /// The value as a `Double`, which represents every half and single value exactly.
  public var value: Double {
    switch width {
    case .half: return CBORFloat.double(fromHalfBits: UInt16(truncatingIfNeeded: bits))
    case .single: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case .double: return Double(bitPattern: bits)
    }
  }

  /// Converts binary16 bits to a `Double`. NaN payloads are not kept in the result.
  static func double(fromHalfBits bits: UInt16) -> Double {
    let isNegative = bits & 0x8000 != 0
    let exponent = Int((bits >> 10) & 0x1f)
    let fraction = Double(bits & 0x3ff)
    let magnitude: Double
    switch exponent {
    case 0:
      magnitude = fraction * 0x1p-24
    case 31:
      magnitude = fraction == 0 ? .infinity : .nan
    default:
      magnitude = Double(sign: .plus, exponent: exponent - 15, significand: 1 + fraction / 1024)
    }
    return isNegative ? -magnitude : magnitude
  }

  /// Returns the binary16 bits of `value` when binary16 represents it exactly, or nil. NaN
  /// returns nil.
  static func halfBits(exactly value: Double) -> UInt16? {
    if value.isNaN { return nil }
    let signBit: UInt16 = value.sign == .minus ? 0x8000 : 0
    let magnitude = value.magnitude
    if magnitude == 0 { return signBit }
    if magnitude.isInfinite { return signBit | 0x7c00 }

    let exponent = Int(magnitude.exponent)
    if exponent > 15 { return nil }
    if exponent >= -14 {
      // Normal binary16: 10 fraction bits.
      guard magnitude.significandWidth <= 10 else { return nil }
      let fraction = UInt16(truncatingIfNeeded: magnitude.significandBitPattern >> 42)
      return signBit | UInt16(exponent + 15) << 10 | fraction
    }

    // Subnormal binary16: a whole multiple of 2^-24 below 2^-14. Scaling by a power of two
    // is exact, so the test below is exact too.
    let scaled = magnitude * 0x1p24
    guard scaled >= 1, scaled == scaled.rounded(.towardZero) else { return nil }
    return signBit | UInt16(scaled)
  }
}
