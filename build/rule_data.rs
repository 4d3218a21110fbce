//! The domain data of the predicates (`rules/data/*.yaml`) turned into Rust `const` slices.
//!
//! Used by `build.rs` (which writes the result to `OUT_DIR/rule_data.rs`, `include!`d by
//! `src/rules/predicates.rs`) and by that module's unit tests, which feed it malformed files.
//!
//! Why at build time rather than `include_str!` and a parse on first use: the lists become
//! plain `const` slices, so the hot predicates (`credential-name` runs on every environment
//! variable of every app) cost what the hand-written slices cost, nothing is parsed at run
//! time, and a malformed file — bad YAML, an unknown or missing list, a word the matcher
//! could never match, a duplicate, a regex that does not compile or lacks its `v` group —
//! stops the build with `file:line:column: what is wrong`, instead of surfacing as a panic
//! (or a silently dead entry) in a user's run.
//!
//! The files are a deliberately small YAML subset: one mapping of `list-name:` to a
//! non-empty sequence of strings. Read from parser events (not a YAML tree) so duplicate
//! keys, anchors, aliases and tags are reported rather than silently resolved.

use std::borrow::Cow;
use std::fmt::Write;

use saphyr_parser::{Event, Parser, Span};

/// What an entry of a list must look like (checked before the `const` is written).
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// One word as the name splitter yields it: lowercase ASCII letters and digits.
    Word,
    /// Two words separated by one space; generated as a `(&str, &str)` pair.
    Pair,
    /// A Rust regex with a named group `v` (the credential part).
    Pattern,
    /// A property path of dot-separated keys (`properties.configuration.secrets`).
    PropertyPath,
    /// A host name ending: `.` then lowercase letters, digits, `-` and `.`.
    Suffix,
    /// Lowercase text without whitespace, searched in lowercased text.
    Lowercase,
}

/// One list a data file must define: its key, the shape of its entries, the `const` name.
pub struct List {
    pub key: &'static str,
    pub kind: Kind,
    pub constant: &'static str,
}

/// Every data file and the lists it holds, exactly (a missing or an unknown list, or a file
/// not named here, is an error so nothing is silently ignored).
pub const FILES: &[(&str, &[List])] = &[
    (
        "azure.yaml",
        &[
            List {
                key: "secret-lists",
                kind: Kind::PropertyPath,
                constant: "SECRET_LISTS",
            },
            List {
                key: "acr-suffixes",
                kind: Kind::Suffix,
                constant: "ACR_SUFFIXES",
            },
            List {
                key: "acr-login-server-markers",
                kind: Kind::Lowercase,
                constant: "ACR_LOGIN_SERVER_MARKERS",
            },
        ],
    ),
    (
        "credential-names.yaml",
        &[
            List {
                key: "credential-words",
                kind: Kind::Word,
                constant: "CREDENTIAL_WORDS",
            },
            List {
                key: "credential-pairs",
                kind: Kind::Pair,
                constant: "CREDENTIAL_PAIRS",
            },
            List {
                key: "not-credential-last-words",
                kind: Kind::Word,
                constant: "NON_CREDENTIAL_SUFFIXES",
            },
            List {
                key: "not-secret-words",
                kind: Kind::Word,
                constant: "NOT_SECRET_WORDS",
            },
            List {
                key: "negating-words",
                kind: Kind::Word,
                constant: "NEGATING_WORDS",
            },
            List {
                key: "token-words",
                kind: Kind::Word,
                constant: "TOKEN_WORDS",
            },
            List {
                key: "token-qualifiers",
                kind: Kind::Word,
                constant: "TOKEN_QUALIFIERS",
            },
            List {
                key: "telemetry-words",
                kind: Kind::Word,
                constant: "TELEMETRY_WORDS",
            },
            List {
                key: "telemetry-qualifiers",
                kind: Kind::Word,
                constant: "TELEMETRY_QUALIFIERS",
            },
            List {
                key: "switch-words",
                kind: Kind::Word,
                constant: "SWITCH_WORDS",
            },
        ],
    ),
    (
        "credential-values.yaml",
        &[List {
            key: "patterns",
            kind: Kind::Pattern,
            constant: "CREDENTIAL_VALUE_PATTERNS",
        }],
    ),
];

/// A string of the file with its 1-based line and column.
struct Located {
    text: String,
    line: usize,
    col: usize,
}

fn at(file: &str, span: &Span, what: impl std::fmt::Display) -> String {
    format!(
        "rules/data/{file}:{}:{}: {what}",
        span.start.line(),
        span.start.col() + 1
    )
}

/// Read `list: [strings]` pairs, in file order, refusing anything else.
fn read_lists(file: &str, text: &str) -> Result<Vec<(Located, Vec<Located>)>, String> {
    let mut events = Vec::new();
    for ev in Parser::new_from_str(text) {
        let (ev, span) = ev.map_err(|e| {
            format!(
                "rules/data/{file}:{}:{}: invalid YAML: {}",
                e.marker().line(),
                e.marker().col() + 1,
                e.info()
            )
        })?;
        events.push((ev, span));
    }
    let mut it = events.into_iter().peekable();
    let describe = |ev: &Event| match ev {
        Event::Scalar(v, ..) => format!("the string `{v}`"),
        Event::SequenceStart(..) => "a list".into(),
        Event::MappingStart(..) => "a mapping".into(),
        Event::Alias(..) => "an alias".into(),
        Event::DocumentStart(_) => "a second document".into(),
        Event::StreamEnd | Event::DocumentEnd => "the end of the file".into(),
        _ => format!("{ev:?}"),
    };
    let unexpected = |ev: &Event, span: &Span, want: &str| {
        at(
            file,
            span,
            format!("expected {want}, found {}", describe(ev)),
        )
    };
    let mut lists: Vec<(Located, Vec<Located>)> = Vec::new();
    // StreamStart, DocumentStart, MappingStart.
    let mut state = 0;
    while let Some((ev, span)) = it.next() {
        let located = |v: &Cow<str>| Located {
            text: v.to_string(),
            line: span.start.line(),
            col: span.start.col() + 1,
        };
        match (state, &ev) {
            (0, Event::StreamStart) => state = 1,
            (1, Event::StreamEnd) => break,
            (1, Event::DocumentStart(_)) => state = 2,
            (2, Event::MappingStart(0, None)) => state = 3,
            (2, _) => return Err(unexpected(&ev, &span, "a mapping of list names to lists")),
            // In the mapping: a key, or its end.
            (3, Event::Scalar(k, _, 0, None)) => {
                if lists.iter().any(|(key, _)| key.text == *k) {
                    return Err(at(file, &span, format!("`{k}` is defined twice")));
                }
                match it.next() {
                    Some((Event::SequenceStart(0, None), _)) => {}
                    Some((ev, span)) => {
                        return Err(unexpected(
                            &ev,
                            &span,
                            &format!("a list of strings under `{k}`"),
                        ))
                    }
                    None => return Err(at(file, &span, "unexpected end")),
                }
                let key = located(k);
                let mut items = Vec::new();
                loop {
                    match it.next() {
                        Some((Event::Scalar(v, _, 0, None), span)) => items.push(Located {
                            text: v.to_string(),
                            line: span.start.line(),
                            col: span.start.col() + 1,
                        }),
                        Some((Event::SequenceEnd, _)) => break,
                        Some((ev, span)) => {
                            return Err(unexpected(
                                &ev,
                                &span,
                                "a string (no anchors, tags or nesting)",
                            ))
                        }
                        None => return Err(at(file, &span, "unexpected end")),
                    }
                }
                if items.is_empty() {
                    return Err(at(file, &span, format!("`{k}` is empty")));
                }
                lists.push((key, items));
            }
            (3, Event::MappingEnd) => state = 4,
            (3, _) => {
                return Err(unexpected(
                    &ev,
                    &span,
                    "a list name (a string without anchor or tag)",
                ))
            }
            (4, Event::DocumentEnd) => state = 5,
            (5, Event::StreamEnd) => return Ok(lists),
            _ => return Err(unexpected(&ev, &span, "the end of the file")),
        }
    }
    Err(format!("rules/data/{file}: empty file"))
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Does the regex have a capture group named `v`?
fn has_v_group(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => c.name.as_deref() == Some("v") || has_v_group(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(has_v_group),
        HirKind::Repetition(r) => has_v_group(&r.sub),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

/// Why an entry does not fit its list, if it does not.
fn check(kind: Kind, s: &str) -> Option<String> {
    let ok = match kind {
        Kind::Word => is_word(s),
        Kind::Pair => s
            .split_once(' ')
            .is_some_and(|(a, b)| is_word(a) && is_word(b)),
        Kind::Pattern => {
            return match regex_syntax::parse(s) {
                Err(e) => Some(format!("invalid regex: {e}")),
                Ok(hir) if !has_v_group(&hir) => Some(
                    "the pattern needs a named group `(?P<v>…)` around the credential part".into(),
                ),
                Ok(_) => None,
            }
        }
        Kind::PropertyPath => s
            .split('.')
            .all(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')),
        Kind::Suffix => {
            s.len() > 1
                && !s.ends_with('.')
                && s.strip_prefix('.').is_some_and(|rest| {
                    rest.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'
                    })
                })
        }
        Kind::Lowercase => {
            !s.is_empty() && !s.chars().any(|c| c.is_uppercase() || c.is_whitespace())
        }
    };
    (!ok).then(|| {
        match kind {
            Kind::Word => "not one lowercase word of ASCII letters and digits (names are split into such words, so it could never match)",
            Kind::Pair => "not two lowercase words separated by one space",
            Kind::PropertyPath => "not a property path of dot-separated keys (letters, digits, `_`)",
            Kind::Suffix => "not a host name ending: `.` then lowercase letters, digits, `-`, `.`",
            Kind::Lowercase => "not lowercase text without spaces (it is searched in lowercased text)",
            Kind::Pattern => unreachable!(),
        }
        .to_string()
    })
}

/// Generate the Rust source of every list of every file. `files` holds (file name, text)
/// for each file of `rules/data/`; every file of `FILES` must be there and no other.
pub fn generate(files: &[(String, String)]) -> Result<String, String> {
    for (name, _) in files {
        if !FILES.iter().any(|(f, _)| f == name) {
            let known: Vec<_> = FILES.iter().map(|(f, _)| *f).collect();
            return Err(format!(
                "rules/data/{name}: not a known data file (one of {}; a new one needs a line in build/rule_data.rs)",
                known.join(", ")
            ));
        }
    }
    let mut out =
        String::from("// Generated by build.rs from rules/data/*.yaml: edit those files.\n");
    for (file, expected) in FILES {
        let Some((_, text)) = files.iter().find(|(f, _)| f == file) else {
            return Err(format!("rules/data/{file}: missing"));
        };
        let lists = read_lists(file, text)?;
        for (key, _) in &lists {
            if !expected.iter().any(|l| l.key == key.text) {
                let known: Vec<_> = expected.iter().map(|l| l.key).collect();
                return Err(format!(
                    "rules/data/{file}:{}:{}: unknown list `{}` (one of {})",
                    key.line,
                    key.col,
                    key.text,
                    known.join(", ")
                ));
            }
        }
        for list in *expected {
            let Some((_, items)) = lists.iter().find(|(k, _)| k.text == list.key) else {
                return Err(format!(
                    "rules/data/{file}: missing the list `{}`",
                    list.key
                ));
            };
            for (i, item) in items.iter().enumerate() {
                let bad = |what: String| {
                    format!(
                        "rules/data/{file}:{}:{}: `{}` in `{}`: {what}",
                        item.line, item.col, item.text, list.key
                    )
                };
                if let Some(why) = check(list.kind, &item.text) {
                    return Err(bad(why));
                }
                if items[..i].iter().any(|x| x.text == item.text) {
                    return Err(bad("listed twice".into()));
                }
            }
            let _ = writeln!(out, "\n/// `{}` in `rules/data/{file}`.", list.key);
            match list.kind {
                Kind::Pair => {
                    let _ = writeln!(
                        out,
                        "pub(crate) const {}: &[(&str, &str)] = &[",
                        list.constant
                    );
                    for item in items {
                        let (a, b) = item.text.split_once(' ').unwrap_or_default();
                        let _ = writeln!(out, "    ({a:?}, {b:?}),");
                    }
                }
                _ => {
                    let _ = writeln!(out, "pub(crate) const {}: &[&str] = &[", list.constant);
                    for item in items {
                        let _ = writeln!(out, "    {:?},", item.text);
                    }
                }
            }
            out.push_str("];\n");
        }
    }
    Ok(out)
}
