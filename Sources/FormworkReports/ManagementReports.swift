import FormworkDefinitions

/// Makes a management report from the store's reports and customers: a pure function of its input.
public enum ManagementReports {
    public static func make(_ kind: ReportKind, from input: ReportInput) -> ManagementReport {
        var report =
            switch kind {
            case .activity: ActivityReport(input: input).make()
            case .reviews: ReviewsReport(input: input).make()
            case .funnel: FunnelReport(input: input).make()
            case .targets: TargetsReport(input: input).make()
            case .meetingPack: MeetingPack(input: input).make()
            }
        report.language = input.formSet.manifest.defaultLocale
        return report
    }
}
