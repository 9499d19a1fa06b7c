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

    /// Parses `2026`, `2026-Q1` or `2026-03`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, first.allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(first)
        else { return nil }
        self.year = year
        if parts.count == 1 {
            kind = .year
        } else if parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()),
            (1...4).contains(q)
        {
            kind = .quarter(q)
        } else if parts.count == 2, parts[1].count == 2, parts[1].allSatisfy(\.isNumber), let m = Int(parts[1]),
            (1...12).contains(m)
        {
            kind = .month(m)
        } else {
            return nil
        }
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
