public import FormworkLanguage

/// One answer as a front end gives it; the engine parses it by the field's type.
///
/// - `text`: what a person typed (`--set visit_date=2026-03-02`). Integers, decimals (exact, never
///   floating point; `12.5%` is accepted for a percent), dates `YYYY-MM-DD`, datetimes RFC 3339,
///   booleans `true`/`false`/`yes`/`no`, choices by value. Lists (`multi_choice`, `text_list`) are
///   separated by commas, `\,` being a comma inside an item; a group's rows are a JSON list of
///   objects. Empty text is no answer.
/// - `json`: a value decoded from a JSON file; a JSON string is parsed as `text` would be, lists are
///   arrays, a group's rows are an array of objects keyed by the row's field ids; `null` is no answer.
/// - `value`: an already typed value (tests, prefill tools); it is checked against the field's type.
public enum Answer: Sendable, Hashable {
    case text(String)
    case json(JSONValue)
    case value(Value)
}
