// swift-tools-version: 6.2
import PackageDescription

// S4's anchor in ../shared/bench/WORKLOAD.md: the least a Swift command line tool built like Formwork
// costs per process (ArgumentParser parses, Yams reads a little YAML, Foundation is linked), linked as the
// formwork binary is (scripts/build-static.sh). `bash Benchmarks/s4-hello.sh` builds and times it beside
// `formwork --version`.
let package = Package(
    name: "Hello",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "hello",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ])
    ]
)
