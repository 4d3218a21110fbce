//! The ARM template expression language: syntax only (no evaluation).
//!
//! A JSON string is an expression when it starts with `[` and ends with `]`; `[[` escapes a
//! literal that starts with `[`. Inside the brackets: function calls (also namespaced user
//! functions `ns.fn(...)`), `'strings'` with `''` as the escaped quote, integers,
//! `true`/`false`/`null`, property access `.name` and indexing `[expr]`.
//!
//! The parser is depth-bounded and returns `None` on anything it does not understand, so
//! garbage never panics; callers treat an unparsable expression as of unknown provenance.

use std::ops::Range;

use crate::frontend::MAX_DEPTH;

/// How a JSON string value is to be read.
#[derive(Debug, PartialEq, Eq)]
pub enum StringForm<'a> {
    /// A template expression; the text between the outer brackets.
    Expression(&'a str),
    /// A literal, with the `[[` escape already resolved.
    Literal(std::borrow::Cow<'a, str>),
}

/// Classify a raw JSON string value as an expression or a literal.
pub fn string_form(s: &str) -> StringForm<'_> {
    if let Some(rest) = s.strip_prefix("[[") {
        // `[[` escapes the bracket: the value is the string minus its first `[`.
        let mut out = String::with_capacity(rest.len() + 1);
        out.push('[');
        out.push_str(rest);
        return StringForm::Literal(out.into());
    }
    if let Some(body) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return StringForm::Expression(body);
    }
    StringForm::Literal(s.into())
}

/// True when the raw JSON string is a template expression (`[...]`, not `[[...`).
#[cfg(test)] // only the tests use it
pub fn is_expression(s: &str) -> bool {
    matches!(string_form(s), StringForm::Expression(_))
}

/// One parsed expression node; `span` is a byte range in the expression body.
#[derive(Debug, Clone, PartialEq)]
pub struct Ast {
    pub kind: AstKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AstKind {
    /// A string literal, with `''` unescaped.
    Str(String),
    /// A number as written (ARM only has integers, but keep the text).
    Number(String),
    Bool(bool),
    Null,
    /// `name(args)`; `name` is as written, including a namespace (`ns.fn`).
    Call {
        name: String,
        args: Vec<Ast>,
    },
    /// `base.name`
    Property(Box<Ast>, String),
    /// `base[index]`
    Index(Box<Ast>, Box<Ast>),
}

impl Ast {
    /// The function name in lower case when this is a call.
    #[cfg(test)]
    pub fn call_name(&self) -> Option<String> {
        match &self.kind {
            AstKind::Call { name, .. } => Some(name.to_ascii_lowercase()),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            AstKind::Str(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Number(String),
    Ident(String),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
}

/// Tokenise an expression body; `None` on an unterminated string or a stray character.
fn tokenize(text: &str) -> Option<Vec<(Tok, Range<usize>)>> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let tok = match b {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            b'[' => Tok::LBracket,
            b']' => Tok::RBracket,
            b',' => Tok::Comma,
            b'.' => Tok::Dot,
            b'\'' => {
                let (value, end) = scan_string(text, i)?;
                i = end;
                toks.push((Tok::Str(value), start..end));
                continue;
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                // Accept a decimal part so `1.5` does not read as `1` `.5`.
                if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                // ASCII digits and `-`: the range is on character boundaries.
                let number = text.get(start..i).unwrap_or("-");
                if number == "-" {
                    return None;
                }
                toks.push((Tok::Number(number.to_string()), start..i));
                continue;
            }
            b if is_ident_start(b) => {
                while i < bytes.len() && is_ident_continue(bytes[i]) {
                    i += 1;
                }
                let ident = text.get(start..i).unwrap_or_default();
                toks.push((Tok::Ident(ident.to_string()), start..i));
                continue;
            }
            // Other Unicode whitespace (a non-breaking space pasted from a web page) is
            // whitespace to ARM too; anything else is not part of the language.
            _ => match unicode_whitespace_len(text, i) {
                Some(len) => {
                    i += len;
                    continue;
                }
                None => return None,
            },
        };
        i += 1;
        toks.push((tok, start..i));
    }
    Some(toks)
}

/// The byte length of the whitespace character at `i`, if there is one.
fn unicode_whitespace_len(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Scan a `'...'` string starting at `start` (the opening quote); returns the unescaped
/// value and the offset after the closing quote.
fn scan_string(text: &str, start: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut i = start + 1;
    let mut chunk = i;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            // Both ends are after/at an ASCII quote: character boundaries.
            value.push_str(text.get(chunk..i).unwrap_or_default());
            if bytes.get(i + 1) == Some(&b'\'') {
                value.push('\'');
                i += 2;
                chunk = i;
                continue;
            }
            return Some((value, i + 1));
        }
        i += 1;
    }
    None
}

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    pos: usize,
    /// Set when parsing stopped at `MAX_DEPTH` (rather than at a syntax error).
    too_deep: bool,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.pos + n).map(|(t, _)| t)
    }

    fn next(&mut self) -> Option<(Tok, Range<usize>)> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn expect(&mut self, want: &Tok) -> Option<Range<usize>> {
        match self.next() {
            Some((t, r)) if &t == want => Some(r),
            _ => None,
        }
    }

    /// Refuse to go deeper than `MAX_DEPTH`.
    fn check_depth(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return None;
        }
        Some(())
    }

    fn expr(&mut self, depth: usize) -> Option<Ast> {
        self.check_depth(depth)?;
        let mut ast = self.primary(depth)?;
        // Every `.name` / `[index]` wraps the tree built so far in one more node, so a chain
        // is as deep as it is long: each link counts as a level. Unbounded, 40,000 `[0]`
        // overflowed the stack when the tree was evaluated or dropped (issue 13, D5).
        let mut depth = depth;
        loop {
            if matches!(self.peek(), Some(Tok::Dot | Tok::LBracket)) {
                depth += 1;
                self.check_depth(depth)?;
            }
            match self.peek() {
                Some(Tok::Dot) => {
                    self.pos += 1;
                    match self.next()? {
                        (Tok::Ident(name), r) => {
                            let span = ast.span.start..r.end;
                            ast = Ast {
                                kind: AstKind::Property(Box::new(ast), name),
                                span,
                            };
                        }
                        _ => return None,
                    }
                }
                Some(Tok::LBracket) => {
                    self.pos += 1;
                    let index = self.expr(depth + 1)?;
                    let r = self.expect(&Tok::RBracket)?;
                    let span = ast.span.start..r.end;
                    ast = Ast {
                        kind: AstKind::Index(Box::new(ast), Box::new(index)),
                        span,
                    };
                }
                _ => return Some(ast),
            }
        }
    }

    fn primary(&mut self, depth: usize) -> Option<Ast> {
        let (tok, span) = self.next()?;
        match tok {
            Tok::Str(s) => Some(Ast {
                kind: AstKind::Str(s),
                span,
            }),
            Tok::Number(n) => Some(Ast {
                kind: AstKind::Number(n),
                span,
            }),
            Tok::Ident(first) => {
                // A bare identifier is only a keyword; otherwise it names a function,
                // possibly namespaced (`ns.fn(`), which must be followed by `(`.
                if self.peek() != Some(&Tok::LParen) && self.peek() != Some(&Tok::Dot) {
                    return match first.to_ascii_lowercase().as_str() {
                        "true" => Some(Ast {
                            kind: AstKind::Bool(true),
                            span,
                        }),
                        "false" => Some(Ast {
                            kind: AstKind::Bool(false),
                            span,
                        }),
                        "null" => Some(Ast {
                            kind: AstKind::Null,
                            span,
                        }),
                        _ => None,
                    };
                }
                let mut name = first;
                while self.peek() == Some(&Tok::Dot) {
                    match (self.peek_at(1), self.peek_at(2)) {
                        (Some(Tok::Ident(part)), Some(Tok::Dot | Tok::LParen)) => {
                            name.push('.');
                            name.push_str(part);
                            self.pos += 2;
                        }
                        _ => return None,
                    }
                }
                self.expect(&Tok::LParen)?;
                let mut args = Vec::new();
                if self.peek() == Some(&Tok::RParen) {
                    self.pos += 1;
                    let end = self.toks[self.pos - 1].1.end;
                    return Some(Ast {
                        kind: AstKind::Call { name, args },
                        span: span.start..end,
                    });
                }
                loop {
                    args.push(self.expr(depth + 1)?);
                    match self.next()? {
                        (Tok::Comma, _) => continue,
                        (Tok::RParen, r) => {
                            return Some(Ast {
                                kind: AstKind::Call { name, args },
                                span: span.start..r.end,
                            });
                        }
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }
}

/// Why an expression body could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseFailure {
    /// Not a well-formed expression.
    Invalid,
    /// Nested (calls, indexes, property accesses) deeper than `MAX_DEPTH`.
    TooDeep,
}

/// Parse an expression body (the text between the outer brackets). `None` when it is not
/// a well-formed expression or nests deeper than `MAX_DEPTH`.
pub fn parse(body: &str) -> Option<Ast> {
    parse_checked(body).ok()
}

/// Like [`parse`], saying why it failed.
pub fn parse_checked(body: &str) -> Result<Ast, ParseFailure> {
    let toks = tokenize(body).ok_or(ParseFailure::Invalid)?;
    let mut p = Parser {
        toks,
        pos: 0,
        too_deep: false,
    };
    match p.expr(0) {
        Some(ast) if p.pos == p.toks.len() => Ok(ast),
        Some(_) => Err(ParseFailure::Invalid),
        None if p.too_deep => Err(ParseFailure::TooDeep),
        None => Err(ParseFailure::Invalid),
    }
}

/// Normalise an ARM expression for identity comparisons: the outer `[...]` is dropped,
/// whitespace outside string literals is removed and function names are lower-cased
/// (ARM function names are case-insensitive). Property names and strings keep their case.
/// A value only wrapped into a string (`format('{0}', x)`, `string(x)`, `concat(x)`, as
/// Bicep emits for `'${uai.id}'` keys) normalises to the wrapped value, so a key and a
/// value naming the same resource compare equal. Total: garbage is normalised lexically.
pub fn normalize_expression(text: &str) -> String {
    let body = match string_form(text) {
        StringForm::Expression(body) => body,
        _ => text,
    };
    match parse(body) {
        Some(ast) => canonical_text(&ast, body),
        None => normalize_body(body),
    }
}

/// The normalised text of a parsed expression (see `normalize_expression`).
pub(crate) fn canonical_text(ast: &Ast, body: &str) -> String {
    let mut ast = ast;
    // Bounded by the AST's own (bounded) depth.
    loop {
        match &ast.kind {
            AstKind::Call { name, args }
                if name.eq_ignore_ascii_case("format")
                    && args.len() == 2
                    && args[0].as_str() == Some("{0}") =>
            {
                ast = &args[1]
            }
            AstKind::Call { name, args }
                if args.len() == 1
                    && (name.eq_ignore_ascii_case("string")
                        || name.eq_ignore_ascii_case("concat")) =>
            {
                ast = &args[0]
            }
            _ => break,
        }
    }
    body.get(ast.span.clone())
        .map(normalize_body)
        .unwrap_or_default()
}

/// Normalise an expression body (no outer brackets).
pub(crate) fn normalize_body(body: &str) -> String {
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    // The last significant character written: an identifier after `.` is a property name
    // unless a `(` follows (the second part of a namespaced function name).
    let mut prev: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'\'' => {
                let end = match scan_string(body, i) {
                    Some((_, end)) => end,
                    None => bytes.len(),
                };
                out.push_str(body.get(i..end).unwrap_or_default());
                prev = Some(b'\'');
                i = end;
            }
            b if is_ident_start(b) => {
                let start = i;
                while i < bytes.len() && is_ident_continue(bytes[i]) {
                    i += 1;
                }
                let ident = body.get(start..i).unwrap_or_default();
                let mut j = i;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                let next = bytes.get(j).copied();
                let is_function = match prev {
                    Some(b'.') => next == Some(b'('),
                    _ => next == Some(b'(') || next == Some(b'.'),
                };
                if is_function {
                    out.push_str(&ident.to_ascii_lowercase());
                } else {
                    out.push_str(ident);
                }
                prev = Some(b'a');
            }
            _ => {
                // Copy one whole character (never split a UTF-8 sequence); Unicode
                // whitespace is dropped like ASCII whitespace.
                let c = body.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                if !c.is_whitespace() {
                    out.push(c);
                    prev = Some(b);
                }
                i += c.len_utf8();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(ast: &Ast) -> (&str, &[Ast]) {
        match &ast.kind {
            AstKind::Call { name, args } => (name, args),
            other => panic!("not a call: {other:?}"),
        }
    }

    #[test]
    fn string_forms() {
        assert_eq!(
            string_form("[parameters('x')]"),
            StringForm::Expression("parameters('x')")
        );
        assert_eq!(
            string_form("[[parameters('x')]"),
            StringForm::Literal("[parameters('x')]".into())
        );
        assert_eq!(
            string_form("[parameters('x')"),
            StringForm::Literal("[parameters('x')".into())
        );
        assert_eq!(string_form("plain"), StringForm::Literal("plain".into()));
        assert_eq!(string_form("["), StringForm::Literal("[".into()));
        assert!(is_expression("[]"));
        assert!(!is_expression(" [x()]"));
    }

    #[test]
    fn parses_calls_strings_and_escapes() {
        let body = "concat('it''s', parameters( 'x' ), 42, true, null)";
        let ast = parse(body).unwrap();
        let (name, args) = call(&ast);
        assert_eq!(name, "concat");
        assert_eq!(args.len(), 5);
        assert_eq!(args[0].kind, AstKind::Str("it's".into()));
        assert_eq!(args[1].call_name().as_deref(), Some("parameters"));
        assert_eq!(args[2].kind, AstKind::Number("42".into()));
        assert_eq!(args[3].kind, AstKind::Bool(true));
        assert_eq!(args[4].kind, AstKind::Null);
        assert_eq!(ast.span, 0..body.len());
        assert_eq!(body.get(args[1].span.clone()), Some("parameters( 'x' )"));
    }

    #[test]
    fn parses_property_access_and_indexing() {
        let body = "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value";
        let ast = parse(body).unwrap();
        let AstKind::Property(base, name) = &ast.kind else {
            panic!("{ast:?}")
        };
        assert_eq!(name, "value");
        let AstKind::Index(base, index) = &base.kind else {
            panic!()
        };
        assert_eq!(index.kind, AstKind::Number("0".into()));
        let AstKind::Property(base, name) = &base.kind else {
            panic!()
        };
        assert_eq!(name, "keys");
        assert_eq!(base.call_name().as_deref(), Some("listkeys"));
        assert_eq!(
            body.get(base.span.clone()),
            Some("listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01')")
        );
        // Indexing with an expression, and a call with no arguments.
        let ast = parse("variables('m')[parameters('k')]").unwrap();
        assert!(matches!(ast.kind, AstKind::Index(..)));
        assert_eq!(
            parse("newGuid()").unwrap().call_name().as_deref(),
            Some("newguid")
        );
    }

    #[test]
    fn parses_namespaced_user_functions() {
        let ast = parse("__bicep.buildName(parameters('a')).length").unwrap();
        let AstKind::Property(base, _) = &ast.kind else {
            panic!()
        };
        let (name, args) = call(base);
        assert_eq!(name, "__bicep.buildName");
        assert_eq!(args.len(), 1);
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        for bad in [
            "",
            "(",
            ")",
            "concat(",
            "concat('a'",
            "'unterminated",
            "a b",
            "foo",
            "x.y",
            "f(,)",
            "f(a,)",
            "f()]",
            "f()[0",
            "1 2",
            "-",
            "é()",
            "f(#)",
            "f().",
            "f().1",
            "ns.(x)",
        ] {
            assert!(parse(bad).is_none(), "{bad:?} should not parse");
        }
        // Deep nesting is refused, not overflowed.
        let deep = "f(".repeat(10_000) + &")".repeat(10_000);
        assert_eq!(parse_checked(&deep), Err(ParseFailure::TooDeep));
        assert_eq!(parse_checked("f("), Err(ParseFailure::Invalid));
        let shallow = "f(".repeat(20) + &")".repeat(20);
        assert!(parse(&shallow).is_some());
    }

    #[test]
    fn long_access_chains_are_refused_not_overflowed() {
        // 40,000 `[0]` (the audit's reproducer) and `.a` links: refused as too deep, on a
        // 2 MiB stack (a rayon worker's), where building or dropping the tree used to
        // overflow. Long chains are refused however they mix links.
        let run = |body: String| {
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || parse_checked(&body))
                .unwrap()
                .join()
                .unwrap()
        };
        let index = format!("variables('b'){}", "[0]".repeat(40_000));
        assert_eq!(run(index), Err(ParseFailure::TooDeep));
        let member = format!("variables('b'){}", ".a".repeat(60_000));
        assert_eq!(run(member), Err(ParseFailure::TooDeep));
        let mixed = format!("f(){}", "[0].a".repeat(MAX_DEPTH));
        assert_eq!(run(mixed), Err(ParseFailure::TooDeep));
        // A chain of ordinary length still parses.
        let ok = format!("variables('b'){}", "[0].a".repeat(20));
        assert!(run(ok).is_ok());
    }

    #[test]
    fn normalisation_removes_whitespace_and_lowercases_function_names() {
        let a = normalize_expression("[resourceId( 'Microsoft.ManagedIdentity/userAssignedIdentities' , parameters('uai Name') )]");
        let b = normalize_expression("[ResourceId('Microsoft.ManagedIdentity/userAssignedIdentities',PARAMETERS('uai Name'))]");
        assert_eq!(a, b);
        assert_eq!(
            a,
            "resourceid('Microsoft.ManagedIdentity/userAssignedIdentities',parameters('uai Name'))"
        );
        // Property names keep their case; string contents keep their spaces and escapes.
        assert_eq!(
            normalize_expression("[reference( 'x' ).outputs.Value ]"),
            "reference('x').outputs.Value"
        );
        assert_eq!(
            normalize_expression("[concat('a  b', 'it''s')]"),
            "concat('a  b','it''s')"
        );
        assert_eq!(normalize_expression("[Ns.MyFn (1)]"), "ns.myfn(1)");
        // A body without brackets normalises the same way.
        assert_eq!(normalize_expression("parameters( 'x' )"), "parameters('x')");
        // A non-breaking space is whitespace too, in parsing and normalising.
        assert_eq!(
            normalize_expression("[concat('a',\u{a0}'b')]"),
            "concat('a','b')"
        );
        assert!(parse("concat('a',\u{a0}'b')").is_some());
        // A value wrapped into a string is the value.
        let wrapped = normalize_expression("[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('n')))]");
        assert_eq!(
            wrapped,
            normalize_expression(
                "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities',parameters('n'))]"
            )
        );
        assert_eq!(
            normalize_expression("[string(variables('id'))]"),
            "variables('id')"
        );
        assert_eq!(
            normalize_expression("[format('{0}-x', variables('id'))]"),
            "format('{0}-x',variables('id'))"
        );
        // Garbage is handled.
        assert_eq!(normalize_expression("[concat('a]"), "concat('a");
    }
}
