//! Best-split scoring: chooses how to cut one run of digit groups into numbers (dynamic
//! programming over cut points, [`Score`]), reads each candidate with the numbering plans
//! (`plan.rs`), and completes mainland local numbers with an area code from the place or a
//! sibling number.

use super::cells::{found, malformed, Ctx, Folded, Found, Gap, Tok, MAX_DIGITS, MAX_GROUPS};
use super::plan::{format_number, parse_digits, Fail, Number, Source, REGISTRY};
use super::{Phone, PhoneKind, PhoneParse};

/// How good a way of splitting a run is: more usable numbers (valid, or a landline that only
/// lacks its area code), then more valid ones, then fewer pieces. Splitting never pays for
/// itself with invalid pieces: `138 0013 800 1` stays one invalid number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
struct Score {
    usable: u32,
    pub(super) valid: u32,
    fewer: i32,
    /// Not counted in the order above: a piece that is not even an invalid number.
    junk: bool,
}

impl Score {
    pub(super) fn of(parse: &PhoneParse, digits: usize) -> Score {
        let (usable, valid, junk) = match parse {
            PhoneParse::Valid(_) => (1, 1, false),
            PhoneParse::NeedsAreaCode { .. } => (1, 0, false),
            PhoneParse::Invalid { .. } => (0, 0, digits < 7),
            PhoneParse::Malformed { .. } => (0, 0, true),
        };
        Score {
            usable,
            valid,
            fewer: -1,
            junk,
        }
    }

    fn add(self, o: Score) -> Score {
        Score {
            usable: self.usable + o.usable,
            valid: self.valid + o.valid,
            fewer: self.fewer + o.fewer,
            junk: false,
        }
    }
}

/// Chooses how to cut one run of groups into numbers (dynamic programming over cut points).
pub(super) fn best_split(run: &[Tok], folded: &Folded, ctx: &Ctx) -> Vec<Found> {
    let n = run.len();
    if n == 0 {
        return Vec::new();
    }
    if n <= MAX_GROUPS && joinable(run) {
        let whole = eval(run, folded, ctx);
        if whole.parse.valid().is_some() {
            return keep(vec![whole], ctx);
        }
    }
    let mut best: Vec<Option<(Score, usize, Found)>> = (0..=n).map(|_| None).collect();
    best[0] = Some((Score::default(), 0, found(malformed("", ""), "")));
    for i in 1..=n {
        let mut pick: Option<(Score, usize, Found)> = None;
        let whole = (i == n && n > MAX_GROUPS).then_some(0);
        for j in (i.saturating_sub(MAX_GROUPS)..i).rev().chain(whole) {
            let whole_run = j == 0 && i == n;
            if !whole_run && !joinable(&run[j..i]) {
                continue;
            }
            let Some((before, _, _)) = &best[j] else {
                continue;
            };
            let mut piece = eval(&run[j..i], folded, ctx);
            let score = Score::of(&piece.parse, piece.digits.len());
            if (score.junk || piece.bad_international) && !whole_run && !ctx.free_text {
                if !is_aside(run, j, i) {
                    continue;
                }
                piece.skip = true;
            }
            let total = before.add(score);
            if pick.as_ref().is_none_or(|(s, _, _)| total > *s) {
                pick = Some((total, j, piece));
            }
        }
        best[i] = pick;
    }
    keep(unwind(best), ctx)
}

/// Digits that may be cut off as an aside: after an opening bracket (`(2023.1.5)`), or at
/// the end of a run right before text (`020-12345678 2楼`).
fn is_aside(run: &[Tok], j: usize, i: usize) -> bool {
    j > 0 && (run[j].gap == Gap::Bracket || (i == run.len() && run[i - 1].text_after))
}

fn unwind(mut best: Vec<Option<(Score, usize, Found)>>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = best.len() - 1;
    while i > 0 {
        match best[i].take() {
            Some((_, j, piece)) => {
                out.push(piece);
                i = j;
            }
            None => break,
        }
    }
    out.reverse();
    out
}

/// Drops pieces that are not worth reporting: a stray group of one or two digits, and digits
/// labelled as something else (QQ, postcode, ID).
fn keep(pieces: Vec<Found>, ctx: &Ctx) -> Vec<Found> {
    pieces
        .into_iter()
        .filter(|f| match &f.parse {
            _ if f.skip => false,
            PhoneParse::Malformed { why, .. } => f.digits.len() >= 3 && why != NOT_PHONE && !ctx.free_text,
            _ => true,
        })
        .collect()
}

const NOT_PHONE: &str = "labelled as not a phone number";

/// Whether the groups may be read as one number: no `+` or extension in the middle, no
/// break, not too many digits.
fn joinable(run: &[Tok]) -> bool {
    let digits: usize = run.iter().map(|t| t.digits.len()).sum();
    let inner_ok = run.iter().skip(1).all(|t| !t.plus && t.gap != Gap::Break);
    let ext_ok = run.iter().rev().skip(1).all(|t| t.ext.is_none());
    inner_ok && ext_ok && (digits <= MAX_DIGITS || run.len() == 1)
}

/// Reads groups as one number; retries a trailing `-203` as an extension of a landline.
fn eval(run: &[Tok], folded: &Folded, ctx: &Ctx) -> Found {
    let first = &run[0];
    let last = &run[run.len() - 1];
    let digits: String = run.iter().map(|t| t.digits.as_str()).collect();
    let piece = Piece {
        raw: folded.raw(first.start, last.end),
        digits: &digits,
        plus: first.plus,
        ext: last.ext.clone(),
        fax: run.iter().any(|t| t.fax),
    };
    if run.iter().any(|t| t.not_phone) {
        return found(malformed(piece.raw, NOT_PHONE), &digits);
    }
    let whole = classify(&piece, ctx);
    let mut out = if whole.parse.valid().is_some() || run.len() < 2 {
        whole
    } else {
        dash_extension(run, folded, &piece, ctx).unwrap_or(whole)
    };
    out.fax = piece.fax;
    out.id_shaped = run.len() == 1 && !first.plus && matches!(digits.len(), 15 | 17 | 18);
    out
}

/// `010-62345678-203`: the mainland habit of writing an extension after a dash. Only after a
/// full landline (area code and subscriber number, 10+ digits) or a local 7-8 digit number.
fn dash_extension(run: &[Tok], folded: &Folded, piece: &Piece, ctx: &Ctx) -> Option<Found> {
    let last = &run[run.len() - 1];
    let prev = &run[run.len() - 2];
    let between = folded.text.get(prev.end..last.start)?.trim();
    if between != "-" || last.digits.len() > 5 || last.ext.is_some() {
        return None;
    }
    let head = &piece.digits[..piece.digits.len() - last.digits.len()];
    let try_piece = Piece {
        digits: head,
        ext: Some(last.digits.clone()),
        ..piece.clone()
    };
    let out = classify(&try_piece, ctx);
    let landline = match &out.parse {
        PhoneParse::Valid(p) => p.kind != PhoneKind::Mobile && p.e164.starts_with("+86") && p.e164.len() >= 13,
        PhoneParse::NeedsAreaCode { .. } => true,
        _ => false,
    };
    landline.then_some(out)
}

/// One candidate number: digits as written plus what stood around them.
#[derive(Clone)]
struct Piece<'a> {
    pub(super) raw: &'a str,
    pub(super) digits: &'a str,
    pub(super) plus: bool,
    pub(super) ext: Option<String>,
    pub(super) fax: bool,
}

/// The outcome for one candidate number.
fn classify(piece: &Piece, ctx: &Ctx) -> Found {
    let number = match parse_digits(piece.plus, piece.digits, ctx.home) {
        Ok(n) => n,
        Err(fail) => return found(failure(piece, fail), piece.digits),
    };
    if let Some(phone) = to_phone(&number, piece, ctx, None) {
        return found(PhoneParse::Valid(phone), piece.digits);
    }
    if ctx.mainland && is_local_landline(&number, piece.digits) {
        let mut out = infer_area_code(&number.nsn, piece, ctx, ctx.place_area_code());
        out.local = Some(number.nsn.clone());
        return out;
    }
    if piece.digits.len() < 7 {
        return found(malformed(piece.raw, "fewer than 7 digits"), piece.digits);
    }
    let why = format!("{} is not a valid number in its numbering plan", number.e164());
    let parse = PhoneParse::Invalid {
        raw: piece.raw.to_string(),
        e164: Some(number.e164()),
        why,
    };
    let mut out = found(parse, piece.digits);
    out.bad_international = matches!(number.source, Source::Plus | Source::Idd);
    out
}

fn failure(piece: &Piece, fail: Fail) -> PhoneParse {
    match fail {
        Fail::InvalidCountryCode if piece.digits.len() >= 7 => PhoneParse::Invalid {
            raw: piece.raw.to_string(),
            e164: None,
            why: "no valid country calling code (unknown region or code)".to_string(),
        },
        _ => malformed(piece.raw, fail.why()),
    }
}

/// A mainland landline written without its area code: 7-8 digits starting 2-8.
fn is_local_landline(number: &Number, digits: &str) -> bool {
    number.code == 86
        && number.source == Source::Default
        && number.nsn == digits
        && (7..=8).contains(&digits.len())
        && digits.starts_with(['2', '3', '4', '5', '6', '7', '8'])
}

/// Completes a local number with `area` (e.g. `"0512"`), or asks for an area code.
fn infer_area_code(local: &str, piece: &Piece, ctx: &Ctx, area: Option<&str>) -> Found {
    let Some(area) = area else {
        return found(
            PhoneParse::NeedsAreaCode {
                raw: piece.raw.to_string(),
            },
            piece.digits,
        );
    };
    let full = format!("{area}{local}");
    let number = match parse_digits(false, &full, ctx.home) {
        Ok(n) => n,
        Err(fail) => return found(failure(piece, fail), piece.digits),
    };
    if let Some(phone) = to_phone(&number, piece, ctx, Some(area.to_string())) {
        return found(PhoneParse::Valid(phone), piece.digits);
    }
    let why = format!("not a valid number with area code {area} (from the city)");
    let parse = PhoneParse::Invalid {
        raw: piece.raw.to_string(),
        e164: Some(number.e164()),
        why,
    };
    found(parse, piece.digits)
}

/// `0512-62345678/62345679`: a local number after a landline takes that landline's area code.
pub(super) fn use_sibling_area_codes(found: &mut [Found], ctx: &Ctx) {
    let mut area: Option<String> = None;
    for f in found.iter_mut() {
        if let (Some(local), Some(code)) = (&f.local, &area) {
            let raw = raw_of(&f.parse).to_string();
            let piece = Piece {
                raw: &raw,
                digits: local,
                plus: false,
                ext: None,
                fax: f.fax,
            };
            let retry = infer_area_code(local, &piece, ctx, Some(code));
            if retry.parse.valid().is_some() {
                f.parse = retry.parse;
            }
        }
        if let PhoneParse::Valid(p) = &f.parse {
            if let Some(code) = mainland_area_code(p) {
                area = Some(code);
            }
        }
    }
}

fn raw_of(parse: &PhoneParse) -> &str {
    match parse {
        PhoneParse::Valid(p) => &p.raw,
        PhoneParse::Invalid { raw, .. } | PhoneParse::Malformed { raw, .. } | PhoneParse::NeedsAreaCode { raw } => raw,
    }
}

/// `"010"` for `+861062345678`: the area code of a valid mainland landline.
fn mainland_area_code(p: &Phone) -> Option<String> {
    let nsn = p.e164.strip_prefix("+86")?;
    if p.kind != PhoneKind::FixedLine {
        return None;
    }
    let len = if nsn.starts_with(['1', '2']) { 2 } else { 3 };
    nsn.get(..len).map(|c| format!("0{c}"))
}

/// Builds the [`Phone`] for a parsed number, or `None` if it is not valid.
fn to_phone(number: &Number, piece: &Piece, ctx: &Ctx, inferred: Option<String>) -> Option<Phone> {
    let plan = REGISTRY.for_number(number.code, &number.nsn)?;
    let kind = plan.kind(&number.nsn);
    if kind == PhoneKind::Unknown {
        return None;
    }
    let national = format_number(number.code, &number.nsn, number.code == ctx.home_code());
    Some(Phone {
        raw: piece.raw.to_string(),
        e164: number.e164(),
        national,
        extension: piece.ext.clone(),
        kind,
        label_fax: piece.fax,
        area_code_inferred: inferred,
    })
}
