import Testing
import WorkbenchUI

/// The screens a demo of `samples/scenarios/tour.json` relies on, run by the real engine with
/// its rule scanners served in-process. That channel always speaks JSON, so the CBOR scanner's
/// bytes show only in runs over HTTP, such as `hookbench tui`.
@Suite("Tour screens", .serialized)
struct TourScreenTests {
  /// Opens the tour, steps to the first call to `scanner` and returns the harness and its
  /// 140×40 screen.
  private func screen(at scanner: String) throws -> (EngineHarness, String) {
    let harness = try EngineHarness(scenario: "tour.json")
    try harness.step(to: scanner)
    return (harness, harness.dump(width: 140, height: 40))
  }

  @Test("JSON Patch response named")
  func jsonPatchResponseNamed() throws {
    let (_, screen) = try screen(at: "subject-tag")
    #expect(screen.contains("✓ applied: [0] /message/subject"))
    #expect(screen.contains("· JSON Patch (draft-02 preview),"))
    #expect(screen.contains("─ valid ─┐"))
  }

  @Test("partly applied response tag")
  func partlyAppliedResponseTag() throws {
    let (harness, screen) = try screen(at: "overreach")
    #expect(screen.contains("─ 1 applied, 1 rejected ─┐"))
    #expect(screen.contains("✗ rejected: set[0] /client/ptr"))
    #expect(screen.contains("✓ applied: add[0] /message/headers"))
    #expect(harness.workbench.snapshot.action == "quarantine")
  }
}
