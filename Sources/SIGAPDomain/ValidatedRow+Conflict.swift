extension ValidatedRow {
    /// True when two rows of the same NIK describe different people (IDENTITY_CONFLICT): see
    /// `ValidatedPerson.conflicts(with:)`. Rows without a valid NIK never conflict.
    public func conflicts(with other: ValidatedRow) -> Bool {
        guard let mine = person, let theirs = other.person else { return false }
        return mine.conflicts(with: theirs)
    }
}
