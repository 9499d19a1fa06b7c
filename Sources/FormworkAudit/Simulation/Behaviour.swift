/// How one person behaves in a simulation, derived from their load (1 = on budget).
struct Behaviour: Sendable {
    var load: Double

    /// Free-text answers that are placeholders or copies.
    var padding: Double { min(0.6, max(0.03, 0.03 + 0.6 * (load - 1))) }
    /// Optional questions answered, falling with the load and towards the end of a form.
    func answersOptional(at position: Double) -> Double {
        min(0.8, max(0.03, 0.8 / (load * load) * (1 - 0.6 * position)))
    }
    /// Prefilled answers kept as offered.
    var keepsPrefill: Double { min(0.97, 0.85 + 0.1 * max(0, load - 1)) }
    /// Offered defaults kept.
    var keepsDefault: Double { min(0.97, 0.55 + 0.3 * max(0, load - 1)) }
    /// Decisions taken after the due time.
    var late: Double { min(0.8, max(0.04, load - 1)) }
    /// Reports of forms that no stage requires, never read.
    var skipsOptionalForms: Bool { load > 1.25 }
    /// Opinions that are placeholders.
    var placeholderOpinion: Double { min(0.7, max(0.03, 0.05 + 0.6 * (load - 1))) }
}
