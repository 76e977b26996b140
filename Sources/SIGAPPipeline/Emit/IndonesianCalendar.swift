/// Month names in Bahasa Indonesia, for people-facing outputs.
public enum IndonesianCalendar {
    public static let monthNames = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
        "Desember",
    ]

    /// `November` for 11.
    public static func monthName(_ month: Int) -> String {
        (1...12).contains(month) ? monthNames[month - 1] : String(month)
    }
}
