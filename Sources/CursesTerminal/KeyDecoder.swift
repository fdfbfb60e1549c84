import CNCurses
import WorkbenchUI

/// Turns what `wget_wch` returns into workbench keys.
enum KeyDecoder {
  /// The key for a `wget_wch` result: `status` is OK for a character or KEY_CODE_YES for a
  /// function key, and `code` is the character or key code. Returns nil for codes the
  /// workbench has no key for.
  static func key(status: Int32, code: UInt32) -> Key? {
    if status == hb_key_code_yes() {
      return functionKey(Int32(bitPattern: code))
    }
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 32: return .space
    case 1...26:
      guard let scalar = Unicode.Scalar(code + 96) else { return nil }
      return .control(Character(scalar))
    default:
      guard code >= 32, let scalar = Unicode.Scalar(code) else { return nil }
      return .character(Character(scalar))
    }
  }

  private static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case hb_key_resize(): return .resize
    case hb_key_up(): return .up
    case hb_key_down(): return .down
    case hb_key_left(): return .left
    case hb_key_right(): return .right
    case hb_key_home(): return .home
    case hb_key_end(): return .end
    case hb_key_page_up(): return .pageUp
    case hb_key_page_down(): return .pageDown
    case hb_key_backspace(): return .backspace
    case hb_key_delete(): return .delete
    case hb_key_back_tab(): return .backTab
    case hb_key_enter(): return .enter
    case (hb_key_f0() + 1)...(hb_key_f0() + 12): return .function(Int(code - hb_key_f0()))
    default: return nil
    }
  }
}
