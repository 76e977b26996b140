/// Rupiah as Indonesians write it: `Rp 195.988.800`, `-Rp 16.800`.
public enum Rupiah {
    public static func format(_ amount: Int) -> String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "." }
            grouped.append(digit)
        }
        return (amount < 0 ? "-Rp " : "Rp ") + grouped
    }
}
