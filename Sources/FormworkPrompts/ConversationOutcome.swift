public import FormworkEngine

/// How a conversation ended.
public enum ConversationOutcome: Sendable {
    /// The person chose to submit: the answers as `Command.Submit` takes them.
    case submit(GivenAnswers)
    /// The person chose to cancel at the review.
    case cancelled
    /// Ctrl-C or the end of input: nothing may be saved.
    case stopped(ConversationStop)
    /// The form cannot be filed at all (nothing was asked): the refusal a submission would give.
    case refused(Refusal)
}
