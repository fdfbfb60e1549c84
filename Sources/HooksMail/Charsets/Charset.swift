import Foundation

/// Text decoding and encoding by MIME charset name (RFC 2045 `charset`, RFC 2047 encoded
/// words), through the converters that Foundation ships on Linux.
///
/// Supported: UTF-8, US-ASCII, ISO-8859-1 to -11 and -13 to -16, Windows-1250 to -1258,
/// KOI8-R, KOI8-U, ISO-2022-JP, Shift_JIS, EUC-JP, GB2312, GBK, GB18030, Big5, EUC-KR,
/// UTF-16 and UTF-7. swift-corelibs-foundation 6.3 cannot decode EUC-JP, so EUC-JP is
/// rewritten to ISO-2022-JP first (see `EUCJapanese`). GBK is decoded as GB18030, its
/// superset.
public enum Charset {
  /// The result of decoding: the text, and whether bytes were invalid in the charset or the
  /// charset is unknown. Invalid bytes become U+FFFD.
  public struct Decoded: Sendable, Hashable {
    public let text: String
    public let isEncodingProblem: Bool
  }

  /// Decodes `bytes` in `charset` (an IANA name, case-insensitive). An unknown charset is
  /// decoded as UTF-8 with replacement, and reported as a problem.
  public static func decode(_ bytes: [UInt8], charset: String) -> Decoded {
    let name = normalizedName(charset)
    if name == "utf-8" || name == "utf8" {
      let strict = String(validating: bytes, as: UTF8.self)
      return Decoded(
        text: strict ?? String(decoding: bytes, as: UTF8.self), isEncodingProblem: strict == nil)
    }
    if name == "us-ascii" || name == "ascii" {
      let problem = bytes.contains { $0 >= 128 }
      // Mislabelled 8-bit text is common; UTF-8 is the better guess for it.
      return Decoded(text: String(decoding: bytes, as: UTF8.self), isEncodingProblem: problem)
    }
    if name == "euc-jp" {
      let converted = EUCJapanese.toISO2022JP(bytes)
      guard let encoding = encoding(for: "iso-2022-jp") else { return fallback(bytes) }
      let decoded = decodeFoundation(converted.bytes, encoding: encoding)
      return Decoded(
        text: decoded.text, isEncodingProblem: decoded.isEncodingProblem || converted.hadInvalid)
    }
    guard let encoding = encoding(for: name) else { return fallback(bytes) }
    return decodeFoundation(bytes, encoding: encoding)
  }

  /// Returns whether `charset` is a name this type can decode.
  public static func isKnown(_ charset: String) -> Bool {
    let name = normalizedName(charset)
    return ["utf-8", "utf8", "us-ascii", "ascii", "euc-jp"].contains(name)
      || encoding(for: name) != nil
  }

  /// Encodes `text` in `charset`, or returns nil when the charset is unknown or cannot
  /// represent every character.
  public static func encode(_ text: String, charset: String) -> [UInt8]? {
    let name = normalizedName(charset)
    if name == "utf-8" || name == "utf8" { return Array(text.utf8) }
    if name == "us-ascii" || name == "ascii" {
      return text.unicodeScalars.allSatisfy(\.isASCII) ? Array(text.utf8) : nil
    }
    guard name != "euc-jp", let encoding = encoding(for: name),
      let data = text.data(using: encoding, allowLossyConversion: false)
    else { return nil }
    let bytes = [UInt8](data)
    // Some converters map unknown characters to "?" instead of failing.
    guard decode(bytes, charset: name).text == text else { return nil }
    return bytes
  }

  /// Returns the lowercased name without quotes, whitespace, or an RFC 2231 language suffix.
  static func normalizedName(_ charset: String) -> String {
    var name = charset.trimmingCharacters(in: .whitespaces).lowercased()
    name = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
    return name
  }

  private static func fallback(_ bytes: [UInt8]) -> Decoded {
    Decoded(text: String(decoding: bytes, as: UTF8.self), isEncodingProblem: true)
  }

  /// Decodes with Foundation. On failure, decodes line by line so that one bad line does
  /// not lose the rest, and marks the result as a problem.
  private static func decodeFoundation(_ bytes: [UInt8], encoding: String.Encoding) -> Decoded {
    if let text = String(data: Data(bytes), encoding: encoding) {
      return Decoded(text: text, isEncodingProblem: false)
    }
    var text = ""
    var lineStart = 0
    for index in 0...bytes.count where index == bytes.count || bytes[index] == ByteText.lf {
      let line = Data(bytes[lineStart..<min(index + 1, bytes.count)])
      text += String(data: line, encoding: encoding) ?? "\u{FFFD}"
      lineStart = index + 1
    }
    return Decoded(text: text, isEncodingProblem: true)
  }

  /// Returns the Foundation encoding for a normalized charset name.
  static func encoding(for name: String) -> String.Encoding? {
    if let code = coreFoundationCodes[name] {
      return String.Encoding(rawValue: 0x8000_0000 | code)
    }
    switch name {
    case "iso-8859-1", "latin1", "iso8859-1", "iso_8859-1", "l1": return .isoLatin1
    case "iso-8859-2", "latin2", "iso8859-2", "iso_8859-2", "l2": return .isoLatin2
    case "windows-1250", "cp1250": return .windowsCP1250
    case "windows-1251", "cp1251": return .windowsCP1251
    case "windows-1252", "cp1252": return .windowsCP1252
    case "windows-1253", "cp1253": return .windowsCP1253
    case "windows-1254", "cp1254": return .windowsCP1254
    case "iso-2022-jp", "csiso2022jp": return .iso2022JP
    case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932":
      return .shiftJIS
    case "utf-16": return .utf16
    case "utf-16be": return .utf16BigEndian
    case "utf-16le": return .utf16LittleEndian
    default: return String.Encoding(ianaName: name)
    }
  }

  /// CoreFoundation `CFStringEncoding` values for charsets that `String.Encoding` has no
  /// named constant for. Foundation on Linux accepts them as `0x80000000 | value`.
  private static let coreFoundationCodes: [String: UInt] = [
    "iso-8859-3": 0x203, "iso-8859-4": 0x204, "iso-8859-5": 0x205, "iso-8859-6": 0x206,
    "iso-8859-7": 0x207, "iso-8859-8": 0x208, "iso-8859-8-i": 0x208, "iso-8859-9": 0x209,
    "iso-8859-10": 0x20A, "iso-8859-11": 0x20B, "iso-8859-13": 0x20D, "iso-8859-14": 0x20E,
    "iso-8859-15": 0x20F, "iso-8859-16": 0x210, "latin9": 0x20F, "tis-620": 0x20B,
    "windows-1255": 0x505, "windows-1256": 0x506, "windows-1257": 0x507, "windows-1258": 0x508,
    "cp1255": 0x505, "cp1256": 0x506, "cp1257": 0x507, "cp1258": 0x508,
    "koi8-r": 0xA02, "koi8-u": 0xA08,
    "gb2312": 0x930, "euc-cn": 0x930, "x-gbk": 0x632, "gbk": 0x632, "cp936": 0x632,
    "gb18030": 0x632, "big5": 0xA03, "big5-hkscs": 0xA06, "euc-kr": 0x940,
    "ks_c_5601-1987": 0x940, "cp949": 0x940, "utf-7": 0x0400_0100,
  ]
}
