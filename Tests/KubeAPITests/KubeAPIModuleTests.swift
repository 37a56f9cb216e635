import Testing
@testable import KubeAPI

@Suite struct KubeAPIModuleTests {
    @Test func moduleLinks() {
        #expect(String(describing: KubeAPI.self) == "KubeAPI")
    }
}
