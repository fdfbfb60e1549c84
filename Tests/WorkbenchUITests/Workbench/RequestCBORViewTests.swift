import HooksHarness
import HooksWire
import Testing

@testable import WorkbenchUI

/// The Request pane's CBOR view: the bytes that crossed the socket when the call was CBOR.
@Suite struct RequestCBORViewTests {
  static let request: JSONValue = ["stage": "data", "action": "accept"]

  static func exchange(contentType: String, body: [UInt8]) -> ExchangeRecord {
    ExchangeRecord(
      purpose: "hook", method: "POST", url: "http://127.0.0.1:1/hook",
      requestHead: "POST /hook HTTP/1.1\r\nContent-Type: \(contentType)\r\n",
      requestBody: body, status: 200, responseHead: "HTTP/1.1 204 No Content\r\n",
      responseBody: [], milliseconds: 1)
  }

  @Test func cborCallShowsWireBytes() {
    let wire = CBORCodec.encodeJSON(Self.request)
    var snapshot = WorkbenchSnapshot()
    EngineDriver.setRequest(
      Self.request, exchanges: [Self.exchange(contentType: "application/cbor", body: wire)],
      in: &snapshot)
    #expect(snapshot.requestCBOR.first == "sent as CBOR (\(wire.count) bytes):")
    #expect(snapshot.requestCBOR.contains("bytes on the wire:"))
  }

  @Test func jsonCallIsLabelledAsReencoded() {
    var snapshot = WorkbenchSnapshot()
    let body = Array(Self.request.compactJSON.utf8)
    EngineDriver.setRequest(
      Self.request, exchanges: [Self.exchange(contentType: "application/json", body: body)],
      in: &snapshot)
    #expect(snapshot.requestCBOR.first?.hasPrefix("sent as JSON; shown encoded as CBOR") == true)
  }

  @Test func previewIsLabelledNotSent() {
    var snapshot = WorkbenchSnapshot()
    EngineDriver.setRequest(Self.request, in: &snapshot)
    #expect(snapshot.requestCBOR.first?.hasPrefix("not sent; shown encoded as CBOR") == true)
  }
}
