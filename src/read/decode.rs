//! Delimited text files: the encoding detected, the delimiter sniffed, the rows streamed.
//!
//! Encodings: a byte-order mark decides (UTF-8, UTF-16 LE/BE); else zero bytes on one
//! side of each pair that decode to lines of text are UTF-16; else valid UTF-8 is
//! UTF-8; else chardetng guesses among the legacy encodings (GBK, which is decoded as its
//! superset GB18030, Big5, Shift_JIS, windows-1252, ...). Bytes that do not decode are
//! replaced and reported, never dropped silently.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use super::lines::split_lines;

/// A decoded text file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name as users know it: `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `GBK`, ...
    pub encoding: String,
    /// True when some bytes did not decode and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Reads a delimited text file: its text decoded and its delimiter sniffed.
pub fn read_text(path: &Path) -> Result<(Decoded, u8), crate::error::Error> {
    let bytes = std::fs::read(path).map_err(|e| crate::error::Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let decoded = decode(bytes);
    let delimiter = sniff_delimiter(&decoded.text, path);
    Ok((decoded, delimiter))
}

/// Decodes raw file bytes, detecting the encoding. Valid UTF-8 is taken without a copy.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    if Encoding::for_bom(&bytes).is_none() {
        if let Some(enc) = utf16_without_bom(&bytes) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
            return Decoded {
                text: text.into_owned(),
                encoding: enc.name().to_string(),
                had_errors,
            };
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) if !text.starts_with('\u{FEFF}') => Decoded {
            text,
            encoding: "UTF-8".to_string(),
            had_errors: false,
        },
        Ok(text) => decode_legacy(text.as_bytes()),
        Err(e) => decode_legacy(e.as_bytes()),
    }
}

fn decode_legacy(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let name = if enc == UTF_8 {
            "UTF-8 (BOM)".to_string()
        } else {
            enc.name().to_string()
        };
        return Decoded {
            text: text.into_owned(),
            encoding: name,
            had_errors,
        };
    }
    let guess = guess_legacy(bytes);
    let decoder = if guess == GBK { GB18030 } else { guess };
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: guess.name().to_string(),
        had_errors,
    }
}

/// Bytes looked at to tell UTF-16 without a byte-order mark.
const UTF16_SAMPLE: usize = 1 << 16;

/// UTF-16 text without a byte-order mark. Text in any 8-bit encoding (UTF-8, GBK, ...)
/// holds no zero byte; UTF-16 holds one in every ASCII character (delimiters, line ends,
/// digits), on the odd bytes for little-endian and the even ones for big-endian, while
/// most Chinese characters have none. The side with more zeros is tried first; the text
/// decoded must read as lines of text (a line end unit, no other control character),
/// which the wrong byte order never does.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE) & !1];
    let even_zero = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if even_zero + odd_zero == 0 {
        return None;
    }
    let order = if odd_zero >= even_zero {
        [UTF_16LE, UTF_16BE]
    } else {
        [UTF_16BE, UTF_16LE]
    };
    order.into_iter().find(|enc| reads_as_lines(enc, sample))
}

/// True when `sample` decoded as `enc` is text in lines: no undecodable unit, at least
/// one line end, no control character besides tab and line ends.
fn reads_as_lines(enc: &'static Encoding, sample: &[u8]) -> bool {
    let (text, had_errors) = enc.decode_without_bom_handling(sample);
    // A sample cut in the middle of a surrogate pair leaves one bad unit at its end.
    let body = text.strip_suffix('\u{FFFD}').unwrap_or(&text);
    let bad = had_errors && body.contains('\u{FFFD}');
    let controls = body.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    !bad && !controls && body.contains(['\n', '\r'])
}

fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(4 << 20)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, false)
}

/// Picks the delimiter that splits the first lines into the same number of fields most
/// consistently: comma, semicolon, tab or pipe. `.tsv` files prefer tab.
pub fn sniff_delimiter(text: &str, path: &Path) -> u8 {
    let candidates: &[u8] = if has_ext(path, "tsv") { b"\t,;|" } else { b",;\t|" };
    let lines = leading_lines(text);
    let mut best = (0usize, 0usize, candidates[0]);
    for &d in candidates {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let (mode, freq) = mode_of(&counts);
        if mode == 0 {
            continue;
        }
        if (freq, mode) > (best.0, best.1) {
            best = (freq, mode, d);
        }
    }
    best.2
}

/// The delimiters a whole row holds: the most frequent count over the first lines.
pub fn row_delimiters(text: &str, delimiter: u8) -> usize {
    let counts: Vec<usize> = leading_lines(text)
        .iter()
        .map(|l| count_outside_quotes(l, delimiter))
        .collect();
    mode_of(&counts).0
}

/// The first 64 lines that are not blank, whatever ends them.
fn leading_lines(text: &str) -> Vec<&str> {
    split_lines(text).filter(|l| !l.trim().is_empty()).take(64).collect()
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delim && !quoted {
            n += 1;
        }
    }
    n
}

/// The most frequent non-zero value and how often it occurs.
fn mode_of(counts: &[usize]) -> (usize, usize) {
    let mut sorted: Vec<usize> = counts.iter().copied().filter(|c| *c > 0).collect();
    sorted.sort_unstable();
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|v| **v == sorted[i]).count();
        if j >= best.1 {
            best = (sorted[i], j);
        }
        i += j;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::BIG5;

    #[test]
    fn detects_boms_and_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b".to_vec()).encoding, "UTF-8 (BOM)");
        assert_eq!(decode(b"\xEF\xBB\xBFa,b".to_vec()).text, "a,b");
        assert_eq!(decode("姓名,电话".as_bytes().to_vec()).encoding, "UTF-8");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("姓名".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let d = decode(le);
        assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-16LE", "姓名"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("姓名".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(be).text, "姓名");
    }

    #[test]
    fn detects_gbk_and_big5() {
        let text = "姓名,手机,公司\n张三,13800138000,北京某某科技有限公司\n李四,13900139000,上海某某贸易有限公司\n";
        let (gbk, _, _) = GBK.encode(text);
        let d = decode(gbk.into_owned());
        assert_eq!((d.encoding.as_str(), d.text.as_str()), ("GBK", text));
        let trad =
            "姓名,電話,公司\n陳大文,0912345678,臺北市某某股份有限公司\n黃小明,0922345678,新竹縣某某科技有限公司\n";
        let (big5, _, _) = BIG5.encode(trad);
        let d = decode(big5.into_owned());
        assert_eq!((d.encoding.as_str(), d.text.as_str()), ("Big5", trad));
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn detects_utf16_without_a_bom() {
        let chinese = "姓名,公司,地址\r\n张三,甲乙丙公司,北京市海淀区\r\n李四,丁戊己公司,上海市浦东新区\r\n";
        let mixed = "姓名,手机,邮箱\n张三,13800138000,zs@qq.com\n李四,13900139000,ls@163.com\n";
        let only_cjk = "姓名\n张三\n李四\n";
        for text in [chinese, mixed, only_cjk] {
            for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
                let d = decode(utf16(text, big_endian));
                assert_eq!((d.encoding.as_str(), d.text.as_str()), (name, text));
                assert!(!d.had_errors);
            }
        }
    }

    #[test]
    fn a_utf16_sample_cut_inside_a_surrogate_pair_still_reads() {
        // 14 bytes a line: the sample ends 2 bytes into a character of two units.
        let text = "𠀀𠀀𠀀\n".repeat(6000);
        assert_eq!(UTF16_SAMPLE % 14, 2);
        for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let d = decode(utf16(&text, big_endian));
            assert_eq!((d.encoding.as_str(), d.text == text), (name, true));
        }
    }

    #[test]
    fn text_without_zero_bytes_is_never_utf16() {
        assert_eq!(decode("姓名,电话\n张三,1\n".as_bytes().to_vec()).encoding, "UTF-8");
        assert_eq!(utf16_without_bom(b"a\x00\x01\x00\n\x00"), None, "a control character");
        assert_eq!(utf16_without_bom(b"a\x00b\x00c\x00"), None, "no line end");
    }

    #[test]
    fn counts_delimiters_of_a_whole_row() {
        assert_eq!(row_delimiters("a,b,c\r1,2,3\r4,5\r", b','), 2);
        assert_eq!(row_delimiters("a;b\r\n1;2\r\n", b';'), 1);
    }

    #[test]
    fn sniffs_delimiters() {
        let p = Path::new("a.csv");
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n", p), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n", p), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n", p), b'\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n", p), b'|');
        assert_eq!(sniff_delimiter("name,\"x;y\"\n1,\"2;3\"\n", p), b',');
        assert_eq!(sniff_delimiter("只有一列\n1\n", p), b',');
        assert_eq!(sniff_delimiter("a;b,x;c\r1;2;3\r4;5,5;6\r", p), b';');
    }
}
