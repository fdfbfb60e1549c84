import HooksWire
import Testing

@Suite struct JSONValueTests {
  @Test func objectKeepsInsertionOrder() {
    var object = JSONObject()
    object["b"] = 1
    object["a"] = 2
    object["c"] = 3
    #expect(object.keys == ["b", "a", "c"])
    object["a"] = 9
    #expect(object.keys == ["b", "a", "c"])
    #expect(object["a"] == 9)
  }

  @Test func objectRemovalReindexes() {
    var object = JSONObject([("x", 1), ("y", 2), ("z", 3)])
    #expect(object.removeValue(forKey: "x") == 1)
    #expect(object.keys == ["y", "z"])
    #expect(object.index(of: "z") == 1)
    #expect(object["z"] == 3)
  }

  @Test func objectIndexAcrossSizes() {
    // Small objects scan their keys and large ones keep a hash index, so lookups, removal
    // and duplicates must agree on both sides of the switch.
    let keys = (0..<20).map { "key\($0)" }
    var object = JSONObject()
    for (position, key) in keys.enumerated() {
      object[key] = .integer(position)
      for (earlier, earlierKey) in keys.prefix(position + 1).enumerated() {
        #expect(object.index(of: earlierKey) == earlier)
      }
    }
    #expect(object["missing"] == nil)

    for removed in 0..<16 {
      #expect(object.removeValue(forKey: keys[removed]) == .integer(removed))
      #expect(object.contains(keys[removed]) == false)
      #expect(object.index(of: keys[19]) == 19 - removed - 1)
      #expect(object[keys[19]] == 19)
    }
    #expect(object.keys == Array(keys.suffix(4)))

    for key in keys.prefix(10) { object[key] = "again" }
    #expect(object.count == 14)
    #expect(object.index(of: keys[9]) == 13)
    #expect(object.index(of: keys[16]) == 0)

    let large = JSONObject.withUniqueMembers(keys.map { ($0, JSONValue.null) } + [("key3", 1)])
    #expect(large.object == nil)
    #expect(large.duplicate == "key3")
  }

  @Test func uniqueMembersReportsDuplicate() {
    let result = JSONObject.withUniqueMembers([("a", 1), ("b", 2), ("a", 3)])
    #expect(result.object == nil)
    #expect(result.duplicate == "a")
  }

  @Test func objectEqualityIgnoresOrder() {
    let first: JSONValue = ["a": 1, "b": 2]
    let second: JSONValue = ["b": 2, "a": 1]
    #expect(first == second)
    #expect(first.hashValue == second.hashValue)
  }

  @Test func integerAndDoubleStayDistinct() {
    let integer = JSONValue.integer(1)
    let double = JSONValue.double(1.0)
    #expect(integer.int64Value == 1)
    #expect(double.int64Value == nil)
    #expect(integer.typeName == "integer")
    #expect(double.typeName == "number")
    // RFC 6902 `test` compares numbers by value.
    #expect(integer == double)
  }

  @Test func largeIntegersAreExact() {
    let maximum = JSONValue.number(JSONNumber(Int64(9_007_199_254_740_991)))
    #expect(maximum.int64Value == 9_007_199_254_740_991)
    let next = JSONValue.number(JSONNumber(Int64(9_007_199_254_740_993)))
    #expect(maximum != next)
  }

  @Test func canonicalDoubleTextKeepsFraction() {
    #expect(JSONNumber(2.0).text == "2.0")
    #expect(JSONNumber(0.5).text == "0.5")
  }
}
