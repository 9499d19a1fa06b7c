/// The parts of a report that readers over many reports (management reports, the usage audit) do without, so that
/// they hold the parts they read rather than every report whole.
extension Routing {
    /// Who approves each step, how many must and which decisions it offers, without the words: the policy's version
    /// and meaning, its material fields, and each step's meaning, condition, reason and resolver traces.
    public var withoutWords: Routing {
        var bare = self
        bare.policyVersion = ""
        bare.meaning = ""
        bare.material = []
        for index in bare.steps.indices {
            bare.steps[index].meaning = ""
            bare.steps[index].when = nil
            bare.steps[index].reason = nil
            bare.steps[index].trace = []
            bare.steps[index].sla?.trace = []
        }
        return bare
    }
}

extension ReportRecord {
    /// The report without the words no reader over many reports uses: the routing's (`Routing.withoutWords`), the
    /// steps' reasons, and each signature's name, meaning and revision hash (who signed, for whom, which revision and
    /// when stay).
    public var withoutWords: ReportRecord {
        var bare = self
        bare.routing = routing.withoutWords
        for index in bare.steps.indices { bare.steps[index].reason = nil }
        for index in bare.decisions.indices {
            bare.decisions[index].signature.name = ""
            bare.decisions[index].signature.meaning = ""
            bare.decisions[index].signature.revisionHash = ""
        }
        return bare
    }
}

extension Revision {
    /// The revision's number, time and author only: no answers, hashes or findings.
    public var withoutAnswers: Revision {
        Revision(
            number: number, at: at, by: by, formVersion: "", answers: Answers(), hash: "", dropped: [], prefilled: [],
            defaulted: [], warnings: [])
    }
}
