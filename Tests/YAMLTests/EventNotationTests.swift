import Testing
@testable import YAML

@Suite struct EventNotationTests {
    @Test func scalarWithPropertiesAndEscapes() {
        let m = Mark()
        let e = Event(.scalar("a\tb\\c\n", .doubleQuoted, NodeProperties(anchor: "x", tag: "tag:yaml.org,2002:str")), start: m, end: m)
        #expect(EventNotation.line(e) == "=VAL &x <tag:yaml.org,2002:str> \"a\\tb\\\\c\\n")
    }

    @Test func flowCollectionsAndDocuments() {
        let m = Mark()
        #expect(EventNotation.line(Event(.mappingStart(.flow, NodeProperties(anchor: "g")), start: m, end: m)) == "+MAP {} &g")
        #expect(EventNotation.line(Event(.sequenceStart(.block, NodeProperties()), start: m, end: m)) == "+SEQ")
        #expect(EventNotation.line(Event(.documentStart(explicit: true), start: m, end: m)) == "+DOC ---")
        #expect(EventNotation.line(Event(.documentEnd(explicit: false), start: m, end: m)) == "-DOC")
    }
}
