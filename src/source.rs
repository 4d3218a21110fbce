//! Source files, byte spans and the per-file line index.
//!
//! The model never stores line/column: every node carries a byte [`Span`] into one of its
//! document's files, and each output converts offsets through the file's [`LineIndex`]
//! (1-based lines; columns in Unicode scalars for humans, UTF-16 code units for SARIF/LSP).

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A byte range in one of a document's source files (`file` indexes `Document::files`).
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

/// One file as read from disk (or stdin), with its line index.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to the user: relative to the run's root where possible, `/` separated.
    pub display_path: String,
    /// Path used to read the file (and to resolve relative references such as Bicep modules).
    pub path: PathBuf,
    pub text: Arc<str>,
    pub line_index: LineIndex,
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
            display_path: display_path.into(),
            path: path.into(),
            text,
            line_index,
        }
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

    /// 1-based (line, column) with the column counted in Unicode scalar values.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        self.line_index.line_col(&self.text, offset)
    }

    /// 1-based (line, column) with the column counted in UTF-16 code units (SARIF, LSP).
    pub fn line_col_utf16(&self, offset: u32) -> (u32, u32) {
        self.line_index.line_col_utf16(&self.text, offset)
    }
}

/// Byte offsets of line starts; O(log n) offset → line conversion.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
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
        LineIndex { starts }
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
        let start = self.line_start(line) as usize;
        let mut end = self
            .starts
            .get(line + 1)
            .map(|s| *s as usize)
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && (bytes[end - 1] == b'\n' || bytes[end - 1] == b'\r') {
            end -= 1;
        }
        start..end
    }

    fn clamp(text: &str, offset: u32) -> usize {
        let mut o = (offset as usize).min(text.len());
        while o > 0 && !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let o = Self::clamp(text, offset);
        let line = self.line_of(o as u32);
        let start = self.line_start(line) as usize;
        let col = text[start..o].chars().count() as u32 + 1;
        (line as u32 + 1, col)
    }

    pub fn line_col_utf16(&self, text: &str, offset: u32) -> (u32, u32) {
        let o = Self::clamp(text, offset);
        let line = self.line_of(o as u32);
        let start = self.line_start(line) as usize;
        let col = text[start..o].encode_utf16().count() as u32 + 1;
        (line as u32 + 1, col)
    }

    /// Byte offset of a 0-based (line, utf16 column) position; used by the language server.
    pub fn offset_of_utf16(&self, text: &str, line: usize, col16: usize) -> usize {
        let range = self.line_range(text, line.min(self.starts.len() - 1));
        let mut units = 0;
        for (i, ch) in text[range.clone()].char_indices() {
            if units >= col16 {
                return range.start + i;
            }
            units += ch.len_utf16();
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
        assert_eq!(&text[idx.line_range(text, 0)], "ab");
        assert_eq!(idx.offset_of_utf16(text, 1, 3), y as usize);
    }

    #[test]
    fn offsets_past_end_or_inside_a_char_are_clamped() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), (1, 1));
        assert_eq!(idx.line_col(text, 99), (1, 2));
    }
}
