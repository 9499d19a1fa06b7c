/// The checks both stores make on a batch before writing anything, so that they accept exactly the same input.
enum DraftCheck {
    /// Throws `.invalidRecord` or `.invalidBody` for the first draft (or the command id) that breaks a rule.
    static func check(_ drafts: [RecordDraft], commandID: String) throws(StoreError) {
        try field(commandID, name: "command id", limit: StoreLimits.maxFieldBytes)
        guard !drafts.isEmpty else { throw StoreError(.invalidRecord, "a batch must hold at least one record") }
        guard drafts.count <= StoreLimits.maxBatchRecords else {
            throw StoreError(
                .invalidRecord, "a batch holds \(drafts.count) records; the limit is \(StoreLimits.maxBatchRecords)")
        }
        var total = 0
        for (index, draft) in drafts.enumerated() {
            // The record's name is only written into an error: building it for every record cost more than
            // checking the record.
            func position() -> String { "record \(index) of batch \(commandID)" }
            try field(draft.kind, name: "kind of \(position())", limit: StoreLimits.maxFieldBytes)
            try field(draft.actor, name: "actor of \(position())", limit: StoreLimits.maxFieldBytes)
            try field(draft.time, name: "time of \(position())", limit: StoreLimits.maxTimeBytes)
            guard draft.body.count <= StoreLimits.maxBodyBytes else {
                throw StoreError(
                    .invalidBody,
                    "the body of \(position()) is \(draft.body.count) bytes; the limit is \(StoreLimits.maxBodyBytes)"
                )
            }
            if let problem = JSONText.objectProblem(draft.body) {
                throw StoreError(.invalidBody, "the body of \(position()) is not accepted: \(problem)")
            }
            total += draft.body.count + 512
        }
        guard total <= StoreLimits.maxBatchBytes else {
            throw StoreError(.invalidRecord, "the batch is larger than \(StoreLimits.maxBatchBytes) bytes")
        }
    }

    private static func field(_ text: String, name: @autoclosure () -> String, limit: Int) throws(StoreError) {
        guard !text.isEmpty else { throw StoreError(.invalidRecord, "the \(name()) is empty") }
        guard text.utf8.count <= limit else {
            throw StoreError(.invalidRecord, "the \(name()) is longer than \(limit) bytes")
        }
    }
}
