import FormworkLanguage
import Foundation

/// The JSON form of a condition-language `Value` in events and state.
///
/// Text, whole numbers, booleans, lists and `null` are plain JSON; the other types are tagged so that
/// nothing is lost: `{"decimal": "12.5"}` (exact, as text), `{"date": "2026-03-02"}`,
/// `{"datetime": "2026-03-02T09:30:00+08:00"}`, and a record (a row of a group) as
/// `{"record": [{"product": "bearing_6204"}, {"quantity": 3}]}`, one object per field in order.
struct StoredValue: Codable, Sendable {
    var value: Value

    init(_ value: Value) { self.value = value }

    private enum Tag: String, CodingKey {
        case decimal, date, datetime, record
    }

    init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() {
                value = .null
                return
            }
            if let flag = try? single.decode(Bool.self) {
                value = .bool(flag)
                return
            }
            if let number = try? single.decode(Int.self) {
                value = .int(number)
                return
            }
            if let text = try? single.decode(String.self) {
                value = .string(text)
                return
            }
            if let elements = try? single.decode([StoredValue].self) {
                value = .list(elements.map(\.value))
                return
            }
        }
        let keyed = try decoder.container(keyedBy: Tag.self)
        if let text = try keyed.decodeIfPresent(String.self, forKey: .decimal) {
            guard let number = DecimalText.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .decimal, in: keyed, debugDescription: "'\(text)' is not a decimal number")
            }
            value = .decimal(number)
        } else if let date = try keyed.decodeIfPresent(LocalDate.self, forKey: .date) {
            value = .date(date)
        } else if let instant = try keyed.decodeIfPresent(Timestamp.self, forKey: .datetime) {
            value = .datetime(instant)
        } else {
            let fields = try keyed.decode([[String: StoredValue]].self, forKey: .record)
            value = .record(
                Record(
                    name: "row",
                    fields: fields.flatMap { member in
                        member.sorted { $0.key < $1.key }.map { Record.Field(name: $0.key, value: $0.value.value) }
                    }))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .int(let number):
            var single = encoder.singleValueContainer()
            try single.encode(number)
        case .string(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .list(let elements):
            var single = encoder.singleValueContainer()
            try single.encode(elements.map(StoredValue.init))
        case .decimal(let number):
            var keyed = encoder.container(keyedBy: Tag.self)
            try keyed.encode(CanonicalText.decimal(number), forKey: .decimal)
        case .date(let date):
            var keyed = encoder.container(keyedBy: Tag.self)
            try keyed.encode(date, forKey: .date)
        case .datetime(let instant):
            var keyed = encoder.container(keyedBy: Tag.self)
            try keyed.encode(instant, forKey: .datetime)
        case .record(let record):
            var keyed = encoder.container(keyedBy: Tag.self)
            try keyed.encode(record.fields.map { [$0.name: StoredValue($0.value)] }, forKey: .record)
        }
    }
}
