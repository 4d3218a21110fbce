//! The source window shown under one human diagnostic: a few lines around the span, cut
//! from the file through its line index (constant time per diagnostic, whatever the file
//! size), rewritten before the renderer ever sees it:
//!
//! - every masked byte range is replaced by [`MASK`] (quotes and line breaks kept);
//! - for parse errors (whose statement is not in the model, so nothing is *known* to be
//!   secret), every quoted literal and every unquoted right-hand side of `=`/`:` on the
//!   printed lines is masked too (see [`literal_ranges`]);
//! - control, bidi and `##vso[` characters are escaped (see [`super::text`]);
//! - lines longer than [`MAX_UNCUT_BYTES`] are cut to a horizontal window of about
//!   [`WIDTH`] characters starting [`BEFORE`] characters left of the span, with `…` where
//!   cut, so a finding at column 66,000 of a minified template prints ~250 columns, and the
//!   work per diagnostic does not grow with the line length;
//! - line terminators become `\n`.
//!
//! The finding's span is mapped into the rewritten text: an offset inside a replaced piece
//! snaps outward (a start to the replacement's start, an end to its end).

use super::text::{needs_escape, push_escape};
use super::{strip_quotes, MASK};
use crate::model::text as utf8;
use crate::source::SourceFile;

/// Lines up to this many bytes are printed whole.
pub(crate) const MAX_UNCUT_BYTES: usize = 320;
/// Characters kept left of the span on a cut line.
pub(crate) const BEFORE: usize = 100;
/// Characters (a masked range counts as its replacement) printed of a cut line.
pub(crate) const WIDTH: usize = 240;
/// A parse error's literals are found by scanning its lines from their start; past this
/// many bytes into a line the printed part of the line is masked whole instead.
const MAX_LITERAL_SCAN: usize = 64 * 1024;

/// What to do besides cutting and escaping.
#[derive(Clone, Copy)]
pub(crate) struct Options<'a> {
    /// Lines of context above and below the span.
    pub context: usize,
    /// Secret byte ranges of the file: sorted, disjoint.
    pub masked: &'a [(usize, usize)],
    /// Mask every literal on the printed lines (parse errors).
    pub mask_literals: bool,
    /// `...` instead of `…`.
    pub ascii: bool,
}

/// Rewritten window text plus where the finding's span is in it.
#[derive(Debug)]
pub(crate) struct Window {
    pub text: String,
    /// 0-based file line of the window's first line.
    pub first_line: usize,
    /// The finding's span in window bytes (never empty).
    pub label: std::ops::Range<usize>,
}

/// One piece of the output: verbatim text, or a replacement (mask, escape, `…`, line break).
#[derive(Clone, Copy, Debug)]
struct Seg {
    orig: (usize, usize),
    out: (usize, usize),
    verbatim: bool,
}

impl Window {
    /// The window for the span `start..end` of `file`.
    pub(crate) fn new(file: &SourceFile, start: usize, end: usize, opts: Options<'_>) -> Window {
        let text = &*file.text;
        let idx = &file.line_index;
        let start = utf8::floor_boundary(text, start.min(text.len()));
        let end = utf8::floor_boundary(text, end.clamp(start, text.len()));
        let start_line = idx.line_of(start as u32);
        let end_line = idx.line_of(end as u32);
        let first_line = start_line.saturating_sub(opts.context);
        let last_line = (end_line + opts.context).min(idx.line_count().saturating_sub(1));

        // The horizontal window: the span's line decides the first column; every other long
        // line of the window is cut at the same column so the lines stay aligned.
        let primary = idx.line_range(text, start_line);
        let cut_col = if primary.len() > MAX_UNCUT_BYTES {
            let from = back_chars(text, primary.start, start, BEFORE);
            Some(idx.line_col(text, from as u32).1 as usize - 1)
        } else {
            None
        };

        let mut w = Writer {
            text,
            out: String::new(),
            segs: Vec::new(),
            ascii: opts.ascii,
        };
        for line in first_line..=last_line {
            let range = idx.line_range(text, line);
            let owned;
            let masks: &[(usize, usize)] = if opts.mask_literals {
                owned = literal_masks(text, range.clone(), opts.masked);
                &owned
            } else {
                opts.masked
            };
            let (vs, ve) = if range.len() <= MAX_UNCUT_BYTES {
                (range.start, range.end)
            } else {
                let vs = match cut_col {
                    Some(col) => idx.offset_of_char_col(text, line, col),
                    None => range.start,
                };
                let vs = snap_into_mask(text, vs, masks).max(range.start);
                (vs, forward(text, vs, range.end, masks, WIDTH))
            };
            if vs > range.start {
                w.replaced(range.start, vs, Ellipsis);
            }
            w.emit(vs, ve, masks);
            if ve < range.end {
                w.replaced(ve, range.end, Ellipsis);
            }
            if line < last_line {
                let next = idx.line_start(line + 1) as usize;
                w.replaced(range.end, next, Piece::Newline);
            }
        }

        let label_start = w.map(start, false);
        let mut label_end = w.map(end, true).max(label_start);
        if label_start == label_end {
            // Nothing to underline (an empty span, e.g. a parse error at the end of a line):
            // point at the character there, or at one added blank column at a line end.
            match utf8::tail(&w.out, label_start).chars().next() {
                Some(c) if c != '\n' => label_end = label_start + c.len_utf8(),
                _ => {
                    w.out.insert(label_start, ' ');
                    label_end = label_start + 1;
                }
            }
        }
        Window {
            text: w.out,
            first_line,
            label: label_start..label_end,
        }
    }
}

/// For a parse error: the file's secret ranges on the line `range` plus every literal of
/// the line ([`literal_ranges`]; a line too long to scan is masked whole). Sorted, disjoint.
fn literal_masks(
    text: &str,
    range: std::ops::Range<usize>,
    masked: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut masks: Vec<(usize, usize)> = Vec::new();
    let first = masked.partition_point(|&(_, e)| e <= range.start);
    for &(s, e) in &masked[first..] {
        if s >= range.end {
            break;
        }
        masks.push((s.max(range.start), e.min(range.end)));
    }
    if range.len() > MAX_LITERAL_SCAN {
        masks.push((range.start, range.end));
    } else {
        masks.extend(
            literal_ranges(utf8::slice(text, range.clone()))
                .into_iter()
                .map(|(s, e)| (range.start + s, range.start + e)),
        );
    }
    masks.retain(|&(s, e)| e > s);
    masks.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(masks.len());
    for (s, e) in masks {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// A mask's byte range widened to character boundaries (a mask never shrinks).
fn mask_at(text: &str, masks: &[(usize, usize)], m: usize) -> Option<(usize, usize)> {
    masks.get(m).map(|&(s, e)| {
        (
            utf8::floor_boundary(text, s.min(text.len())),
            utf8::ceil_boundary(text, e),
        )
    })
}

/// A cut that would fall inside a masked range starts at the range instead (the range is
/// printed as its short replacement anyway).
fn snap_into_mask(text: &str, o: usize, masks: &[(usize, usize)]) -> usize {
    let i = masks.partition_point(|&(_, e)| e <= o);
    match mask_at(text, masks, i) {
        Some((s, _)) if s < o => s,
        _ => o,
    }
}

/// The byte offset `n` characters before `o`, not before `floor`.
fn back_chars(text: &str, floor: usize, o: usize, n: usize) -> usize {
    match utf8::slice(text, floor..o)
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
    {
        Some((i, _)) if n > 0 => floor + i,
        _ => floor.min(o),
    }
}

/// The offset after printing `budget` characters from `from` (a masked range costs its
/// replacement's length and is skipped in one step), not past `limit`.
fn forward(
    text: &str,
    from: usize,
    limit: usize,
    masks: &[(usize, usize)],
    budget: usize,
) -> usize {
    let mut at = from;
    let mut left = budget;
    let mut m = masks.partition_point(|&(_, e)| e <= at);
    while at < limit && left > 0 {
        if let Some((s, e)) = mask_at(text, masks, m) {
            if s <= at {
                at = e.min(limit);
                left = left.saturating_sub(MASK.len() + 2);
                m += 1;
                continue;
            }
        }
        let stop = mask_at(text, masks, m).map_or(limit, |(s, _)| s.min(limit));
        let run = utf8::slice(text, at..stop);
        match run.char_indices().nth(left) {
            Some((i, _)) => return at + i,
            None => {
                left -= run.chars().count();
                at = stop;
            }
        }
    }
    at
}

#[derive(Clone, Copy)]
enum Piece<'a> {
    Masked(&'a str),
    Escape(char),
    Ellipsis,
    Newline,
}
use Piece::Ellipsis;

struct Writer<'t> {
    text: &'t str,
    out: String,
    segs: Vec<Seg>,
    ascii: bool,
}

impl Writer<'_> {
    fn replaced(&mut self, s: usize, e: usize, piece: Piece<'_>) {
        let out_start = self.out.len();
        match piece {
            Piece::Masked(secret) => push_masked(&mut self.out, secret),
            Piece::Escape(c) => push_escape(&mut self.out, c),
            Piece::Ellipsis => self.out.push_str(if self.ascii { "..." } else { "…" }),
            Piece::Newline => self.out.push('\n'),
        }
        self.segs.push(Seg {
            orig: (s, e),
            out: (out_start, self.out.len()),
            verbatim: false,
        });
    }

    fn verbatim(&mut self, s: usize, e: usize) {
        if e <= s {
            return;
        }
        let out_start = self.out.len();
        self.out.push_str(utf8::slice(self.text, s..e));
        self.segs.push(Seg {
            orig: (s, e),
            out: (out_start, self.out.len()),
            verbatim: true,
        });
    }

    /// Print `vs..ve` of one line: masked ranges replaced, unsafe characters escaped.
    fn emit(&mut self, vs: usize, ve: usize, masks: &[(usize, usize)]) {
        let text = self.text;
        let mut at = vs;
        let mut m = masks.partition_point(|&(_, e)| e <= vs);
        while at < ve {
            let stop = match mask_at(text, masks, m) {
                Some((s, e)) if s <= at => {
                    let e = e.min(ve);
                    if e > at {
                        self.replaced(at, e, Piece::Masked(utf8::slice(text, at..e)));
                        at = e;
                    }
                    m += 1;
                    continue;
                }
                Some((s, _)) => s.min(ve),
                None => ve,
            };
            let mut run = at;
            for (i, c) in utf8::slice(text, at..stop).char_indices() {
                let i = at + i;
                if needs_escape(text, i, c, true) {
                    self.verbatim(run, i);
                    self.replaced(i, i + c.len_utf8(), Piece::Escape(c));
                    run = i + c.len_utf8();
                }
            }
            self.verbatim(run, stop);
            at = stop;
        }
    }

    /// Output offset of original offset `o`. The pieces cover the window's bytes without
    /// gaps; inside a replaced piece a start snaps to the replacement's start and an end to
    /// its end (an end exactly at a piece's start stays before it).
    fn map(&self, o: usize, is_end: bool) -> usize {
        let i = self.segs.partition_point(|s| s.orig.1 <= o);
        let Some(seg) = self.segs.get(i) else {
            return self.out.len();
        };
        if o <= seg.orig.0 {
            seg.out.0
        } else if seg.verbatim {
            seg.out.0 + (o - seg.orig.0)
        } else if is_end {
            seg.out.1
        } else {
            seg.out.0
        }
    }
}

/// Replace a secret with [`MASK`], keeping its quotes (when it has both) and its line breaks
/// (the window's lines are printed one by one, so a multi-line secret arrives line by line).
fn push_masked(out: &mut String, secret: &str) {
    let (open, inner, close) = match strip_quotes(secret) {
        // `strip_quotes` checked that both ends are the same ASCII quote.
        Some(inner) => {
            let quote = utf8::prefix(secret, 1);
            (quote, inner, quote)
        }
        None => ("", secret, ""),
    };
    out.push_str(open);
    if !inner.trim().is_empty() {
        out.push_str(MASK);
    }
    out.push_str(close);
}

/// Byte ranges of a parse-error line to mask: every quoted literal (`'…'`, `"…"`, `` `…` ``;
/// an unterminated one runs to the end of the line) and every unquoted value: the right-hand
/// side of `=` or `:`, an item of a `[…]` list opened on the line, and a YAML block sequence
/// item (`- value`, not `- key: value`, whose value the `:` rule covers). A value runs to the
/// end of the line, or inside brackets opened on the line to the next `,` `}` `]` `)`.
/// Comparison operators (`==`, `!=`, `<=`, `>=`, `=>`) and `::` are not assignments. Quotes
/// and delimiters are ASCII, so every range is on character boundaries.
pub(crate) fn literal_ranges(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut open: Vec<u8> = Vec::new();
    // A YAML block sequence item whose content is not a mapping.
    let indent = b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
    let mut i = indent;
    if b[i..].starts_with(b"- ") || b[i..] == *b"-" {
        i += 1;
        let rest = utf8::tail(line, i).trim_end();
        if !rest.contains(": ") && !rest.ends_with(':') {
            value(b, &mut i, &open, &mut out);
        }
    }
    while i < n {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                let mut j = i + 1;
                while j < n && b[j] != q {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(n);
                out.push((i, end));
                i = end;
            }
            c @ (b'{' | b'[' | b'(') => {
                open.push(c);
                i += 1;
                if c == b'[' {
                    value(b, &mut i, &open, &mut out);
                }
            }
            b'}' | b']' | b')' => {
                open.pop();
                i += 1;
            }
            b',' => {
                i += 1;
                if open.last() == Some(&b'[') {
                    value(b, &mut i, &open, &mut out);
                }
            }
            c @ (b'=' | b':') => {
                let next = b.get(i + 1).copied();
                let prev = i.checked_sub(1).map(|p| b[p]);
                let operator = match c {
                    b'=' => {
                        matches!(next, Some(b'=' | b'>'))
                            || matches!(prev, Some(b'=' | b'!' | b'<' | b'>'))
                    }
                    _ => next == Some(b':') || prev == Some(b':'),
                };
                i += 1;
                if !operator {
                    value(b, &mut i, &open, &mut out);
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Mask the unquoted value starting at `*i` (after blanks), unless it is a quoted literal or
/// a bracket (the caller's loop handles those); leaves `*i` after it.
fn value(b: &[u8], i: &mut usize, open: &[u8], out: &mut Vec<(usize, usize)>) {
    let n = b.len();
    while *i < n && matches!(b[*i], b' ' | b'\t') {
        *i += 1;
    }
    if *i >= n || matches!(b[*i], b'\'' | b'"' | b'`' | b'{' | b'[' | b'(') {
        return;
    }
    let start = *i;
    let mut end = if open.is_empty() {
        n
    } else {
        b[start..]
            .iter()
            .position(|c| matches!(c, b',' | b'}' | b']' | b')'))
            .map_or(n, |p| start + p)
    };
    *i = end;
    while end > start && matches!(b[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    if end > start {
        out.push((start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(text: &str, s: usize, e: usize, masked: &[(usize, usize)]) -> Window {
        let file = SourceFile::from_text("x.bicep", text);
        Window::new(
            &file,
            s,
            e,
            Options {
                context: 1,
                masked,
                mask_literals: false,
                ascii: false,
            },
        )
    }

    fn label(w: &Window) -> &str {
        w.text.get(w.label.clone()).unwrap()
    }

    #[test]
    fn masks_the_secret_and_maps_the_label() {
        let text = "a\nb: 'hunter22' # c\nd\ne\n";
        let s = text.find('\'').unwrap();
        let e = text.rfind('\'').unwrap() + 1;
        let w = window(text, s, e, &[(s, e)]);
        assert_eq!(w.text, "a\nb: '********' # c\nd");
        assert_eq!(label(&w), "'********'");
        assert_eq!(w.first_line, 0);
    }

    #[test]
    fn label_after_a_masked_span_on_the_same_line_is_shifted() {
        let text = "k: \"abcdefghijklmnop\", other: 1\n";
        let s = text.find('"').unwrap();
        let e = text.rfind('"').unwrap() + 1;
        let o = text.find("other").unwrap();
        let w = window(text, o, o + 5, &[(s, e)]);
        assert_eq!(label(&w), "other");
        assert!(!w.text.contains("abcdef"));
    }

    #[test]
    fn multi_line_secret_keeps_its_line_breaks() {
        let text = "key = <<EOT\nline-one-secret\nline-two-secret\nEOT\nafter\n";
        let s = text.find("<<EOT").unwrap();
        let e = text.find("\nafter").unwrap();
        let w = window(text, s, e, &[(s, e)]);
        assert_eq!(
            w.text,
            "key = ********\n********\n********\n********\nafter"
        );
        assert_eq!(label(&w), "********\n********\n********\n********");
    }

    #[test]
    fn empty_span_at_end_of_file_gets_a_column() {
        let text = "{ \"a\": 1,";
        let w = window(text, text.len(), text.len(), &[]);
        assert_eq!(w.text, "{ \"a\": 1, ");
        assert_eq!(w.label, text.len()..text.len() + 1);
    }

    #[test]
    fn empty_file_and_out_of_range_spans_do_not_panic() {
        let w = window("", 0, 0, &[]);
        assert_eq!(w.text, " ");
        let w = window("ab\r\ncd", 99, 120, &[(1, 200)]);
        assert_eq!(w.text, "a********\n******** ");
    }

    #[test]
    fn crlf_becomes_lf_and_controls_are_escaped() {
        let text = "a: 1\r\nname: 'x\u{1b}[2Ky'\tz\u{202e}\r\n";
        let s = text.find('x').unwrap();
        let w = window(text, s, s + 1, &[]);
        assert_eq!(w.text, "a: 1\nname: 'x\\u{1b}[2Ky'\tz\\u{202e}\n");
        assert_eq!(label(&w), "x");
        // A span over an escaped character underlines its whole escape.
        let esc = text.find('\u{1b}').unwrap();
        let w = window(text, esc, esc + 1, &[]);
        assert_eq!(label(&w), "\\u{1b}");
    }

    #[test]
    fn long_lines_are_cut_around_the_span_and_aligned() {
        let long: String = (0..70_000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let text = format!("{long}{long}\n{long}X{long}\n{long}{long}\n");
        let x = text.find('X').unwrap();
        let w = window(&text, x, x + 1, &[]);
        let lines: Vec<&str> = w.text.lines().collect();
        assert_eq!(lines.len(), 3);
        for l in &lines {
            assert!(l.starts_with('…') && l.ends_with('…'), "{l}");
            assert!(l.chars().count() <= WIDTH + 2, "{}", l.chars().count());
        }
        assert_eq!(label(&w), "X");
        // BEFORE characters before the span, after the ellipsis.
        let col = lines[1].find('X').unwrap();
        assert_eq!(utf8::prefix(lines[1], col).chars().count(), BEFORE + 1);
        // Context lines cut at the same column: same characters above and below.
        assert_eq!(lines[0], lines[2]);
        assert_eq!(lines[0].get(..col).unwrap(), lines[1].get(..col).unwrap());
        // ASCII fallback.
        let file = SourceFile::from_text("x", text.as_str());
        let opts = Options {
            context: 0,
            masked: &[],
            mask_literals: false,
            ascii: true,
        };
        let w = Window::new(&file, x, x + 1, opts);
        assert!(w.text.starts_with("...") && w.text.ends_with("...") && w.text.is_ascii());
    }

    #[test]
    fn a_long_masked_span_on_a_long_line_is_one_short_mask() {
        let blob = "M".repeat(70_000);
        let text = format!(
            "{{\"a\": 1, \"pfx\": \"{blob}\", \"b\": 2{}}}\n",
            ", 0".repeat(500)
        );
        let s = text.find("\"MMM").unwrap();
        let e = s + blob.len() + 2;
        let w = window(&text, s, e, &[(s, e)]);
        assert!(!w.text.contains("MMMM"));
        assert_eq!(label(&w), "\"********\"");
        assert!(w.text.len() < WIDTH * 2, "{}", w.text.len());
    }

    #[test]
    fn long_span_ending_past_the_cut_underlines_to_the_ellipsis() {
        let text = format!("k: [{}]\n", "1, ".repeat(2000));
        let s = text.find('[').unwrap();
        let e = text.find(']').unwrap() + 1;
        let w = window(&text, s, e, &[]);
        assert!(
            label(&w).starts_with("[1, 1") && label(&w).ends_with('…'),
            "{}",
            label(&w)
        );
    }

    #[test]
    fn parse_error_lines_mask_literals_and_right_hand_sides() {
        let check = |line: &str, expect: &str| {
            let mut out = String::new();
            let mut last = 0;
            for (s, e) in literal_ranges(line) {
                out.push_str(line.get(last..s).unwrap());
                out.push('#');
                last = e;
            }
            out.push_str(line.get(last..).unwrap());
            assert_eq!(out, expect, "{line}");
        };
        check("param p string = 'LEAK45unterminated", "param p string = #");
        check("  default = \"LEAK47b\"", "  default = #");
        check("  sensitive = true ===", "  sensitive = #");
        check("        value: \"LEAK48brokenYaml", "        value: #");
        check("  password: hunter2 # note", "  password: #");
        check(
            "ingress: { external: true,, allowInsecure: true }",
            "ingress: { external: #,, allowInsecure: # }",
        );
        check(
            "{\"a\":{\"type\":\"securestring\",\"defaultValue\":\"LEAK46\"}},\"r\":[}",
            "{#:{#:#,#:#}},#:[}",
        );
        check("if a == b && c >= d => e", "if a == b && c >= d => e");
        check("x ? 'a\\'b' : other", "x ? # : #");
        check("url: https://x:y@host", "url: #");
        check("é: 'ü' ", "é: # ");
        check("  command: [--token, LEAK50flow", "  command: [#, #");
        check("  args: [\"a\", b, [c]]", "  args: [#, #, [#]]");
        check("          - LEAK51item", "          - #");
        check("      - name: x", "      - name: #");
        check("  - key:", "  - key:");
        check("-", "-");
    }
}
