/// Well-formed UTF-8, one sequence at a time: the rule the YAML reader and the store's body validator both
/// check, so that a byte either of them accepts the other accepts too.
public enum UTF8Sequence {
    /// The length of the well-formed sequence that starts with the non-ASCII byte at `index` (Unicode table
    /// 3-7: no overlong form, no surrogate, nothing above U+10FFFF), or nil when it is not one.
    public static func length(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xbf
        switch lead {
        case 0xc2...0xdf: length = 2
        case 0xe0:
            length = 3
            low = 0xa0
        case 0xe1...0xec, 0xee...0xef: length = 3
        case 0xed:
            length = 3
            high = 0x9f
        case 0xf0:
            length = 4
            low = 0x90
        case 0xf1...0xf3: length = 4
        case 0xf4:
            length = 4
            high = 0x8f
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xc0 != 0x80 { return nil }
        return length
    }
}
