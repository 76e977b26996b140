extension ValidatedRow {
    /// True when two rows of the same NIK describe different people (IDENTITY_CONFLICT, SPEC §5.2
    /// and §14): comparison names with a Jaro–Winkler similarity below 0.85 (when both have a name),
    /// or different valid stated birth dates. The NIK itself is not compared: call it on rows that
    /// share one.
    public func conflicts(with other: ValidatedRow) -> Bool {
        if !comparisonName.isEmpty, !other.comparisonName.isEmpty,
            !PersonName.sameName(comparisonName, other.comparisonName)
        {
            return true
        }
        if let birthDate, let otherDate = other.birthDate, birthDate != otherDate {
            return true
        }
        return false
    }
}
