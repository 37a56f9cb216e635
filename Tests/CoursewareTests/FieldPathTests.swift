import Testing
@testable import Courseware

struct FieldPathTests {
    @Test func parsesEveryForm() throws {
        #expect(try FieldPath("status.availableReplicas").components == [.key("status"), .key("availableReplicas")])
        #expect(try FieldPath("spec.template.spec.containers[0].image").components
            == [.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0), .key("image")])
        #expect(try FieldPath("spec.containers[*].resources").components == [.key("spec"), .key("containers"), .all, .key("resources")])
        #expect(try FieldPath("spec.containers[name=web].image").components == [.key("spec"), .key("containers"), .match(key: "name", value: "web"), .key("image")])
        #expect(try FieldPath("metadata.labels[\"app.kubernetes.io/name\"]").components == [.key("metadata"), .key("labels"), .key("app.kubernetes.io/name")])
        #expect(try FieldPath("spec.containers[*].image").isMultiple)
        #expect(try !FieldPath("spec.containers[0].image").isMultiple)
    }

    @Test func errorsSayWhereAndWhy() {
        func error(_ text: String) -> FieldPath.ParseError? {
            do { _ = try FieldPath(text); return nil } catch { return error }
        }
        #expect(error("spec..replicas")?.offset == 5)
        #expect(error("spec..replicas")?.reason == PathMessages.emptyName)
        #expect(error("spec.containers[0")?.reason == PathMessages.unclosedBracket)
        #expect(error("spec.containers[web]")?.reason == PathMessages.badSelector("web"))
        #expect(error("spec.containers[0]image")?.reason == PathMessages.missingDot)
        #expect(error("")?.reason == PathMessages.empty)
        #expect(error("spec.")?.reason == PathMessages.emptyName)
    }
}
