// swift-tools-version:6.0
import PackageDescription

// Each target is one layer of the workbench. The core (HooksWire, HooksMail, HooksProtocol)
// does no I/O; sockets, files and the terminal live in HooksHTTP, HooksHarness and
// CursesTerminal.
let package = Package(
  name: "HookBench",
  products: [
    .executable(name: "hookbench", targets: ["hookbench"]),
    .library(name: "HooksWire", targets: ["HooksWire"]),
    .library(name: "HooksMail", targets: ["HooksMail"]),
    .library(name: "HooksProtocol", targets: ["HooksProtocol"]),
  ],
  targets: [
    .target(name: "HooksWire"),
    .target(name: "HooksMail", dependencies: ["HooksWire"]),
    .target(name: "HooksProtocol", dependencies: ["HooksWire", "HooksMail"]),
    .target(name: "HooksHTTP"),
    .target(
      name: "HooksHarness",
      dependencies: ["HooksWire", "HooksMail", "HooksProtocol", "HooksHTTP"]
    ),
    .target(name: "WorkbenchUI", dependencies: ["HooksHarness"]),
    .systemLibrary(name: "CNCurses"),
    .target(name: "CursesTerminal", dependencies: ["WorkbenchUI", "CNCurses"]),
    .executableTarget(
      name: "hookbench",
      dependencies: [
        "HooksWire", "HooksMail", "HooksProtocol", "HooksHTTP", "HooksHarness", "WorkbenchUI",
        "CursesTerminal",
      ]
    ),

    .target(name: "TestSupport", dependencies: ["HooksWire"], path: "Tests/TestSupport"),
    .testTarget(name: "HooksWireTests", dependencies: ["HooksWire", "TestSupport"]),
    .testTarget(
      name: "HooksMailTests", dependencies: ["HooksMail", "TestSupport"], exclude: ["Resources"]),
    .testTarget(
      name: "HooksProtocolTests", dependencies: ["HooksProtocol", "HooksMail", "TestSupport"]),
    .testTarget(name: "HooksHTTPTests", dependencies: ["HooksHTTP", "TestSupport"]),
    .testTarget(
      name: "HooksHarnessTests",
      dependencies: ["HooksHarness", "HooksHTTP", "HooksWire", "HooksProtocol", "TestSupport"]),
    .testTarget(
      name: "WorkbenchUITests", dependencies: ["WorkbenchUI", "TestSupport"], exclude: ["Golden"]),
    .testTarget(name: "hookbenchTests", dependencies: ["HooksHTTP", "TestSupport"]),
  ]
)
