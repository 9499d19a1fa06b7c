extension Array {
    /// In an array sorted so that the elements `isBelow` holds for come first, the index after the last of them (`0`
    /// when there is none, `count` when it holds for all): where a key is, or where it would be inserted. A binary
    /// search: `isBelow` is asked about log2(`count`) elements.
    func insertionIndex(after isBelow: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isBelow(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
