import Testing
@testable import CLI
@testable import Simulator

@Suite struct HistoryChartTests {
    @Test func samplesKeepOnlyChanges() {
        var list: [History.Sample] = []
        list = History.appending(.init(milliseconds: 0, desired: 1, ready: 0), to: list)
        list = History.appending(.init(milliseconds: 1000, desired: 1, ready: 0), to: list)
        list = History.appending(.init(milliseconds: 2000, desired: 1, ready: 1), to: list)
        list = History.appending(.init(milliseconds: 2000, desired: 3, ready: 1), to: list)
        #expect(list == [.init(milliseconds: 0, desired: 1, ready: 0), .init(milliseconds: 2000, desired: 3, ready: 1)])
    }

    @Test func chartStacksReadyOverDesiredAndListsChanges() {
        let samples: [History.Sample] = [.init(milliseconds: 0, desired: 1, ready: 1), .init(milliseconds: 30_000, desired: 2, ready: 1),
                                         .init(milliseconds: 45_000, desired: 2, ready: 2)]
        let text = HistoryChart.render(.init(title: "deployment/web en default", samples: samples, cpu: nil, now: 60_000))
        #expect(text.contains("2        │  ░██\n"))
        #expect(text.contains("réplicas │█████\n"))
        #expect(text.contains("  00:00:30  deseadas 1 → 2\n"))
        #expect(text.contains("  00:00:45  listas 1 → 2\n"))
        #expect(text.hasPrefix("deployment/web en default, de 00:00:00 a 00:01:00 (una columna cada 15 s)"))
    }

    @Test func longHistoriesWidenTheColumns() {
        let samples: [History.Sample] = [.init(milliseconds: 0, desired: 1, ready: 1)]
        let text = HistoryChart.render(.init(title: "x", samples: samples, cpu: nil, now: 3_600_000))
        #expect(text.contains("(una columna cada 2 min)"))
    }
}
