import HooksWire
import Testing

@Suite struct CBORDiagnosticTests {
  private func diagnostic(_ hexText: String) throws -> String {
    try CBORDecoder.decode(try #require(bytes(hex: hexText))).diagnostic
  }

  @Test(arguments: [
    ("a201020304", "{1: 2, 3: 4}"),
    ("4401020304", "h'01020304'"),
    ("5f42010243030405ff", "(_ h'0102', h'030405')"),
    ("7f657374726561646d696e67ff", "(_ \"strea\", \"ming\")"),
    ("9f018202039f0405ffff", "[_ 1, [2, 3], [_ 4, 5]]"),
    ("9fff", "[_ ]"),
    ("bfff", "{_ }"),
    ("5fff", "(_ )"),
    ("bf6346756ef563416d7421ff", "{_ \"Fun\": true, \"Amt\": -2}"),
    ("d74401020304", "23(h'01020304')"),
    ("c1fb41d452d9ec200000", "1(1363896240.5)"),
    ("f0", "simple(16)"), ("f8ff", "simple(255)"), ("f7", "undefined"), ("f6", "null"),
    ("f97c00", "Infinity"), ("f9fc00", "-Infinity"), ("f97e00", "NaN"), ("fa7fc00000", "NaN"),
    ("f93e00", "1.5"), ("fbc010666666666666", "-4.1"), ("fb7e37e43c8800759c", "1.0e+300"),
    ("f90001", "5.960464477539063e-8"), ("f98000", "-0.0"), ("fa47c35000", "100000.0"),
    ("3bffffffffffffffff", "-18446744073709551616"),
    ("1bffffffffffffffff", "18446744073709551615"),
    ("62c3bc", "\"\\u00fc\""), ("64f0908591", "\"\\ud800\\udd51\""),
    ("62225c", "\"\\\"\\\\\""), ("630a097f", "\"\\n\\t\\u007f\""),
    ("a1 01 a1 80 f5", "{1: {[]: true}}"),
  ])
  func compactMatchesRFCForms(input: String, expected: String) throws {
    #expect(try diagnostic(input) == expected)
  }

  @Test func prettyIndentsTwoSpaces() throws {
    let value = try CBORDecoder.decode(
      try #require(bytes(hex: "a2 6161 01 6162 9f 02 c1 03 80 ff")))
    let expected = """
      {
        "a": 1,
        "b": [_
          2,
          1(3),
          []
        ]
      }
      """
    #expect(value.prettyDiagnostic == expected)
  }

  @Test func prettyKeepsScalarsOnOneLine() {
    #expect(CBORValue.unsigned(7).prettyDiagnostic == "7")
    #expect(CBORValue.array([]).prettyDiagnostic == "[]")
  }
}
