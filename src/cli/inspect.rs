//! `azlint inspect`: the model the rules see, as JSON, secrets masked.

use std::path::PathBuf;

use super::{current_dir, relative_error, write_stdout};
use crate::engine::{absolute, Engine, Input, Options};

pub(super) fn run(paths: &[PathBuf], root: Option<PathBuf>) -> Result<i32, String> {
    let cwd = current_dir()?;
    let opts = Options {
        root,
        lint_compiled_bicep: Some(true),
        ..Options::default()
    };
    let engine = Engine::new(&opts, &cwd, paths.first().map(PathBuf::as_path))
        .map_err(|e| relative_error(e.to_string(), &cwd))?;
    let input = Input {
        paths: paths.iter().map(|p| absolute(&cwd, p)).collect(),
        ..Input::default()
    };
    let docs = engine
        .documents(&input)
        .map_err(|e| relative_error(e.to_string(), &cwd))?;
    let mut values = Vec::with_capacity(docs.len());
    for doc in &docs {
        let mut v = serde_json::to_value(doc).map_err(|e| e.to_string())?;
        add_positions(&mut v, doc);
        values.push(v);
    }
    let json = serde_json::to_string_pretty(&values).map_err(|e| e.to_string())?;
    write_stdout(&format!("{json}\n"));
    Ok(0)
}

/// `inspect` output: every span (`{file, start, end}` byte offsets) also gets the 1-based
/// `path`, `line` and `column` it stands for, so the dump can be read without counting bytes.
fn add_positions(v: &mut serde_json::Value, doc: &crate::model::Document) {
    match v {
        serde_json::Value::Object(map) => {
            let span = match (map.get("file"), map.get("start"), map.get("end")) {
                (Some(f), Some(s), Some(e)) if map.len() == 3 => {
                    f.as_u64().zip(s.as_u64()).zip(e.as_u64())
                }
                _ => None,
            };
            if let Some(((file, start), _)) = span {
                let id = u32::try_from(file).unwrap_or(0);
                let src = doc.file(crate::source::Span::new(id, 0, 0));
                let (line, column) = src.line_col(start as u32);
                // File ids depend on the order files were read: show the index of the file
                // in the document's list instead, so the output is deterministic.
                let index = doc.files.iter().position(|f| f.id == src.id).unwrap_or(0);
                map.insert("file".into(), index.into());
                map.insert("path".into(), src.display_path.clone().into());
                map.insert("line".into(), line.into());
                map.insert("column".into(), column.into());
                return;
            }
            for child in map.values_mut() {
                add_positions(child, doc);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                add_positions(item, doc);
            }
        }
        _ => {}
    }
}
