import Testing
@testable import Simulator

/// URLs as busybox wget and curl read them.
@Suite struct TrafficRequestTests {
    @Test func parsesWhatTheToolsAccept() throws {
        let full = try #require(TrafficRequest.parse("http://web.prod:8080/salud?x=1#frag"))
        #expect(full == TrafficRequest(host: "web.prod", port: 8080, path: "/salud?x=1"))
        #expect(TrafficRequest.parse("web") == TrafficRequest(host: "web", port: 80, path: "/"))
        #expect(TrafficRequest.parse("https://app.example.com") == TrafficRequest(https: true, host: "app.example.com", port: 443, path: "/"))
        #expect(TrafficRequest.parse("10.96.0.5:30080") == TrafficRequest(host: "10.96.0.5", port: 30080, path: "/"))
        #expect(TrafficRequest.parse("http://usuario:clave@web/") == TrafficRequest(host: "web", port: 80, path: "/"))
        #expect(TrafficRequest.parse("ftp://web/") == nil)
        #expect(TrafficRequest.parse("http://web:99999/") == nil)
        #expect(TrafficRequest.parse("http:///x") == nil)
        #expect(TrafficRequest(host: "web", port: 8080, path: "/x").url == "http://web:8080/x")
        #expect(TrafficRequest(https: true, host: "web").url == "https://web/")
        var withHost = TrafficRequest(host: "localhost")
        withHost.hostHeader = "app.example.com"
        #expect(withHost.serverHost == "app.example.com")
    }
}
