// swift-tools-version: 6.0
// Taller K8s: un curso de Kubernetes en la terminal con un clúster simulado.
// Sin dependencias: solo la cadena de herramientas de Swift (stdlib, Foundation, Dispatch,
// XCTest, Swift Testing). Las aristas entre módulos van en un solo sentido:
// YAML ← KubeAPI ← Simulator ← Grader ← CLI ← taller, y Courseware ← Grader.
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "TallerK8s",
    products: [
        .executable(name: "taller", targets: ["taller"]),
        .library(name: "YAML", targets: ["YAML"]),
    ],
    targets: [
        .target(name: "YAML", swiftSettings: swift6),
        .target(name: "KubeAPI", dependencies: ["YAML"], swiftSettings: swift6),
        .target(name: "Simulator", dependencies: ["KubeAPI"], swiftSettings: swift6),
        .target(name: "Courseware", dependencies: ["YAML"], swiftSettings: swift6),
        .target(name: "Grader", dependencies: ["Simulator", "Courseware"], swiftSettings: swift6),
        .target(name: "CLI", dependencies: ["YAML", "Simulator", "Grader"], swiftSettings: swift6),
        // The Swift runtime linked in (Linux): each `taller` is one short command, and loading
        // and relocating libswiftCore and friends was 1.7 ms of every start (4.6 → 2.9 ms for
        // `taller k version`). The static libraries come with the Linux toolchain.
        .executableTarget(name: "taller", dependencies: ["CLI"], swiftSettings: swift6,
                          linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"], swiftSettings: swift6),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI"], swiftSettings: swift6),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator"], swiftSettings: swift6),
        .testTarget(name: "CoursewareTests", dependencies: ["Courseware"], swiftSettings: swift6),
        .testTarget(name: "GraderTests", dependencies: ["Grader"], swiftSettings: swift6),
        // The golden scenarios are read from the source tree (#filePath), not bundled.
        .testTarget(name: "CLITests", dependencies: ["CLI"], exclude: ["Scenarios"], swiftSettings: swift6),
    ]
)
