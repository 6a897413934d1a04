//! `report.html`: the verification report for people, one self-contained page (inline
//! CSS and SVG, no script, nothing fetched) in English or Chinese.
//!
//! Renders the [`Report`] and computes nothing new. Every value that came from a user's
//! file is escaped, and anything shaped like an ID card number is masked, so the page
//! can be mailed around.

use std::fmt::Write as _;

use super::model::{share, GroupReport, Lang, Report};
use super::words::*;
use crate::contract::zh;
use crate::record::verdict::{UnusedResult, VerifiedBy};
use crate::record::Reason;
use crate::text::mask::mask_ids;

const CUSTOMERS_SHORT: Label = ("customers", "客户数");
const TO_REVIEW: Label = ("pairs to review (Review sheet)", "待人工核对的配对（待核对工作表）");
const DECIDED: Label = ("pairs decided by a person", "已人工决定的配对");
const OF_INVALID: Label = ("of invalid", "占无效");
const OF_VALID: Label = ("of valid", "占有效");
const OUTCOME_OR_REASON: Label = ("what the call found", "核实结果");
const REASON: Label = ("reason", "原因");
const SALESPERSON: Label = ("salesperson", "签单人员");
const SOURCE_FILE: Label = ("source file", "来源文件");
const MAIN_REASONS: Label = ("main reasons", "主要无效原因");
const WORST_FIRST: Label = ("Worst share of invalid customers first.", "按无效占比从高到低排列。");
const IN_SEVERAL_FILES: Label = (
    "Worst share of invalid customers first. A customer found in several files counts in each.",
    "按无效占比从高到低排列；同一客户出现在多个文件中时，每个文件各计一次。",
);
const QUALITY: Label = ("Data quality", "资料质量");
const MODEL: Label = ("Matching model", "查重模型");
const MODEL_LEARNED: Label = (
    "Learned from this list: what each level of each field adds to the score of a pair of rows (log2 m/u). Green adds, red subtracts; the grey mark is the prior of match.toml. Pairs at 12 or more are merged, at 8 or more go to the Review sheet.",
    "由本次名单学习所得：每个字段在各比对级别上为一对记录加减的分数（log2 m/u）。绿色加分，红色减分；灰色刻度为 match.toml 的先验值。总分达到 12 即合并，达到 8 列入待核对表。",
);
const MODEL_PRIORS: Label = (
    "The weights of match.toml, used as written:",
    "使用 match.toml 中的权重：",
);
const FIELD: Label = ("field", "字段");
const LEVEL: Label = ("level", "级别");
const WEIGHT: Label = ("weight", "权重");
const REJECTED_WHY: Label = ("rows rejected, by why", "拒收行（按原因）");
const NONE: Label = ("none", "无");
const SOURCE: Label = ("source", "来源");
const CUSTOMER_ID: Label = ("customer id", "客户编号");
const PHONE: Label = ("phone", "电话");
const OUTCOME: Label = ("outcome", "通话结果");
const WHY: Label = ("why", "原因");
const MORE: Label = ("more in report.json", "条，详见 report.json");
const NOTES: Label = ("Notes", "说明");
const SKIPPED: Label = ("skipped input", "跳过的输入文件");
const FOOTER: Label = (
    "Written by rollcall. The same figures are in report.json and on the Summary sheet of master.xlsx.",
    "由 rollcall 生成。相同数字见 report.json 及 master.xlsx 的汇总工作表。",
);

/// Rows of a list of call results shown on the page; the rest are in report.json.
const LIST_LIMIT: usize = 50;

const VALID_COLOR: &str = "#2e7d32";
const INVALID_COLOR: &str = "#c62828";

/// The page, in `lang`.
pub fn render(r: &Report, lang: Lang) -> String {
    let mut page = String::with_capacity(32 * 1024);
    head(&mut page, lang);
    header(&mut page, r, lang);
    split(&mut page, r, lang);
    since(&mut page, r, lang);
    sides(&mut page, r, lang);
    groups(
        &mut page,
        &r.by_salesperson,
        [SALESPERSON, BY_SALESPERSON, WORST_FIRST],
        lang,
    );
    groups(&mut page, &r.by_file, [SOURCE_FILE, BY_FILE, IN_SEVERAL_FILES], lang);
    quality(&mut page, r, lang);
    model(&mut page, r, lang);
    calls(&mut page, r, lang);
    notes(&mut page, r, lang);
    let _ = write!(
        page,
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        say(lang, FOOTER)
    );
    page
}

fn head(page: &mut String, lang: Lang) {
    let code = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        say(lang, TITLE)
    );
}

fn header(page: &mut String, r: &Report, lang: Lang) {
    let _ = writeln!(
        page,
        "<header><h1>{}</h1><p class=\"sub\">{}</p></header>",
        say(lang, TITLE),
        subtitle(r, lang)
    );
}

/// What the figures rest on: `267 input rows from 1 file · 335 call results`.
fn subtitle(r: &Report, lang: Lang) -> String {
    let files = r.files.len();
    let calls = r.call_results.results;
    match lang {
        Lang::En => {
            let mut s = format!(
                "{} input rows from {files} file{}",
                thousands(r.records_in),
                if files == 1 { "" } else { "s" }
            );
            if calls > 0 {
                let _ = write!(
                    s,
                    " · {} call result{}",
                    thousands(calls),
                    if calls == 1 { "" } else { "s" }
                );
            }
            s
        }
        Lang::Zh => {
            let mut s = format!("来自 {files} 个文件的 {} 行资料", thousands(r.records_in));
            if calls > 0 {
                let _ = write!(s, " · {} 条通话结果", thousands(calls));
            }
            s
        }
    }
}

/// A heading: English ones start with a capital (`Invalid, by reason`).
fn heading(lang: Lang, label: Label) -> String {
    capitalized(say(lang, label))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The valid/invalid split: a donut and the three figures of the DOMAIN table.
fn split(page: &mut String, r: &Report, lang: Lang) {
    let valid = share(r.valid, r.customers);
    let invalid = share(r.invalid, r.customers);
    page.push_str("<section class=\"split\">\n");
    page.push_str(&donut(valid, invalid, r.customers, say(lang, CUSTOMERS_SHORT)));
    page.push_str("<div class=\"cards\">\n");
    card(page, say(lang, CUSTOMERS), r.customers, None, "total");
    card(page, say(lang, VALID), r.valid, Some(valid), "valid");
    card(page, say(lang, INVALID), r.invalid, Some(invalid), "invalid");
    let by_call = r.verified_by.get(VerifiedBy::Call.key()).copied().unwrap_or(0);
    let by_data = r.verified_by.get(VerifiedBy::Data.key()).copied().unwrap_or(0);
    let _ = writeln!(
        page,
        "<p class=\"how\">{} {} · {} {}</p>",
        say(lang, BY_CALL),
        thousands(by_call),
        say(lang, BY_DATA),
        thousands(by_data)
    );
    page.push_str("</div>\n</section>\n");
}

fn card(page: &mut String, label: &str, n: usize, part: Option<f64>, class: &str) {
    let pct = part.map(percent).unwrap_or_default();
    let _ = writeln!(
        page,
        "<div class=\"card {class}\"><div class=\"label\">{label}</div><div class=\"n\">{}</div><div class=\"pct\">{pct}</div></div>",
        thousands(n)
    );
}

/// A ring split green (valid) and red (invalid), the total in its middle.
fn donut(valid: f64, invalid: f64, total: usize, caption: &str) -> String {
    // A circle of circumference 100 makes each arc's length its percentage.
    let v = valid * 100.0;
    let i = invalid * 100.0;
    format!(
        "<svg class=\"donut\" viewBox=\"0 0 42 42\" role=\"img\" aria-label=\"{v:.1}% / {i:.1}%\">\
         <circle cx=\"21\" cy=\"21\" r=\"15.915\" fill=\"none\" stroke=\"#e6e6e6\" stroke-width=\"6\"/>\
         <circle cx=\"21\" cy=\"21\" r=\"15.915\" fill=\"none\" stroke=\"{VALID_COLOR}\" stroke-width=\"6\" \
         stroke-dasharray=\"{v:.2} {rest:.2}\" stroke-dashoffset=\"25\"/>\
         <circle cx=\"21\" cy=\"21\" r=\"15.915\" fill=\"none\" stroke=\"{INVALID_COLOR}\" stroke-width=\"6\" \
         stroke-dasharray=\"{i:.2} {rest_i:.2}\" stroke-dashoffset=\"{offset:.2}\"/>\
         <text x=\"21\" y=\"21\" class=\"total\" style=\"font-size:{size:.2}px\">{total}</text>\
         <text x=\"21\" y=\"26.5\" class=\"caption\">{caption}</text></svg>\n",
        rest = 100.0 - v,
        rest_i = 100.0 - i,
        offset = 25.0 - v,
        size = donut_font_size(&thousands(total)),
        total = thousands(total),
    )
}

/// The font size (in the donut's units) that fits `text` inside the hole: 8 for a few
/// digits, smaller for more (`200,000`), so the number never overflows the ring.
fn donut_font_size(text: &str) -> f64 {
    // The hole is about 25 units across; a digit is about 0.6 of the font size wide.
    let chars = text.chars().count().max(1) as f64;
    (DONUT_HOLE / (chars * 0.6)).min(8.0)
}

/// The width the donut's number may take, in the donut's units (the hole less a margin).
const DONUT_HOLE: f64 = 22.0;

/// `200000` as `200,000`: digits grouped by three, as the reader's spreadsheet shows them.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Each side of the split by reason, with counts, shares and bars.
fn sides(page: &mut String, r: &Report, lang: Lang) {
    page.push_str("<section class=\"sides\">\n");
    let reasons: Vec<(String, usize)> = r
        .reason_counts()
        .into_iter()
        .map(|(reason, n)| (reason_label(reason, lang), n))
        .collect();
    let invalid = Side {
        title: heading(lang, BY_REASON),
        first: say(lang, REASON),
        share: say(lang, OF_INVALID),
        total: r.invalid,
        color: INVALID_COLOR,
    };
    side(page, &invalid, &reasons, lang);
    let mut outcomes: Vec<(String, usize)> = r
        .outcome_counts()
        .into_iter()
        .map(|(label, en, n)| (esc(outcome_name(label, en, lang)), n))
        .collect();
    if r.valid_without_outcome() > 0 {
        outcomes.push((esc(say(lang, NO_OUTCOME)), r.valid_without_outcome()));
    }
    if nothing_called(r) {
        not_called(page, r, lang);
        page.push_str("</section>\n");
        return;
    }
    let valid = Side {
        title: heading(lang, BY_OUTCOME),
        first: say(lang, OUTCOME_OR_REASON),
        share: say(lang, OF_VALID),
        total: r.valid,
        color: VALID_COLOR,
    };
    side(page, &valid, &outcomes, lang);
    page.push_str("</section>\n");
}

/// True when no call result decided anything and no outcome is known: the valid side
/// has nothing to break down.
fn nothing_called(r: &Report) -> bool {
    r.call_results.applied == 0 && r.outcome_counts().is_empty()
}

/// The valid side of a list nobody has called yet: said plainly, with what to do.
fn not_called(page: &mut String, r: &Report, lang: Lang) {
    let _ = writeln!(
        page,
        "<div class=\"side\">\n<h2>{} <span class=\"n\">{}</span></h2>\n<p class=\"empty\">{}</p>\n</div>",
        heading(lang, BY_OUTCOME),
        thousands(r.valid),
        say(lang, NOT_CALLED_YET)
    );
}

/// What the valid side says before any call.
const NOT_CALLED_YET: Label = (
    "Nothing has been called yet: these customers are valid by their data alone. Call them \
     (rollcall calls), then give the filled call sheet to clean --outcomes.",
    "尚未通话：这些客户仅按资料判为有效。打电话核实（rollcall calls），再把填好的通话表交给 clean --outcomes。",
);

/// A reason's name; in English with its Chinese name beside it, as users know both.
fn reason_label(reason: Reason, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} <span class=\"zh\">{}</span>", reason.en(), reason.zh()),
        Lang::Zh => reason.zh().to_string(),
    }
}

/// The headings and colour of one side of the split.
struct Side {
    title: String,
    first: &'static str,
    share: &'static str,
    total: usize,
    color: &'static str,
}

/// One side: a table of (name, count, share of the side, bar). Names are HTML already.
fn side(page: &mut String, side: &Side, rows: &[(String, usize)], lang: Lang) {
    let _ = writeln!(
        page,
        "<div class=\"side\">\n<h2>{} <span class=\"n\">{}</span></h2>",
        side.title,
        thousands(side.total)
    );
    if rows.is_empty() {
        let _ = writeln!(page, "<p class=\"empty\">{}</p>\n</div>", say(lang, NONE));
        return;
    }
    let _ = writeln!(
        page,
        "<table class=\"bars\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>\
         <th class=\"bar\"></th></tr></thead>\n<tbody>",
        side.first,
        say(lang, COUNT),
        side.share
    );
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    for (name, n) in rows {
        let _ = writeln!(
            page,
            "<tr><td>{name}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"bar\">{}</td></tr>",
            thousands(*n),
            percent(share(*n, side.total)),
            bar(share(*n, max), side.color)
        );
    }
    page.push_str("</tbody>\n</table>\n</div>\n");
}

/// A horizontal bar as long as `part` (0 to 1) of its cell.
fn bar(part: f64, color: &str) -> String {
    format!(
        "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\"><rect width=\"{:.2}\" height=\"10\" rx=\"1\" fill=\"{color}\"/></svg>",
        part * 100.0
    )
}

/// A bar split valid (green) and invalid (red).
fn split_bar(g: &GroupReport) -> String {
    let v = share(g.valid, g.customers) * 100.0;
    format!(
        "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\"><rect width=\"{v:.2}\" height=\"10\" fill=\"{VALID_COLOR}\"/>\
         <rect x=\"{v:.2}\" width=\"{:.2}\" height=\"10\" fill=\"{INVALID_COLOR}\"/></svg>",
        100.0 - v
    )
}

/// The breakdown per salesperson or per file, worst first; `words` are the first
/// column's header, the title and the hint.
fn groups(page: &mut String, groups: &[GroupReport], words: [Label; 3], lang: Lang) {
    let [first, title, hint] = words;
    let _ = write!(
        page,
        "<section>\n<h2>{}</h2>\n<p class=\"hint\">{}</p>\n",
        heading(lang, title),
        say(lang, hint)
    );
    if groups.is_empty() {
        let _ = writeln!(page, "<p class=\"empty\">{}</p>\n</section>", say(lang, NONE));
        return;
    }
    let _ = write!(
        page,
        "<table class=\"groups\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>\
         <th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"bar\"></th><th>{}</th></tr></thead>\n<tbody>\n",
        say(lang, first),
        say(lang, CUSTOMERS_SHORT),
        say(lang, VALID_SHORT),
        say(lang, INVALID_SHORT),
        say(lang, INVALID_SHARE).replace('_', " "),
        say(lang, MAIN_REASONS)
    );
    for g in groups {
        let _ = writeln!(
            page,
            "<tr><td class=\"name\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"bar\">{}</td><td class=\"reasons\">{}</td></tr>",
            user(&group_name(&g.name, lang)),
            thousands(g.customers),
            thousands(g.valid),
            thousands(g.invalid),
            percent(g.invalid_share()),
            split_bar(g),
            main_reasons(g, lang)
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

/// The group's three most frequent reasons: `no answer 12 · fax machine 3`.
fn main_reasons(g: &GroupReport, lang: Lang) -> String {
    let mut reasons: Vec<(Reason, usize)> = g
        .reasons
        .iter()
        .filter_map(|(code, n)| Reason::from_code(code).map(|r| (r, *n)))
        .collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    reasons
        .iter()
        .take(3)
        .map(|(r, n)| format!("{} {}", reason_name(*r, lang), thousands(*n)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// With `--previous`: what changed since last run, the counts and the first changed
/// customers (all of them are in report.json).
fn since(page: &mut String, r: &Report, lang: Lang) {
    let Some(s) = &r.since_last_time else {
        return;
    };
    let _ = write!(
        page,
        "<section>\n<h2>{}</h2>\n<p class=\"hint\">{} {}</p>\n<div class=\"facts\">\n",
        heading(lang, SINCE),
        say(lang, SINCE_FROM),
        user(&s.previous_master)
    );
    let changed: usize = s.status_changes.values().sum();
    for (label, n) in [
        (PREVIOUS_CUSTOMERS, s.previous_customers),
        (NEW_CUSTOMERS, s.new_customers),
        (NOT_SEEN, s.not_seen),
        (STATUS_CHANGED, changed),
        (PHONE_CHANGED, s.changed_phones),
        (IDS_MERGED, s.merged_ids.len()),
    ] {
        let _ = writeln!(
            page,
            "<div class=\"fact\"><div class=\"n\">{}</div><div class=\"label\">{}</div></div>",
            thousands(n),
            say(lang, label)
        );
    }
    page.push_str("</div>\n<div class=\"two\">\n");
    let transitions: Vec<(String, usize)> = s
        .status_changes
        .iter()
        .map(|(t, n)| (transition(t, lang), *n))
        .collect();
    counts(page, say(lang, STATUS_CHANGES), &transitions, lang);
    let listed: Vec<(String, usize)> = s
        .customers
        .iter()
        .filter(|c| c.change == "status" || c.change == "phone")
        .take(LIST_LIMIT)
        .map(|c| {
            let (before, after) = match c.change {
                "status" => (status_words(&c.before, lang), status_words(&c.after, lang)),
                _ => (c.before.clone(), c.after.clone()),
            };
            (format!("{} {} · {before} → {after}", c.customer_id, c.name), 1)
        })
        .collect();
    changed_list(page, say(lang, CHANGED_CUSTOMERS), &listed, lang);
    page.push_str("</div>\n</section>\n");
}

/// `valid -> invalid (disconnected)` in the page's words.
fn transition(t: &str, lang: Lang) -> String {
    match t.split_once(" -> ") {
        Some((a, b)) => format!("{} → {}", status_words(a, lang), status_words(b, lang)),
        None => t.to_string(),
    }
}

/// `invalid (disconnected)` in the page's words: `invalid: suspended or vacant number`,
/// `无效（停机空号）`.
fn status_words(s: &str, lang: Lang) -> String {
    let (status, reason) = match s.split_once(" (") {
        Some((st, r)) => (st, Reason::from_code(r.trim_end_matches(')'))),
        None => (s, None),
    };
    let status = match (status, lang) {
        ("valid", Lang::Zh) => "有效",
        ("invalid", Lang::Zh) => "无效",
        (other, _) => other,
    };
    match (reason, lang) {
        (Some(r), Lang::Zh) => format!("{status}（{}）", r.zh()),
        (Some(r), Lang::En) => format!("{status}: {}", r.en()),
        (None, _) => status.to_string(),
    }
}

/// A list of changed customers (user text, escaped here).
fn changed_list(page: &mut String, title: &str, rows: &[(String, usize)], lang: Lang) {
    let _ = writeln!(page, "<div>\n<h3>{}</h3>", capitalized(title));
    if rows.is_empty() {
        let _ = writeln!(page, "<p class=\"empty\">{}</p>\n</div>", say(lang, NONE));
        return;
    }
    page.push_str("<table class=\"small\">\n<tbody>\n");
    for (what, _) in rows {
        let _ = writeln!(page, "<tr><td>{}</td></tr>", user(what));
    }
    page.push_str("</tbody>\n</table>\n</div>\n");
}

/// Rows read, rejected, merged, and the field issues.
fn quality(page: &mut String, r: &Report, lang: Lang) {
    let _ = write!(
        page,
        "<section>\n<h2>{}</h2>\n<div class=\"facts\">\n",
        heading(lang, QUALITY)
    );
    let decided = r.decisions.same + r.decisions.different;
    let facts = [
        (INPUT_ROWS, r.records_in),
        (ROWS_REJECTED, r.rows_rejected),
        (DUPLICATES, r.duplicates_merged),
        (CUSTOMERS, r.customers),
        (TO_REVIEW, r.review_pairs),
        (DECIDED, decided),
    ];
    for (label, n) in facts.into_iter().filter(|(l, n)| *n > 0 || *l != DECIDED) {
        let _ = writeln!(
            page,
            "<div class=\"fact\"><div class=\"n\">{}</div><div class=\"label\">{}</div></div>",
            thousands(n),
            say(lang, label)
        );
    }
    page.push_str("</div>\n<div class=\"two\">\n");
    field_issues(page, r, lang);
    let rejected: Vec<(String, usize)> = r
        .rejected_reasons
        .iter()
        .map(|(w, n)| (zh::text(w, lang), *n))
        .collect();
    counts(page, say(lang, REJECTED_WHY), &rejected, lang);
    page.push_str("</div>\n</section>\n");
}

/// The field issues: per field and kind of problem, how many, and the first row with it.
fn field_issues(page: &mut String, r: &Report, lang: Lang) {
    let _ = writeln!(page, "<div>\n<h3>{}</h3>", heading(lang, FIELD_ISSUES));
    if r.field_issue_details.is_empty() {
        let _ = writeln!(page, "<p class=\"empty\">{}</p>\n</div>", say(lang, NONE));
        return;
    }
    let (field, problem, example) = match lang {
        Lang::En => ("field", "problem", "first example"),
        Lang::Zh => ("字段", "问题", "示例"),
    };
    let _ = writeln!(
        page,
        "<table class=\"small\">\n<thead><tr><th>{field}</th><th>{problem}</th><th class=\"num\">{}</th><th>{example}</th></tr></thead>\n<tbody>",
        say(lang, COUNT)
    );
    for issue in &r.field_issue_details {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&field_name(&issue.field, lang)),
            esc(&crate::contract::vocab::Vocab::Rule.say(&issue.code, lang)),
            thousands(issue.count),
            user(&zh::text(&issue.example, lang))
        );
    }
    page.push_str("</tbody>\n</table>\n</div>\n");
}

/// The matching model: one bar per field and level, its weight beside its prior.
fn model(page: &mut String, r: &Report, lang: Lang) {
    let m = &r.model;
    if m.fields.is_empty() {
        return;
    }
    let hint = if !m.reused_from.is_empty() {
        let reused = match lang {
            Lang::En => format!(
                "Learned on {} and used again, so pairs score as they did then (clean --learn learns afresh).",
                m.reused_from
            ),
            Lang::Zh => format!(
                "沿用 {} 学习所得的模型，评分与上次一致（clean --learn 重新学习）。",
                m.reused_from
            ),
        };
        format!("{} {}", esc(&reused), say(lang, MODEL_LEARNED))
    } else if m.learned {
        say(lang, MODEL_LEARNED).to_string()
    } else {
        format!("{} {}", say(lang, MODEL_PRIORS), esc(&zh::text(&m.note, lang)))
    };
    let _ = write!(
        page,
        "<section>\n<h2>{}</h2>\n<p class=\"hint\">{}</p>\n<table class=\"model\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"bar\"></th></tr></thead>\n<tbody>\n",
        heading(lang, MODEL),
        hint,
        say(lang, FIELD),
        say(lang, LEVEL),
        say(lang, WEIGHT),
    );
    let widest = m
        .fields
        .iter()
        .flat_map(|f| &f.levels)
        .flat_map(|l| [l.weight.abs(), l.prior_weight.abs()])
        .fold(1.0f64, f64::max);
    for f in &m.fields {
        for (i, l) in f.levels.iter().enumerate() {
            let name = if i == 0 {
                model_field(f.field, lang)
            } else {
                String::new()
            };
            let _ = writeln!(
                page,
                "<tr><td>{name}</td><td>{}</td><td class=\"num\">{:+.1}</td><td class=\"bar\">{}</td></tr>",
                level_name(l.level, lang),
                l.weight,
                weight_bar(l.weight, l.prior_weight, widest),
            );
        }
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

/// A bar from the middle: right and green for a weight that adds, left and red for
/// one that subtracts, with a grey mark at the prior.
fn weight_bar(weight: f64, prior: f64, widest: f64) -> String {
    let at = |w: f64| 50.0 + 50.0 * w / widest;
    let (x, width) = if weight >= 0.0 {
        (50.0, at(weight) - 50.0)
    } else {
        (at(weight), 50.0 - at(weight))
    };
    let color = if weight >= 0.0 { VALID_COLOR } else { INVALID_COLOR };
    format!(
        "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\"><rect x=\"{x:.2}\" width=\"{width:.2}\" height=\"10\" fill=\"{color}\"/>\
         <rect x=\"{:.2}\" width=\"0.6\" height=\"10\" fill=\"#777\"/><rect x=\"49.8\" width=\"0.4\" height=\"10\" fill=\"#333\"/></svg>",
        (at(prior) - 0.3).clamp(0.0, 99.4)
    )
}

fn model_field(key: &str, lang: Lang) -> String {
    let zh = match key {
        "name" => "姓名",
        "phone" => "个人电话",
        "email" => "电子邮箱",
        "id_number" => "证件号码",
        "company" => "工作单位",
        "shared_number" => "共用号码",
        "address" => "地址",
        "postcode" => "邮政编码",
        "city" => "城市",
        "birth_date" => "出生日期",
        other => other,
    };
    match lang {
        Lang::En => key.replace('_', " "),
        Lang::Zh => zh.to_string(),
    }
}

fn level_name(key: &str, lang: Lang) -> String {
    let zh = match key {
        "exact" => "完全一致",
        "romanized" => "拼音一致",
        "close" => "相近",
        "partial" => "部分一致",
        "different" => "不同",
        other => other,
    };
    match lang {
        Lang::En => key.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

/// A small table of (what, how many); `what` is user text, escaped here.
fn counts(page: &mut String, title: &str, rows: &[(String, usize)], lang: Lang) {
    let _ = writeln!(page, "<div>\n<h3>{}</h3>", capitalized(title));
    if rows.is_empty() {
        let _ = writeln!(page, "<p class=\"empty\">{}</p>\n</div>", say(lang, NONE));
        return;
    }
    page.push_str("<table class=\"small\">\n<tbody>\n");
    for (what, n) in rows {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            user(what),
            thousands(*n)
        );
    }
    page.push_str("</tbody>\n</table>\n</div>\n");
}

/// What became of the call results, and every result that decided nothing.
fn calls(page: &mut String, r: &Report, lang: Lang) {
    let c = &r.call_results;
    if c.results == 0 && c.unmatched.is_empty() && c.without_outcome == 0 {
        return;
    }
    let _ = write!(
        page,
        "<section>\n<h2>{}</h2>\n<div class=\"facts\">\n",
        heading(lang, CALL_RESULTS)
    );
    for (label, n) in [
        (RESULTS, c.results),
        (APPLIED, c.applied),
        (UNMATCHED, c.unmatched.len()),
        (UNRECOGNIZED, c.unrecognized.len()),
        (WITHOUT_OUTCOME, c.without_outcome),
    ] {
        let _ = writeln!(
            page,
            "<div class=\"fact\"><div class=\"n\">{}</div><div class=\"label\">{}</div></div>",
            thousands(n),
            say(lang, label)
        );
    }
    page.push_str("</div>\n");
    unused(page, &heading(lang, UNMATCHED), &c.unmatched, lang);
    unused(page, &heading(lang, UNRECOGNIZED), &c.unrecognized, lang);
    page.push_str("</section>\n");
}

fn unused(page: &mut String, title: &str, rows: &[UnusedResult], lang: Lang) {
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        page,
        "<h3>{title} <span class=\"n\">{}</span></h3>\n<table class=\"list\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        rows.len(),
        say(lang, SOURCE),
        say(lang, CUSTOMER_ID),
        say(lang, PHONE),
        say(lang, OUTCOME),
        say(lang, WHY)
    );
    for u in rows.iter().take(LIST_LIMIT) {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            user(&zh::text(&u.source, lang)),
            user(&u.customer_id),
            user(&u.phone),
            user(&u.outcome),
            user(match lang {
                Lang::En => &u.why,
                Lang::Zh => &u.why_zh,
            })
        );
    }
    page.push_str("</tbody>\n</table>\n");
    if rows.len() > LIST_LIMIT {
        let _ = writeln!(
            page,
            "<p class=\"hint\">… {} {}</p>",
            rows.len() - LIST_LIMIT,
            say(lang, MORE)
        );
    }
}

fn notes(page: &mut String, r: &Report, lang: Lang) {
    let warnings: Vec<&String> = r.files.iter().flat_map(|f| &f.warnings).collect();
    if r.notes.is_empty() && r.skipped_files.is_empty() && warnings.is_empty() {
        return;
    }
    let _ = write!(
        page,
        "<section>\n<h2>{}</h2>\n<ul class=\"notes\">\n",
        heading(lang, NOTES)
    );
    for s in &r.skipped_files {
        let _ = writeln!(page, "<li>{}: {}</li>", say(lang, SKIPPED), user(&s.error));
    }
    for n in warnings.into_iter().chain(&r.notes) {
        let _ = writeln!(page, "<li>{}</li>", user(&zh::text(n, lang)));
    }
    page.push_str("</ul>\n</section>\n");
}

/// Text from a user's file: ID card numbers masked, then escaped.
fn user(s: &str) -> String {
    esc(&mask_ids(s))
}

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --valid: #2e7d32; --invalid: #c62828; --ink: #1f2328; --muted: #5f6b76; --line: #e3e6ea; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 15px; line-height: 1.45; }
:lang(zh) body, body:lang(zh) { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; }
header h1 { margin: 0; font-size: 26px; }
.sub { margin: 4px 0 0; color: var(--muted); }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px; margin-top: 18px; }
h2 { font-size: 18px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
h2 .n, h3 .n { color: var(--muted); font-weight: normal; margin-left: 6px; }
.split { display: flex; align-items: center; gap: 36px; }
.donut { width: 190px; height: 190px; flex: none; }
.donut .total { font-size: 8px; font-weight: 600; text-anchor: middle; fill: var(--ink); }
.donut .caption { font-size: 3.2px; text-anchor: middle; fill: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 14px; align-items: stretch; }
.card { min-width: 190px; padding: 12px 18px; border-radius: 8px; background: var(--bg); border-left: 6px solid #9aa4ae; }
.card.valid { border-left-color: var(--valid); }
.card.invalid { border-left-color: var(--invalid); }
.card .label { color: var(--muted); }
.card .n { font-size: 30px; font-weight: 600; }
.card .pct { font-size: 20px; font-weight: 600; min-height: 1.2em; }
.card.valid .pct { color: var(--valid); }
.card.invalid .pct { color: var(--invalid); }
.how { flex-basis: 100%; margin: 0; color: var(--muted); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 13px; border-bottom: 1px solid var(--line); padding: 4px 8px; }
td { padding: 5px 8px; border-bottom: 1px solid #f0f1f3; vertical-align: middle; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bar, th.bar { width: 26%; }
td.bar svg { display: block; width: 100%; height: 12px; }
.groups td.bar, .groups th.bar { width: 22%; }
.groups .name { white-space: nowrap; }
.reasons { color: var(--muted); font-size: 13px; }
.zh { color: var(--muted); font-size: 13px; margin-left: 4px; white-space: nowrap; }
.hint { color: var(--muted); font-size: 13px; margin: -4px 0 10px; }
.facts { display: flex; flex-wrap: wrap; gap: 12px; }
.fact { background: var(--bg); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.fact .n { font-size: 22px; font-weight: 600; }
.fact .label { color: var(--muted); font-size: 13px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
table.small td { padding: 3px 8px; }
table.list td { font-size: 13px; overflow-wrap: anywhere; }
.empty { color: var(--muted); }
.notes { margin: 0; padding-left: 20px; }
footer { color: var(--muted); font-size: 12px; margin-top: 18px; }
@media (max-width: 820px) { .sides, .two { grid-template-columns: 1fr; } .split { flex-direction: column; } }
@media print { body { background: #fff; } section { break-inside: avoid; } }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(1_048_575), "1,048,575");
    }

    #[test]
    fn the_donut_number_fits_its_hole_at_200k() {
        let small = donut(0.5, 0.5, 18, "customers");
        assert!(small.contains("style=\"font-size:8.00px\">18</text>"), "{small}");
        let big = donut(0.5, 0.5, 200_000, "customers");
        assert!(big.contains(">200,000</text>"), "{big}");
        // 7 characters at 0.6 of the font size each stay within the hole.
        let size = donut_font_size("200,000");
        assert!(size * 0.6 * 7.0 <= DONUT_HOLE + 1e-9 && size > 4.0, "{size}");
    }

    #[test]
    fn user_text_is_escaped() {
        assert_eq!(esc("<b>\"A&B\"</b>'"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;");
    }
}
