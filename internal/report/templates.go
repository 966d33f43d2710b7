package report

import "html/template"

// style is the page's CSS; the label colours (.l0, .l1, ...) are added per
// model by palette.css. A sentence's background is its label's colour at a
// strength set by its confidence class (q1 to q5), halved for neutral.
const style = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--panel:#f6f8fa;--line:#d8dee4;--c:#8A8A8A}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.65 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--panel)}
a{color:#0b5cad}
.top{background:var(--bg);border-bottom:1px solid var(--line)}
.wrap,main.report,.foot{max-width:920px;margin:0 auto;padding:0 20px}
.top .wrap{padding-top:18px;padding-bottom:14px}
h1{margin:0;font-size:1.45rem;letter-spacing:-.01em}
.legend{display:flex;flex-wrap:wrap;gap:4px 20px;margin:8px 0 0;padding:0;list-style:none;font-size:.875rem;color:var(--muted)}
.legend b{color:var(--fg);font-weight:600}
.hint{margin:4px 0 0;font-size:.8125rem;color:var(--muted)}
.sw{display:inline-block;width:.75em;height:.75em;border-radius:2px;background:var(--c);margin-right:.4em;vertical-align:-.02em}
main.report{display:flex;flex-direction:column;gap:20px;margin-top:20px;margin-bottom:20px}
.overview{order:-1}
.doc,.overview{background:var(--bg);border:1px solid var(--line);border-radius:10px;padding:20px 24px}
.doc h2,.overview h2{margin:0;font-size:1.2rem;line-height:1.35}
.meta{margin:4px 0 0;color:var(--muted);font-size:.8125rem}
.meta>*+*::before{content:"·";margin:0 .5em;color:#aab1b9}
.sum{display:grid;grid-template-columns:1fr auto;gap:6px 28px;align-items:center;margin:14px 0 4px}
.bar{display:flex;height:12px;border-radius:6px;overflow:hidden;background:#eaeef2}
.bar>span{background:var(--c);min-width:2px}
.bar>span+span{border-left:1px solid var(--bg)}
.bar.mini{width:96px;height:8px;border-radius:4px;vertical-align:middle}
.counts{display:flex;flex-wrap:wrap;gap:0 16px;margin:0;padding:0;list-style:none;font-size:.8125rem;color:var(--muted)}
.counts b{color:var(--fg);font-weight:600}
.tone{grid-row:1/3;grid-column:2;display:flex;flex-direction:column;align-items:center;gap:4px;font-size:.875rem;white-space:nowrap}
.tone b{font-variant-numeric:tabular-nums}
.tone small{color:var(--muted)}
.gauge{position:relative;display:block;width:132px;height:8px;border-radius:4px;background:linear-gradient(90deg,#D55E00,#e6e6e6 50%,#0072B2)}
.gauge i{position:absolute;top:-4px;width:4px;height:16px;margin-left:-2px;border-radius:2px;background:var(--fg);box-shadow:0 0 0 2px var(--bg)}
.ext{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin:12px 0 6px}
.ext a,.ext .none{display:block;margin:0;padding:8px 12px;border-radius:6px;background:var(--panel);border-left:4px solid var(--c);color:inherit;text-decoration:none;font-size:.875rem;line-height:1.45}
.ext a:hover{background:#eef1f4}
.ext .none{color:var(--muted);font-style:italic;border-left-style:dashed}
.ext .none .k{font-style:normal}
.ext .k{display:block;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-bottom:2px}
.ext .k small{text-transform:none;letter-spacing:0}
.ext q{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.text{margin-top:14px;font-size:1.0625rem;line-height:1.8}
.text p{margin:0 0 .9em}
.text p:last-child{margin-bottom:0}
.empty{color:var(--muted);font-style:italic}
.s{--a:.1;background:color-mix(in srgb,var(--c) calc(var(--a)*var(--k,1)*100%),transparent);border-bottom:2px solid var(--c);border-radius:3px;padding:.08em .12em;-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:help;scroll-margin-top:40vh}
.s.q1{--a:.07}.s.q2{--a:.14}.s.q3{--a:.21}.s.q4{--a:.29}.s.q5{--a:.38}
.s[data-label=uncertain]{border-bottom-style:dashed}
.s[data-label=neutral]{border-bottom-color:color-mix(in srgb,var(--c) 55%,transparent)}
.s:hover{box-shadow:0 0 0 1px var(--c)}
.s:focus{outline:2px solid var(--fg);outline-offset:1px}
.s:target{box-shadow:0 0 0 2px var(--fg)}
.tip{position:absolute;z-index:20;width:max-content;max-width:min(340px,calc(100vw - 16px));padding:10px 12px;border-radius:8px;background:#1f2328;color:#f6f8fa;font-size:.8125rem;line-height:1.45;box-shadow:0 6px 24px rgba(0,0,0,.25);pointer-events:none}
.tip .h{font-weight:600;font-size:.875rem;margin-bottom:6px}
.tip .h .sw{box-shadow:0 0 0 1px rgba(255,255,255,.6)}
.tip .g{display:grid;grid-template-columns:auto 90px auto;gap:2px 8px;align-items:center}
.tip .pb{height:6px;border-radius:3px;background:rgba(255,255,255,.15);overflow:hidden}
.tip .pb i{display:block;height:100%;background:var(--c)}
.tip .v{text-align:right;font-variant-numeric:tabular-nums}
.tip .w{margin-top:8px;padding-top:6px;border-top:1px solid rgba(255,255,255,.2)}
.tip .w div{display:flex;justify-content:space-between;gap:16px}
.tip .w span:first-child{font-style:italic}
.tip .m{color:#aab1b9}
.timeline{margin:14px 0 8px}
.timeline svg{display:block;width:100%;height:auto;font-size:12px}
.timeline .bc{fill:#0072B2;fill-opacity:.05}
.timeline .bw{fill:#D55E00;fill-opacity:.05}
.timeline .grid{stroke:#e3e7eb}
.timeline .zero{stroke:#9aa4ae;stroke-dasharray:4 3}
.timeline .tick{stroke:#9aa4ae}
.timeline text{fill:var(--muted)}
.timeline .yl{text-anchor:end}
.timeline .xl{text-anchor:middle}
.timeline .ax{font-size:11px;font-weight:600;letter-spacing:.04em;text-transform:uppercase}
.timeline .ax.c{fill:#0072B2}
.timeline .ax.w{fill:#D55E00}
.timeline .path{fill:none;stroke:#b7bec6;stroke-width:1.5;stroke-linejoin:round}
.timeline circle{stroke:#fff;stroke-width:1.5}
.timeline a:hover circle,.timeline a:focus circle{stroke:var(--fg);stroke-width:2}
figcaption{font-size:.8125rem;color:var(--muted)}
.tablewrap{overflow-x:auto;margin-top:14px}
table.list{width:100%;border-collapse:collapse;font-size:.8125rem}
.list th{text-align:left;font-weight:600;border-bottom:2px solid var(--line);padding:0;white-space:nowrap}
.list th.t{width:100%}
.list th button{font:inherit;color:inherit;background:none;border:0;padding:6px;cursor:pointer;width:100%;text-align:inherit}
.list th button:hover{background:var(--panel)}
.list th button::after{content:"↕";margin-left:.3em;color:#aab1b9}
.list th[aria-sort=ascending] button::after{content:"↑";color:var(--fg)}
.list th[aria-sort=descending] button::after{content:"↓";color:var(--fg)}
.list th.n,.list td.n{text-align:right}
.list td{padding:5px 6px;border-bottom:1px solid #eef1f4;vertical-align:middle}
.list td:nth-child(2){min-width:14em}
.list td:first-child{white-space:nowrap;color:var(--muted)}
.list tbody tr:hover{background:var(--panel)}
.list td a{color:inherit;text-decoration:none}
.list td a:hover{text-decoration:underline}
.list td.n{font-variant-numeric:tabular-nums}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.foot{padding-bottom:28px;color:var(--muted);font-size:.8125rem}
@media (max-width:640px){.sum{grid-template-columns:1fr}.tone{grid-row:auto;grid-column:1;align-items:flex-start}.ext{grid-template-columns:1fr}.doc,.overview{padding:16px}}
@media print{body{background:#fff}.tip{display:none}.doc{break-inside:avoid-page}}
`

// script shows a sentence's tooltip on hover and focus, and sorts the
// article list by the column whose heading is clicked. It listens on the
// document, so it also serves fragments added later.
const script = `
(function(){
"use strict";
var tip=null,cur=null;
function mk(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e}
function pc(x){if(x>0&&x<0.005)return "<1%";if(x<1&&x>=0.995)return ">99%";return Math.round(x*100)+"%"}
function build(s,d){
  var h=mk("div","h");h.appendChild(mk("i","sw "+s.classList[1]));
  if(d.l==="uncertain"){h.appendChild(document.createTextNode("uncertain "));h.appendChild(mk("span","m","best guess "+d.b+", "+pc(d.c)))}
  else h.appendChild(document.createTextNode(d.l+" "+pc(d.c)));
  var g=mk("div","g");
  d.p.forEach(function(p,i){
    g.appendChild(mk("span",null,p[0]));
    var b=mk("span","pb "+(d.k[i]||"lx")),f=mk("i");f.style.width=(100*p[1]).toFixed(1)+"%";b.appendChild(f);g.appendChild(b);
    g.appendChild(mk("span","v",pc(p[1])));
  });
  var out=[h,g];
  if(d.r&&d.r.length){
    var w=mk("div","w");w.appendChild(mk("div","m","why (weight for "+d.b+", nats)"));
    d.r.forEach(function(r){var row=mk("div");row.appendChild(mk("span",null,"\u201c"+r[0]+"\u201d"));row.appendChild(mk("span","v",(r[1]>=0?"+":"")+r[1].toFixed(2)));w.appendChild(row)});
    out.push(w);
  }
  return out;
}
function show(s,x,y){
  var d;try{d=JSON.parse(s.getAttribute("data-tip"))}catch(e){return}
  if(s.title){s.setAttribute("aria-label",s.title);s.removeAttribute("title")}
  if(!tip){tip=mk("div","tip");tip.setAttribute("role","tooltip");document.body.appendChild(tip)}
  tip.replaceChildren.apply(tip,build(s,d));
  tip.hidden=false;tip.style.left="0px";tip.style.top="0px";cur=s;
  var rs=s.getClientRects(),r=rs[0];if(!r)return;
  for(var i=0;i<rs.length;i++){if(y!=null&&y>=rs[i].top&&y<=rs[i].bottom){r=rs[i];break}}
  var tw=tip.offsetWidth,th=tip.offsetHeight,vw=document.documentElement.clientWidth;
  var left=x!=null?x-24:r.left;left=Math.max(8,Math.min(left,vw-tw-8));
  var top=r.bottom+8;if(top+th>window.innerHeight-8&&r.top-th-8>8)top=r.top-th-8;
  tip.style.left=(left+window.scrollX)+"px";tip.style.top=(top+window.scrollY)+"px";
}
function hide(){if(tip)tip.hidden=true;cur=null}
function sentence(t){return t&&t.closest?t.closest(".s[data-tip]"):null}
document.addEventListener("mouseover",function(e){var s=sentence(e.target);if(s){if(s!==cur)show(s,e.clientX,e.clientY)}else if(cur)hide()});
document.addEventListener("focusin",function(e){var s=sentence(e.target);if(s)show(s);else hide()});
document.addEventListener("keydown",function(e){if(e.key==="Escape")hide()});
document.addEventListener("click",function(e){
  var b=e.target.closest?e.target.closest("table.list th button"):null;if(!b)return;
  var th=b.parentNode,table=th.closest("table"),col=Array.prototype.indexOf.call(th.parentNode.children,th);
  var asc=th.getAttribute("aria-sort")!=="ascending",num=b.getAttribute("data-type")==="num";
  Array.prototype.forEach.call(table.querySelectorAll("th"),function(h){h.removeAttribute("aria-sort")});
  th.setAttribute("aria-sort",asc?"ascending":"descending");
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  function key(r){var v=r.cells[col].getAttribute("data-v")||"";if(!num)return v.toLowerCase();var f=parseFloat(v);return isNaN(f)?-Infinity:f}
  rows.sort(function(a,c){var x=key(a),y=key(c),o=x<y?-1:x>y?1:0;return asc?o:-o});
  rows.forEach(function(r){body.appendChild(r)});
});
})();
`

const templates = `
{{define "assets"}}<style>` + style + `{{.Style}}</style>
<script>` + script + `</script>
{{end}}

{{define "legend"}}<ul class="legend">{{range .}}<li><i class="sw {{.Class}}"></i><b>{{.Label}}</b>{{with .Note}}: {{.}}{{end}}</li>{{end}}</ul>{{end}}

{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Parley">
<title>{{.Title}}</title>
<link rel="icon" href="data:,">
<style>` + style + `{{.Style}}</style>
</head>
<body>
<header class="top"><div class="wrap">
<h1>{{.Title}}</h1>
{{template "legend" .Legend}}
<p class="hint">The stronger the shading, the more confident the label. Hover over a sentence, or tab to it, for its probabilities and the words that decided it.</p>
</div></header>
<main class="report">
{{end}}

{{define "article"}}<article class="doc" id="{{.Anchor}}">
<header><h2>{{.Heading}}</h2>
<p class="meta">{{if .Date}}<time datetime="{{.Date}}">{{.DateText}}</time>{{end}}{{with .Source}}<span>{{.}}</span>{{end}}{{with .ID}}<span>{{.}}</span>{{end}}<span>{{.Sentences}} sentence{{if ne .Sentences 1}}s{{end}}</span></p>
</header>
<div class="sum">
<div class="bar" role="img" aria-label="label shares: {{range $i, $s := .Bar}}{{if $i}}, {{end}}{{$s.Label}} {{$s.PctText}}{{end}}">{{range .Bar}}{{if .Count}}<span class="{{.Class}}" style="width:{{.Pct}}%" title="{{.Label}}: {{.Count}} ({{.PctText}})"></span>{{end}}{{end}}</div>
<div class="tone" title="tone: the mean over sentences of P(conciliatory) − P(warning), from −1 to +1"><span class="gauge"><i style="left:{{.TonePos}}%"></i></span><span>tone <b>{{.Tone}}</b>{{with .ToneWord}} <small>{{.}}</small>{{end}}</span></div>
<ul class="counts">{{range .Bar}}<li><i class="sw {{.Class}}"></i>{{.Label}} <b>{{.Count}}</b> ({{.PctText}})</li>{{end}}</ul>
</div>
{{with .Extremes}}<div class="ext">{{range .}}{{if .Target}}<a class="{{.Class}}" href="#{{.Target}}"><span class="k">most {{.Label}} <small>{{.P}}</small></span><q>{{.Text}}</q></a>{{else}}<p class="none {{.Class}}"><span class="k">most {{.Label}}</span>No sentence leans {{.Label}}.</p>{{end}}{{end}}</div>
{{end}}<div class="text">
{{range .Paras}}<p>{{range .}}<span class="s {{.Class}}" id="{{.ID}}" tabindex="0" data-label="{{.Label}}" data-tip="{{.Tip}}" title="{{.Title}}">{{.Text}}</span> {{end}}</p>
{{else}}<p class="empty">No sentences.</p>
{{end}}</div>
</article>
{{end}}

{{define "overview"}}<section class="overview" id="overview" aria-labelledby="overview-h">
<h2 id="overview-h">Overview</h2>
<p class="meta"><span>{{.Articles}} articles</span><span>{{.Sentences}} sentences</span><span>mean tone {{.MeanTone}}</span></p>
{{with .Timeline}}{{$t := .}}<figure class="timeline">
<svg viewBox="0 0 {{.W}} {{.H}}" role="img" aria-label="{{.Label}}">
<rect class="bc" x="{{.Left}}" y="{{.Top}}" width="{{.PlotW}}" height="{{.HalfH}}"></rect>
<rect class="bw" x="{{.Left}}" y="{{.Mid}}" width="{{.PlotW}}" height="{{.HalfH}}"></rect>
{{range .Grid}}<line class="{{if .Zero}}zero{{else}}grid{{end}}" x1="{{$t.Left}}" x2="{{$t.Right}}" y1="{{.Y}}" y2="{{.Y}}"></line><text class="yl" x="{{$t.YLabelX}}" y="{{.Y}}" dy=".32em">{{.Label}}</text>
{{end}}<text class="ax c" x="{{$t.AxisX}}" y="{{$t.Top}}" dy="1.1em">conciliatory ↑</text>
<text class="ax w" x="{{$t.AxisX}}" y="{{$t.Bottom}}" dy="-.5em">warning ↓</text>
{{range .Ticks}}<line class="tick" x1="{{.X}}" x2="{{.X}}" y1="{{$t.Bottom}}" y2="{{$t.TickEnd}}"></line><text class="xl" x="{{.X}}" y="{{$t.TickText}}">{{.Label}}</text>
{{end}}<polyline class="path" points="{{.Line}}"></polyline>
{{range .Points}}<a href="{{.Href}}"><circle cx="{{.X}}" cy="{{.Y}}" r="5.5" fill="{{.Fill}}"><title>{{.Title}}</title></circle></a>
{{end}}</svg>
<figcaption>Tone of each article by date: the mean over its sentences of P(conciliatory) − P(warning). Select a point to go to the article.{{if $.Undated}} {{$.Undated}} undated article{{if ne $.Undated 1}}s are{{else}} is{{end}} not shown.{{end}}</figcaption>
</figure>
{{end}}<div class="tablewrap"><table class="list">
<thead><tr><th scope="col"><button type="button" data-type="str">Date</button></th><th scope="col" class="t"><button type="button" data-type="str">Article</button></th><th scope="col" class="n"><button type="button" data-type="num" title="sentences">Sent.</button></th><th scope="col"><span class="vh">label shares</span></th>{{range .Columns}}<th scope="col" class="n"><button type="button" data-type="num"><i class="sw {{.Class}}"></i>{{.Label}}</button></th>{{end}}<th scope="col" class="n"><button type="button" data-type="num">Tone</button></th></tr></thead>
<tbody>
{{range .Rows}}<tr><td data-v="{{.Date}}">{{or .DateText "—"}}</td><td data-v="{{.Title}}"><a href="#{{.Anchor}}">{{.Title}}</a></td><td class="n" data-v="{{.Sentences}}">{{.Sentences}}</td><td><span class="bar mini">{{range .Bar}}<span class="{{.Class}}" style="width:{{.Pct}}%" title="{{.Label}} {{.PctText}}"></span>{{end}}</span></td>{{range .Shares}}<td class="n" data-v="{{.V}}">{{.Text}}</td>{{end}}<td class="n" data-v="{{.Tone.V}}">{{.Tone.Text}}</td></tr>
{{end}}</tbody>
</table></div>
</section>
{{end}}

{{define "foot"}}{{if not .Articles}}<p class="empty">No articles.</p>
{{end}}</main>
<footer class="foot">{{.Articles}} article{{if ne .Articles 1}}s{{end}}, {{.Sentences}} sentence{{if ne .Sentences 1}}s{{end}}{{with .Model}}. Model: {{.}}{{end}}. Written by Parley.</footer>
<script>` + script + `</script>
</body>
</html>
{{end}}
`

var pageTemplates = template.Must(template.New("report").Parse(templates))
