/// Conversions between big-endian unsigned magnitudes and decimal text, for integers outside
/// the 64-bit range (RFC 8949 §3.4.3 bignums, and −2^64 in major type 1).
///
/// The arithmetic is schoolbook and quadratic in the length, which is fine for the sizes
/// that `maximumMagnitudeBytes` allows.
enum CBORBignum {
  /// The largest bignum magnitude, in bytes, that converts to a JSON number: 1024 bits, which
  /// covers the finite `Double` range.
  static let maximumMagnitudeBytes = 128

  /// `bytes` without leading zero bytes.
  static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    let start = bytes.firstIndex { $0 != 0 } ?? bytes.endIndex
    return bytes[start...]
  }

  /// Returns the decimal digits of a big-endian unsigned magnitude.
  static func decimalText<C: Collection>(bigEndian bytes: C) -> String where C.Element == UInt8 {
    // Base 10^9 limbs, least significant first.
    var limbs: [UInt32] = []
    for byte in bytes {
      var carry = UInt64(byte)
      for index in limbs.indices {
        let product = UInt64(limbs[index]) << 8 + carry
        limbs[index] = UInt32(product % 1_000_000_000)
        carry = product / 1_000_000_000
      }
      while carry > 0 {
        limbs.append(UInt32(carry % 1_000_000_000))
        carry /= 1_000_000_000
      }
    }
    guard let last = limbs.last else { return "0" }
    var text = String(last)
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      text += String(repeating: "0", count: 9 - part.count) + part
    }
    return text
  }

  /// Returns the big-endian magnitude of a run of decimal digits, without leading zero bytes,
  /// or nil when `digits` is empty or contains anything but `0` … `9`.
  static func magnitude(decimal digits: Substring) -> [UInt8]? {
    guard !digits.isEmpty else { return nil }
    // Little-endian bytes while building.
    var bytes: [UInt8] = []
    for character in digits.utf8 {
      guard character >= 0x30, character <= 0x39 else { return nil }
      var carry = UInt32(character - 0x30)
      for index in bytes.indices {
        let product = UInt32(bytes[index]) * 10 + carry
        bytes[index] = UInt8(truncatingIfNeeded: product)
        carry = product >> 8
      }
      while carry > 0 {
        bytes.append(UInt8(truncatingIfNeeded: carry))
        carry >>= 8
      }
    }
    return Array(trimmed(bytes.reversed()))
  }

  /// `bytes` + 1, big-endian.
  static func incremented(_ bytes: [UInt8]) -> [UInt8] {
    var result = bytes
    for index in result.indices.reversed() {
      if result[index] == 0xff {
        result[index] = 0
      } else {
        result[index] += 1
        return result
      }
    }
    return [1] + result
  }

  /// `bytes` − 1, big-endian, for a magnitude above zero.
  static func decremented(_ bytes: [UInt8]) -> [UInt8] {
    var result = bytes
    for index in result.indices.reversed() {
      if result[index] == 0 {
        result[index] = 0xff
      } else {
        result[index] -= 1
        break
      }
    }
    return Array(trimmed(result))
  }

  /// Returns the value of a magnitude of at most eight bytes, or nil for a longer one.
  static func uint64<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
    guard bytes.count <= 8 else { return nil }
    return bytes.reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// Returns the eight big-endian bytes of `value`.
  static func bytes(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * (7 - UInt64($0)))) }
  }
}
