/// The report's bar charts: small, hand-written inline SVG (no script, no library, nothing
/// fetched). Every bar is a `<rect>` with `data-category`, `data-series` and `data-value` (the
/// figure it draws) and a `<title>` for screen readers and tooltips; the chart names the table
/// beside it (`data-table`), whose cells carry the same three attributes, so a test can check that
/// the bars and the table show the same numbers.
struct ReportChart {
    enum Layout {
        /// Segments of one bar add up (tertanggung + menunggu + ditolak = pekerja).
        case stacked
        /// The second series is drawn over the first (tertanggung within pekerja).
        case overlay
        /// One bar per series, side by side.
        case grouped
    }

    struct Series {
        var key: String
        var label: String
        var colour: String
    }

    struct Category {
        var key: String
        var label: String
        /// One value per series.
        var values: [Int]
        /// Text printed after the bar (horizontal charts), e.g. the total.
        var note: String?
    }

    var id: String
    var tableID: String
    /// What the chart shows, for `aria-label`.
    var caption: String
    var series: [Series]
    var categories: [Category]
    var layout: Layout
    /// Values are rupiah (titles and axes say `Rp 16.800`), else counts.
    var money = false

    private func formatted(_ value: Int) -> String {
        money ? Rupiah.format(value) : ReportText.count(value)
    }

    /// A number for an SVG attribute, one decimal at most.
    private static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private func rect(x: Double, y: Double, width: Double, height: Double, category: Category, series index: Int) -> String {
        let series = series[index]
        let value = category.values[index]
        let title = "\(category.label) — \(series.label): \(formatted(value))"
        return
            "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"\(series.colour)\""
            + " data-category=\"\(ReportText.escape(category.key))\" data-series=\"\(ReportText.escape(series.key))\""
            + " data-value=\"\(value)\"><title>\(ReportText.data(title))</title></rect>"
    }

    private func open(width: Int, height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\" data-table=\"\(tableID)\" role=\"img\""
            + " aria-label=\"\(ReportText.escape(caption))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
            + " preserveAspectRatio=\"xMinYMin meet\">"
    }

    /// The legend, as HTML under the chart.
    var legend: String {
        let keys = series.map {
            "<span class=\"key\"><span class=\"swatch\" style=\"background:\($0.colour)\"></span>\(ReportText.escape($0.label))</span>"
        }
        return "<p class=\"legend\">\(keys.joined(separator: " "))</p>"
    }

    /// Horizontal bars, one row per category (sources, kecamatan, reasons).
    func horizontal() -> String {
        let width = 640
        let labelWidth = 150.0
        let noteWidth = 120.0
        let plotWidth = Double(width) - labelWidth - noteWidth
        let rowHeight: Double = layout == .grouped ? Double(series.count) * 11 + 10 : 24
        let height = Int(Double(categories.count) * rowHeight + 8)
        let largest = categories.map { layout == .stacked ? $0.values.reduce(0, +) : ($0.values.max() ?? 0) }.max() ?? 0
        let scale = largest > 0 ? plotWidth / Double(largest) : 0

        var svg = open(width: width, height: height)
        svg += "<line x1=\"\(Self.n(labelWidth))\" y1=\"2\" x2=\"\(Self.n(labelWidth))\" y2=\"\(height - 4)\" class=\"axis\"/>"
        for (row, category) in categories.enumerated() {
            let top = 4 + Double(row) * rowHeight
            let middle = top + rowHeight / 2
            svg +=
                "<text x=\"\(Self.n(labelWidth - 6))\" y=\"\(Self.n(middle + 4))\" text-anchor=\"end\" class=\"label\">"
                + ReportText.data(category.label) + "</text>"
            var end = labelWidth
            switch layout {
            case .stacked:
                var x = labelWidth
                for index in series.indices {
                    let barWidth = Double(category.values[index]) * scale
                    svg += rect(x: x, y: top + 3, width: barWidth, height: rowHeight - 6, category: category, series: index)
                    x += barWidth
                }
                end = x
            case .overlay:
                for index in series.indices {
                    let barWidth = Double(category.values[index]) * scale
                    let inset = index == 0 ? 3.0 : 7.0
                    svg += rect(
                        x: labelWidth, y: top + inset, width: barWidth, height: rowHeight - 2 * inset, category: category, series: index)
                    end = max(end, labelWidth + barWidth)
                }
            case .grouped:
                for index in series.indices {
                    let barWidth = Double(category.values[index]) * scale
                    svg += rect(
                        x: labelWidth, y: top + 5 + Double(index) * 11, width: barWidth, height: 9, category: category, series: index)
                    end = max(end, labelWidth + barWidth)
                }
            }
            let note = category.note ?? category.values.map(formatted).joined(separator: " / ")
            svg += "<text x=\"\(Self.n(end + 5))\" y=\"\(Self.n(middle + 4))\" class=\"value\">\(ReportText.data(note))</text>"
        }
        return svg + "</svg>"
    }

    /// Vertical columns, one group per category (the months of the trend), with a value axis.
    func columns() -> String {
        let width = 640
        let height = 200
        let left = money ? 104.0 : 54.0
        let right = 8.0
        let top = 14.0
        let bottom = 30.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let largest = categories.flatMap(\.values).max() ?? 0
        let axisMax = Self.niceCeiling(largest)
        let scale = plotHeight / Double(axisMax)

        var svg = open(width: width, height: height)
        for step in 0...4 {
            let value = axisMax * step / 4
            let y = top + plotHeight - Double(value) * scale
            svg +=
                "<line x1=\"\(Self.n(left))\" y1=\"\(Self.n(y))\" x2=\"\(Self.n(Double(width) - right))\" y2=\"\(Self.n(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(Self.n(left - 5))\" y=\"\(Self.n(y + 4))\" text-anchor=\"end\" class=\"tick\">\(formatted(value))</text>"
        }
        let slot = categories.isEmpty ? plotWidth : plotWidth / Double(categories.count)
        let groupWidth = min(slot * 0.72, 90)
        let barWidth = groupWidth / Double(max(series.count, 1))
        let labelEvery = max(1, Int((Double(categories.count) / 12).rounded(.up)))
        for (column, category) in categories.enumerated() {
            let centre = left + slot * (Double(column) + 0.5)
            for index in series.indices {
                let barHeight = Double(category.values[index]) * scale
                let x = centre - groupWidth / 2 + Double(index) * barWidth
                svg += rect(
                    x: x, y: top + plotHeight - barHeight, width: barWidth - 1, height: barHeight, category: category, series: index)
            }
            if column % labelEvery == 0 {
                svg +=
                    "<text x=\"\(Self.n(centre))\" y=\"\(Self.n(top + plotHeight + 16))\" text-anchor=\"middle\" class=\"tick\">"
                    + ReportText.data(category.label) + "</text>"
            }
        }
        svg +=
            "<line x1=\"\(Self.n(left))\" y1=\"\(Self.n(top + plotHeight))\" x2=\"\(Self.n(Double(width) - right))\" y2=\"\(Self.n(top + plotHeight))\" class=\"axis\"/>"
        return svg + "</svg>"
    }

    /// A round axis maximum at least `value`: four equal ticks of 1, 2, 2.5 or 5 × 10^k (at least 4).
    static func niceCeiling(_ value: Int) -> Int {
        let wanted = max(1, (value + 3) / 4)
        var magnitude = 1
        while true {
            let steps = magnitude == 1 ? [1, 2, 5] : [magnitude, 2 * magnitude, magnitude * 5 / 2, 5 * magnitude]
            if let step = steps.first(where: { $0 >= wanted }) { return 4 * step }
            magnitude *= 10
        }
    }
}
