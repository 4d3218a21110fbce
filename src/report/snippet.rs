//! The source window miette renders for one finding: a few lines around the span, cut from
//! the file through its line index (constant time per diagnostic, whatever the file size —
//! miette's own `SourceCode for str` scans from byte 0 on every call, see tech.md §5), with
//! every masked span replaced by [`MASK`] before miette ever sees the text.
//!
//! Offsets handed to miette (labels, `SpanContents::span`) are offsets into the *rewritten*
//! window; line numbers are the file's, and the column miette prints in the `[path:line:col]`
//! header is the finding's real column.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::{strip_quotes, MASK};
use crate::source::SourceFile;

/// Rewritten window text plus the maps needed to talk to miette.
#[derive(Debug)]
pub struct Window {
    name: String,
    text: String,
    /// 0-based file line of the window's first line.
    first_line: usize,
    /// The finding's span in window coordinates.
    label: (usize, usize),
    /// The finding's real 0-based column (Unicode scalars), for the header.
    column: usize,
}

impl Window {
    /// Cut lines `[line(start) - context, line(end) + context]` from `file`, masking every
    /// span in `masked` (sorted, disjoint, byte offsets into `file`).
    pub fn new(
        file: &SourceFile,
        start: usize,
        end: usize,
        context: usize,
        masked: &[(usize, usize)],
    ) -> Window {
        let text = &*file.text;
        let start = floor_char(text, start.min(text.len()));
        let end = floor_char(text, end.clamp(start, text.len()));
        let idx = &file.line_index;
        let start_line = idx.line_of(start as u32);
        let end_line = idx.line_of(end as u32);
        let first_line = start_line.saturating_sub(context);
        let last_line = (end_line + context).min(idx.line_count().saturating_sub(1));
        let win_start = idx.line_start(first_line) as usize;
        let win_end = if last_line + 1 < idx.line_count() {
            idx.line_start(last_line + 1) as usize
        } else {
            text.len()
        };
        let win_start = win_start.min(win_end);

        // Masked spans overlapping the window, clipped to it (binary search: 10k masked
        // findings in one file must not make each diagnostic linear).
        let first = masked.partition_point(|&(_, e)| e <= win_start);
        let mut out = String::with_capacity(win_end - win_start + 16);
        // (original start, original end, output start, output end) of each replacement.
        let mut replaced: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut cursor = win_start;
        for &(ms, me) in &masked[first..] {
            if ms >= win_end {
                break;
            }
            let ms = floor_char(text, ms.max(cursor));
            let me = floor_char(text, me.min(win_end));
            if me <= ms {
                continue;
            }
            out.push_str(&text[cursor..ms]);
            let out_start = out.len();
            push_masked(&mut out, &text[ms..me]);
            replaced.push((ms, me, out_start, out.len()));
            cursor = me;
        }
        out.push_str(&text[cursor..win_end]);
        let label_start = map_offset(start, win_start, &replaced, false);
        let mut label_end = map_offset(end, win_start, &replaced, true).max(label_start);
        if label_start == label_end
            && matches!(out.as_bytes().get(label_start), None | Some(b'\n' | b'\r'))
        {
            // miette draws no marker for an empty label at the end of a line (a parse error
            // at end of file): give it one blank column to point at, as rustc does.
            out.insert(label_start, ' ');
            label_end = label_start + 1;
        }
        let (_, col) = file.line_col(start as u32);
        Window {
            name: file.display_path.clone(),
            text: out,
            first_line,
            label: (label_start, label_end),
            column: col.saturating_sub(1) as usize,
        }
    }

    /// The finding's span, in the coordinates miette must use for its label.
    pub fn label_span(&self) -> SourceSpan {
        (self.label.0, self.label.1 - self.label.0).into()
    }

    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Window offset of original offset `o`; an offset strictly inside a replaced span snaps
/// outward (to the replacement's start for a start, its end for an end).
fn map_offset(
    o: usize,
    win_start: usize,
    replaced: &[(usize, usize, usize, usize)],
    is_end: bool,
) -> usize {
    let (mut orig, mut outp) = (win_start, 0);
    for &(ms, me, os, oe) in replaced {
        if o <= ms {
            break;
        }
        if o < me {
            return if is_end { oe } else { os };
        }
        orig = me;
        outp = oe;
    }
    outp + (o - orig)
}

fn floor_char(text: &str, mut o: usize) -> usize {
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Replace a secret with [`MASK`], keeping its quotes and its line breaks (so line numbers
/// after a multi-line secret stay right).
fn push_masked(out: &mut String, secret: &str) {
    let (open, inner, close) = match strip_quotes(secret) {
        Some(inner) => (&secret[..1], inner, &secret[secret.len() - 1..]),
        None => ("", secret, ""),
    };
    out.push_str(open);
    let mut first = true;
    for part in inner.split('\n') {
        if !first {
            out.push('\n');
        }
        first = false;
        let (body, cr) = match part.strip_suffix('\r') {
            Some(b) => (b, "\r"),
            None => (part, ""),
        };
        if !body.trim().is_empty() {
            out.push_str(MASK);
        }
        out.push_str(cr);
    }
    out.push_str(close);
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let line = inner.line() + self.first_line;
        // With no context miette uses the column for the `[path:line:col]` header: give the
        // real one (miette counts bytes of the rewritten text).
        let column = if context_lines_before == 0 && span.offset() == self.label.0 {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count() + self.first_line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_secret_and_maps_the_label() {
        let text = "a\nb: 'hunter22' # c\nd\ne\n";
        let file = SourceFile::from_text("x.bicep", text);
        let s = text.find('\'').unwrap();
        let e = text.rfind('\'').unwrap() + 1;
        let w = Window::new(&file, s, e, 1, &[(s, e)]);
        assert_eq!(w.text(), "a\nb: '********' # c\nd\n");
        let span = w.label_span();
        assert_eq!(
            &w.text()[span.offset()..span.offset() + span.len()],
            "'********'"
        );
    }

    #[test]
    fn label_after_a_masked_span_on_the_same_line_is_shifted() {
        let text = "k: \"abcdefghijklmnop\", other: 1\n";
        let file = SourceFile::from_text("x.json", text);
        let s = text.find('"').unwrap();
        let e = text[s + 1..].find('"').unwrap() + s + 2;
        let o = text.find("other").unwrap();
        let w = Window::new(&file, o, o + 5, 1, &[(s, e)]);
        let span = w.label_span();
        assert_eq!(
            &w.text()[span.offset()..span.offset() + span.len()],
            "other"
        );
        assert!(!w.text().contains("abcdef"));
    }

    #[test]
    fn multi_line_secret_keeps_its_line_breaks() {
        let text = "key = <<EOT\nline-one-secret\nline-two-secret\nEOT\nafter\n";
        let file = SourceFile::from_text("x.tf", text);
        let s = text.find("<<EOT").unwrap();
        let e = text.find("\nafter").unwrap();
        let w = Window::new(&file, s, e, 1, &[(s, e)]);
        assert_eq!(
            w.text(),
            "key = ********\n********\n********\n********\nafter\n"
        );
    }

    #[test]
    fn empty_span_at_end_of_file_gets_a_column() {
        let text = "{ \"a\": 1,";
        let file = SourceFile::from_text("x", text);
        let w = Window::new(&file, text.len(), text.len(), 1, &[]);
        assert_eq!(w.text(), "{ \"a\": 1, ");
        let span = w.label_span();
        assert_eq!((span.offset(), span.len()), (text.len(), 1));
    }

    #[test]
    fn empty_file_and_out_of_range_spans_do_not_panic() {
        let file = SourceFile::from_text("x", "");
        let w = Window::new(&file, 0, 0, 1, &[]);
        assert_eq!(w.text(), " ");
        let file = SourceFile::from_text("x", "ab\r\ncd");
        let w = Window::new(&file, 99, 120, 1, &[(1, 200)]);
        assert_eq!(w.text(), "a********\r\n******** ");
    }

    #[test]
    fn window_at_end_of_file_without_newline() {
        let text = "one\ntwo";
        let file = SourceFile::from_text("x", text);
        let w = Window::new(&file, 4, 7, 2, &[]);
        assert_eq!(w.text(), "one\ntwo");
        let span = w.label_span();
        assert_eq!((span.offset(), span.len()), (4, 3));
    }
}
