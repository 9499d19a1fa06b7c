import Testing

@testable import FormworkDefinitions

/// The path arithmetic every include and cache key goes through: a wrong fold would read another file, or
/// the same file under two names.
@Suite struct PathNameTests {
    @Test(arguments: [
        ("a/./b/../c", "a/c"),
        ("/../a", "/a"),
        ("", "."),
        (".", "."),
        ("/", "/"),
        ("a/..", "."),
        ("../../x", "../../x"),
        ("a/../../x", "../x"),
        ("//forms//visit.yaml/", "/forms/visit.yaml"),
        ("forms/./客戶/拜訪.yaml", "forms/客戶/拜訪.yaml"),
    ])
    func pathsAreNormalised(_ path: String, _ expected: String) {
        #expect(PathName.normalize(path) == expected)
    }

    @Test func joiningFoldsTheRelativePartOntoTheBase() {
        #expect(PathName.join("company/forms", "../org.yaml") == "company/org.yaml")
        #expect(PathName.join("company", "/etc/org.yaml") == "/etc/org.yaml")
        #expect(PathName.join(".", "forms/") == "forms")
        #expect(PathName.folder(of: "/company/forms/visit.yaml") == "/company/forms")
    }
}
