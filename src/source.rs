//! Source files, byte spans and the per-file line index.
//!
//! The model never stores line/column: every node carries a byte [`Span`] into one of its
//! document's files, and each output converts offsets through the file's [`LineIndex`]
//! (1-based lines; columns in Unicode scalars for humans, UTF-16 code units for SARIF/LSP).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::text as utf8;

/// A byte range in a source file. `file` is the file's [`SourceFile::id`] (unique in the
/// process), so a value keeps its position wherever it travels (a caller's argument lowered
/// into a module instance). `0` means "the document's primary file" (tests, and spans made
/// before a file is known).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: u32, start: usize, end: usize) -> Self {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// A span in the document's first (primary) file.
    pub fn primary(start: usize, end: usize) -> Self {
        Span::new(0, start, end)
    }

    /// A span in `file`.
    pub fn in_file(file: &SourceFile, start: usize, end: usize) -> Self {
        Span::new(file.id, start, end)
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The smallest span covering both (must be in the same file).
    pub fn join(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// How a file's bytes were encoded on disk. The model always holds UTF-8 text without a
/// byte-order mark; this records what to write back (fixes) and what was stripped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    #[default]
    Utf8,
    /// UTF-8 with a leading byte-order mark (Windows editors write one; Terraform accepts it).
    Utf8Bom,
    /// UTF-16 little endian with a byte-order mark (PowerShell's `Out-File` default).
    Utf16Le,
    /// UTF-16 big endian with a byte-order mark.
    Utf16Be,
}

/// Why a file's bytes are not text we can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first invalid sequence in the file.
    pub offset: usize,
    pub encoding: Encoding,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => write!(
                f,
                "invalid UTF-16 at byte {} (an unpaired surrogate); re-save the file as UTF-8",
                self.offset
            ),
            _ => write!(
                f,
                "not valid UTF-8 at byte {}; re-save the file as UTF-8 (or UTF-16 with a byte-order mark)",
                self.offset
            ),
        }
    }
}

/// Decode a file's bytes: UTF-8 (a leading byte-order mark is dropped), or UTF-16 LE/BE when
/// the file starts with the matching byte-order mark. Spans index the decoded text.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    fn utf16(body: &[u8], encoding: Encoding) -> Result<(String, Encoding), DecodeError> {
        let unit = |c: &[u8]| match encoding {
            Encoding::Utf16Be => u16::from_be_bytes([c[0], c[1]]),
            _ => u16::from_le_bytes([c[0], c[1]]),
        };
        let mut out = String::with_capacity(body.len() / 2);
        let units = body.chunks_exact(2).map(unit);
        for (i, r) in char::decode_utf16(units).enumerate() {
            match r {
                Ok(c) => out.push(c),
                Err(_) => {
                    return Err(DecodeError {
                        offset: 2 + 2 * i,
                        encoding,
                    })
                }
            }
        }
        if body.len() % 2 == 1 {
            return Err(DecodeError {
                offset: 2 + body.len() - 1,
                encoding,
            });
        }
        Ok((out, encoding))
    }
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, Encoding::Utf16Le),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, Encoding::Utf16Be),
        [0xEF, 0xBB, 0xBF, ..] => {
            let mut bytes = bytes;
            bytes.drain(..3);
            String::from_utf8(bytes)
                .map(|s| (s, Encoding::Utf8Bom))
                .map_err(|e| DecodeError {
                    offset: 3 + e.utf8_error().valid_up_to(),
                    encoding: Encoding::Utf8Bom,
                })
        }
        _ => String::from_utf8(bytes)
            .map(|s| (s, Encoding::Utf8))
            .map_err(|e| DecodeError {
                offset: e.utf8_error().valid_up_to(),
                encoding: Encoding::Utf8,
            }),
    }
}

/// Ids of source files: unique within the process, never 0 (0 is "the primary file").
static NEXT_FILE_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// One file as read from disk (or stdin), with its line index.
#[derive(Debug)]
pub struct SourceFile {
    /// Unique in the process: what [`Span::file`] refers to. Never printed (it depends on
    /// the order files were read), so outputs stay deterministic.
    pub id: u32,
    /// Path as shown to the user: relative to the run's root where possible, `/` separated.
    pub display_path: String,
    /// Path used to read the file (and to resolve relative references such as Bicep modules).
    pub path: PathBuf,
    pub text: Arc<str>,
    pub line_index: LineIndex,
    /// The encoding on disk (the text itself is always UTF-8 without a byte-order mark).
    pub encoding: Encoding,
}

impl SourceFile {
    pub fn new(
        path: impl Into<PathBuf>,
        display_path: impl Into<String>,
        text: impl Into<Arc<str>>,
    ) -> Self {
        let text: Arc<str> = text.into();
        let line_index = LineIndex::new(&text);
        SourceFile {
            id: NEXT_FILE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            display_path: display_path.into(),
            path: path.into(),
            text,
            line_index,
            encoding: Encoding::Utf8,
        }
    }

    /// Record the on-disk encoding (see [`decode`]).
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Convenience for tests and stdin: display path = path.
    pub fn from_text(path: impl AsRef<Path>, text: impl Into<Arc<str>>) -> Self {
        let p = path.as_ref();
        SourceFile::new(p, p.to_string_lossy().replace('\\', "/"), text)
    }

    pub fn slice(&self, span: Span) -> &str {
        let end = (span.end as usize).min(self.text.len());
        let start = (span.start as usize).min(end);
        self.text.get(start..end).unwrap_or("")
    }

    /// The text of the line holding `offset`, from the line's start up to `offset`: what the
    /// author wrote before a value (`enable_https_traffic_only = `).
    pub(crate) fn line_before(&self, offset: u32) -> &str {
        let start = self.line_index.line_start(self.line_index.line_of(offset)) as usize;
        utf8::slice(&self.text, start..offset as usize)
    }

    /// 1-based (line, column) with the column counted in Unicode scalar values.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        self.line_index.line_col(&self.text, offset)
    }

    /// 1-based (line, column) with the column counted in UTF-16 code units (SARIF, LSP).
    pub fn line_col_utf16(&self, offset: u32) -> (u32, u32) {
        self.line_index.line_col_utf16(&self.text, offset)
    }
}

/// Lines at least this many bytes long get column checkpoints (shorter lines are simply
/// counted from their start: at most this many bytes per query).
const LONG_LINE: usize = 1024;
/// Bytes between two checkpoints of a long line: a column query counts at most about this
/// many bytes, wherever the offset is on the line.
const CHECKPOINT_STRIDE: usize = 256;

/// Byte offsets of line starts; O(log n) offset → line conversion, and column conversion in
/// time independent of how far into a line the offset is.
///
/// Counting columns from the line start on every query made reporters quadratic on minified
/// templates (one 8 MB line, 20k findings: 24.6 s of SARIF). Long lines therefore get a
/// sparse checkpoint table (every [`CHECKPOINT_STRIDE`] bytes: the scalar and UTF-16 counts
/// from the line start), built lazily on the first column query that needs it, once per file.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    long_lines: std::sync::OnceLock<Vec<LongLine>>,
}

/// The checkpoints of one long line.
#[derive(Debug, Clone)]
struct LongLine {
    /// 0-based line number.
    line: usize,
    /// Sorted by `byte`; the first is the line start.
    points: Vec<Checkpoint>,
}

/// Counts from the line start up to `byte` (a char boundary).
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: u32,
    chars: u32,
    utf16: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            starts,
            long_lines: std::sync::OnceLock::new(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.starts
            .get(line)
            .copied()
            .unwrap_or(*self.starts.last().unwrap_or(&0))
    }

    /// Byte range of 0-based `line` without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = (self.line_start(line) as usize).min(text.len());
        let mut end = self
            .starts
            .get(line + 1)
            .map(|s| *s as usize)
            .unwrap_or(text.len())
            .min(text.len());
        let bytes = text.as_bytes();
        while end > start && (bytes[end - 1] == b'\n' || bytes[end - 1] == b'\r') {
            end -= 1;
        }
        start..end
    }

    fn clamp(text: &str, offset: u32) -> usize {
        utf8::floor_boundary(text, offset as usize)
    }

    /// The checkpoints of every long line, built on first use.
    fn long_lines(&self, text: &str) -> &[LongLine] {
        self.long_lines.get_or_init(|| {
            let mut out = Vec::new();
            for line in 0..self.starts.len() {
                let range = self.line_range(text, line);
                if range.len() < LONG_LINE {
                    continue;
                }
                let mut points = Vec::with_capacity(range.len() / CHECKPOINT_STRIDE + 1);
                let (mut chars, mut utf16) = (0u32, 0u32);
                let mut next = range.start;
                for (i, ch) in utf8::slice(text, range.clone()).char_indices() {
                    let at = range.start + i;
                    if at >= next {
                        points.push(Checkpoint {
                            byte: at as u32,
                            chars,
                            utf16,
                        });
                        next = at + CHECKPOINT_STRIDE;
                    }
                    chars += 1;
                    utf16 += ch.len_utf16() as u32;
                }
                out.push(LongLine { line, points });
            }
            out
        })
    }

    /// The checkpoints of 0-based `line`, when it is a long line.
    fn checkpoints(&self, text: &str, line: usize) -> Option<&[Checkpoint]> {
        if self.line_range(text, line).len() < LONG_LINE {
            return None;
        }
        let long = self.long_lines(text);
        long.binary_search_by_key(&line, |l| l.line)
            .ok()
            .map(|i| long[i].points.as_slice())
    }

    /// The closest point at or before byte `o` on `line` from which to count: (byte, scalar
    /// count, UTF-16 count) from the line start.
    fn count_from(&self, text: &str, line: usize, o: usize) -> (usize, u32, u32) {
        let start = self.line_start(line) as usize;
        match self.checkpoints(text, line) {
            Some(points) => {
                let i = points.partition_point(|p| p.byte as usize <= o);
                let p = points[i.saturating_sub(1)];
                (p.byte as usize, p.chars, p.utf16)
            }
            None => (start, 0, 0),
        }
    }

    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let o = Self::clamp(text, offset);
        let line = self.line_of(o as u32);
        let (from, chars, _) = self.count_from(text, line, o);
        let col = chars + utf8::slice(text, from..o).chars().count() as u32 + 1;
        (line as u32 + 1, col)
    }

    pub fn line_col_utf16(&self, text: &str, offset: u32) -> (u32, u32) {
        let o = Self::clamp(text, offset);
        let line = self.line_of(o as u32);
        let (from, _, utf16) = self.count_from(text, line, o);
        let col = utf16 + utf8::slice(text, from..o).encode_utf16().count() as u32 + 1;
        (line as u32 + 1, col)
    }

    /// Byte offset of a 0-based (line, UTF-16 column) position; used by the language server.
    /// A column past the end of the line gives the line end; a column inside a surrogate pair
    /// gives the end of that character.
    pub fn offset_of_utf16(&self, text: &str, line: usize, col16: usize) -> usize {
        self.offset_of_col(text, line, col16, true)
    }

    /// Byte offset of a 0-based (line, Unicode scalar column) position, clamped to the line.
    pub fn offset_of_char_col(&self, text: &str, line: usize, col: usize) -> usize {
        self.offset_of_col(text, line, col, false)
    }

    fn offset_of_col(&self, text: &str, line: usize, col: usize, utf16: bool) -> usize {
        let line = line.min(self.starts.len() - 1);
        let range = self.line_range(text, line);
        let (mut at, mut units) = (range.start, 0usize);
        if let Some(points) = self.checkpoints(text, line) {
            let unit = |p: &Checkpoint| if utf16 { p.utf16 } else { p.chars } as usize;
            let i = points.partition_point(|p| unit(p) <= col);
            let p = &points[i.saturating_sub(1)];
            at = p.byte as usize;
            units = unit(p);
        }
        for (i, ch) in utf8::slice(text, at..range.end).char_indices() {
            if units >= col {
                return at + i;
            }
            units += if utf16 { ch.len_utf16() } else { 1 };
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalars_and_utf16() {
        let text = "ab\r\nx😀y\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        let y = text.find('y').unwrap() as u32;
        assert_eq!(idx.line_col(text, y), (2, 3));
        assert_eq!(idx.line_col_utf16(text, y), (2, 4));
        assert_eq!(idx.line_col(text, text.len() as u32), (3, 5));
        assert_eq!(text.get(idx.line_range(text, 0)), Some("ab"));
        assert_eq!(idx.offset_of_utf16(text, 1, 3), y as usize);
    }

    #[test]
    fn decodes_byte_order_marks_and_utf16() {
        assert_eq!(decode(b"ab".to_vec()), Ok(("ab".into(), Encoding::Utf8)));
        assert_eq!(
            decode(b"\xEF\xBB\xBFtype: x".to_vec()),
            Ok(("type: x".into(), Encoding::Utf8Bom))
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("kind: é😀".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le), Ok(("kind: é😀".into(), Encoding::Utf16Le)));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("a".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be), Ok(("a".into(), Encoding::Utf16Be)));
        let e = decode(b"ab\xE9cd".to_vec()).unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(e.to_string().contains("byte 2"), "{e}");
        // An unpaired surrogate in UTF-16.
        assert!(decode(vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).is_err());
    }

    /// The checkpointed path agrees with counting from the line start, for every offset of
    /// long mixed-width lines, in both directions.
    #[test]
    fn long_lines_use_checkpoints_and_agree_with_counting() {
        let unit = "ab€😀\tc";
        let long: String = unit.repeat(700);
        let text = format!("short\n{long}\r\n{long}\nend");
        let idx = LineIndex::new(&text);
        assert!(idx.checkpoints(&text, 0).is_none());
        assert!(idx.checkpoints(&text, 1).unwrap().len() > 10);
        assert!(idx.checkpoints(&text, 2).is_some());
        for line in [1usize, 2] {
            let range = idx.line_range(&text, line);
            let (mut chars, mut utf16) = (0usize, 0usize);
            let mut o = range.start;
            loop {
                assert_eq!(
                    idx.line_col(&text, o as u32),
                    (line as u32 + 1, chars as u32 + 1)
                );
                assert_eq!(
                    idx.line_col_utf16(&text, o as u32),
                    (line as u32 + 1, utf16 as u32 + 1)
                );
                assert_eq!(idx.offset_of_utf16(&text, line, utf16), o);
                assert_eq!(idx.offset_of_char_col(&text, line, chars), o);
                let Some(ch) = utf8::slice(&text, o..range.end).chars().next() else {
                    break;
                };
                // Inside a surrogate pair: the end of the character, as before.
                if ch.len_utf16() == 2 {
                    assert_eq!(
                        idx.offset_of_utf16(&text, line, utf16 + 1),
                        o + ch.len_utf8()
                    );
                }
                chars += 1;
                utf16 += ch.len_utf16();
                o += ch.len_utf8();
            }
            assert_eq!(idx.offset_of_utf16(&text, line, utf16 + 99), range.end);
        }
        // An offset inside a character is clamped to its start.
        let euro = text.find('€').unwrap() + 7 * unit.len();
        assert_eq!(
            idx.line_col(&text, euro as u32 + 1),
            idx.line_col(&text, euro as u32)
        );
    }

    #[test]
    fn offsets_past_end_or_inside_a_char_are_clamped() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), (1, 1));
        assert_eq!(idx.line_col(text, 99), (1, 2));
    }
}
