import Foundation

/// The report's stylesheet: inline, system fonts only (nothing fetched), A4 when printed.
enum ReportStyle {
    static let css = """
        :root { --ink: #1c2733; --muted: #5b6b7b; --rule: #d5dde6; --band: #f2f5f8; --brand: #0b4f6c; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: #e9eef3; color: var(--ink);
          font: 14px/1.45 "DejaVu Sans", "Liberation Sans", "Noto Sans", Arial, Helvetica, sans-serif; }
        main { max-width: 920px; margin: 24px auto; background: #fff; padding: 28px 36px 20px;
          box-shadow: 0 1px 4px rgba(0,0,0,.12); }
        header.masthead { border-bottom: 3px solid var(--brand); padding-bottom: 10px; margin-bottom: 14px; }
        .org { margin: 0; color: var(--muted); font-size: 12px; letter-spacing: .04em; text-transform: uppercase; }
        h1 { margin: 4px 0 2px; font-size: 24px; color: var(--brand); }
        .subtitle { margin: 0; font-size: 15px; }
        .state { display: inline-block; margin: 8px 0 0; padding: 3px 10px; border-radius: 3px; font-size: 12.5px; }
        .state.open { background: #fff4d6; color: #7a5300; border: 1px solid #f0d58a; }
        .state.closed { background: #e3f3ea; color: #1d5e3a; border: 1px solid #a9d8bc; }
        h2 { font-size: 17px; color: var(--brand); margin: 22px 0 6px; padding-bottom: 3px; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 14px; margin: 14px 0 4px; }
        p { margin: 4px 0 8px; }
        .note { color: var(--muted); font-size: 12.5px; }
        .figures { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 8px; margin: 10px 0; }
        .figure { background: var(--band); border-top: 4px solid var(--brand); padding: 8px 10px; }
        .figure .label { font-size: 12px; color: var(--muted); }
        .figure .value { font-size: 22px; font-weight: bold; white-space: nowrap; }
        .figure.covered { border-top-color: #1e7b4f; }
        .figure.pending { border-top-color: #d99a17; }
        .figure.rejected { border-top-color: #c0392b; }
        .figure.payable { border-top-color: #0b4f6c; background: #e4eef4; }
        .figure.payable .value { font-size: 19px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 12.5px; }
        th, td { border-bottom: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: var(--band); font-weight: bold; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        th.group { text-align: center; border-bottom: 1px solid var(--rule); }
        th { vertical-align: bottom; }
        tr.total td { font-weight: bold; border-top: 2px solid var(--ink); border-bottom: none; }
        td.mono, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 11px; }
        td.hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9.5px; word-break: break-all; }
        figure { margin: 6px 0 4px; }
        svg.chart { width: 100%; max-width: 640px; height: auto; display: block; }
        svg.chart text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; fill: var(--ink); }
        svg.chart .label { font-size: 11.5px; }
        svg.chart .value { font-size: 10.5px; fill: var(--muted); }
        svg.chart .tick { font-size: 10px; fill: var(--muted); }
        svg.chart .axis { stroke: #8795a3; stroke-width: 1; }
        svg.chart .grid { stroke: #e3e8ee; stroke-width: 1; }
        .legend { font-size: 12px; color: var(--muted); margin: 0 0 4px; }
        .legend .key { margin-right: 14px; white-space: nowrap; }
        .swatch { display: inline-block; width: 11px; height: 11px; margin-right: 5px; vertical-align: -1px; }
        ul.adjustments { padding-left: 20px; margin: 6px 0 10px; }
        ul.adjustments li { margin: 3px 0; }
        .amount { font-weight: bold; white-space: nowrap; }
        .amount.pos { color: #1d5e3a; } .amount.neg { color: #a0281c; }
        footer.trace { margin-top: 24px; border-top: 3px solid var(--brand); padding-top: 8px; font-size: 12px; }
        footer.trace table { font-size: 11px; }
        @page { size: A4; margin: 14mm 12mm 16mm 12mm;
          @bottom-right { content: "hal. " counter(page) " / " counter(pages); font-size: 8pt; color: #5b6b7b; } }
        @media print {
          body { background: #fff; font-size: 9.5pt; }
          main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
          h1 { font-size: 18pt; } h2 { font-size: 12.5pt; margin-top: 14pt; break-after: avoid; page-break-after: avoid; }
          h3 { break-after: avoid; page-break-after: avoid; }
          .figures { gap: 5pt; } .figure .value { font-size: 15pt; } .figure.payable .value { font-size: 13pt; }
          table { font-size: 8.5pt; } tr, figure, .figures, ul.adjustments li { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          table.keep, div.keep { break-inside: avoid; page-break-inside: avoid; }
          figure, p.legend { break-after: avoid; page-break-after: avoid; }
          svg.chart { max-width: 165mm; }
          footer.trace { break-before: auto; }
        }
        """

    /// The page margin note of the printed report (month and run id on every page).
    static func pageNote(_ note: String) -> String {
        let quoted = note.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "<", with: "\\3C ")
        return "@page { @bottom-left { content: \"\(quoted)\"; font-size: 8pt; color: #5b6b7b; } }"
    }
}
