"""The batch report as one self-contained HTML page: inline CSS, inline SVG charts, inline script.

No network: a Content-Security-Policy forbids every external resource. The table
sorts (click a heading) and filters (text box, verdict list); each target opens
to its findings. The same sort and filter can be set from the address
(``report.html#sort=verdict&dir=desc&q=text``), which is how a test drives it.
"""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from dpgcheck.batch.report import (
    STATUS_ORDER, all_indicators, indicator_statuses, indicator_titles, meta, pass_rate, rule_titles, tally, verdict_of, worst_gaps,
    rule_statuses,
)
from dpgcheck.report.model import indicator_sort_key

COLOURS = {
    "pass": "#2e7d32", "warn": "#f9a825", "insufficient_evidence": "#8d6e63", "fail": "#c62828",
    "not_applicable": "#9e9e9e", "error": "#6a1b9a", "timeout": "#283593",
}

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}h1{margin:0 0 .2em}h2{margin-top:1.6em}
.meta{color:#555}.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em}
.card b{font-size:1.6em;display:block}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f5f5f5;position:sticky;top:0}th.sorted-asc:after{content:" \\25B2"}th.sorted-desc:after{content:" \\25BC"}
.s-pass{color:#2e7d32}.s-fail{color:#c62828}.s-warn{color:#9a6a00}.s-insufficient_evidence{color:#6d4c41}.s-error,.s-timeout{color:#6a1b9a}
.controls{margin:.8em 0;display:flex;gap:.8em}svg text{font:12px system-ui,sans-serif}details summary{cursor:pointer}
.legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
"""

SCRIPT = """
(function(){
var table=document.getElementById('targets');if(!table)return;
var body=table.tBodies[0],heads=table.tHead.rows[0].cells,box=document.getElementById('filter'),pick=document.getElementById('verdict-filter');
function key(row,i){var c=row.cells[i];var v=c.getAttribute('data-sort');if(v===null)v=c.textContent.trim();var n=parseFloat(v);return isNaN(n)||String(n)!==v?v.toLowerCase():n;}
function sortBy(i,dir){var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){var x=key(a,i),y=key(b,i);
 if(typeof x!==typeof y){x=String(x);y=String(y);}var r=x<y?-1:x>y?1:0;if(r===0){r=a.getAttribute('data-target')<b.getAttribute('data-target')?-1:1;}return dir==='desc'?-r:r;});
 rows.forEach(function(r){body.appendChild(r);});for(var j=0;j<heads.length;j++){heads[j].className='';}
 heads[i].className='sorted-'+dir;table.setAttribute('data-sorted',heads[i].getAttribute('data-key')+':'+dir);}
function filter(){var q=(box.value||'').toLowerCase(),v=pick.value,shown=0;Array.prototype.forEach.call(body.rows,function(r){
 var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!v||r.getAttribute('data-verdict')===v);r.style.display=ok?'':'none';if(ok)shown++;});
 document.getElementById('shown').textContent=shown;}
Array.prototype.forEach.call(heads,function(h,i){h.addEventListener('click',function(){sortBy(i,h.className==='sorted-asc'?'desc':'asc');});});
box.addEventListener('input',filter);pick.addEventListener('change',filter);
var hash={};location.hash.replace(/^#/,'').split('&').forEach(function(p){var kv=p.split('=');if(kv[0])hash[kv[0]]=decodeURIComponent(kv[1]||'');});
if(hash.sort){for(var i=0;i<heads.length;i++){if(heads[i].getAttribute('data-key')===hash.sort){sortBy(i,hash.dir==='desc'?'desc':'asc');}}}
if(hash.q){box.value=hash.q;}if(hash.verdict){pick.value=hash.verdict;}filter();
document.body.setAttribute('data-ready','1');
})();
"""


def _bar_chart(chart_id: str, title: str, items: list[tuple[str, Counter]], statuses: tuple[str, ...]) -> str:
    """Horizontal stacked bars, one per item, with the pass rate written beside each."""
    row, label_width, bar_width = 20, 340, 420
    height = row * len(items) + 30
    parts = [f'<svg id="{chart_id}" class="chart" role="img" aria-label="{escape(title)}" width="{label_width + bar_width + 70}" height="{height}" xmlns="http://www.w3.org/2000/svg">']
    for n, (label, counter) in enumerate(items):
        y = n * row + 4
        total = sum(counter.values()) or 1
        shown = label if len(label) <= 48 else label[:47] + "\u2026"
        parts.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(shown)}</text>')
        x = float(label_width)
        for status in statuses:
            count = counter.get(status, 0)
            if not count:
                continue
            width = bar_width * count / total
            parts.append(f'<rect class="bar" data-status="{status}" x="{x:.1f}" y="{y}" width="{width:.1f}" height="{row - 6}" fill="{COLOURS.get(status, "#777")}">'
                         f'<title>{escape(label)}: {count} {status}</title></rect>')
            x += width
        rate = pass_rate(counter)
        parts.append(f'<text x="{label_width + bar_width + 6}" y="{y + 13}">{"-" if rate is None else f"{rate * 100:.0f}%"}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _legend(statuses: tuple[str, ...]) -> str:
    return '<p class="legend">' + "".join(f'<span><i style="background:{COLOURS.get(s, "#777")}"></i>{escape(s)}</span>' for s in statuses) + "</p>"


def _findings(line: dict[str, Any]) -> str:
    decision = line.get("decision") or {}
    findings = decision.get("findings") or []
    if line.get("status") != "ok":
        return f'<p class="s-{escape(str(line.get("status")))}">{escape(str(line.get("error") or ""))}</p>'
    if not findings:
        return "<p>No findings.</p>"
    items = []
    for f in findings:
        where = (f.get("location") or {}).get("path")
        items.append(f'<li><b class="s-{escape(str(f.get("severity")))}">{escape(str(f.get("severity")))}</b> '
                     f'<code>{escape(str(f.get("rule_id")))}</code> {escape(str(f.get("message")))}'
                     + (f' <code>{escape(str(where))}</code>' if where else "") + "</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _table(lines: list[dict[str, Any]], changes_by_target: dict[str, dict[str, Any]] | None) -> str:
    indicators = all_indicators(lines)
    heads = [("target", "Target"), ("verdict", "Verdict"), ("kind", "Kind"), ("blocking", "Blocking"), ("findings", "Findings"), ("commit", "Commit")]
    if changes_by_target is not None:
        heads = [("change", "Change"), ("before", "Before"), *heads]
    heads += [(f"indicator-{i}", f"Ind. {i}") for i in indicators]
    out = ['<table id="targets"><thead><tr>' + "".join(f'<th data-key="{k}">{escape(t)}</th>' for k, t in heads) + "</tr></thead><tbody>"]
    for line in lines:
        decision = line.get("decision") or {}
        verdict = verdict_of(line)
        summary = decision.get("summary") or {}
        marks = indicator_statuses(line)
        cells = []
        if changes_by_target is not None:
            change = changes_by_target[line["target"]]
            cells += [f"<td>{change['change']}</td>", f"<td>{escape(str(change['before'] or '-'))}</td>"]
        cells += [
            f'<td data-sort="{escape(line["target"])}"><details><summary>{escape(line["target"])}</summary>{_findings(line)}'
            + (("<p>" + escape("; ".join(changes_by_target[line["target"]]["details"])) + "</p>") if changes_by_target else "")
            + "</details></td>",
            f'<td class="s-{escape(verdict)}">{escape(verdict)}</td>',
            f"<td>{escape(str(line.get('kind')))}</td>",
            f"<td>{escape(str(summary.get('blocking', '')))}</td>",
            f"<td>{len(decision.get('findings') or [])}</td>",
            f"<td><code>{escape((line.get('commit') or '')[:12])}</code></td>",
        ]
        cells += [f'<td class="s-{escape(marks.get(i, ""))}">{escape(marks.get(i, ""))}</td>' for i in indicators]
        out.append(f'<tr data-target="{escape(line["target"])}" data-verdict="{escape(verdict)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def to_html(lines: list[dict[str, Any]], diff: list[dict[str, Any]] | None = None, title: str = "dpgcheck batch audit") -> str:
    info = meta(lines)
    shown = [c["line"] for c in diff] if diff is not None else lines
    by_target = {c["target"]: c for c in diff} if diff is not None else None
    verdicts = Counter(verdict_of(line) for line in shown)
    body = [f"<h1>{escape(title)}</h1>",
            f'<p class="meta">{len(lines)} targets &middot; clock {escape(", ".join(info["clock"]) or "-")} &middot; profile '
            f'{escape(", ".join(info["profile"]) or "-")} &middot; bundle {escape(", ".join(info["bundle_revision"]) or "-")} &middot; '
            f'{escape(", ".join(info["tool"]))}</p>']
    if diff is not None:
        kinds = Counter(c["change"] for c in diff)
        body.append(f'<p id="changes">Changes since the baseline: {len(diff)} targets ({kinds["new"]} new, {kinds["removed"]} removed, {kinds["changed"]} changed).</p>')
    body.append('<div class="cards">' + "".join(f'<div class="card"><b class="s-{escape(v)}">{n}</b>{escape(v)}</div>'
                                                for v, n in sorted(verdicts.items(), key=lambda i: (-i[1], i[0]))) + "</div>")
    verdict_statuses = tuple(sorted(verdicts, key=lambda v: (list(COLOURS).index(v) if v in COLOURS else 99, v)))
    body += ["<h2>Verdicts</h2>", _bar_chart("chart-verdicts", "Verdict distribution", [("all targets", verdicts)], verdict_statuses), _legend(verdict_statuses)]
    indicator_counts = tally(shown, indicator_statuses)
    if indicator_counts:
        named = indicator_titles(lines)
        items = [(f"{k} {named.get(k, '')}".strip(), indicator_counts[k]) for k in sorted(indicator_counts, key=indicator_sort_key)]
        body += ["<h2>Pass rate per DPG indicator</h2>", _bar_chart("chart-indicators", "Pass rate per DPG indicator", items, STATUS_ORDER), _legend(STATUS_ORDER)]
    rule_counts = tally(shown, rule_statuses)
    if rule_counts:
        def order(rule: str) -> tuple:
            rate = pass_rate(rule_counts[rule])
            return (2.0 if rate is None else rate, rule)

        items = [(rule, rule_counts[rule]) for rule in sorted(rule_counts, key=order)]
        body += ["<h2>Pass rate per rule</h2>", _bar_chart("chart-rules", "Pass rate per rule", items, STATUS_ORDER), _legend(STATUS_ORDER)]
    gaps = worst_gaps(shown)
    if gaps:
        titles = rule_titles(shown)
        body += ['<h2>Worst gaps</h2><table id="gaps"><thead><tr><th>Rule</th><th>Title</th><th>fail</th><th>insufficient evidence</th><th>warn</th></tr></thead><tbody>']
        body += [f"<tr><td><code>{escape(rule)}</code></td><td>{escape(titles.get(rule, ''))}</td><td>{c['fail']}</td><td>{c['insufficient_evidence']}</td><td>{c['warn']}</td></tr>" for rule, c in gaps]
        body.append("</tbody></table>")
    options = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in sorted(verdicts))
    body += [f'<h2>Targets (<span id="shown">{len(shown)}</span> shown)</h2>',
             f'<div class="controls"><input id="filter" type="search" placeholder="Filter targets, findings..." size="40">'
             f'<select id="verdict-filter"><option value="">all verdicts</option>{options}</select></div>',
             _table(shown, by_target)]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}<script>{SCRIPT}</script></body></html>\n"
    )
