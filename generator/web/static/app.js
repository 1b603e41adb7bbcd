// 党务公文工坊 workbench: plain JavaScript, no library, nothing from the network.
"use strict";
const CSRF = document.querySelector('meta[name="csrf"]').content;
const $ = (s, el = document) => el.querySelector(s);
const $$ = (s, el = document) => Array.from(el.querySelectorAll(s));
let profile = { values: {}, extra: {} };

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
function flash(msg, ok = false) {
  const f = $("#flash");
  f.textContent = msg; f.hidden = !msg; f.classList.toggle("ok", ok);
  if (msg) window.scrollTo({ top: 0, behavior: "smooth" });
}
async function call(url, body, method = "POST") {
  const opts = { method, headers: { "X-CSRF-Token": CSRF } };
  if (body) opts.body = body;
  const r = await fetch(url, opts);
  const data = await r.json().catch(() => ({ error: "服务器返回了无法读取的内容" }));
  if (!r.ok) { const e = new Error(data.error || "出错了"); e.data = data; throw e; }
  return data;
}
function link(url, text) { return `<a class="btn" href="${esc(url)}">${esc(text)}</a>`; }

// --- tabs ----------------------------------------------------------------------------------------
$$("#tabs button").forEach(b => b.addEventListener("click", () => {
  $$("#tabs button").forEach(x => x.classList.toggle("on", x === b));
  $$(".tab").forEach(t => t.classList.toggle("on", t.id === "tab-" + b.dataset.tab));
  flash("");
  if (b.dataset.tab === "corpus" && !$("#corpus-list").dataset.loaded) loadCorpus();
}));

// --- 单位概况 ----------------------------------------------------------------------------------
function readForm() {
  $$("#profile-form input, #profile-form textarea").forEach(i => { profile.values[i.name] = i.value; });
  return JSON.stringify(profile);
}
function showProfile(data) {
  profile = { values: {}, extra: data.extra || {} };
  $("#profile-source").textContent = "当前：" + data.source;
  const form = $("#profile-form");
  form.innerHTML = data.groups.map(g => `<fieldset><legend>${esc(g.name)}</legend>` + g.fields.map(f => {
    profile.values[f.path] = f.value;
    const help = (f.help || "").replace(/^可选[：:]?\s*/, "");
    return `<div class="field" data-path="${esc(f.path)}"><label for="p-${esc(f.path)}">${esc(({ include: "指定条文", exclude: "排除条文" })[f.label] || f.label.replace(/\./g, "·"))}` +
      `${f.optional ? ' <span class="opt">可选</span>' : ""}</label>` +
      (f.flow && !f.example
        // a block the example leaves commented out (目标.分解): one “名称: 数” a line
        ? `<textarea id="p-${esc(f.path)}" name="${esc(f.path)}" rows="3" placeholder="柳溪村党支部: 4">${esc(f.value.replace(/^\{|\}$/g, "").split(/,\s*/).join("\n"))}</textarea>`
        : `<input id="p-${esc(f.path)}" name="${esc(f.path)}" value="${esc(f.value)}" placeholder="${esc(f.example)}">`) +
      `${help ? `<div class="help">${esc(help)}</div>` : ""}<div class="err"></div></div>`;
  }).join("") + "</fieldset>").join("");
  showProblems({ fields: {}, other: [] });
}
function showProblems(r) {
  $$("#profile-form .field").forEach(el => {
    const msgs = (r.fields || {})[el.dataset.path] || [];
    el.classList.toggle("bad", msgs.length > 0);
    $(".err", el).textContent = msgs.join("；");
  });
  const other = $("#profile-other");
  other.hidden = !(r.other && r.other.length);
  other.textContent = (r.other || []).join("\n");
}
async function loadProfile(example = false) {
  try { showProfile(await call("/api/profile/form" + (example ? "?example=1" : ""), null, "GET")); }
  catch (e) { flash(e.message); }
}
function profileBody() { const fd = new FormData(); fd.append("profile", readForm()); return fd; }
$("#profile-check").addEventListener("click", async () => {
  try {
    const r = await call("/api/profile/check", profileBody());
    showProblems(r); flash(r.ok ? "单位概况填写正确。" : "单位概况有问题，已在对应字段下标出。", r.ok);
  } catch (e) { flash(e.message); }
});
$("#profile-save").addEventListener("click", async () => {
  try {
    const r = await call("/api/profile/save", profileBody());
    showProblems(r);
    flash("已保存。下次打开时自动载入。 ", true);
    $("#flash").insertAdjacentHTML("beforeend", link(r.download, "下载 单位概况.yaml"));
  } catch (e) { if (e.data) showProblems(e.data); flash(e.message); }
});
$("#profile-example").addEventListener("click", () => loadProfile(true));
$("#profile-file").addEventListener("change", async ev => {
  const f = ev.target.files[0]; if (!f) return;
  const fd = new FormData(); fd.append("file", f);
  try { showProfile(await call("/api/profile/load", fd)); flash("已载入，检查或保存后使用。", true); }
  catch (e) { flash(e.message); }
  ev.target.value = "";
});

function problemText(e) {
  const d = e.data || {};
  if (d.fields && Object.keys(d.fields).length) {
    showProblems(d);
    return "单位概况有问题：\n" + Object.entries(d.fields).map(([k, v]) => `${k}：${v.join("；")}`).join("\n");
  }
  return (d.lines || [e.message]).join("\n");
}

// --- 生成 ------------------------------------------------------------------------------------
function kindChanged() {
  const k = $("#gen-kind").value;
  $$(".for-summary").forEach(el => el.hidden = k !== "summary");
  $$(".for-publicity").forEach(el => el.hidden = k !== "publicity");
  $$(".for-notice").forEach(el => el.hidden = k !== "notice");
}
$("#gen-kind").addEventListener("change", kindChanged); kindChanged();
async function generate() {
  const form = $("#gen-form");
  const fd = new FormData(form);
  fd.append("profile", readForm());
  fd.set("formats", $("#gen-pdf").checked ? "docx,md,pdf" : "docx,md");
  if (!fd.get("roster") || !fd.get("roster").name) fd.delete("roster");
  flash("正在生成……", true);
  try {
    const r = await call("/api/generate", fd);
    flash("");
    $("#gen-result").hidden = false;
    $("#gen-title").textContent = r.title;
    $("#gen-downloads").innerHTML = Object.entries(r.downloads).map(([k, u]) => link(u, "下载 " + k)).join(" ");
    $("#gen-notes").innerHTML = r.notes.map(n => `<li>${esc(n)}</li>`).join("");
    $("#gen-preview").innerHTML = r.html;
  } catch (e) { flash(problemText(e)); }
}
$("#gen-form").addEventListener("submit", ev => { ev.preventDefault(); generate(); });
$("#gen-variant").addEventListener("click", () => {
  const v = $("#gen-form [name=variant]");
  v.value = String((parseInt(v.value, 10) + 1) % 1000);
  generate();
});

// --- 批复·请示 -------------------------------------------------------------------------------
$("#approve-form").addEventListener("submit", async ev => {
  ev.preventDefault();
  const fd = new FormData(ev.target);
  fd.append("profile", readForm());
  if (!fd.get("roster") || !fd.get("roster").name) fd.delete("roster");
  $("#approve-result").hidden = true;
  try {
    const r = await call("/api/approve", fd);
    flash("");
    $("#approve-progress").hidden = false;
    $("#approve-bar").max = r.total; $("#approve-bar").value = 0;
    const poll = async () => {
      let s;
      try { s = await call("/api/jobs/" + r.job, null, "GET"); }
      catch (e) { $("#approve-progress").hidden = true; flash(e.message + "（工作台可能已关闭，请重新启动后再试）"); return; }
      $("#approve-bar").value = s.done; $("#approve-count").textContent = `${s.done} / ${s.total}`;
      if (s.error) { flash(s.error.join("\n")); $("#approve-progress").hidden = true; return; }
      if (s.download) {
        $("#approve-progress").hidden = true;
        const box = $("#approve-result");
        box.hidden = false;
        box.innerHTML = `已生成 ${s.count} 份（每份 .docx 和 .md，附清单）。 ` + link(s.download, "下载压缩包");
        return;
      }
      setTimeout(poll, 400);
    };
    poll();
  } catch (e) { flash(problemText(e)); }
});

// --- 检查草稿 --------------------------------------------------------------------------------
const SEV = { error: "错误", warning: "警告", info: "提示" };
$("#lint-form").addEventListener("submit", async ev => {
  ev.preventDefault();
  const fd = new FormData(ev.target);
  if (!fd.get("file") || !fd.get("file").name) fd.delete("file");
  try {
    const r = await call("/api/lint", fd);
    flash("");
    $("#lint-result").hidden = false;
    const s = r.summary;
    $("#lint-summary").textContent = r.findings.length ? `错误 ${s.errors} 处，警告 ${s.warnings} 处，提示 ${s.infos} 处` : "未发现问题";
    $("#lint-draft").innerHTML = r.html;
    const fams = {};
    r.findings.forEach(f => (fams[f.family] = fams[f.family] || []).push(f));
    $("#lint-list").innerHTML = Object.entries(fams).map(([fam, fs]) => `<div class="fam">${esc(fam)}（${fs.length}）</div>` +
      fs.sort((a, b) => ["error", "warning", "info"].indexOf(a.severity) - ["error", "warning", "info"].indexOf(b.severity))
        .map(f => `<div class="finding ${f.severity}" data-at="${esc(f.at || "")}"><b>${SEV[f.severity]}</b> ` +
          `${f.line ? `第${f.line}${r.format === "docx" ? "段" : "行"} ` : "全文 "}${esc(f.message)}` +
          `${f.suggestion ? `<div class="sug">建议：${esc(f.suggestion)}</div>` : ""}` +
          `<div class="src">${esc(f.rule)} · 依据：${esc(f.source)}</div></div>`).join("")).join("");
    $$("#lint-list .finding").forEach(el => el.addEventListener("click", () => {
      const m = el.dataset.at && document.getElementById(el.dataset.at);
      if (!m) return;
      m.scrollIntoView({ behavior: "smooth", block: "center" });
      m.classList.add("flash"); setTimeout(() => m.classList.remove("flash"), 1500);
    }));
    const fix = $("#lint-fix");
    fix.innerHTML = "";
    if (r.fixable) {
      const modes = r.format === "docx" ? [["revisions", "一键修正（修订模式）"], ["annotated", "生成带批注的副本"]] : [["fixed", "一键修正"]];
      modes.forEach(([mode, text]) => {
        const b = document.createElement("button");
        b.className = "btn"; b.textContent = text;
        b.addEventListener("click", async () => {
          const fd2 = new FormData(); fd2.append("draft", r.draft); fd2.append("mode", mode);
          try { const x = await call("/api/lint/fix", fd2); fix.insertAdjacentHTML("beforeend", " " + link(x.download, "下载修正后的副本")); }
          catch (e) { flash(e.message); }
        });
        fix.appendChild(b);
      });
    }
  } catch (e) { flash(problemText(e)); }
});

// --- 花名册检查 ------------------------------------------------------------------------------
$("#roster-form").addEventListener("submit", async ev => {
  ev.preventDefault();
  try {
    const r = await call("/api/roster/check", new FormData(ev.target));
    flash("");
    $("#roster-result").hidden = false;
    $("#roster-verdict").textContent = r.verdict;
    $("#roster-headline").textContent = r.headline;
    $("#roster-download").innerHTML = link(r.download, "下载检查报告（.xlsx）");
    $("#roster-table tbody").innerHTML = r.rows.map(x => `<tr><td>${x.row}</td><td>${esc(x.name)}</td><td>${esc(x.branch)}</td>` +
      `<td>${esc(x.problem)}</td><td>${esc(x.article)}</td><td>${esc(x.message)}</td></tr>`).join("");
  } catch (e) { flash(problemText(e)); }
});

// --- 语料 ------------------------------------------------------------------------------------
async function loadCorpus() {
  const form = $("#corpus-form");
  const q = new URLSearchParams(new FormData(form));
  try {
    const r = await call("/api/corpus?" + q.toString(), null, "GET");
    const sec = $("[name=section]", form), unit = $("[name=unit]", form);
    if (sec.options.length === 1) r.sections.forEach(s => sec.add(new Option(s, s)));
    if (unit.options.length === 1) r.units.forEach(u => unit.add(new Option(u, u)));
    $("#corpus-list").dataset.loaded = "1";
    $("#corpus-list").innerHTML = r.clauses.length ? r.clauses.map(c => `<div class="clause"><div class="meta">${esc(c.id)} · ${esc(c.section)} · ` +
      `${esc(c.units.map(u => u === "any" ? "各类单位" : u).join("、"))} · ${esc(c.validity)}</div><div class="text">${esc(c.text)}</div></div>`).join("") : "<p class='muted'>没有符合条件的条文。</p>";
  } catch (e) { flash(e.message); }
}
$("#corpus-form").addEventListener("submit", ev => { ev.preventDefault(); loadCorpus(); });

// 总结时段: last year to next year, as the writer's calendar says
(function periods() {
  const sel = $('#gen-form [name=period]'), y = new Date().getFullYear();
  for (const year of [y - 1, y, y + 1]) {
    sel.add(new Option(`${year}年上半年`, `${year}H1`)); sel.add(new Option(`${year}年下半年`, `${year}H2`));
    sel.add(new Option(`${year}年全年`, `${year}`));
  }
})();

loadProfile();
