/// The Mustache templates of the HTML format, kept in the source rather than as bundle resources so
/// that the statically linked `formwork` binary needs no files beside it.
///
/// Every value goes through `{{name}}`, which the engine HTML-escapes (`<`, `>`, `&`, `"`, `'`), in
/// the page and in the SVG alike; no template uses the unescaped `{{{name}}}` form. The page has no
/// script and loads nothing: its CSS is inline and its charts are inline SVG.
enum HTMLTemplates {
    /// The page: heading, contents, one section per table (with its chart), notes.
    static let page = """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="formwork">
        <title>{{title}} · {{scope}}</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <header>
        <h1>{{title}}</h1>
        <p class="scope">{{scope}}</p>
        {{#hasContents}}
        <nav aria-label="Contents"><ul>
        {{#sections}}
        <li><a href="#{{anchor}}">{{title}}</a></li>
        {{/sections}}
        </ul></nav>
        {{/hasContents}}
        </header>
        <main>
        {{#sections}}
        <section class="report-section" id="{{anchor}}" aria-labelledby="{{anchor}}-heading">
        <h2 id="{{anchor}}-heading">{{title}}</h2>
        {{#figure}}
        <div class="figure">
        <figure class="chart-box">
        {{#svg}}
        {{> chart}}
        {{/svg}}
        </figure>
        <div class="data">
        {{#table}}
        {{> table}}
        {{/table}}
        </div>
        </div>
        {{/figure}}
        {{#plain}}
        <div class="data">
        {{> table}}
        </div>
        {{/plain}}
        {{#groups}}
        <section class="group" aria-labelledby="{{anchor}}">
        <h3 id="{{anchor}}">{{heading}}</h3>
        {{#caption}}
        <p class="caption">{{.}}</p>
        {{/caption}}
        <div class="data">
        {{#table}}
        {{> table}}
        {{/table}}
        </div>
        </section>
        {{/groups}}
        </section>
        {{/sections}}
        {{#hasNotes}}
        <section class="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        <ul>
        {{#notes}}
        <li>{{.}}</li>
        {{/notes}}
        </ul>
        </section>
        {{/hasNotes}}
        </main>
        <footer><p>Made by formwork report {{kind}} · as of {{asOf}}</p></footer>
        </body>
        </html>

        """

    /// One table: a header row, then the rows; numeric columns right-aligned; "None." without rows.
    static let table = """
        {{#hasRows}}
        <table>
        <thead><tr>{{#columns}}<th scope="col" class="{{align}}">{{title}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr>{{#cells}}<td class="{{align}}">{{text}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{^hasRows}}
        <p class="empty">None.</p>
        {{/hasRows}}

        """

    /// One chart as inline SVG: a `<title>` and `<desc>` that screen readers announce, then the
    /// shapes in drawing order, each bar with a tooltip of its figures.
    static let chart = """
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" width="{{width}}" \
        height="{{height}}" role="img" aria-labelledby="{{id}}-title {{id}}-desc">
        <title id="{{id}}-title">{{title}}</title>
        <desc id="{{id}}-desc">{{summary}}</desc>
        {{#shapes}}
        {{#rect}}
        <rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" class="{{style}}">\
        {{#tooltip}}<title>{{.}}</title>{{/tooltip}}</rect>
        {{/rect}}
        {{#line}}
        <line x1="{{x1}}" y1="{{y1}}" x2="{{x2}}" y2="{{y2}}" class="{{style}}"/>
        {{/line}}
        {{#text}}
        <text x="{{x}}" y="{{y}}" text-anchor="{{anchor}}" class="{{style}}">{{content}}</text>
        {{/text}}
        {{/shapes}}
        </svg>

        """

    /// The page's only styles: readable tables, and the charts' colours by class (a palette that
    /// stays apart for colour-blind readers), with a print layout for meeting packs. Grouped tables
    /// (a meeting pack's reports) share fixed column widths, so that their columns line up.
    static let stylesheet = """
        :root {
          --ink: #1d2733; --muted: #5b6776; --line: #dde3ea; --panel: #ffffff; --page: #f4f6f8;
          --bar: #4e79a7; --bar-part: #1f3f66; --track: #e6ebf0; --met: #2f8f5b; --short: #d9822b;
          --rule: #b03a2e; --target: #1d2733;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; color: var(--ink); background: var(--page);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK TC",
            "PingFang TC", "Microsoft JhengHei", sans-serif;
        }
        header { background: var(--panel); border-bottom: 1px solid var(--line); padding: 20px 32px 12px; }
        h1 { margin: 0 0 4px; font-size: 24px; }
        h2 { margin: 0 0 12px; font-size: 17px; }
        h3 { margin: 16px 0 2px; font-size: 15px; }
        .scope { margin: 0 0 8px; color: var(--muted); }
        nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; padding: 0; list-style: none; }
        nav a { color: var(--bar-part); }
        main { padding: 4px 32px 24px; max-width: 1500px; }
        .report-section, .notes {
          background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px;
          margin: 16px 0;
        }
        .figure { display: flex; flex-wrap: wrap; gap: 20px 32px; align-items: flex-start; }
        .chart-box { flex: 1 1 560px; max-width: 680px; margin: 0; }
        .figure .data { flex: 0 1 auto; width: max-content; max-width: 100%; }
        .data { overflow-x: auto; }
        .caption { margin: 0 0 6px; color: var(--muted); }
        .group table { width: 100%; table-layout: fixed; }
        .group th:nth-child(1) { width: 16em; }
        .group th:nth-child(2) { width: 11em; }
        .group th:nth-child(3) { width: 30%; }
        .empty { color: var(--muted); font-style: italic; }
        table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #aeb8c4; background: #f8f9fb; white-space: nowrap; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        td.text { white-space: pre-wrap; overflow-wrap: break-word; }
        th.num, td.num { text-align: right; white-space: nowrap; }
        .notes ul { margin: 0; padding-left: 20px; color: var(--muted); }
        footer { padding: 0 32px 24px; color: var(--muted); font-size: 12px; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg.chart text { font-size: 12px; fill: var(--ink); }
        svg.chart .legend, svg.chart .note { fill: var(--muted); }
        svg.chart .tick { font-size: 10px; fill: var(--muted); }
        svg.chart .panel-title { font-weight: 600; }
        svg.chart .value { font-weight: 600; }
        svg.chart .empty { fill: var(--muted); font-style: italic; }
        svg.chart .axis { stroke: #9aa5b1; stroke-width: 1; }
        svg.chart .bar { fill: var(--bar); }
        svg.chart .bar-open { fill: #7f9cc0; }
        svg.chart .bar-part { fill: var(--bar-part); }
        svg.chart .track { fill: var(--track); }
        svg.chart .progress.met { fill: var(--met); }
        svg.chart .progress.short { fill: var(--short); }
        svg.chart .value.met { fill: var(--met); }
        svg.chart .value.short { fill: #a85a12; }
        svg.chart .overflow { fill: #ffffff; font-weight: 700; }
        svg.chart .target-line { stroke: var(--target); stroke-width: 1.5; }
        svg.chart .rule-line { stroke: var(--rule); stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg.chart .line-label { font-size: 11px; }
        svg.chart .line-label.rule-line { fill: var(--rule); stroke: none; }
        svg.chart .line-label.target-line { fill: var(--target); stroke: none; }
        svg.chart .marker { stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg.chart .marker-median { stroke: var(--bar-part); }
        svg.chart .marker-p90 { stroke: var(--rule); }
        svg.chart .marker-label { font-size: 11px; stroke: none; }
        svg.chart .marker-label.marker-median { fill: var(--bar-part); }
        svg.chart .marker-label.marker-p90 { fill: var(--rule); }
        svg.chart .s0 { fill: #4e79a7; } svg.chart .s1 { fill: #f28e2b; } svg.chart .s2 { fill: #59a14f; }
        svg.chart .s3 { fill: #e15759; } svg.chart .s4 { fill: #76b7b2; } svg.chart .s5 { fill: #edc948; }
        svg.chart .s6 { fill: #b07aa1; } svg.chart .s7 { fill: #ff9da7; } svg.chart .s8 { fill: #9c755f; }
        svg.chart .s9 { fill: #bab0ac; }
        @media print {
          body { background: #ffffff; }
          header, .report-section, .notes { border: none; padding: 0; }
          nav { display: none; }
          .group { break-inside: avoid; }
          .data { overflow: visible; }
        }
        """
}
