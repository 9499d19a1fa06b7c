public import FormworkDefinitions

/// `decision-recorded`: an approver approves, returns or rejects, with an opinion and a signature.
public struct DecisionRecorded: Sendable, Hashable, Codable {
    public var report: ReportID
    public var step: StepID
    public var decision: Decision
    public var opinion: String?
    public var signature: Signature

    public init(report: ReportID, step: StepID, decision: Decision, opinion: String?, signature: Signature) {
        self.report = report
        self.step = step
        self.decision = decision
        self.opinion = opinion
        self.signature = signature
    }
}
