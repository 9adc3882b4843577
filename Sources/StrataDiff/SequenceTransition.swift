import StrataSchema

/// How a sequence moves from its old options to its new ones.
///
/// PostgreSQL applies all the options of one `ALTER SEQUENCE` (or of one identity column's
/// `SET …` clauses) together and then checks the sequence's current value against the new
/// bounds ("RESTART value (1) cannot be less than MINVALUE (100)"). A change that keeps the
/// range or widens it is one statement. A change that narrows it first brings the current
/// value into the new range — moving it to the new start when the sequence was never used
/// or its value lies outside — and, when that start lies outside the old range, first
/// widens the range to cover both.
struct SequenceTransition: Equatable {
    /// Options to apply first, covering the old and the new range, when the new start lies
    /// outside the old range.
    var widened: SequenceOptions?
    /// Whether to move the sequence to the new start (when unused or out of range) before
    /// the final options.
    var restartsOutsideRange: Bool
    /// The options the last statement starts from: the widened ones or the old ones.
    var finalFrom: SequenceOptions

    init(from old: SequenceOptions, to new: SequenceOptions) {
        let narrows = new.minValue > old.minValue || new.maxValue < old.maxValue
        guard narrows else {
            widened = nil
            restartsOutsideRange = false
            finalFrom = old
            return
        }
        restartsOutsideRange = true
        if (old.minValue...old.maxValue).contains(new.start) {
            widened = nil
            finalFrom = old
        } else {
            var wide = old
            wide.minValue = min(old.minValue, new.minValue)
            wide.maxValue = max(old.maxValue, new.maxValue)
            wide.dataType = Self.wider(old.dataType, new.dataType)
            widened = wide
            finalFrom = wide
        }
    }

    /// The range of the new options.
    static func range(_ options: SequenceOptions) -> ClosedRange<Int64> {
        options.minValue...max(options.minValue, options.maxValue)
    }

    /// The wider of two sequence types.
    static func wider(_ first: String, _ second: String) -> String {
        let order = ["smallint", "integer", "bigint"]
        let firstRank = order.firstIndex(of: first) ?? order.count
        let secondRank = order.firstIndex(of: second) ?? order.count
        return firstRank >= secondRank ? first : second
    }
}
