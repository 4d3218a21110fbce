//! Parser tests: one small snippet per production, then error recovery and limits.

use super::parse;
use crate::frontend::bicep::ast::*;

fn ok(src: &str) -> Program {
    let (p, errors) = parse(src);
    assert!(
        errors.is_empty(),
        "unexpected errors for {src:?}: {errors:?}"
    );
    p
}

fn kinds(p: &Program) -> Vec<&'static str> {
    p.statements
        .iter()
        .map(|s| match &s.kind {
            StmtKind::TargetScope(_) => "targetScope",
            StmtKind::Metadata { .. } => "metadata",
            StmtKind::Extension { .. } => "extension",
            StmtKind::Import { .. } => "import",
            StmtKind::Param { .. } => "param",
            StmtKind::ParamAssign { .. } => "param=",
            StmtKind::Using { .. } => "using",
            StmtKind::Extends { .. } => "extends",
            StmtKind::Type { .. } => "type",
            StmtKind::Var { .. } => "var",
            StmtKind::Resource(_) => "resource",
            StmtKind::Module { .. } => "module",
            StmtKind::Test { .. } => "test",
            StmtKind::Assert { .. } => "assert",
            StmtKind::Output { .. } => "output",
            StmtKind::Func { .. } => "func",
            StmtKind::Error => "error",
        })
        .collect()
}

fn var_value(p: &Program, i: usize) -> &Expr {
    match &p.statements[i].kind {
        StmtKind::Var { value, .. } => value,
        other => panic!("not a var: {other:?}"),
    }
}

#[test]
fn every_declaration_kind() {
    let src = "targetScope = 'subscription'
metadata info = { a: 1 }
extension microsoftGraph
extension 'br:mcr.microsoft.com/bicep/extensions/kubernetes:1.0' with { ns: 'x' } as k8s
import { a, b as c } from './types.bicep'
import * as t from './types.bicep'
@secure()
param pw string
param st resource 'Microsoft.Storage/storageAccounts@2023-01-01'
type t2 = 'a' | 'b'
var v string = 'x'
var w = 1
resource r 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'x'
}
module m './m.bicep' = {
  name: 'm'
}
test t3 'main.bicep' = {
  params: {}
}
assert ok = true
output o string = v
output res resource 'Microsoft.Storage/storageAccounts@2023-01-01' = r
func add(a int, b int) int => a + b
";
    let p = ok(src);
    assert_eq!(
        kinds(&p),
        vec![
            "targetScope",
            "metadata",
            "extension",
            "extension",
            "import",
            "import",
            "param",
            "param",
            "type",
            "var",
            "var",
            "resource",
            "module",
            "test",
            "assert",
            "output",
            "output",
            "func"
        ]
    );
    assert!(p.statements[6].has_decorator("secure"));
    let StmtKind::Resource(r) = &p.statements[11].kind else {
        panic!()
    };
    assert!(r.existing);
}

#[test]
fn bicepparam_statements() {
    let p = ok("using './main.bicep'\nextends './base.bicepparam'\nparam a = 'x'\nparam b = az.getSecret('s', 'rg', 'kv', 'n')\nusing none\n");
    assert_eq!(
        kinds(&p),
        vec!["using", "extends", "param=", "param=", "using"]
    );
}

#[test]
fn resource_forms() {
    let p = ok("resource a 'T@1' = if (cond) {
  name: 'a'
}
resource b 'T@1' = [for (x, i) in range(0, 3): {
  name: 'b${i}'
}]
resource c 'T@1' = [for x in xs: if (x.on) {
  name: x.name
}]
resource p 'Microsoft.Network/virtualNetworks@2023-01-01' = {
  name: 'vnet'
  resource sub 'subnets' = {
    name: 's'
  }
}
var id = p::sub.id
");
    assert_eq!(
        kinds(&p),
        vec!["resource", "resource", "resource", "resource", "var"]
    );
    let StmtKind::Resource(parent) = &p.statements[3].kind else {
        panic!()
    };
    let ExprKind::Object(items) = &parent.value.kind else {
        panic!()
    };
    assert!(items.iter().any(|i| matches!(i, ObjectItem::Resource(_))));
    assert!(matches!(var_value(&p, 4).kind, ExprKind::Member { .. }));
}

#[test]
fn module_sources() {
    let p = ok("module a 'br:contoso.azurecr.io/bicep/m:v1' = {\n  name: 'a'\n}\nmodule b 'br/public:avm/res/x:0.1.0' = if (on) {\n  name: 'b'\n}\nmodule c 'ts:sub/rg/spec:1.0' = [for i in range(0, 2): {\n  name: 'c${i}'\n}]\n");
    assert_eq!(kinds(&p), vec!["module", "module", "module"]);
}

#[test]
fn operators_and_member_forms() {
    let p = ok("var a = x.?y ?? z[?0] ?? w[^1] ?? v[?^2]
var b = !c && d || e == f != g =~ h !~ i
var c2 = 1 + 2 * 3 - 4 / 5 % 6 < 7 ? -1 : +2
var d = foo!.bar
var e = sys.concat('a', 'b')
var f = map(xs, x => x.name)
var g = reduce(xs, 0, (acc, x) => acc + x)
var h = { ...base, extra: [...list, 1] }
var i = (1 + 2)
");
    assert_eq!(p.statements.len(), 9);
    assert!(matches!(
        var_value(&p, 0).kind,
        ExprKind::Binary(BinOp::Coalesce, _, _)
    ));
    assert!(matches!(var_value(&p, 2).kind, ExprKind::Ternary(..)));
    assert!(matches!(var_value(&p, 3).kind, ExprKind::Member { .. }));
    let ExprKind::Call { args, .. } = &var_value(&p, 5).kind else {
        panic!()
    };
    assert!(matches!(args[1].kind, ExprKind::Lambda { .. }));
    let ExprKind::Object(items) = &var_value(&p, 7).kind else {
        panic!()
    };
    assert!(matches!(items[0], ObjectItem::Spread(_)));
}

#[test]
fn strings_and_interpolation() {
    let src = "var a = 'it\\'s ${x} and ${ {k: 'v'}.k }\\n'\nvar b = '''\nraw ${not}\n'''\nvar c = $$'''x ${y} $${z}'''\n";
    let p = ok(src);
    let ExprKind::String(parts) = &var_value(&p, 0).kind else {
        panic!()
    };
    assert_eq!(parts.len(), 5);
    assert!(matches!(&parts[0], StrPart::Lit(s) if s == "it's "));
    assert!(matches!(&parts[4], StrPart::Lit(s) if s == "\n"));
    let ExprKind::String(parts) = &var_value(&p, 1).kind else {
        panic!()
    };
    assert!(matches!(&parts[..], [StrPart::Lit(s)] if s == "raw ${not}\n"));
    let ExprKind::String(parts) = &var_value(&p, 2).kind else {
        panic!()
    };
    assert_eq!(parts.len(), 3);
}

#[test]
fn types() {
    let p = ok("type a = string[]
type b = string?
type c = {
  @description('x')
  name: string
  *: int
}
type d = [string, int]
type e = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>.properties
type f =
  | 'x'
  | 'y'
type g = (a | b)!
type h = sys.resourceOutput<'T@1'>.name
param p int[] = [1]
");
    assert_eq!(p.statements.len(), 9);
    let StmtKind::Type { ty, .. } = &p.statements[5].kind else {
        panic!()
    };
    assert!(matches!(&ty.kind, TypeKind::Union(m) if m.len() == 2));
}

#[test]
fn newline_sensitivity() {
    let p = ok("var a = concat(\n  'a',\n  'b'\n)\nvar b = ['a', 'b'\n'c']\nvar c = { a: 1, b: 2\nc: 3 }\nvar d = cond\n  ? 1\n  : 2\n");
    assert_eq!(p.statements.len(), 4);
    let ExprKind::Array(items) = &var_value(&p, 1).kind else {
        panic!()
    };
    assert_eq!(items.len(), 3);
}

#[test]
fn decorators_with_namespaces_and_pragmas() {
    let p = ok("#disable-next-line no-unused-params\n@sys.secure()\n@sys.description('d')\nparam a string\n#disable-diagnostics x\n#restore-diagnostics x\n");
    assert!(p.statements[0].has_decorator("secure"));
    assert_eq!(p.statements[0].decorators.len(), 2);
}

#[test]
fn crlf_and_bom() {
    let p = ok("\u{feff}param a string\r\n\r\nvar b = {\r\n  c: a\r\n}\r\n");
    assert_eq!(kinds(&p), vec!["param", "var"]);
}

#[test]
fn spans_cover_the_source() {
    let src = "var x = foo.bar[0]\n";
    let p = ok(src);
    assert_eq!(var_value(&p, 0).span.slice(src), "foo.bar[0]");
    assert_eq!(p.statements[0].span.slice(src), "var x = foo.bar[0]");
}

// ----- error recovery ---------------------------------------------------------------------

#[test]
fn broken_property_keeps_its_siblings() {
    let src = "resource a 'T@1' = {\n  name: 'a'\n  broken: ]\n  properties: {\n    x: 1\n  }\n}\n";
    let (p, errors) = parse(src);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let StmtKind::Resource(r) = &p.statements[0].kind else {
        panic!()
    };
    let ExprKind::Object(items) = &r.value.kind else {
        panic!()
    };
    let keys: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            ObjectItem::Property { key, .. } => key.text.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(keys, vec!["name", "properties"]);
    assert_eq!(errors[0].start as usize, src.find(']').unwrap());
}

#[test]
fn broken_statement_keeps_the_next_resource() {
    let src = "param = oops\nresource b 'T@1' = {\n  name: 'b'\n}\n";
    let (p, errors) = parse(src);
    assert_eq!(errors.len(), 1);
    assert_eq!(kinds(&p), vec!["error", "resource"]);
}

#[test]
fn unclosed_object_stops_at_the_next_declaration() {
    let src =
        "resource a 'T@1' = {\n  name: 'a'\n  props: {\n\nresource b 'T@1' = {\n  name: 'b'\n}\n";
    let (p, errors) = parse(src);
    assert!(!errors.is_empty());
    assert_eq!(kinds(&p), vec!["resource", "resource"]);
}

#[test]
fn unknown_keyword_is_one_error() {
    let (p, errors) = parse("foo bar = 1\nvar a = 1\n");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("declaration keyword"),
        "{}",
        errors[0].message
    );
    assert_eq!(kinds(&p), vec!["error", "var"]);
}

#[test]
fn trailing_garbage_after_a_declaration() {
    let (p, errors) = parse("var a = 1 2\nvar b = 2\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(kinds(&p), vec!["var", "var"]);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let src = format!("var a = {}", "[".repeat(100_000));
    let (_, errors) = parse(&src);
    assert!(errors.iter().any(|e| e.message.contains("nesting")));
    let src = format!("var a = {}1", "!".repeat(100_000));
    let (_, errors) = parse(&src);
    assert!(!errors.is_empty());
    let src = format!("var a = 1{}", " + 1".repeat(100_000));
    let (_, errors) = parse(&src);
    assert!(!errors.is_empty());
    let src = format!("var a = x{}", ".y".repeat(100_000));
    let (_, errors) = parse(&src);
    assert!(!errors.is_empty());
}

#[test]
fn messages_never_quote_string_or_number_contents() {
    let (_, errors) =
        parse("var a = {\n  password: 'Hunter2Secret' 'Another1Secret'\n  pin: 1234 5678\n}\n");
    assert_eq!(errors.len(), 2, "{errors:?}");
    for e in &errors {
        assert!(
            !e.message.contains("Secret") && !e.message.contains("5678"),
            "{}",
            e.message
        );
    }
}

#[test]
fn error_messages_name_token_kinds_never_source_text() {
    // Issue 13, D12: `describe` quoted up to 40 characters of the offending identifier, so a
    // secret fragment glued to a literal reached SARIF, annotations and the editor.
    let src = "@secure()\nparam adminPassword string = Sup3rLEAK51x\nparam p2 string = 'abc' LEAK52tailToken\nvar v = {\n  a: 'x'LEAK53glued\n  b: LEAK54%bad\n  c: 'y' 12345LEAK55\n  d: 'z' 'LEAK56str'\n}\nvar w = (1 LEAK57paren)\nLEAK58statement\nvar é = 1\n";
    let (_, errors) = parse(src);
    assert!(errors.len() >= 6, "{errors:?}");
    for e in &errors {
        assert!(
            !e.message.contains("LEAK") && !e.message.contains("Sup3r") && !e.message.contains('é'),
            "{}",
            e.message
        );
    }
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.ends_with("found an identifier")),
        "{messages:?}"
    );
    // Keywords and punctuation are fixed words, still named.
    let (_, errors) = parse("param p string = 1 var\nvar x = [1 }\n");
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("found the keyword 'var'")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.ends_with("found '}'")),
        "{messages:?}"
    );
}
