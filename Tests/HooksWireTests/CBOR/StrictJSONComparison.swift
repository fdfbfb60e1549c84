import HooksWire

/// Returns the first difference between two JSON values, or nil when they match strictly.
///
/// Stricter than `==`: integers and floating-point numbers must not mix, integers outside
/// `Int64` compare by their digits, floats compare by bit pattern (so `-0.0` differs from
/// `0.0`, and NaN matches NaN), and object members must be in the same order. With
/// `exact`, numbers must also have the same text and strings the same UTF-8 bytes, which `==`
/// does not check because it compares strings by canonical equivalence.
func strictJSONDifference(
  _ actual: JSONValue, _ expected: JSONValue, at path: String = "", exact: Bool = false
) -> String? {
  switch (actual, expected) {
  case (.number(let left), .number(let right)):
    if exact, left.text != right.text || left.int64 != right.int64 {
      return "\(path): \(left.text), expected the spelling \(right.text)"
    }
    return numberDifference(left, right, at: path)
  case (.string(let left), .string(let right)) where exact:
    return Array(left.utf8) == Array(right.utf8) ? nil : "\(path): \(left), expected \(right)"
  case (.array(let left), .array(let right)):
    guard left.count == right.count else {
      return "\(path): \(left.count) elements, expected \(right.count)"
    }
    for (index, pair) in zip(left, right).enumerated() {
      let elementPath = "\(path)/\(index)"
      if let difference = strictJSONDifference(pair.0, pair.1, at: elementPath, exact: exact) {
        return difference
      }
    }
    return nil
  case (.object(let left), .object(let right)):
    guard left.keys == right.keys else {
      return "\(path): keys \(left.keys), expected \(right.keys)"
    }
    if exact, left.keys.map({ Array($0.utf8) }) != right.keys.map({ Array($0.utf8) }) {
      return "\(path): keys \(left.keys) differ in UTF-8 bytes from \(right.keys)"
    }
    for (key, value) in zip(left.keys, left.values) {
      guard let other = right[key] else { return "\(path): missing \(key)" }
      if let difference = strictJSONDifference(value, other, at: "\(path)/\(key)", exact: exact) {
        return difference
      }
    }
    return nil
  default:
    return actual == expected ? nil : "\(path): \(actual), expected \(expected)"
  }
}

private func numberDifference(_ left: JSONNumber, _ right: JSONNumber, at path: String)
  -> String?
{
  guard left.isInteger == right.isInteger else {
    return "\(path): \(left.text) and \(right.text) differ in integer-ness"
  }
  if left.isInteger {
    let same =
      left.int64 != nil || right.int64 != nil ? left.int64 == right.int64 : left.text == right.text
    return same ? nil : "\(path): \(left.text), expected \(right.text)"
  }
  let same =
    left.double.bitPattern == right.double.bitPattern || (left.double.isNaN && right.double.isNaN)
  return same ? nil : "\(path): \(left.text), expected \(right.text)"
}
