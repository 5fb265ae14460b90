//! Documents in and out: the founder's Markdown roadmap and the export formats.

pub mod blocks;
pub mod csv;
pub mod export_md;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod mirror;
pub mod output;
pub mod report;
pub mod words;

use std::path::Path;

use chrono::NaiveDate;

/// Reads a roadmap document: JSON (by extension or content) or Markdown.
/// The file's stem names the roadmap when the document does not.
pub fn read_document(path: &Path, today: NaiveDate) -> Result<markdown::Imported, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{');
    if is_json {
        let document = json::import_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(markdown::Imported {
            roadmap: document.roadmap,
            log: document.change_log,
            report: report::Report::default(),
        });
    }
    let name = path.file_stem().map_or("Imported roadmap".into(), |s| {
        s.to_string_lossy().into_owned()
    });
    Ok(markdown::import_markdown(&text, &name, today))
}
