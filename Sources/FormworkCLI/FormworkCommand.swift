public import ArgumentParser

/// `formwork`: the root command and its subcommands.
public struct FormworkCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "formwork",
        abstract: "Sales report forms, funnels and sign-off, defined in YAML.",
        discussion: FormworkExit.helpText,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, CheckCommand.self, DemoCommand.self, SubmitCommand.self, InboxCommand.self,
            ApproveCommand.self,
            ReturnCommand.self, RejectCommand.self, RecallCommand.self, ResubmitCommand.self, ShowCommand.self,
            CustomerCommand.self, ExplainCommand.self, TickCommand.self, VerifyCommand.self, CompactCommand.self,
            LogCommand.self,
            SchemaCommand.self,
            AuditCommand.self, ManagementReportCommand.self, DemoDataCommand.self, DiffCommand.self,
            ProposeCommand.self, PublishCommand.self,
        ])

    public init() {}
}
