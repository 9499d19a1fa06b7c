public import FormworkDiagnostics
public import FormworkLanguage
public import Foundation

/// The organisation: who works here, in which role and region, who reports to whom, and targets.
public struct Org: Sendable {
    public var id: Located<OrgID>
    public var name: String?
    public var roles: [Role]
    public var regions: [Region]
    public var people: [Person]
    public var targets: [SalesTarget]
    public var delegations: [Delegation]
    public var file: String
    /// Expected reports per person, by form (`volumes:`), for `formwork audit`'s burden estimate.
    public var volumes: [ExpectedVolume] = []

    public init(
        id: Located<OrgID>, name: String?, roles: [Role], regions: [Region], people: [Person],
        targets: [SalesTarget], delegations: [Delegation], file: String
    ) {
        self.id = id
        self.name = name
        self.roles = roles
        self.regions = regions
        self.people = people
        self.targets = targets
        self.delegations = delegations
        self.file = file
    }

    public func person(_ id: PersonID) -> Person? { people.first { $0.id.value == id } }
}

public struct Role: Sendable {
    public var id: Located<RoleID>
    public var label: LocalizedText?
}

public struct Region: Sendable {
    public var id: Located<RegionID>
    public var label: LocalizedText?
}

public struct Person: Sendable {
    public var id: Located<PersonID>
    public var name: String
    public var roles: [Located<RoleID>]
    public var region: Located<RegionID>?
    public var manager: Located<PersonID>?
    public var active: Bool

    public func has(role: RoleID) -> Bool { roles.contains { $0.value == role } }
}

/// A sales period: a year, a quarter or a month.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case year
        case quarter(Int)
        case month(Int)
    }

    public var year: Int
    public var kind: Kind

    public var description: String {
        switch kind {
        case .year: String(year)
        case .quarter(let q): "\(year)-Q\(q)"
        case .month(let m): m < 10 ? "\(year)-0\(m)" : "\(year)-\(m)"
        }
    }

    /// Parses `2026`, `2026-Q1` or `2026-03`: four ASCII digits, then a quarter 1 to 4 or a month 01 to 12.
    ///
    /// Read on the UTF-8 bytes: every command reads the periods of the org's targets from the compiled form set
    /// (a thousand in an org of 500 reps), and splitting the text into `Character`s cost ~9 k instructions each.
    public init?(parsing text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private init(year: Int, kind: Kind) {
        self.year = year
        self.kind = kind
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Period? {
        func digit(_ index: Int) -> Int? {
            let byte = bytes[index]
            return (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil
        }
        guard bytes.count == 4 || bytes.count == 7, let a = digit(0), let b = digit(1), let c = digit(2),
            let d = digit(3)
        else { return nil }
        let year = a * 1000 + b * 100 + c * 10 + d
        if bytes.count == 4 { return Period(year: year, kind: .year) }
        guard bytes[4] == UInt8(ascii: "-") else { return nil }
        if bytes[5] == UInt8(ascii: "Q") {
            guard let quarter = digit(6), (1...4).contains(quarter) else { return nil }
            return Period(year: year, kind: .quarter(quarter))
        }
        guard let tens = digit(5), let ones = digit(6), (1...12).contains(tens * 10 + ones) else { return nil }
        return Period(year: year, kind: .month(tens * 10 + ones))
    }
}

/// A sales target for a person, a region, or the whole organisation.
public struct SalesTarget: Sendable {
    public enum Scope: Sendable {
        case organisation
        case region(Located<RegionID>)
        case person(Located<PersonID>)
    }

    public var period: Located<Period>
    public var scope: Scope
    public var units: Int?
    public var revenue: Decimal?
    public var profit: Decimal?
    public var location: SourceLocation
    /// True when a figure could not be read (already reported); coverage is then not judged.
    public var incomplete: Bool = false
}

/// Someone signs for someone else for a while ("acting for"); it never cascades.
public struct Delegation: Sendable {
    public var from: Located<PersonID>
    public var to: Located<PersonID>
    public var start: Located<LocalDate>
    public var end: Located<LocalDate>
    public var policies: [Located<PolicyID>]
    public var location: SourceLocation
}
