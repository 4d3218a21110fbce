//! Bicep syntax tree. Every node carries a byte span (`start..end`) into the source text.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sp {
    pub start: u32,
    pub end: u32,
}

impl Sp {
    pub fn new(start: u32, end: u32) -> Self {
        Sp {
            start,
            end: end.max(start),
        }
    }
    pub fn to(self, other: Sp) -> Sp {
        Sp::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn slice(self, src: &str) -> &str {
        src.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Sp,
}

#[derive(Clone, Debug, Default)]
pub struct Program {
    pub statements: Vec<Statement>,
}

#[derive(Clone, Debug)]
pub struct Decorator {
    pub expr: Expr,
    pub span: Sp,
}

impl Decorator {
    /// The decorator's function name (`secure` for `@secure()` and `@sys.secure()`).
    pub fn name(&self) -> Option<&str> {
        match &self.expr.kind {
            ExprKind::Call { name, .. } => Some(&name.name),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub decorators: Vec<Decorator>,
    pub kind: StmtKind,
    pub span: Sp,
}

impl Statement {
    pub fn has_decorator(&self, name: &str) -> bool {
        self.decorators
            .iter()
            .any(|d| d.name().is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }
}

#[derive(Clone, Debug)]
pub enum ImportTarget {
    Symbols(Vec<(Ident, Option<Ident>)>),
    Wildcard(Option<Ident>),
    /// Legacy `import 'az@1.0.0' with {…} as x` (now `extension`).
    Legacy(Expr),
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    TargetScope(Expr),
    Metadata {
        name: Ident,
        value: Expr,
    },
    Extension {
        spec: Expr,
        config: Option<Expr>,
        alias: Option<Ident>,
    },
    Import {
        target: ImportTarget,
        from: Option<Expr>,
    },
    Param {
        name: Ident,
        ty: Option<TypeExpr>,
        resource_type: Option<Expr>,
        default: Option<Expr>,
    },
    /// `.bicepparam`: `param x = value`.
    ParamAssign {
        name: Ident,
        value: Expr,
    },
    Using {
        path: Option<Expr>,
        config: Option<Expr>,
    },
    Extends {
        path: Expr,
    },
    Type {
        name: Ident,
        ty: TypeExpr,
    },
    Var {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    Resource(ResourceDecl),
    Module {
        keyword: Sp,
        name: Ident,
        path: Expr,
        value: Expr,
    },
    Test {
        name: Ident,
        path: Expr,
        value: Expr,
    },
    Assert {
        name: Ident,
        value: Expr,
    },
    Output {
        name: Ident,
        ty: Option<TypeExpr>,
        resource_type: Option<Expr>,
        value: Expr,
    },
    Func {
        name: Ident,
        params: Vec<(Ident, TypeExpr)>,
        ret: Option<TypeExpr>,
        body: Expr,
    },
    /// A statement that could not be parsed (already reported).
    Error,
}

#[derive(Clone, Debug)]
pub struct ResourceDecl {
    /// The `resource` keyword.
    pub keyword: Sp,
    pub name: Ident,
    pub type_string: Expr,
    pub existing: bool,
    /// An object, `if (…) {…}` or `[for …: …]`.
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Sp,
}

/// Dropped without recursion. Operator and access chains are left-deep and each nesting
/// level may hold its own chain (`((… + 1 + 1) + 1 + 1)`): the parser bounds nesting and each
/// chain's length, not their product, so a tree can be tens of thousands of levels deep, and
/// the derived (recursive) drop overflowed a 2 MiB worker stack. Everything else that walks
/// expressions is bounded by depth (lowering gives up past `MAX_DEPTH`).
impl Drop for Expr {
    fn drop(&mut self) {
        if !self.kind.has_expr_children() {
            return;
        }
        let mut stack = Vec::new();
        self.kind.take_children(&mut stack);
        while let Some(mut e) = stack.pop() {
            // Children are moved out before `e` drops, so each drop here is shallow.
            e.kind.take_children(&mut stack);
        }
    }
}

impl ExprKind {
    fn has_expr_children(&self) -> bool {
        !matches!(
            self,
            ExprKind::Ident(_)
                | ExprKind::Int(_)
                | ExprKind::Bool(_)
                | ExprKind::Null
                | ExprKind::Error
        )
    }

    /// Move the expressions this one holds directly onto `out` (leaving empty ones behind).
    /// Child resource statements inside objects keep their normal drop: their nesting is
    /// bounded by the parser's `MAX_DEPTH`.
    fn take_children(&mut self, out: &mut Vec<Expr>) {
        let moved = |e: &mut Expr| std::mem::replace(e, Expr::leaf());
        let mut take = |b: &mut Box<Expr>| out.push(moved(b));
        match self {
            ExprKind::Ident(_)
            | ExprKind::Int(_)
            | ExprKind::Bool(_)
            | ExprKind::Null
            | ExprKind::Error => {}
            ExprKind::Unary(_, a)
            | ExprKind::NonNull(a)
            | ExprKind::Paren(a)
            | ExprKind::Member { object: a, .. }
            | ExprKind::Child { object: a, .. }
            | ExprKind::Lambda { body: a, .. } => take(a),
            ExprKind::Binary(_, a, b)
            | ExprKind::Index {
                object: a,
                index: b,
                ..
            }
            | ExprKind::For {
                iterable: a,
                body: b,
                ..
            }
            | ExprKind::If { cond: a, body: b } => {
                take(a);
                take(b);
            }
            ExprKind::Ternary(a, b, c) => {
                take(a);
                take(b);
                take(c);
            }
            ExprKind::Call { receiver, args, .. } => {
                if let Some(r) = receiver {
                    take(r);
                }
                out.append(args);
            }
            ExprKind::String(parts) => {
                for part in parts.drain(..) {
                    if let StrPart::Hole(e) = part {
                        out.push(e);
                    }
                }
            }
            ExprKind::Array(items) => out.extend(items.drain(..).map(|i| match i {
                ArrayItem::Item(e) | ArrayItem::Spread(e) => e,
            })),
            ExprKind::Object(items) => {
                for item in items.iter_mut() {
                    match item {
                        ObjectItem::Property { key, value } => {
                            if let Some(k) = &mut key.expr {
                                out.push(moved(k));
                            }
                            out.push(moved(value));
                        }
                        ObjectItem::Spread(e) => out.push(moved(e)),
                        ObjectItem::Resource(_) => {}
                    }
                }
            }
        }
    }
}

impl Expr {
    /// A childless placeholder, left behind where a child was moved out.
    fn leaf() -> Expr {
        Expr {
            kind: ExprKind::Null,
            span: Sp::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Coalesce,
    Or,
    And,
    Eq,
    NotEq,
    EqI,
    NotEqI,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Not,
    Neg,
    Plus,
}

#[derive(Clone, Debug)]
pub enum StrPart {
    /// Decoded literal text.
    Lit(String),
    Hole(Expr),
}

#[derive(Clone, Debug)]
pub enum ObjectItem {
    Property {
        key: ObjectKey,
        value: Expr,
    },
    Spread(Expr),
    /// A child resource declared inside its parent's body.
    Resource(Box<Statement>),
}

#[derive(Clone, Debug)]
pub struct ObjectKey {
    /// An identifier or a literal string key; `None` for an interpolated key.
    pub text: Option<String>,
    /// The key expression for interpolated keys.
    pub expr: Option<Box<Expr>>,
    pub span: Sp,
}

#[derive(Clone, Debug)]
pub enum ArrayItem {
    Item(Expr),
    Spread(Expr),
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Ident(String),
    Int(String),
    Bool(bool),
    Null,
    String(Vec<StrPart>),
    Array(Vec<ArrayItem>),
    Object(Vec<ObjectItem>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `f(args)` or `receiver.f(args)` (receiver may be a namespace like `sys` or `az`).
    Call {
        receiver: Option<Box<Expr>>,
        name: Ident,
        args: Vec<Expr>,
    },
    Member {
        object: Box<Expr>,
        name: Ident,
        safe: bool,
    },
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
        safe: bool,
        from_end: bool,
    },
    /// `parent::child`
    Child {
        object: Box<Expr>,
        name: Ident,
    },
    NonNull(Box<Expr>),
    Paren(Box<Expr>),
    Lambda {
        params: Vec<Ident>,
        body: Box<Expr>,
    },
    For {
        item: Option<Ident>,
        index: Option<Ident>,
        iterable: Box<Expr>,
        body: Box<Expr>,
    },
    If {
        cond: Box<Expr>,
        body: Box<Expr>,
    },
    /// Unparseable input (already reported).
    Error,
}

#[derive(Clone, Debug)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub span: Sp,
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    /// `string`, `sys.string`, `myType`, `ns.myType.prop`, `T[0]`, `T.*` — kept as written.
    Ref(String),
    /// A literal type (`'a'`, `1`, `-1`, `true`, `null`).
    Literal(Expr),
    Union(Vec<TypeExpr>),
    Array(Box<TypeExpr>),
    Nullable(Box<TypeExpr>),
    Object(Vec<TypeProperty>),
    Tuple(Vec<TypeExpr>),
    /// `resourceInput<'…'>` / `resourceOutput<'…'>`.
    ResourceDerived {
        output: bool,
        type_string: Box<Expr>,
    },
    Error,
}

#[derive(Clone, Debug)]
pub struct TypeProperty {
    pub decorators: Vec<Decorator>,
    /// `None` for `*:` (additional properties).
    pub name: Option<String>,
    pub ty: TypeExpr,
    pub span: Sp,
}
