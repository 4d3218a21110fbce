//! A span-preserving YAML tree built from `saphyr-parser` events.
//!
//! We build our own tree instead of using `saphyr::MarkedYaml` because its mappings are hash
//! maps (duplicate keys are lost or rejected, key spans are awkward to reach) and it expands
//! aliases eagerly. Here every node carries an exact byte span, duplicates are kept in order
//! (the model's lookups let the last one win, as ARM does), documents completed before a syntax
//! error survive, and nesting is bounded by [`MAX_DEPTH`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, SpannedEventReceiver, Tag};

use crate::frontend::MAX_DEPTH;
use crate::model::budget::{Cost, InlineBudget};
use crate::model::{Comment, CommentKind};

/// Copies of anchored nodes kept per file (nodes, bytes). The copies are made while parsing,
/// before aliases are expanded: an 8 MiB file of 128 nested anchors would otherwise copy its
/// contents 128 times. A real spec anchors a few small blocks.
const ANCHOR_COPY_NODES: usize = 1_000_000;
const ANCHOR_COPY_BYTES: usize = 16 * 1024 * 1024;

/// A YAML node with a byte span (`start..end`) into the source text.
#[derive(Clone, Debug)]
pub struct YNode {
    pub kind: YKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug)]
pub enum YKind {
    /// The scalar's text (escapes resolved), its style, and its tag if any.
    Scalar {
        text: String,
        style: ScalarStyle,
        tag: Option<Tag>,
    },
    Seq(Vec<YNode>),
    Map(Vec<(YNode, YNode)>),
    /// An alias to an anchor defined earlier in the document (`*name`).
    Alias(usize),
}

impl YNode {
    /// The value of a mapping key (last duplicate wins; plain string keys only).
    pub fn get(&self, key: &str) -> Option<&YNode> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The (key, value) entry for `key`, the last duplicate winning.
    pub fn entry(&self, key: &str) -> Option<(&YNode, &YNode)> {
        match &self.kind {
            YKind::Map(entries) => entries
                .iter()
                .rev()
                .find(|(k, _)| k.as_scalar().is_some_and(|s| s.eq_ignore_ascii_case(key)))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            YKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, YKind::Map(_))
    }

    /// The size of this node (an alias counts as one node), by nodes and scalar bytes,
    /// counted up to just past `limit`.
    pub fn cost(&self, limit: Cost) -> Cost {
        let mut cost = Cost::default();
        let mut stack = vec![self];
        while let Some(n) = stack.pop() {
            cost.nodes += 1;
            match &n.kind {
                YKind::Scalar { text, .. } => cost.bytes += text.len(),
                YKind::Seq(items) => stack.extend(items),
                YKind::Map(entries) => stack.extend(entries.iter().flat_map(|(k, v)| [k, v])),
                YKind::Alias(_) => {}
            }
            if cost.exceeds(limit) {
                break;
            }
        }
        cost
    }
}

/// One parsed YAML document with its anchors (for alias resolution during lowering).
#[derive(Debug)]
pub struct YDoc {
    pub root: YNode,
    pub anchors: HashMap<usize, YNode>,
}

/// The result of reading a YAML stream: every complete document, and the first error.
#[derive(Debug)]
pub struct YStream {
    pub docs: Vec<YDoc>,
    pub error: Option<YError>,
    /// Where the first anchor was left out because keeping copies of anchored nodes ran past
    /// the budget (nested anchors copy their contents once per level).
    pub anchors_dropped: Option<usize>,
    /// The stream's `#` comments; `None` when it did not parse or cannot hold a suppression
    /// directive (nothing reads them then).
    pub comments: Option<Vec<Comment>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YError {
    pub message: String,
    /// Byte offset of the error position.
    pub offset: usize,
}

/// Converts saphyr's character indices into byte offsets.
struct Offsets {
    /// `bytes[i]` = byte offset of character `i`; empty when the text is ASCII (identity).
    bytes: Vec<u32>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i as u32).collect()
        };
        Offsets {
            bytes,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.bytes.is_empty() {
            char_index.min(self.len)
        } else {
            self.bytes
                .get(char_index)
                .map(|b| *b as usize)
                .unwrap_or(self.len)
        }
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<YNode>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<(YNode, YNode)>,
        key: Option<YNode>,
    },
}

struct Builder<'t> {
    text: &'t str,
    offsets: Offsets,
    stack: Vec<Frame>,
    anchors: HashMap<usize, YNode>,
    /// Anchor ids declared so far in the current document (`anchors` only holds finished
    /// nodes): an alias to any other id names an anchor of an earlier document.
    declared: HashSet<usize>,
    anchor_budget: InlineBudget,
    anchors_dropped: Option<usize>,
    root: Option<YNode>,
    docs: Vec<YDoc>,
    error: Option<YError>,
    /// The byte range of every scalar, in source order: a `#` inside one is not a comment.
    scalars: Vec<(usize, usize)>,
}

impl Builder<'_> {
    fn fail(&mut self, message: impl Into<String>, offset: usize) {
        if self.error.is_none() {
            self.error = Some(YError {
                message: message.into(),
                offset,
            });
        }
    }

    /// Attach a finished node to its parent (or make it the document root).
    fn push(&mut self, node: YNode, anchor: usize) {
        if anchor != 0 {
            // An anchored node is kept as a copy for its aliases; nested anchors copy the
            // inner content again at every level, so the copies are budgeted. An anchor left
            // out makes its aliases unknown.
            if self
                .anchor_budget
                .charge(node.cost(self.anchor_budget.remaining()))
            {
                self.anchors.insert(anchor, node.clone());
            } else if self.anchors_dropped.is_none() {
                self.anchors_dropped = Some(node.start);
            }
        }
        match self.stack.last_mut() {
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
            None => self.root = Some(node),
        }
    }

    /// Trim the trailing line breaks and blanks a block scalar's span includes.
    fn trim_end(&self, start: usize, mut end: usize) -> usize {
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            end -= 1;
        }
        end
    }

    fn declare(&mut self, anchor: usize) {
        if anchor != 0 {
            self.declared.insert(anchor);
        }
    }

    fn open(&mut self, frame: Frame, offset: usize) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(
                format!("YAML nesting deeper than {MAX_DEPTH} levels"),
                offset,
            );
            return;
        }
        self.stack.push(frame);
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder<'_> {
    fn on_event(&mut self, ev: Event<'input>, span: saphyr_parser::Span) {
        if self.error.is_some() {
            return;
        }
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index());
        match ev {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(_) => {
                self.stack.clear();
                self.anchors.clear();
                self.declared.clear();
                self.root = None;
            }
            Event::DocumentEnd => {
                if let Some(root) = self.root.take() {
                    self.docs.push(YDoc {
                        root,
                        anchors: std::mem::take(&mut self.anchors),
                    });
                }
            }
            // Anchors are per document (saphyr's `load` forgets them between documents; its
            // event iterator, used here, does not).
            Event::Alias(id) if !self.declared.contains(&id) => {
                self.fail("YAML syntax error: an alias to an unknown anchor", start)
            }
            Event::Alias(id) => self.push(
                YNode {
                    kind: YKind::Alias(id),
                    start,
                    end,
                },
                0,
            ),
            Event::Scalar(text, style, anchor, tag) => {
                self.declare(anchor);
                let end = match style {
                    ScalarStyle::Literal | ScalarStyle::Folded => self.trim_end(start, end),
                    _ => end,
                };
                self.scalars.push((start, end));
                let node = YNode {
                    kind: YKind::Scalar {
                        text: text.into_owned(),
                        style,
                        tag: tag.map(Cow::into_owned),
                    },
                    start,
                    end,
                };
                self.push(node, anchor);
            }
            Event::SequenceStart(anchor, _) => {
                self.declare(anchor);
                self.open(
                    Frame::Seq {
                        start,
                        anchor,
                        items: Vec::new(),
                    },
                    start,
                )
            }
            Event::MappingStart(anchor, _) => {
                self.declare(anchor);
                self.open(
                    Frame::Map {
                        start,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    },
                    start,
                )
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                // Block collections end with an empty event at the next token; flow ones
                // end with their closing bracket. Either way, cover the last child.
                let (node, anchor) = match frame {
                    Frame::Seq {
                        start: s,
                        anchor,
                        items,
                    } => {
                        let last = items.last().map_or(s, |n| n.end);
                        let e = if end > start { end.max(last) } else { last };
                        (
                            YNode {
                                kind: YKind::Seq(items),
                                start: s,
                                end: e,
                            },
                            anchor,
                        )
                    }
                    Frame::Map {
                        start: s,
                        anchor,
                        entries,
                        ..
                    } => {
                        let last = entries.last().map_or(s, |(_, v)| v.end.max(v.start));
                        let e = if end > start { end.max(last) } else { last };
                        (
                            YNode {
                                kind: YKind::Map(entries),
                                start: s,
                                end: e,
                            },
                            anchor,
                        )
                    }
                };
                self.push(node, anchor);
            }
        }
    }
}

/// Parse every document of a YAML stream. Never panics, and uses constant stack whatever the
/// nesting; on a syntax error the documents completed before it are returned with the error.
pub fn parse_stream(text: &str) -> YStream {
    let mut builder = Builder {
        text,
        offsets: Offsets::new(text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        declared: HashSet::new(),
        anchor_budget: InlineBudget::new(ANCHOR_COPY_NODES, ANCHOR_COPY_BYTES),
        anchors_dropped: None,
        root: None,
        docs: Vec::new(),
        error: None,
        scalars: Vec::new(),
    };
    // Events are pulled one at a time. saphyr's `Parser::load` recurses once per nesting
    // level and overflowed a 2 MiB worker stack on a 10 KB `- - - …` file (issue 13, D4);
    // its event iterator is a state machine with a heap stack. The builder refuses nesting
    // past `MAX_DEPTH`, and parsing stops at the first error, so deep input costs no more
    // than reading up to that depth.
    let mut parser = Parser::new_from_str(text);
    while builder.error.is_none() {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => builder.on_event(event, span),
            Some(Err(e)) => {
                let offset = builder.offsets.byte(e.marker().index());
                builder.fail(format!("YAML syntax error: {}", scan_message(&e)), offset);
            }
        }
    }
    let comments = (builder.error.is_none() && crate::model::may_hold_directives(text))
        .then(|| comments(text, &builder.scalars));
    YStream {
        docs: builder.docs,
        error: builder.error,
        anchors_dropped: builder.anchors_dropped,
        comments,
    }
}

/// The `#` comments of a stream that parsed: a `#` at the start of a line or after a blank,
/// outside every scalar (`scalars`, in source order), runs to the end of its line.
fn comments(text: &str, scalars: &[(usize, usize)]) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut k) = (0, 0);
    while i < bytes.len() {
        while k < scalars.len() && scalars[k].1 <= i {
            k += 1;
        }
        if let Some(&(start, end)) = scalars.get(k) {
            if start <= i && i < end {
                i = end;
                continue;
            }
        }
        let after_blank = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r');
        if bytes[i] == b'#' && after_blank {
            let end = bytes[i..]
                .iter()
                .position(|b| matches!(b, b'\n' | b'\r'))
                .map_or(bytes.len(), |n| i + n);
            out.push(Comment::new(i..end, CommentKind::Line));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// saphyr's message for a scan error, without input text: its messages are fixed strings
/// except `unexpected character: `c'`, which quotes the input.
fn scan_message(e: &ScanError) -> &str {
    let info = e.info();
    if info.starts_with("unexpected character") {
        "unexpected character"
    } else {
        info
    }
}
