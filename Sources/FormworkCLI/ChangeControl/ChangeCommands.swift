public import ArgumentParser
import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import Foundation

/// `formwork propose --as PERSON --summary TEXT`: files the configuration folder's form set as a
/// change proposal, signed through the change-control policy like any report.
public struct ProposeCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Propose the form set in --config as a new version: it is signed like a report, then published.",
        discussion: """
            The proposal is a report of the form 'form_set_change' for the customer 'form-set', \
            routed by the policy that the form set in force names in 'change_control:'. It carries \
            the proposed version, the changes against the version in force (safe or breaking, with \
            the reports in flight each breaking change touches) and the audit's figures before and \
            after; a copy of the proposed files is kept in the store. Once approved, 'formwork \
            publish' makes it the version in force. See docs/evolving-form-sets.md.

            Exit codes: 0 proposed; 1 refused (no change control, nothing changed, a rule); 65 the \
            proposed set has errors; 66 no manifest; 74 the store cannot be written; 77 not allowed.
            """)

    @Option(name: .customLong("as"), help: "Who proposes (a person with a role in change_control.proposed_by).")
    public var person: String
    @Option(help: "What changes and why, for the approvers.") public var summary: String
    @Option(help: "An idempotency id: the same request sent twice files one proposal.") public var requestID: String?
    @OptionGroup public var session: SessionOptions

    public init() {}

    public func validate() throws {
        if summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--summary must say what changes and why")
        }
    }

    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        let config = session.configPath(in: environment)
        let proposed: FormSet
        switch Session.loadFormSet(config, in: environment) {
        case .success(let loaded): proposed = loaded.formSet
        case .failure(let failure): return failure.outcome
        }
        // The session serves the version in force (the published one, else this folder's). Nothing is created
        // until the proposal is known to be allowed: a store that does not exist yet reads as empty.
        var opened: Session
        switch Session.open(session, in: environment, createStore: false, formSet: proposed, trial: true) {
        case .success(let session): opened = session
        case .failure(let failure): return failure.outcome
        }
        let inForce = opened.formSet
        let published = opened.engine.state.publishedVersion
        guard inForce.manifest.changeControl != nil else {
            return CommandOutcome(
                stderr: opened.warnings.joinedLines
                    + "formwork: the form set in force declares no 'change_control:', so there is nobody to sign a proposal; add it to the manifest (docs/evolving-form-sets.md)\n",
                exitCode: .failed)
        }
        if let published, published.version == proposed.version {
            return CommandOutcome(
                stderr: "formwork: nothing to propose: '\(config)' is version \(published.number), already in force\n",
                exitCode: .failed)
        }
        let base: FormSet? = published == nil ? nil : inForce
        var listing = ChangeListing(changes: base.map { FormSetDiff.compare($0, proposed) } ?? [])
        let archive = FormSetArchive(store: session.storePath(in: environment))
        if let published {
            let tree = URL(fileURLWithPath: archive.path(of: published.version) + "/tree").standardizedFileURL.path
            listing.displayFile = { file in
                let path = URL(fileURLWithPath: file).standardizedFileURL.path
                return path.hasPrefix(tree + "/")
                    ? "version \(published.number):" + path.dropFirst(tree.count + 1) : file
            }
        }
        listing.inFlight = InFlight.count(listing.changes, in: opened.engine.state.reports.values)
        var changes = listing.text() + listing.summary()
        if base == nil {
            changes =
                "first version under change control: \(proposed.forms.count) forms, \(proposed.policies.count) policies, \(proposed.workflows.count) workflows"
        }
        let firstVersion = changes
        let figures = Self.auditFigures(before: base, after: proposed)
        let by = PersonID(person)
        let answers: GivenAnswers = [
            ChangeControl.FieldName.summary.rawValue: .text(summary),
            ChangeControl.FieldName.version.rawValue: .text(proposed.version),
            ChangeControl.FieldName.baseVersion.rawValue: .text(published?.version ?? ""),
            ChangeControl.FieldName.changes.rawValue: .text(changes),
            ChangeControl.FieldName.breaking.rawValue: .text(String(listing.breaking)),
            ChangeControl.FieldName.inFlight.rawValue: .text(String(listing.touched)),
            ChangeControl.FieldName.audit.rawValue: .text(figures),
        ]
        func proposal(_ engine: Engine, at time: Timestamp) -> Command {
            .submit(
                .init(
                    report: ReportID.numbered(engine.state.reportCount + 1), form: ChangeControl.formID,
                    customer: CustomerID(ChangeControl.customer), answers: answers, by: by, at: time))
        }
        // Decided first on the state as read, so that a refused proposal leaves no copy of its files behind.
        switch session.time(in: environment) {
        case .success(let time):
            if case .failure(let refusal) = opened.engine.handle(proposal(opened.engine, at: time)) {
                return CommandRunner.refusal(refusal, warnings: opened.warnings, options: session)
            }
        case .failure(let failure): return failure.outcome
        }
        do {
            try archive.store(
                proposed, manifestFolder: Self.manifestFolder(of: proposed))
        } catch {
            return CommandOutcome(
                stderr: "formwork: cannot keep a copy of the proposed form set in the store: \(error)\n",
                exitCode: .ioError)
        }
        return CommandRunner.write(
            session, in: environment, actor: by, requestID: requestID,
            make: { time in .success({ engine in proposal(engine, at: time) }) },
            describe: { session, events in
                // The proposal's own event, not the first report mentioned: reminders and escalations that fell due
                // come first in the batch and name other reports.
                let filed = events.lazy.compactMap { event -> ReportID? in
                    if case .reportSubmitted(let body) = event { body.report } else { nil }
                }.first
                guard let id = filed, let record = session.engine.report(id) else { return "" }
                var text = "proposed version \(proposed.version.prefix(12)) as " + Render.summary(record)
                // The first version has nothing to be compared with: said as its proposal records it.
                text += "  " + (base == nil ? firstVersion : listing.summary()) + "\n"
                text += "  once approved: formwork publish \(id) --as \(person)\n"
                return text
            })
    }

    /// The folder of the set's manifest (its first file).
    static func manifestFolder(of formSet: FormSet) -> String {
        URL(fileURLWithPath: formSet.files.first ?? formSet.manifest.file).deletingLastPathComponent().path
    }

    /// The audit's figures before and after: findings, fields asked twice, weekly burden per role.
    static func auditFigures(before: FormSet?, after: FormSet) -> String {
        let new = Audit().run(after)
        let old = before.map { Audit().run($0) }
        func count(_ report: AuditReport?, _ keep: (Finding) -> Bool) -> String {
            report.map { String($0.findings.filter(keep).count) } ?? "–"
        }
        let asked = { (finding: Finding) in finding.id.rawValue.contains("asked") }
        var lines = [
            "findings: errors \(count(old) { $0.severity == .error }) → \(count(new) { $0.severity == .error }), warnings \(count(old) { $0.severity == .warning }) → \(count(new) { $0.severity == .warning })",
            "fields or forms asked twice: \(count(old, asked)) → \(count(new, asked))",
        ]
        for burden in new.burden {
            let was = old?.burden.first { $0.role == burden.role }.map { String($0.minutes) } ?? "–"
            let budget = burden.budget.map { " (budget \($0))" } ?? ""
            lines.append("burden of \(burden.role), minutes a week: \(was) → \(burden.minutes)\(budget)")
        }
        return lines.joined(separator: "\n")
    }
}

/// `formwork publish PROPOSAL --as PERSON`: an approved proposal's version comes into force.
public struct PublishCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Bring an approved change proposal's form set into force.",
        discussion: """
            From then on every command uses that version, read from the store's copy. Reports in \
            flight keep the form version and routing they were filed with; a returned report is \
            migrated when it is resubmitted (answers carried over by field id, dropped ones \
            reported, new required fields asked). Only the author or someone with a proposing role \
            may publish, and only a proposal made against the version in force.

            Exit codes: 0 published; 1 refused (not approved, already published, stale); 65 not a \
            proposal, or the store's copy is damaged; 77 not allowed.
            """)

    @Argument(help: "The proposal's report id.") public var proposal: String
    @Option(name: .customLong("as"), help: "Who publishes.") public var person: String
    @Option(help: "An idempotency id: the same request sent twice publishes once.") public var requestID: String?
    @OptionGroup public var session: SessionOptions

    public init() {}

    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        let by = PersonID(person)
        let id = ReportID(proposal)
        let archive = FormSetArchive(store: session.storePath(in: environment))
        return CommandRunner.write(
            session, in: environment, actor: by, requestID: requestID,
            make: { time in .success({ _ in .publish(.init(proposal: id, by: by, at: time)) }) },
            describe: { session, events in
                guard case .formSetPublished(let body)? = events.last else { return "" }
                return
                    "published form-set version \(body.number) (\(body.version.prefix(12))) from proposal \(body.proposal); commands use it from now on\n"
            },
            check: { engine in
                // The copy must load as the version it claims before it may come into force.
                guard let report = engine.state.reports[id], report.form == ChangeControl.formID else { return nil }
                let version =
                    report.revision.answers[FieldID(ChangeControl.FieldName.version.rawValue)]?.plainText ?? ""
                do {
                    let folder = try archive.manifestFolder(of: version)
                    switch Session.loadFormSet(folder, in: environment) {
                    case .failure(let failure):
                        return SessionFailure(
                            failure.exit, "formwork: the proposed form set does not load\n" + failure.message)
                    case .success(let loaded) where loaded.formSet.version != version:
                        return SessionFailure(
                            .invalidData,
                            "formwork: the store's copy of version \(version.prefix(12)) was altered; propose the change again"
                        )
                    case .success: return nil
                    }
                } catch {
                    return SessionFailure(.invalidData, "formwork: \(error)")
                }
            })
    }
}
