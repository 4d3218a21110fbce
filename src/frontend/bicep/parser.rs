//! Recursive-descent / precedence-climbing Bicep parser with per-construct error recovery.
//!
//! Statements end at a newline. A broken statement yields one error and the parser skips to
//! the next newline at bracket depth 0; a broken object property or array item skips to the
//! next separator at its own depth so its siblings survive. Newlines are insignificant inside
//! parentheses, index brackets and interpolation holes (a context stack says which).
//! Every loop consumes a token or exits; nesting is bounded by `MAX_DEPTH`.

use super::ast::*;
use super::lexer::{string_piece, unescape, Tok, Token};
use super::SyntaxError;
use crate::frontend::MAX_DEPTH;
use crate::model::Comment;

type PResult<T> = Result<T, ()>;

/// Errors beyond this are dropped (a pathological file would otherwise report thousands).
const MAX_ERRORS: usize = 200;

const DECL_KEYWORDS: &[&str] = &[
    "targetScope",
    "metadata",
    "extension",
    "provider",
    "import",
    "param",
    "using",
    "extends",
    "type",
    "var",
    "resource",
    "module",
    "test",
    "assert",
    "output",
    "func",
];

/// Words an error message may name (see `Parser::describe`): declaration keywords and the
/// other reserved words of expressions and declarations.
const KEYWORDS: &[&str] = &[
    "targetScope",
    "metadata",
    "extension",
    "provider",
    "import",
    "param",
    "using",
    "extends",
    "type",
    "var",
    "resource",
    "module",
    "test",
    "assert",
    "output",
    "func",
    "existing",
    "if",
    "for",
    "in",
    "as",
    "with",
    "true",
    "false",
    "null",
];

/// The fixed text of a punctuation or operator token (what the lexer made it from).
fn punctuation(kind: Tok) -> &'static str {
    match kind {
        Tok::LBrace => "{",
        Tok::RBrace => "}",
        Tok::LBracket => "[",
        Tok::RBracket => "]",
        Tok::LParen => "(",
        Tok::RParen => ")",
        Tok::Comma => ",",
        Tok::Colon => ":",
        Tok::DoubleColon => "::",
        Tok::Dot => ".",
        Tok::DotQuestion => ".?",
        Tok::Ellipsis => "...",
        Tok::Question => "?",
        Tok::DoubleQuestion => "??",
        Tok::Caret => "^",
        Tok::Arrow => "=>",
        Tok::Assign => "=",
        Tok::Eq => "==",
        Tok::NotEq => "!=",
        Tok::EqI => "=~",
        Tok::NotEqI => "!~",
        Tok::Lt => "<",
        Tok::Le => "<=",
        Tok::Gt => ">",
        Tok::Ge => ">=",
        Tok::Plus => "+",
        Tok::Minus => "-",
        Tok::Star => "*",
        Tok::Slash => "/",
        Tok::Percent => "%",
        Tok::Bang => "!",
        Tok::And => "&&",
        Tok::Or => "||",
        Tok::Pipe => "|",
        Tok::At => "@",
        // Not punctuation; `describe` names these by kind before getting here.
        Tok::Ident
        | Tok::Int
        | Tok::Str
        | Tok::StrLeft
        | Tok::StrMid
        | Tok::StrRight
        | Tok::MlStr
        | Tok::MlLeft
        | Tok::MlMid
        | Tok::MlRight
        | Tok::NewLine
        | Tok::Error
        | Tok::Eof => "a token",
    }
}

pub fn parse(src: &str) -> (Program, Vec<SyntaxError>) {
    let (program, errors, _) = parse_with_comments(src);
    (program, errors)
}

/// Parse, keeping the comments and pragmas the lexer met.
pub(crate) fn parse_with_comments(src: &str) -> (Program, Vec<SyntaxError>, Vec<Comment>) {
    let lexed = super::lexer::lex_all(src);
    let (toks, errors, comments) = (lexed.tokens, lexed.errors, lexed.comments);
    let mut p = Parser {
        src,
        toks,
        pos: 0,
        nl_skip: Vec::new(),
        depth: 0,
        errors,
    };
    let program = p.program();
    let mut errors = p.errors;
    errors.sort_by_key(|e| e.start);
    (program, errors, comments)
}

/// What differs between parsing `{…}` and `[…]`.
struct ContainerKind {
    close: Tok,
    closer: &'static str,
    name: &'static str,
    /// Closers of the other kinds, reported and skipped.
    stray: [Tok; 2],
    separator: &'static str,
}

const OBJECT: ContainerKind = ContainerKind {
    close: Tok::RBrace,
    closer: "}",
    name: "object",
    stray: [Tok::RBracket, Tok::RParen],
    separator: "',' or a new line between properties",
};

const ARRAY: ContainerKind = ContainerKind {
    close: Tok::RBracket,
    closer: "]",
    name: "array",
    stray: [Tok::RBrace, Tok::RParen],
    separator: "',' or a new line between array items",
};

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    pos: usize,
    /// Top = true: newlines are insignificant (inside `(…)`, `[index]`, `${…}`).
    nl_skip: Vec<bool>,
    depth: usize,
    errors: Vec<SyntaxError>,
}

fn sp(t: Token) -> Sp {
    Sp::new(t.start, t.end)
}

impl<'a> Parser<'a> {
    // ----- token access -------------------------------------------------------------------

    fn skipping_newlines(&self) -> bool {
        self.nl_skip.last().copied().unwrap_or(false)
    }

    fn cur(&mut self) -> Token {
        if self.skipping_newlines() {
            while self.toks[self.pos].kind == Tok::NewLine {
                self.pos += 1;
            }
        }
        self.toks[self.pos]
    }

    fn peek(&mut self) -> Tok {
        self.cur().kind
    }

    /// The token after the current one, skipping newlines when `skip_nl`.
    fn peek_nth(&mut self, n: usize, skip_nl: bool) -> Token {
        let mut i = self.pos;
        if self.skipping_newlines() || skip_nl {
            while self.toks[i].kind == Tok::NewLine {
                i += 1;
            }
        }
        let mut left = n;
        while left > 0 && self.toks[i].kind != Tok::Eof {
            i += 1;
            if skip_nl {
                while self.toks[i].kind == Tok::NewLine {
                    i += 1;
                }
            }
            left -= 1;
        }
        self.toks[i]
    }

    fn kind_at(&self, i: usize) -> Tok {
        self.toks.get(i).map(|t| t.kind).unwrap_or(Tok::Eof)
    }

    fn piece_or_ident(&self, t: Token) -> String {
        match t.kind {
            Tok::Ident => self.text(t).to_string(),
            _ => self.piece(t),
        }
    }

    fn bump(&mut self) -> Token {
        let t = self.cur();
        if t.kind != Tok::Eof {
            self.pos += 1;
        }
        t
    }

    fn text(&self, t: Token) -> &'a str {
        t.text(self.src)
    }

    fn at_ident(&mut self, word: &str) -> bool {
        let t = self.cur();
        t.kind == Tok::Ident && self.text(t) == word
    }

    fn eat(&mut self, kind: Tok) -> Option<Token> {
        if self.peek() == kind {
            Some(self.bump())
        } else {
            None
        }
    }

    fn skip_newlines(&mut self) {
        while self.toks[self.pos].kind == Tok::NewLine {
            self.pos += 1;
        }
    }

    fn error(&mut self, message: impl Into<String>, span: Sp) {
        if self.errors.len() >= MAX_ERRORS
            || self.errors.last().is_some_and(|e| e.start == span.start)
        {
            return;
        }
        self.errors.push(SyntaxError {
            message: message.into(),
            start: span.start,
            end: span.end,
        });
    }

    /// How a token is named in messages. String and number contents are never quoted: they
    /// may be secrets, and messages are printed.
    /// The token for an error message, by kind. Never its source text: a token glued to a
    /// literal (`'x'LEAK`, `= 'abc' tail`) can be a secret's fragment, and messages reach
    /// every output (SARIF, annotations, the editor). Only keywords (a fixed list) are named.
    fn describe(&self, t: Token) -> String {
        match t.kind {
            Tok::Eof => "end of file".into(),
            Tok::NewLine => "a new line".into(),
            Tok::Str | Tok::StrLeft | Tok::StrMid | Tok::StrRight => "a string".into(),
            Tok::MlStr | Tok::MlLeft | Tok::MlMid | Tok::MlRight => "a multi-line string".into(),
            Tok::Int => "a number".into(),
            Tok::Error => "an invalid token".into(),
            Tok::Ident => match KEYWORDS.iter().find(|k| **k == self.text(t)) {
                Some(k) => format!("the keyword '{k}'"),
                None => "an identifier".into(),
            },
            kind => format!("'{}'", punctuation(kind)),
        }
    }

    fn expected(&mut self, what: &str) {
        let t = self.cur();
        let msg = format!("expected {what}, found {}", self.describe(t));
        self.error(msg, sp(t));
    }

    fn expect(&mut self, kind: Tok, what: &str) -> PResult<Token> {
        match self.eat(kind) {
            Some(t) => Ok(t),
            None => {
                self.expected(what);
                Err(())
            }
        }
    }

    fn ident(&mut self, what: &str) -> PResult<Ident> {
        let t = self.expect(Tok::Ident, what)?;
        Ok(Ident {
            name: self.text(t).to_string(),
            span: sp(t),
        })
    }

    fn prev_end(&self) -> u32 {
        let mut i = self.pos;
        while i > 0 {
            i -= 1;
            if self.toks[i].kind != Tok::NewLine {
                return self.toks[i].end;
            }
        }
        0
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            let t = self.cur();
            self.error(
                format!("nesting is deeper than the limit of {MAX_DEPTH}"),
                sp(t),
            );
            return Err(());
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn with_nl<T>(&mut self, skip: bool, f: impl FnOnce(&mut Self) -> T) -> T {
        self.nl_skip.push(skip);
        let r = f(self);
        self.nl_skip.pop();
        r
    }

    // ----- recovery -----------------------------------------------------------------------

    fn opens(kind: Tok) -> bool {
        matches!(
            kind,
            Tok::LBrace | Tok::LBracket | Tok::LParen | Tok::StrLeft | Tok::MlLeft
        )
    }

    fn closes(kind: Tok) -> bool {
        matches!(
            kind,
            Tok::RBrace | Tok::RBracket | Tok::RParen | Tok::StrRight | Tok::MlRight
        )
    }

    /// A declaration keyword at column 0 followed by a name: a new top-level statement.
    /// Used to stop an unclosed `{`/`[` from swallowing the rest of the file.
    fn is_decl_start(&self, i: usize) -> bool {
        let t = self.toks[i];
        if t.kind != Tok::Ident {
            return false;
        }
        let start = t.start as usize;
        let col0 = start == 0
            || matches!(
                self.src.as_bytes().get(start - 1),
                Some(b'\n') | Some(b'\r')
            );
        if !col0 || !DECL_KEYWORDS.contains(&self.text(t)) {
            return false;
        }
        let next = self.toks.get(i + 1).map(|t| t.kind);
        matches!(
            next,
            Some(Tok::Ident)
                | Some(Tok::Assign)
                | Some(Tok::Str)
                | Some(Tok::LBrace)
                | Some(Tok::Star)
        )
    }

    /// Skip to the next newline at bracket depth 0 (statement-level recovery).
    fn recover_line(&mut self) {
        let mut depth = 0usize;
        loop {
            let t = self.toks[self.pos];
            match t.kind {
                Tok::Eof => return,
                Tok::NewLine if depth == 0 => return,
                Tok::NewLine if self.is_decl_start(self.pos + 1) => return,
                k if Self::opens(k) => depth += 1,
                k if Self::closes(k) => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// Skip to the next `,`/newline at this depth, or to the closing bracket of the
    /// enclosing container (not consumed).
    fn recover_item(&mut self) {
        let mut depth = 0usize;
        loop {
            let t = self.toks[self.pos];
            match t.kind {
                Tok::Eof => return,
                Tok::Comma | Tok::NewLine if depth == 0 => return,
                Tok::NewLine if self.is_decl_start(self.pos + 1) => return,
                k if Self::closes(k) => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                k if Self::opens(k) => depth += 1,
                _ => {}
            }
            self.pos += 1;
        }
    }

    // ----- statements ---------------------------------------------------------------------

    fn program(&mut self) -> Program {
        let mut statements = Vec::new();
        loop {
            self.skip_newlines();
            if self.toks[self.pos].kind == Tok::Eof {
                break;
            }
            let before = self.pos;
            let stmt = self.statement();
            let ok = !matches!(stmt.kind, StmtKind::Error);
            statements.push(stmt);
            match self.toks[self.pos].kind {
                Tok::NewLine | Tok::Eof => {}
                // An unclosed container already stopped at the next declaration.
                _ if self.is_decl_start(self.pos) => {}
                _ => {
                    if ok {
                        self.expected("a new line after the declaration");
                    }
                    self.recover_line();
                }
            }
            if self.pos == before {
                self.pos += 1;
            }
        }
        Program { statements }
    }

    fn decorators(&mut self) -> Vec<Decorator> {
        let mut out = Vec::new();
        while self.peek() == Tok::At {
            let at = self.bump();
            match self.postfix_expr() {
                Ok(expr) => {
                    let span = sp(at).to(expr.span);
                    out.push(Decorator { expr, span });
                }
                Err(()) => self.recover_line(),
            }
            self.skip_newlines();
        }
        out
    }

    fn statement(&mut self) -> Statement {
        let start = self.cur().start;
        let decorators = self.decorators();
        let kind = match self.statement_kind() {
            Ok(k) => k,
            Err(()) => StmtKind::Error,
        };
        let end = self.prev_end().max(start);
        Statement {
            decorators,
            kind,
            span: Sp::new(start, end),
        }
    }

    fn statement_kind(&mut self) -> PResult<StmtKind> {
        let t = self.cur();
        if t.kind != Tok::Ident {
            self.expected("a declaration");
            return Err(());
        }
        let word = self.text(t);
        match word {
            "targetScope" => {
                self.bump();
                self.expect(Tok::Assign, "'='")?;
                Ok(StmtKind::TargetScope(self.expr()?))
            }
            "metadata" => {
                self.bump();
                let name = self.ident("a metadata name")?;
                self.expect(Tok::Assign, "'='")?;
                Ok(StmtKind::Metadata {
                    name,
                    value: self.expr()?,
                })
            }
            "extension" | "provider" => {
                self.bump();
                let spec = match self.peek() {
                    Tok::Ident => {
                        let id = self.ident("an extension name")?;
                        Expr {
                            span: id.span,
                            kind: ExprKind::Ident(id.name),
                        }
                    }
                    _ => self.string_expr("an extension specification")?,
                };
                let (config, alias) = self.with_as_clauses()?;
                Ok(StmtKind::Extension {
                    spec,
                    config,
                    alias,
                })
            }
            "import" => {
                self.bump();
                self.import()
            }
            "param" => {
                self.bump();
                let name = self.ident("a parameter name")?;
                if self.eat(Tok::Assign).is_some() {
                    return Ok(StmtKind::ParamAssign {
                        name,
                        value: self.expr()?,
                    });
                }
                let (ty, resource_type) = self.type_or_resource()?;
                let default = match self.eat(Tok::Assign) {
                    Some(_) => Some(self.expr()?),
                    None => None,
                };
                Ok(StmtKind::Param {
                    name,
                    ty,
                    resource_type,
                    default,
                })
            }
            "using" => {
                self.bump();
                let path = if self.at_ident("none") {
                    self.bump();
                    None
                } else {
                    Some(self.string_expr("a template path")?)
                };
                let config = if self.at_ident("with") {
                    self.bump();
                    Some(self.object()?)
                } else {
                    None
                };
                Ok(StmtKind::Using { path, config })
            }
            "extends" => {
                self.bump();
                Ok(StmtKind::Extends {
                    path: self.string_expr("a parameters file path")?,
                })
            }
            "type" => {
                self.bump();
                let name = self.ident("a type name")?;
                self.expect(Tok::Assign, "'='")?;
                Ok(StmtKind::Type {
                    name,
                    ty: self.type_expr()?,
                })
            }
            "var" => {
                self.bump();
                let name = self.ident("a variable name")?;
                let ty = if self.peek() == Tok::Assign {
                    None
                } else {
                    Some(self.type_expr()?)
                };
                self.expect(Tok::Assign, "'='")?;
                Ok(StmtKind::Var {
                    name,
                    ty,
                    value: self.expr()?,
                })
            }
            "resource" => Ok(StmtKind::Resource(self.resource_decl()?)),
            "module" => {
                let keyword = sp(self.bump());
                let name = self.ident("a module name")?;
                let path = self.string_expr("a module path")?;
                self.expect(Tok::Assign, "'='")?;
                let value = self.decl_value()?;
                Ok(StmtKind::Module {
                    keyword,
                    name,
                    path,
                    value,
                })
            }
            "test" => {
                self.bump();
                let name = self.ident("a test name")?;
                let path = self.string_expr("a test file path")?;
                self.expect(Tok::Assign, "'='")?;
                Ok(StmtKind::Test {
                    name,
                    path,
                    value: self.decl_value()?,
                })
            }
            "assert" => {
                self.bump();
                let name = self.ident("an assertion name")?;
                self.expect(Tok::Assign, "'='")?;
                Ok(StmtKind::Assert {
                    name,
                    value: self.expr()?,
                })
            }
            "output" => {
                self.bump();
                let name = self.ident("an output name")?;
                let (ty, resource_type) = self.type_or_resource()?;
                self.expect(Tok::Assign, "'='")?;
                Ok(StmtKind::Output {
                    name,
                    ty,
                    resource_type,
                    value: self.expr()?,
                })
            }
            "func" => {
                self.bump();
                self.func()
            }
            // `.bicepparam`: `extensionConfig name with {…}`.
            "extensionConfig" => {
                self.bump();
                let name = self.ident("an extension alias")?;
                let (config, _) = self.with_as_clauses()?;
                let spec = Expr {
                    span: name.span,
                    kind: ExprKind::Ident(name.name.clone()),
                };
                Ok(StmtKind::Extension {
                    spec,
                    config,
                    alias: Some(name),
                })
            }
            _ => {
                self.expected("a declaration keyword (param, var, resource, module, output, …)");
                Err(())
            }
        }
    }

    fn with_as_clauses(&mut self) -> PResult<(Option<Expr>, Option<Ident>)> {
        let config = if self.at_ident("with") {
            self.bump();
            Some(self.object()?)
        } else {
            None
        };
        let alias = if self.at_ident("as") {
            self.bump();
            Some(self.ident("an alias")?)
        } else {
            None
        };
        Ok((config, alias))
    }

    fn import(&mut self) -> PResult<StmtKind> {
        let target = match self.peek() {
            Tok::LBrace => {
                self.bump();
                let mut items = Vec::new();
                self.with_nl(true, |p| -> PResult<()> {
                    loop {
                        match p.peek() {
                            Tok::RBrace => {
                                p.bump();
                                return Ok(());
                            }
                            Tok::Comma => {
                                p.bump();
                            }
                            Tok::Ident | Tok::Str => {
                                let t = p.bump();
                                let name = Ident {
                                    name: p.piece_or_ident(t),
                                    span: sp(t),
                                };
                                let alias = if p.at_ident("as") {
                                    p.bump();
                                    Some(p.ident("an alias")?)
                                } else {
                                    None
                                };
                                items.push((name, alias));
                            }
                            _ => {
                                p.expected("an imported symbol or '}'");
                                return Err(());
                            }
                        }
                    }
                })?;
                ImportTarget::Symbols(items)
            }
            Tok::Star => {
                self.bump();
                let alias = if self.at_ident("as") {
                    self.bump();
                    Some(self.ident("an alias")?)
                } else {
                    self.expected("'as'");
                    return Err(());
                };
                ImportTarget::Wildcard(alias)
            }
            _ => {
                let spec = self.string_expr("an import target")?;
                let (_config, _alias) = self.with_as_clauses()?;
                return Ok(StmtKind::Import {
                    target: ImportTarget::Legacy(spec),
                    from: None,
                });
            }
        };
        let from = if self.at_ident("from") {
            self.bump();
            Some(self.string_expr("an import path")?)
        } else {
            self.expected("'from'");
            return Err(());
        };
        Ok(StmtKind::Import { target, from })
    }

    /// `param`/`output` type: a type expression or `resource '<type>'`.
    fn type_or_resource(&mut self) -> PResult<(Option<TypeExpr>, Option<Expr>)> {
        if self.at_ident("resource")
            && matches!(self.peek_nth(1, false).kind, Tok::Str | Tok::StrLeft)
        {
            self.bump();
            return Ok((None, Some(self.string_expr("a resource type")?)));
        }
        Ok((Some(self.type_expr()?), None))
    }

    fn resource_decl(&mut self) -> PResult<ResourceDecl> {
        let keyword = sp(self.bump());
        let name = self.ident("a resource name")?;
        let type_string = self.string_expr("a resource type string")?;
        let existing = if self.at_ident("existing") {
            self.bump();
            true
        } else {
            false
        };
        self.expect(Tok::Assign, "'='")?;
        let value = self.decl_value()?;
        Ok(ResourceDecl {
            keyword,
            name,
            type_string,
            existing,
            value,
        })
    }

    /// The value of a resource/module: an object, `if (…) {…}` or `[for …]`.
    fn decl_value(&mut self) -> PResult<Expr> {
        // `=` may end a line, with comments before the value (`=\n// c\nif (…) {`).
        self.skip_newlines();
        match self.peek() {
            Tok::LBrace => self.object(),
            Tok::LBracket => self.array_or_for(),
            Tok::Ident if self.at_ident("if") => self.if_expr(),
            _ => {
                self.expected("'{', 'if' or '[for'");
                Err(())
            }
        }
    }

    fn if_expr(&mut self) -> PResult<Expr> {
        let kw = self.bump();
        let open = self.expect(Tok::LParen, "'(' after 'if'")?;
        let cond = self.with_nl(true, |p| -> PResult<Expr> {
            let e = p.expr()?;
            p.expect(Tok::RParen, "')'")?;
            Ok(e)
        });
        let cond = match cond {
            Ok(c) => c,
            Err(()) => Expr {
                kind: ExprKind::Error,
                span: sp(open),
            },
        };
        let body = self.object()?;
        let span = sp(kw).to(body.span);
        Ok(Expr {
            kind: ExprKind::If {
                cond: Box::new(cond),
                body: Box::new(body),
            },
            span,
        })
    }

    fn func(&mut self) -> PResult<StmtKind> {
        let name = self.ident("a function name")?;
        self.expect(Tok::LParen, "'('")?;
        let params = self.with_nl(true, |p| -> PResult<Vec<(Ident, TypeExpr)>> {
            let mut params = Vec::new();
            loop {
                match p.peek() {
                    Tok::RParen => {
                        p.bump();
                        return Ok(params);
                    }
                    Tok::Comma => {
                        p.bump();
                    }
                    _ => {
                        let n = p.ident("a parameter name")?;
                        let t = p.type_expr()?;
                        params.push((n, t));
                    }
                }
            }
        })?;
        let ret = if self.peek() == Tok::Arrow {
            None
        } else {
            Some(self.type_expr()?)
        };
        self.expect(Tok::Arrow, "'=>'")?;
        let body = self.expr()?;
        Ok(StmtKind::Func {
            name,
            params,
            ret,
            body,
        })
    }

    // ----- expressions --------------------------------------------------------------------

    pub(crate) fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.ternary();
        self.leave();
        r
    }

    fn ternary(&mut self) -> PResult<Expr> {
        let cond = self.binary(0)?;
        // A `?` on the next line continues the expression (multi-line ternaries).
        let q = self.peek_nth(0, true);
        if q.kind != Tok::Question {
            return Ok(cond);
        }
        self.skip_newlines();
        self.bump();
        let then = self.with_nl(true, |p| p.expr())?;
        self.skip_newlines();
        self.expect(Tok::Colon, "':' in a conditional expression")?;
        self.skip_newlines();
        let other = self.expr()?;
        let span = cond.span.to(other.span);
        Ok(Expr {
            kind: ExprKind::Ternary(Box::new(cond), Box::new(then), Box::new(other)),
            span,
        })
    }

    fn binop(kind: Tok) -> Option<(BinOp, u8)> {
        Some(match kind {
            Tok::DoubleQuestion => (BinOp::Coalesce, 1),
            Tok::Or => (BinOp::Or, 2),
            Tok::And => (BinOp::And, 3),
            Tok::Eq => (BinOp::Eq, 4),
            Tok::NotEq => (BinOp::NotEq, 4),
            Tok::EqI => (BinOp::EqI, 4),
            Tok::NotEqI => (BinOp::NotEqI, 4),
            Tok::Lt => (BinOp::Lt, 5),
            Tok::Le => (BinOp::Le, 5),
            Tok::Gt => (BinOp::Gt, 5),
            Tok::Ge => (BinOp::Ge, 5),
            Tok::Plus => (BinOp::Add, 6),
            Tok::Minus => (BinOp::Sub, 6),
            Tok::Star => (BinOp::Mul, 7),
            Tok::Slash => (BinOp::Div, 7),
            Tok::Percent => (BinOp::Mod, 7),
            _ => return None,
        })
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut left = self.unary()?;
        let mut chain = 0usize;
        loop {
            // Operators may start a continuation line (`a\n  && b`) only for the lowest
            // logical operators, as Bicep formatting does; others must be on the same line.
            let mut t = self.cur();
            if t.kind == Tok::NewLine {
                let next = self.peek_nth(0, true);
                if matches!(next.kind, Tok::And | Tok::Or | Tok::DoubleQuestion) {
                    t = next;
                }
            }
            let Some((op, prec)) = Self::binop(t.kind) else {
                break;
            };
            if prec < min_prec {
                break;
            }
            chain += 1;
            if chain > MAX_DEPTH * 4 {
                self.error("expression has too many operators", sp(t));
                return Err(());
            }
            self.skip_newlines();
            self.bump();
            let right = self.with_nl(self.skipping_newlines(), |p| {
                p.skip_newlines_if_skipping();
                p.binary(prec + 1)
            })?;
            let span = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                span,
            };
            // Deep left chains are bounded by `chain`; their depth also counts for drop safety.
        }
        Ok(left)
    }

    fn skip_newlines_if_skipping(&mut self) {
        if self.skipping_newlines() {
            self.skip_newlines();
        }
    }

    fn unary(&mut self) -> PResult<Expr> {
        let t = self.cur();
        let op = match t.kind {
            Tok::Bang => UnOp::Not,
            Tok::Minus => UnOp::Neg,
            Tok::Plus => UnOp::Plus,
            _ => return self.postfix_expr(),
        };
        self.bump();
        self.enter()?;
        let inner = self.unary();
        self.leave();
        let inner = inner?;
        let span = sp(t).to(inner.span);
        Ok(Expr {
            kind: ExprKind::Unary(op, Box::new(inner)),
            span,
        })
    }

    fn postfix_expr(&mut self) -> PResult<Expr> {
        let mut e = self.primary()?;
        let mut chain = 0usize;
        loop {
            let t = self.cur();
            match t.kind {
                Tok::Dot | Tok::DotQuestion | Tok::LBracket | Tok::DoubleColon | Tok::Bang => {}
                _ => break,
            }
            chain += 1;
            if chain > MAX_DEPTH * 4 {
                self.error("member access chain is too long", sp(t));
                return Err(());
            }
            self.bump();
            e = match t.kind {
                Tok::Dot | Tok::DotQuestion => {
                    let name = self.ident("a property name")?;
                    if t.kind == Tok::Dot && self.toks[self.pos].kind == Tok::LParen {
                        let (args, end) = self.call_args()?;
                        let span = Sp::new(e.span.start, end);
                        Expr {
                            kind: ExprKind::Call {
                                receiver: Some(Box::new(e)),
                                name,
                                args,
                            },
                            span,
                        }
                    } else {
                        let span = e.span.to(name.span);
                        Expr {
                            kind: ExprKind::Member {
                                object: Box::new(e),
                                name,
                                safe: t.kind == Tok::DotQuestion,
                            },
                            span,
                        }
                    }
                }
                Tok::DoubleColon => {
                    let name = self.ident("a child resource name")?;
                    let span = e.span.to(name.span);
                    Expr {
                        kind: ExprKind::Child {
                            object: Box::new(e),
                            name,
                        },
                        span,
                    }
                }
                Tok::Bang => {
                    let span = e.span.to(sp(t));
                    Expr {
                        kind: ExprKind::NonNull(Box::new(e)),
                        span,
                    }
                }
                _ => {
                    let r = self.with_nl(true, |p| -> PResult<(bool, bool, Expr, Token)> {
                        let safe = p.eat(Tok::Question).is_some();
                        let from_end = p.eat(Tok::Caret).is_some();
                        let index = p.expr()?;
                        let close = p.expect(Tok::RBracket, "']'")?;
                        Ok((safe, from_end, index, close))
                    })?;
                    let (safe, from_end, index, close) = r;
                    let span = e.span.to(sp(close));
                    Expr {
                        kind: ExprKind::Index {
                            object: Box::new(e),
                            index: Box::new(index),
                            safe,
                            from_end,
                        },
                        span,
                    }
                }
            };
        }
        Ok(e)
    }

    /// `(args)`; returns the arguments and the end offset of `)`.
    fn call_args(&mut self) -> PResult<(Vec<Expr>, u32)> {
        let open = self.expect(Tok::LParen, "'('")?;
        self.with_nl(true, |p| {
            let mut args = Vec::new();
            loop {
                match p.peek() {
                    Tok::RParen => return Ok((args, p.bump().end)),
                    Tok::Eof => {
                        p.error("expected ')' to close the argument list", sp(open));
                        return Err(());
                    }
                    _ => {}
                }
                let before = p.pos;
                match p.expr() {
                    Ok(a) => args.push(a),
                    Err(()) => {
                        p.recover_item();
                        if p.toks[p.pos].kind == Tok::NewLine {
                            p.skip_newlines();
                        }
                    }
                }
                match p.peek() {
                    Tok::Comma => {
                        p.bump();
                    }
                    Tok::RParen => {}
                    _ => {
                        if p.pos == before {
                            p.expected("',' or ')'");
                            return Err(());
                        }
                        p.expected("',' or ')'");
                        return Err(());
                    }
                }
            }
        })
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.cur();
        match t.kind {
            Tok::Ident => {
                let text = self.text(t);
                match text {
                    "true" | "false" => {
                        self.bump();
                        return Ok(Expr {
                            kind: ExprKind::Bool(text == "true"),
                            span: sp(t),
                        });
                    }
                    "null" => {
                        self.bump();
                        return Ok(Expr {
                            kind: ExprKind::Null,
                            span: sp(t),
                        });
                    }
                    _ => {}
                }
                self.bump();
                let name = Ident {
                    name: text.to_string(),
                    span: sp(t),
                };
                match self.toks[self.pos].kind {
                    Tok::LParen => {
                        let (args, end) = self.call_args()?;
                        Ok(Expr {
                            kind: ExprKind::Call {
                                receiver: None,
                                name,
                                args,
                            },
                            span: Sp::new(t.start, end),
                        })
                    }
                    Tok::Arrow => {
                        self.bump();
                        self.skip_newlines();
                        let body = self.expr()?;
                        let span = sp(t).to(body.span);
                        Ok(Expr {
                            kind: ExprKind::Lambda {
                                params: vec![name],
                                body: Box::new(body),
                            },
                            span,
                        })
                    }
                    _ => Ok(Expr {
                        kind: ExprKind::Ident(name.name),
                        span: sp(t),
                    }),
                }
            }
            Tok::Int => {
                self.bump();
                Ok(Expr {
                    kind: ExprKind::Int(self.text(t).to_string()),
                    span: sp(t),
                })
            }
            Tok::Str | Tok::StrLeft | Tok::MlStr | Tok::MlLeft => self.string(),
            Tok::LBrace => self.object(),
            Tok::LBracket => self.array_or_for(),
            Tok::LParen => {
                if self.is_lambda_ahead() {
                    self.lambda()
                } else {
                    self.bump();
                    self.with_nl(true, |p| {
                        let inner = p.expr()?;
                        let close = p.expect(Tok::RParen, "')'")?;
                        Ok(Expr {
                            kind: ExprKind::Paren(Box::new(inner)),
                            span: sp(t).to(sp(close)),
                        })
                    })
                }
            }
            _ => {
                self.expected("an expression");
                Err(())
            }
        }
    }

    fn is_lambda_ahead(&self) -> bool {
        let mut i = self.pos + 1;
        let skip = |i: &mut usize| {
            while self.toks[*i].kind == Tok::NewLine {
                *i += 1;
            }
        };
        skip(&mut i);
        if self.toks[i].kind != Tok::RParen {
            loop {
                if self.toks[i].kind != Tok::Ident {
                    return false;
                }
                i += 1;
                skip(&mut i);
                match self.toks[i].kind {
                    Tok::Comma => {
                        i += 1;
                        skip(&mut i);
                    }
                    Tok::RParen => break,
                    _ => return false,
                }
            }
        }
        i += 1;
        self.toks[i.min(self.toks.len() - 1)].kind == Tok::Arrow
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let open = self.bump();
        let params = self.with_nl(true, |p| -> PResult<Vec<Ident>> {
            let mut params = Vec::new();
            loop {
                match p.peek() {
                    Tok::RParen => {
                        p.bump();
                        return Ok(params);
                    }
                    Tok::Comma => {
                        p.bump();
                    }
                    _ => params.push(p.ident("a lambda parameter")?),
                }
            }
        })?;
        self.expect(Tok::Arrow, "'=>'")?;
        self.skip_newlines();
        let body = self.with_nl(false, |p| p.expr())?;
        let span = sp(open).to(body.span);
        Ok(Expr {
            kind: ExprKind::Lambda {
                params,
                body: Box::new(body),
            },
            span,
        })
    }

    fn string_expr(&mut self, what: &str) -> PResult<Expr> {
        match self.peek() {
            Tok::Str | Tok::StrLeft | Tok::MlStr | Tok::MlLeft => self.string(),
            _ => {
                self.expected(what);
                Err(())
            }
        }
    }

    fn piece(&self, t: Token) -> String {
        let (raw, multiline) = string_piece(t, self.src);
        if multiline {
            raw.to_string()
        } else {
            unescape(raw)
        }
    }

    fn string(&mut self) -> PResult<Expr> {
        let first = self.bump();
        let mut parts = vec![StrPart::Lit(self.piece(first))];
        if matches!(first.kind, Tok::Str | Tok::MlStr) {
            return Ok(Expr {
                kind: ExprKind::String(parts),
                span: sp(first),
            });
        }
        let multiline = first.kind == Tok::MlLeft;
        let (mid, right) = if multiline {
            (Tok::MlMid, Tok::MlRight)
        } else {
            (Tok::StrMid, Tok::StrRight)
        };
        self.with_nl(true, |p| loop {
            let hole = p.expr()?;
            parts.push(StrPart::Hole(hole));
            let t = p.cur();
            if t.kind == mid {
                p.bump();
                parts.push(StrPart::Lit(p.piece(t)));
            } else if t.kind == right {
                p.bump();
                parts.push(StrPart::Lit(p.piece(t)));
                return Ok(Expr {
                    kind: ExprKind::String(parts),
                    span: sp(first).to(sp(t)),
                });
            } else {
                p.expected("'}' to close the interpolation");
                return Err(());
            }
        })
    }

    /// Inside `{…}`/`[…]`: a declaration keyword at column 0 means the container was never
    /// closed; stop here so the next statement survives.
    fn unclosed_container(&mut self, open: Token, closer: &str) -> bool {
        if self.is_decl_start(self.pos) {
            self.error(format!("expected '{closer}' to close this"), sp(open));
            return true;
        }
        false
    }

    pub(crate) fn object(&mut self) -> PResult<Expr> {
        let open = self.expect(Tok::LBrace, "'{'")?;
        self.container(open, &OBJECT, Self::object_item, ExprKind::Object)
    }

    /// The items of `{…}` or `[…]` up to the closer, with recovery: a stray closer of the
    /// other kind is reported and skipped; a broken item skips to the next newline/comma so
    /// its siblings survive; a missing closer ends the container at the end of the file or
    /// before the next top-level declaration.
    fn container<T>(
        &mut self,
        open: Token,
        kind: &ContainerKind,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
        build: fn(Vec<T>) -> ExprKind,
    ) -> PResult<Expr> {
        self.enter()?;
        let r = self.with_nl(false, |p| {
            let mut items = Vec::new();
            loop {
                while matches!(p.toks[p.pos].kind, Tok::NewLine | Tok::Comma) {
                    p.pos += 1;
                }
                let tok = p.toks[p.pos].kind;
                if tok == kind.close {
                    let close = p.bump();
                    return Ok(Expr {
                        kind: build(items),
                        span: sp(open).to(sp(close)),
                    });
                }
                if tok == Tok::Eof {
                    p.error(
                        format!("expected '{}' to close this {}", kind.closer, kind.name),
                        sp(open),
                    );
                    return Ok(Expr {
                        kind: build(items),
                        span: sp(open).to(sp(p.cur())),
                    });
                }
                if kind.stray.contains(&tok) {
                    let t = p.bump();
                    p.error(
                        format!("unexpected '{}' in an {}", punctuation(t.kind), kind.name),
                        sp(t),
                    );
                    continue;
                }
                if p.unclosed_container(open, kind.closer) {
                    let end = p.prev_end();
                    return Ok(Expr {
                        kind: build(items),
                        span: Sp::new(open.start, end),
                    });
                }
                let before = p.pos;
                match item(p) {
                    Ok(x) => {
                        items.push(x);
                        let next = p.toks[p.pos].kind;
                        if !matches!(next, Tok::NewLine | Tok::Comma | Tok::Eof)
                            && next != kind.close
                            && !p.is_decl_start(p.pos)
                        {
                            p.expected(kind.separator);
                            p.recover_item();
                        }
                    }
                    Err(()) => p.recover_item(),
                }
                if p.pos == before {
                    p.pos += 1;
                }
            }
        });
        self.leave();
        r
    }

    fn object_item(&mut self) -> PResult<ObjectItem> {
        let t = self.cur();
        match t.kind {
            Tok::Ellipsis => {
                self.bump();
                return Ok(ObjectItem::Spread(self.expr()?));
            }
            Tok::At => {
                let stmt = self.statement();
                if matches!(stmt.kind, StmtKind::Error) {
                    return Err(());
                }
                return Ok(ObjectItem::Resource(Box::new(stmt)));
            }
            Tok::Ident
                if self.text(t) == "resource" && self.peek_nth(1, false).kind == Tok::Ident =>
            {
                let start = t.start;
                let decl = self.resource_decl()?;
                let span = Sp::new(start, self.prev_end());
                return Ok(ObjectItem::Resource(Box::new(Statement {
                    decorators: Vec::new(),
                    kind: StmtKind::Resource(decl),
                    span,
                })));
            }
            _ => {}
        }
        let key = match t.kind {
            Tok::Ident => {
                self.bump();
                ObjectKey {
                    text: Some(self.text(t).to_string()),
                    expr: None,
                    span: sp(t),
                }
            }
            Tok::Str | Tok::MlStr => {
                self.bump();
                ObjectKey {
                    text: Some(self.piece(t)),
                    expr: None,
                    span: sp(t),
                }
            }
            Tok::StrLeft | Tok::MlLeft => {
                let e = self.string()?;
                ObjectKey {
                    text: None,
                    span: e.span,
                    expr: Some(Box::new(e)),
                }
            }
            _ => {
                self.expected("a property name");
                return Err(());
            }
        };
        self.expect(Tok::Colon, "':' after the property name")?;
        let value = self.expr()?;
        Ok(ObjectItem::Property { key, value })
    }

    fn array_or_for(&mut self) -> PResult<Expr> {
        let open = self.expect(Tok::LBracket, "'['")?;
        let next = self.peek_nth(0, true);
        if next.kind == Tok::Ident && self.text(next) == "for" {
            return self.for_expr(open);
        }
        self.container(open, &ARRAY, Self::array_item, ExprKind::Array)
    }

    fn array_item(&mut self) -> PResult<ArrayItem> {
        if self.eat(Tok::Ellipsis).is_some() {
            self.expr().map(ArrayItem::Spread)
        } else {
            self.expr().map(ArrayItem::Item)
        }
    }

    fn for_expr(&mut self, open: Token) -> PResult<Expr> {
        self.enter()?;
        let r = self.with_nl(true, |p| {
            p.bump(); // `for`
            let (item, index) = if p.peek() == Tok::LParen {
                p.bump();
                let item = p.ident("a loop item name")?;
                let index = match p.eat(Tok::Comma) {
                    Some(_) => Some(p.ident("a loop index name")?),
                    None => None,
                };
                p.expect(Tok::RParen, "')'")?;
                (Some(item), index)
            } else {
                (Some(p.ident("a loop item name")?), None)
            };
            if !p.at_ident("in") {
                p.expected("'in'");
                return Err(());
            }
            p.bump();
            let iterable = p.expr()?;
            p.expect(Tok::Colon, "':' after the loop source")?;
            let body = if p.at_ident("if") {
                p.with_nl(false, |p| p.if_expr())?
            } else {
                p.with_nl(false, |p| p.expr())?
            };
            let close = p.expect(Tok::RBracket, "']' to close the loop")?;
            Ok(Expr {
                kind: ExprKind::For {
                    item,
                    index,
                    iterable: Box::new(iterable),
                    body: Box::new(body),
                },
                span: sp(open).to(sp(close)),
            })
        });
        self.leave();
        r
    }

    // ----- types --------------------------------------------------------------------------

    fn type_expr(&mut self) -> PResult<TypeExpr> {
        self.enter()?;
        let r = self.union_type();
        self.leave();
        r
    }

    fn union_type(&mut self) -> PResult<TypeExpr> {
        // `type t =\n  | 'a'\n  | 'b'`
        if self.cur().kind == Tok::NewLine && self.peek_nth(0, true).kind == Tok::Pipe {
            self.skip_newlines();
        }
        let leading = self.eat(Tok::Pipe);
        let first = self.singular_type()?;
        if self.peek_nth(0, true).kind != Tok::Pipe && leading.is_none() {
            return Ok(first);
        }
        let mut span = first.span;
        if let Some(l) = leading {
            span = span.to(sp(l));
        }
        let mut members = vec![first];
        while self.peek_nth(0, true).kind == Tok::Pipe {
            if members.len() > MAX_DEPTH * 64 {
                self.expected("fewer union members");
                return Err(());
            }
            self.skip_newlines();
            self.bump();
            self.skip_newlines_if_skipping();
            let m = self.singular_type()?;
            span = span.to(m.span);
            members.push(m);
        }
        Ok(TypeExpr {
            kind: TypeKind::Union(members),
            span,
        })
    }

    fn singular_type(&mut self) -> PResult<TypeExpr> {
        let mut t = self.primary_type()?;
        let mut chain = 0usize;
        loop {
            chain += 1;
            if chain > MAX_DEPTH {
                self.expected("a shorter type");
                return Err(());
            }
            let tok = self.toks[self.pos];
            match tok.kind {
                Tok::LBracket if self.kind_at(self.pos + 1) == Tok::RBracket => {
                    self.pos += 2;
                    let span = t.span.to(sp(self.toks[self.pos - 1]));
                    t = TypeExpr {
                        kind: TypeKind::Array(Box::new(t)),
                        span,
                    };
                }
                Tok::LBracket
                    if matches!(self.kind_at(self.pos + 1), Tok::Int | Tok::Star)
                        && matches!(
                            t.kind,
                            TypeKind::Ref(_) | TypeKind::ResourceDerived { .. }
                        ) =>
                {
                    self.pos += 2;
                    let close = self.expect(Tok::RBracket, "']'")?;
                    let span = t.span.to(sp(close));
                    t = TypeExpr {
                        kind: TypeKind::Ref(span.slice(self.src).to_string()),
                        span,
                    };
                }
                Tok::Question => {
                    self.pos += 1;
                    let span = t.span.to(sp(tok));
                    t = TypeExpr {
                        kind: TypeKind::Nullable(Box::new(t)),
                        span,
                    };
                }
                Tok::Bang => {
                    // Non-null assertion on a type: same type for our purposes.
                    self.pos += 1;
                    t.span = t.span.to(sp(tok));
                }
                Tok::Dot
                    if matches!(&t.kind, TypeKind::Ref(r) if r == "sys")
                        && matches!(self.kind_at(self.pos + 2), Tok::Lt) =>
                {
                    self.pos += 1;
                    let derived = self.primary_type()?;
                    let span = t.span.to(derived.span);
                    t = TypeExpr {
                        kind: derived.kind,
                        span,
                    };
                }
                Tok::Dot
                    if matches!(t.kind, TypeKind::Ref(_) | TypeKind::ResourceDerived { .. }) =>
                {
                    self.pos += 1;
                    let n = self.cur();
                    if !matches!(n.kind, Tok::Ident | Tok::Star) {
                        self.expected("a type member name");
                        return Err(());
                    }
                    self.bump();
                    let span = t.span.to(sp(n));
                    t = TypeExpr {
                        kind: TypeKind::Ref(span.slice(self.src).to_string()),
                        span,
                    };
                }
                _ => return Ok(t),
            }
        }
    }

    fn primary_type(&mut self) -> PResult<TypeExpr> {
        let t = self.cur();
        match t.kind {
            Tok::Ident => {
                let text = self.text(t);
                self.bump();
                if (text == "resourceInput" || text == "resourceOutput")
                    && self.toks[self.pos].kind == Tok::Lt
                {
                    self.bump();
                    let (ts, close) = self.with_nl(true, |p| -> PResult<(Expr, Token)> {
                        let ts = p.string_expr("a resource type string")?;
                        let close = p.expect(Tok::Gt, "'>'")?;
                        Ok((ts, close))
                    })?;
                    return Ok(TypeExpr {
                        kind: TypeKind::ResourceDerived {
                            output: text == "resourceOutput",
                            type_string: Box::new(ts),
                        },
                        span: sp(t).to(sp(close)),
                    });
                }
                let kind = match text {
                    "true" => TypeKind::Literal(Expr {
                        kind: ExprKind::Bool(true),
                        span: sp(t),
                    }),
                    "false" => TypeKind::Literal(Expr {
                        kind: ExprKind::Bool(false),
                        span: sp(t),
                    }),
                    "null" => TypeKind::Literal(Expr {
                        kind: ExprKind::Null,
                        span: sp(t),
                    }),
                    _ => TypeKind::Ref(text.to_string()),
                };
                Ok(TypeExpr { kind, span: sp(t) })
            }
            Tok::Str | Tok::MlStr | Tok::StrLeft | Tok::MlLeft => {
                let e = self.string()?;
                Ok(TypeExpr {
                    span: e.span,
                    kind: TypeKind::Literal(e),
                })
            }
            Tok::Int => {
                self.bump();
                Ok(TypeExpr {
                    kind: TypeKind::Literal(Expr {
                        kind: ExprKind::Int(self.text(t).to_string()),
                        span: sp(t),
                    }),
                    span: sp(t),
                })
            }
            Tok::Minus | Tok::Bang | Tok::Plus => {
                let e = self.unary()?;
                Ok(TypeExpr {
                    span: e.span,
                    kind: TypeKind::Literal(e),
                })
            }
            Tok::LParen => {
                self.bump();
                self.with_nl(true, |p| {
                    let inner = p.type_expr()?;
                    let close = p.expect(Tok::RParen, "')'")?;
                    Ok(TypeExpr {
                        span: sp(t).to(sp(close)),
                        kind: inner.kind,
                    })
                })
            }
            Tok::LBrace => self.object_type(),
            Tok::LBracket => self.tuple_type(),
            _ => {
                self.expected("a type");
                Err(())
            }
        }
    }

    fn object_type(&mut self) -> PResult<TypeExpr> {
        let open = self.bump();
        self.enter()?;
        let r = self.with_nl(false, |p| {
            let mut props = Vec::new();
            loop {
                while matches!(p.toks[p.pos].kind, Tok::NewLine | Tok::Comma) {
                    p.pos += 1;
                }
                match p.toks[p.pos].kind {
                    Tok::RBrace => {
                        let close = p.bump();
                        return Ok(TypeExpr {
                            kind: TypeKind::Object(props),
                            span: sp(open).to(sp(close)),
                        });
                    }
                    Tok::Eof => {
                        p.error("expected '}' to close this object type", sp(open));
                        return Err(());
                    }
                    _ => {}
                }
                if p.unclosed_container(open, "}") {
                    return Err(());
                }
                let before = p.pos;
                match p.type_property() {
                    Ok(prop) => props.push(prop),
                    Err(()) => p.recover_item(),
                }
                if p.pos == before {
                    p.pos += 1;
                }
            }
        });
        self.leave();
        r
    }

    fn type_property(&mut self) -> PResult<TypeProperty> {
        let start = self.cur().start;
        let decorators = self.decorators();
        let t = self.cur();
        let name = match t.kind {
            Tok::Ident => Some(self.text(t).to_string()),
            Tok::Str | Tok::MlStr => Some(self.piece(t)),
            Tok::Star => None,
            _ => {
                self.expected("a property name");
                return Err(());
            }
        };
        self.bump();
        self.expect(Tok::Colon, "':'")?;
        let ty = self.type_expr()?;
        let span = Sp::new(start, ty.span.end);
        Ok(TypeProperty {
            decorators,
            name,
            ty,
            span,
        })
    }

    fn tuple_type(&mut self) -> PResult<TypeExpr> {
        let open = self.bump();
        self.enter()?;
        let r = self.with_nl(false, |p| {
            let mut items = Vec::new();
            loop {
                while matches!(p.toks[p.pos].kind, Tok::NewLine | Tok::Comma) {
                    p.pos += 1;
                }
                match p.toks[p.pos].kind {
                    Tok::RBracket => {
                        let close = p.bump();
                        return Ok(TypeExpr {
                            kind: TypeKind::Tuple(items),
                            span: sp(open).to(sp(close)),
                        });
                    }
                    Tok::Eof => {
                        p.error("expected ']' to close this tuple type", sp(open));
                        return Err(());
                    }
                    _ => {}
                }
                if p.unclosed_container(open, "]") {
                    return Err(());
                }
                let before = p.pos;
                let _decorators = p.decorators();
                match p.type_expr() {
                    Ok(t) => items.push(t),
                    Err(()) => p.recover_item(),
                }
                if p.pos == before {
                    p.pos += 1;
                }
            }
        });
        self.leave();
        r
    }
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
