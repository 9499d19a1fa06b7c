import FormworkLanguage
import Testing

@Suite("Type checker")
struct TypeCheckerTests {
    static func check(
        _ source: String, expecting: ValueType? = nil, in environment: TypeEnvironment = Fixture.environment
    )
        throws -> CheckResult
    {
        let expression = try #require(Parser.parse(source).expression, "\(Parser.parse(source).diagnostics)")
        return TypeChecker.check(expression, in: environment, expecting: expecting)
    }

    static let row = Fixture.itemRow

    @Test(
        "well-typed expressions get their type and no diagnostic",
        arguments: [
            ("amount", ValueType.decimal),
            ("quantity + 1", .int),
            ("quantity + amount", .decimal),
            ("quantity / 2", .decimal),
            ("quantity % 2", .int),
            ("-amount", .decimal),
            ("region + '!'", .string),
            ("tags + ['x']", .list(.string)),
            ("items.amount", .list(.decimal)),
            ("items", .list(.record(row))),
            ("submitter.region", .string),
            ("sum(items.amount)", .decimal),
            ("sum(items.quantity)", .int),
            ("[1, 2.5]", .list(.decimal)),
            ("[null, 1]", .list(.int)),
            ("[]", .list(.any)),
            ("approved ? 1 : 2.5", .decimal),
            ("approved ? region : null", .string),
            ("coalesce(discount, 0)", .decimal),
            ("today()", .date),
            ("now()", .datetime),
            ("date('2024-02-29')", .date),
            ("addDays(visit_date, 1)", .date),
            ("addDays(checked_in, 1)", .datetime),
            ("daysBetween(visit_date, today())", .int),
            ("min(1, 2.5)", .decimal),
            ("max(items.amount)", .decimal),
            ("max(tags)", .string),
            ("count(tags)", .int),
            ("size(notes)", .int),
            ("round(amount, 2)", .decimal),
            ("abs(quantity)", .int),
            ("lower(region)", .string),
            ("discount + null", .decimal),
            ("region in tags", .bool),
            ("'nor' in region", .bool),
            ("quantity in [1, 2.5]", .bool),
            ("matches(region, '^[a-z]+$')", .bool),
            ("visit_date < today() && !approved", .bool),
            ("year(checked_in) == 2026", .bool),
        ])
    func types(source: String, type: ValueType) throws {
        let result = try TypeCheckerTests.check(source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.type == type)
    }

    @Test(
        "mistakes are reported with a stable id, a position and a plain message",
        arguments: [
            ("amuont > 0", "unknown-name", 0, "unknown name 'amuont'; did you mean 'amount'?"),
            ("Amount > 0", "unknown-name", 0, "did you mean 'amount'?"),
            ("regoin == 'x'", "unknown-name", 0, "did you mean 'region'?"),
            ("True", "unknown-name", 0, "unknown name 'True'; did you mean 'true'?"),
            ("xyz > 0", "unknown-name", 0, "unknown name 'xyz'"),
            ("today > visit_date", "unknown-name", 0, "'today' is a function: write today()"),
            ("amount == '100'", "type-mismatch", 0, "`amount` is a decimal, but it is compared with the text \"100\""),
            ("region == 5", "type-mismatch", 0, "`region` is text, but it is compared with the number 5"),
            ("quantity == region", "type-mismatch", 0, "compared with `region`, which is text"),
            (
                "visit_date > '2026-01-01'", "type-mismatch", 0,
                "`visit_date` is a date, but it is compared with the text"
            ),
            ("region > 5", "type-mismatch", 0, "`region` is text, but it is compared with the number 5"),
            (
                "approved < true", "type-mismatch", 0,
                "'<' orders numbers, text, dates and datetimes, but `approved` is a boolean"
            ),
            ("amount < null", "type-mismatch", 0, "'<' with null is always false"),
            ("notes && approved", "type-mismatch", 0, "each side of '&&' must be true or false, but `notes` is text"),
            ("approved || quantity", "type-mismatch", 12, "but `quantity` is an integer"),
            ("!amount", "type-mismatch", 1, "the value after '!' must be true or false, but `amount` is a decimal"),
            ("-region", "type-mismatch", 1, "'-' needs a number, but `region` is text"),
            ("region * 2", "type-mismatch", 0, "'*' needs numbers, but `region` is text"),
            ("2 - region", "type-mismatch", 4, "'-' needs numbers, but `region` is text"),
            ("amount % 2", "type-mismatch", 0, "'%' needs two integers"),
            ("region + 1", "type-mismatch", 0, "'+' adds numbers, or joins two texts or two lists"),
            ("visit_date + 1", "type-mismatch", 0, "`visit_date` is a date"),
            ("region in 5", "type-mismatch", 10, "'in' needs a list or text on its right"),
            (
                "5 in tags", "type-mismatch", 0,
                "`5` is an integer, but it is looked for in `tags`, which is a list of text"
            ),
            ("5 in region", "type-mismatch", 0, "'in' with text on its right looks for a piece of text"),
            ("approved ? 'a' : 1", "type-mismatch", 11, "the two results of '? :' must be of the same type"),
            ("amount ? 1 : 2", "type-mismatch", 0, "the condition before '?' must be true or false"),
            ("[1, 'a']", "type-mismatch", 4, "all elements of a list must be of one type"),
            ("submitter.regon", "unknown-field", 10, "`submitter` has no field 'regon'; did you mean 'region'?"),
            ("items.amont", "unknown-field", 6, "the rows of `items` have no field 'amont'; did you mean 'amount'?"),
            ("amount.value", "type-mismatch", 7, "`amount` is a decimal, which has no fields"),
            ("sze(tags)", "unknown-function", 0, "unknown function 'sze'; did you mean 'size'?"),
            ("amount(1)", "unknown-function", 0, "unknown function 'amount'"),
            ("size(tags, 1)", "wrong-argument-count", 0, "'size' takes 1 argument, but 2 were given"),
            ("today(1)", "wrong-argument-count", 0, "'today' takes no arguments, but 1 was given"),
            ("coalesce(amount)", "wrong-argument-count", 0, "'coalesce' takes at least 2 arguments, but 1 was given"),
            ("round()", "wrong-argument-count", 0, "'round' takes 1 or 2 arguments, but 0 were given"),
            (
                "size(amount)", "type-mismatch", 5,
                "the first argument of 'size' must be text or a list, but `amount` is a decimal"
            ),
            ("count(region)", "type-mismatch", 6, "the first argument of 'count' must be text or a list"),
            (
                "contains(tags, 5)", "type-mismatch", 15,
                "the second argument of 'contains' must be an element of the list (text)"
            ),
            ("contains(amount, 5)", "type-mismatch", 9, "the first argument of 'contains' must be text or a list"),
            ("startsWith(region, 5)", "type-mismatch", 19, "the second argument of 'startsWith' must be text"),
            ("upper(quantity)", "type-mismatch", 6, "the first argument of 'upper' must be text"),
            ("matches(region, '[a-')", "invalid-regex", 16, "\"[a-\" has a '[' at character 1 never closed"),
            (
                "matches(region, notes)", "literal-required", 16,
                "the pattern given to 'matches' must be written as text in quotes"
            ),
            ("matches(region, 5)", "type-mismatch", 16, "the second argument of 'matches' must be a pattern"),
            (
                "date('2026-02-29')", "invalid-date", 5,
                "\"2026-02-29\" is not a valid date: month 2 of 2026 has 28 days, not 29"
            ),
            ("date('2026-04-31')", "invalid-date", 5, "month 4 of 2026 has 30 days, not 31"),
            ("date('2026-13-01')", "invalid-date", 5, "there is no month 13"),
            ("date('0000-01-01')", "invalid-date", 5, "years start at 0001"),
            ("date('31/01/2026')", "invalid-date", 5, "write it as YYYY-MM-DD"),
            ("date('2026-1-31')", "invalid-date", 5, "write it as YYYY-MM-DD"),
            ("date(notes)", "literal-required", 5, "the date given to 'date' must be written as text in quotes"),
            ("date(5)", "type-mismatch", 5, "the first argument of 'date' must be text in quotes"),
            ("datetime('2026-03-01 09:30')", "invalid-date", 9, "is not a valid date and time"),
            ("daysBetween(visit_date, checked_in)", "type-mismatch", 24, "both dates or both datetimes"),
            ("daysBetween(region, today())", "type-mismatch", 12, "must be a date or a datetime"),
            ("addDays(visit_date, 1.5)", "type-mismatch", 20, "must be an integer (a number of days)"),
            ("year(region)", "type-mismatch", 5, "must be a date or a datetime"),
            ("sum(tags)", "type-mismatch", 4, "must be a list of numbers"),
            ("sum(amount)", "type-mismatch", 4, "must be a list of numbers"),
            ("min(approved, true)", "type-mismatch", 4, "must be a number, text, a date or a datetime"),
            ("min(amount)", "type-mismatch", 4, "must be a list (or give 'min' two or more values)"),
            ("max(1, 'a')", "type-mismatch", 7, "all arguments of 'max' must be of one type"),
            ("coalesce(amount, 'x')", "type-mismatch", 17, "all arguments of 'coalesce' must be of one type"),
            ("abs(region)", "type-mismatch", 4, "must be a number"),
            ("round(amount, 1.5)", "type-mismatch", 14, "must be an integer (a number of decimal places)"),
        ])
    func diagnostics(source: String, id: String, start: Int, message: String) throws {
        let result = try TypeCheckerTests.check(source)
        let first = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        #expect(first.id == id)
        #expect(first.severity == .error)
        #expect(first.span.start == start)
        #expect(first.message.contains(message), "\(first.message)")
        #expect(result.hasErrors)
    }

    @Test("hints point to the right way to write it")
    func hints() throws {
        let date = try TypeCheckerTests.check("visit_date > '2026-01-01'")
        #expect(date.diagnostics.first?.notes == ["to write a date, use date(\"2026-01-01\")"])
        let number = try TypeCheckerTests.check("amount == '100'")
        #expect(number.diagnostics.first?.notes == ["write the number without quotes: 100"])
        let text = try TypeCheckerTests.check("notes", expecting: .bool)
        #expect(text.diagnostics.first?.notes == ["to test whether it is filled in, write has(notes)"])
        let plus = try TypeCheckerTests.check("visit_date + 7")
        #expect(plus.diagnostics.first?.notes == ["to move a date by a number of days, write addDays(visit_date, n)"])
        let minus = try TypeCheckerTests.check("today() - visit_date")
        #expect(
            minus.diagnostics.first?.notes == [
                "to count the days between two dates, write daysBetween(visit_date, today())"
            ])
        let unknown = try TypeCheckerTests.check("zzz", in: TypeEnvironment(["amount": .decimal, "region": .string]))
        #expect(unknown.diagnostics.first?.notes == ["names available here: amount, region"])
        let call = try TypeCheckerTests.check("region(1)")
        #expect(
            call.diagnostics.first?.notes.first
                == "'region' is a name in scope, not a function; write it without parentheses")
        let arity = try TypeCheckerTests.check("size()")
        #expect(arity.diagnostics.first?.notes == ["use size(text) -> integer or size(list) -> integer"])
    }

    @Test("one mistake is reported once, not again by every operator around it")
    func noCascades() throws {
        let result = try TypeCheckerTests.check(
            "(amuont + 1) * 2 > 3 && amuont < 5 && size(amuont.x) > 0", expecting: .bool)
        #expect(result.diagnostics.map(\.id) == ["unknown-name", "unknown-name", "unknown-name"])
        #expect(result.type == .bool)
        let mismatch = try TypeCheckerTests.check("(region * 2) + 1 == 3")
        #expect(mismatch.diagnostics.count == 1)
    }

    @Test(
        "the whole expression must fit where it is used",
        arguments: [
            ("amount", ValueType.bool, "a condition must be true or false, but `amount` is a decimal"),
            ("notes", .bool, "a condition must be true or false, but `notes` is text"),
            ("region", .decimal, "this expression must give a decimal, but `region` is text"),
            ("amount", .int, "this expression must give an integer, but `amount` is a decimal"),
        ])
    func expectedType(source: String, expecting: ValueType, message: String) throws {
        let result = try TypeCheckerTests.check(source, expecting: expecting)
        #expect(result.diagnostics.map(\.id) == ["type-mismatch"])
        #expect(result.diagnostics.first?.message.contains(message) == true, "\(result.diagnostics)")
    }

    @Test("an integer may stand where a decimal is expected, and null anywhere")
    func assignable() throws {
        #expect(try TypeCheckerTests.check("quantity * 2", expecting: .decimal).diagnostics.isEmpty)
        #expect(try TypeCheckerTests.check("approved ? amount : null", expecting: .decimal).diagnostics.isEmpty)
        #expect(try TypeCheckerTests.check("discount > 0", expecting: .bool).diagnostics.isEmpty)
    }

    @Test(
        "conditions that cannot change are flagged",
        arguments: [
            ("1 < 2", "this condition is always true"),
            ("1 > 2 || false", "this condition is always false"),
            ("has(null)", "this condition is always false"),
            ("null", "this condition is always false"),
            ("'a' in ['a', 'b']", "this condition is always true"),
            ("date('2026-01-01') < date('2026-02-01')", "this condition is always true"),
        ])
    func constantConditions(source: String, message: String) throws {
        let result = try TypeCheckerTests.check(source, expecting: .bool)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.id == "constant-condition")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect(!result.hasErrors)
    }

    @Test("a constant condition that always fails is an error")
    func constantFailure() throws {
        let result = try TypeCheckerTests.check("1 / 0 > 0", expecting: .bool)
        #expect(result.diagnostics.map(\.id) == ["constant-condition"])
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.diagnostics.first?.message.contains("division by zero") == true)
    }

    @Test("conditions that depend on answers or on the date are not constant")
    func notConstant() throws {
        for source in ["today() > date('2026-01-01')", "now() > datetime('2026-01-01T00:00:00Z')", "amount > 0"] {
            #expect(try TypeCheckerTests.check(source, expecting: .bool).diagnostics.isEmpty, "\(source)")
        }
        // Constant values are fine outside conditions (a default of 0, say).
        #expect(try TypeCheckerTests.check("1 + 2", expecting: .int).diagnostics.isEmpty)
    }

    @Test("comparing with null is allowed, with a suggestion to use has()")
    func nullComparison() throws {
        let equal = try TypeCheckerTests.check("discount == null", expecting: .bool)
        #expect(equal.diagnostics.map(\.id) == ["null-comparison"])
        #expect(equal.diagnostics.first?.severity == .warning)
        #expect(equal.diagnostics.first?.message.contains("write !has(discount)") == true)
        let notEqual = try TypeCheckerTests.check("null != submitter.region")
        #expect(notEqual.diagnostics.first?.message.contains("write has(submitter.region)") == true)
        #expect(!notEqual.hasErrors)
    }

    @Test("a name that is in scope but not available yet reports the reason given")
    func unavailableName() throws {
        let environment = Fixture.environment.unavailable(
            name: "follow_up", type: .date, reason: "field 'follow_up' is asked later in the form")
        let result = try TypeCheckerTests.check("follow_up > today()", expecting: .bool, in: environment)
        #expect(result.diagnostics.map(\.id) == ["name-not-available"])
        #expect(
            result.diagnostics.first?.message
                == "'follow_up' cannot be used here: field 'follow_up' is asked later in the form")
        #expect(result.diagnostics.first?.span == SourceSpan(start: 0, end: 9))
        #expect(environment.names.contains("follow_up"))
    }

    @Test("the result lists the names used, with their spans")
    func references() throws {
        let result = try TypeCheckerTests.check("amount > 0 && submitter.region == region", expecting: .bool)
        #expect(result.references.map(\.name) == ["amount", "submitter", "region"])
        #expect(result.references[1].memberPath == ["region"])
        #expect(result.references[2].span == SourceSpan(start: 34, end: 40))
        #expect(result.referencedNames == ["amount", "submitter", "region"])
    }

    @Test("types describe themselves in plain words")
    func typeDescriptions() {
        #expect(ValueType.string.description == "text")
        #expect(ValueType.list(.string).description == "list of text")
        #expect(ValueType.list(.decimal).description == "list of decimals")
        #expect(ValueType.record(Fixture.submitter).description == "record 'submitter'")
        #expect(ValueType.list(.record(Fixture.itemRow)).description == "list of 'items' records")
        #expect(ValueType.int.descriptionWithArticle == "an integer")
        #expect(ValueType.bool.descriptionWithArticle == "a boolean")
    }

    @Test("every diagnostic id is kebab-case and unique")
    func diagnosticIDs() {
        let ids = ExpressionDiagnosticID.all
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id)")
        }
    }
}
