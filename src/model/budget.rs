//! Per-document budget for values copied by inlining.
//!
//! Front ends follow references into values: a Bicep `var`, an ARM variable or parameter
//! default, a Terraform `local` or `var` default, a YAML alias. The model holds plain
//! (unshared) values, so every use is a copy, and a small file can ask for an enormous model:
//! doubling definitions (`var b = {x: a, y: a}`, 30 levels in 1.3 KB) are exponential, and a
//! 1.5 MB string used 9,000 times is 13.5 GB. Every such copy is charged here, by nodes and by
//! bytes; a copy that does not fit is refused, the front end makes that use's value unknown
//! (`Provenance::Unknown`) and the document gets one `NotAnalysable` note (issue 13, D6/D9/D14).

use super::value::{Node, Value};
use super::{Diagnostic, DiagnosticKind, Document};
use crate::source::Span;

/// Nodes that inlining may copy into one document: about 12 times the most any real file
/// needs, and no more. The heaviest files of the shared corpus (3,815 files) copy 4,193
/// (ALZ's `customPolicyDefinitions.bicep`) and 3,614 nodes (aca-lza's 899 KB compiled
/// `main.json`). It stops a doubling chain after ~15 levels, in a fraction of a second, with
/// a model of a few MB (every node is also a few KB of `azlint inspect` output).
pub const INLINE_NODES: usize = 50_000;

/// Bytes of text that inlining may copy into one document: about 15 times the most any real
/// file needs (267 KB, aca-lza's `main.json`; ALZ's policy definitions copy 235 KB of long
/// policy texts), and half the 8 MiB file limit, so a hostile file's model stays a small
/// multiple of the file.
pub const INLINE_BYTES: usize = 4 * 1024 * 1024;

/// The size of a value: its nodes and the bytes of text it holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    pub nodes: usize,
    pub bytes: usize,
}

impl Cost {
    /// One string of text (a literal copied into `Expr::literal`).
    pub fn text(s: &str) -> Cost {
        Cost {
            nodes: 1,
            bytes: s.len(),
        }
    }

    /// Every node of a value tree, and the bytes of its keys, strings and expression texts.
    /// Counting stops once `limit` is exceeded (the result is then only known to be over it),
    /// so measuring a huge value costs no more than the budget it is measured against.
    pub fn of(node: &Node, limit: Cost) -> Cost {
        let mut cost = Cost::default();
        // Iterative: the walk must not depend on the value's depth.
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            cost.nodes += 1;
            match &n.value {
                Value::String(s) => cost.bytes += s.len(),
                Value::Expr(e) => {
                    cost.bytes += e.text.len()
                        + e.literal.as_ref().map_or(0, String::len)
                        + e.origin.as_ref().map_or(0, String::len)
                        + e.refs.iter().map(|r| r.name().len()).sum::<usize>();
                }
                Value::Array(items) => stack.extend(items),
                Value::Object(props) => {
                    for p in props {
                        cost.bytes += p.key.len();
                        stack.push(&p.value);
                    }
                }
                Value::Null | Value::Bool(_) | Value::Number(_) => {}
            }
            if cost.exceeds(limit) {
                break;
            }
        }
        cost
    }

    pub fn exceeds(self, limit: Cost) -> bool {
        self.nodes > limit.nodes || self.bytes > limit.bytes
    }
}

/// What inlining may still copy into one document, and whether (and where first) it ran out.
#[derive(Debug)]
pub struct InlineBudget {
    left: Cost,
    limit: Cost,
    exhausted: bool,
    /// The first use that was refused, for the note; set by the front end, which knows spans.
    refused_at: Option<Span>,
}

impl Default for InlineBudget {
    fn default() -> Self {
        InlineBudget::new(INLINE_NODES, INLINE_BYTES)
    }
}

impl InlineBudget {
    pub fn new(nodes: usize, bytes: usize) -> Self {
        let limit = Cost { nodes, bytes };
        InlineBudget {
            left: limit,
            limit,
            exhausted: false,
            refused_at: None,
        }
    }

    /// The most one copy could be charged: measure values against it with [`Cost::of`].
    pub fn remaining(&self) -> Cost {
        self.left
    }

    /// Charge a copy of `cost`. `false` (nothing charged) when it does not fit: the caller
    /// must not make the copy. Once a copy is refused, every later one is too, so which
    /// uses are analysed does not depend on their sizes' order beyond the first refusal.
    pub fn charge(&mut self, cost: Cost) -> bool {
        if self.exhausted || cost.exceeds(self.left) {
            self.exhausted = true;
            return false;
        }
        self.left.nodes -= cost.nodes;
        self.left.bytes -= cost.bytes;
        true
    }

    /// Charge a copy of `node` (measured up to what is left).
    pub fn charge_node(&mut self, node: &Node) -> bool {
        let cost = Cost::of(node, self.left);
        self.charge(cost)
    }

    #[cfg(test)] // only the tests use it
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Mark the budget as run out at `span`: a copy was refused elsewhere (a parser's own
    /// budget) and the document's note should say so.
    pub fn exhaust(&mut self, span: Span) {
        self.exhausted = true;
        self.locate(span);
    }

    /// Remember `span` as the first refused use, if the budget has run out and no use has
    /// been remembered yet.
    pub fn locate(&mut self, span: Span) {
        if self.exhausted && self.refused_at.is_none() {
            self.refused_at = Some(span);
        }
    }

    /// Add the document's one note about the budget, if it ran out. `what` names the
    /// construct (`variable values`); the message never quotes source text.
    pub fn report(&self, doc: &mut Document, what: &str) {
        if !self.exhausted {
            return;
        }
        doc.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::NotAnalysable,
            message: format!(
                "{what} are copied into more places than this file's budget allows \
                 ({} nodes, {} MiB); the uses past the budget are not analysed \
                 (their values are unknown)",
                self.limit.nodes,
                self.limit.bytes / (1024 * 1024),
            ),
            span: self.refused_at.unwrap_or_default(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Expr, Property, Provenance};

    fn s(v: &str) -> Node {
        Node::string(v, Span::default())
    }

    #[test]
    fn cost_counts_nodes_and_text() {
        let obj = Node::object(
            vec![
                Property {
                    key: "ab".into(),
                    key_span: Span::default(),
                    value: s("xyz"),
                },
                Property {
                    key: "c".into(),
                    key_span: Span::default(),
                    value: Node::expr(
                        Expr::new(Provenance::Unknown, "f()").with_literal("12"),
                        Span::default(),
                    ),
                },
            ],
            Span::default(),
        );
        let big = Cost {
            nodes: 100,
            bytes: 100,
        };
        // keys "ab" + "c", the string "xyz", the expression text "f()" and literal "12".
        assert_eq!(
            Cost::of(&obj, big),
            Cost {
                nodes: 3,
                bytes: 11
            }
        );
        // Counting stops past the limit.
        let wide = Node::new(
            Value::Array((0..10_000).map(|_| s("x")).collect()),
            Span::default(),
        );
        assert!(Cost::of(&wide, big).nodes <= 101);
    }

    #[test]
    fn a_refused_copy_exhausts_the_budget_once() {
        let mut b = InlineBudget::new(10, 100);
        assert!(b.charge(Cost::text("0123456789")));
        assert_eq!(
            b.remaining(),
            Cost {
                nodes: 9,
                bytes: 90
            }
        );
        assert!(!b.exhausted());
        b.locate(Span::primary(1, 2)); // not exhausted: not remembered
        assert!(!b.charge(Cost::text(&"x".repeat(91))));
        assert!(b.exhausted());
        // Later copies are refused even when small.
        assert!(!b.charge(Cost::text("x")));
        b.locate(Span::primary(5, 6));
        b.locate(Span::primary(7, 8));
        let file = std::sync::Arc::new(crate::source::SourceFile::from_text("a.bicep", ""));
        let mut doc = Document::new(crate::model::Format::Bicep, file);
        b.report(&mut doc, "variable values");
        assert_eq!(doc.diagnostics.len(), 1);
        assert_eq!(doc.diagnostics[0].kind, DiagnosticKind::NotAnalysable);
        assert_eq!(doc.diagnostics[0].span, Span::primary(5, 6));
        assert!(doc.diagnostics[0]
            .message
            .starts_with("variable values are copied"));
    }
}
