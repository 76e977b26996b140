/// Rupiah as Indonesians write it: `Rp 195.988.800`, `-Rp 16.800`.
public enum Rupiah {
    public static func format(_ amount: Int) -> String {
        (amount < 0 ? "-Rp " : "Rp ") + grouped(amount.magnitude)
    }

    /// Thousands grouped with dots, as Indonesians write numbers: `11.666`.
    public static func grouped(_ value: UInt) -> String {
        let digits = String(value)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "." }
            grouped.append(digit)
        }
        return grouped
    }
}
