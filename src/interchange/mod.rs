//! Documents in and out: the founder's Markdown roadmap and the export formats.

pub mod blocks;
pub mod calendar;
pub mod corrections;
pub mod csv;
pub mod decode;
pub mod export_md;
pub mod format;
pub mod json;
pub mod lexicon;
pub mod markdown;
pub mod mermaid;
pub mod mirror;
pub mod output;
pub mod own;
pub mod publish;
pub mod report;
pub mod words;

use std::path::Path;

use chrono::NaiveDate;

/// Reads a roadmap document: JSON (by extension or content) or Markdown,
/// decoded (byte-order marks, UTF-16; binary refused), its text made fit
/// for its fields and the whole checked by `Roadmap::validate`, so what
/// comes back can be stored. The file's stem names the roadmap when the
/// document does not.
pub fn read_document(path: &Path, today: NaiveDate) -> Result<markdown::Imported, String> {
    let text = read_source(path)?;
    read_source_text(path, &text, today)
}

/// The text of the document at `path`, decoded (byte-order marks,
/// UTF-16; binary refused).
pub fn read_source(path: &Path) -> Result<String, String> {
    let bytes = read_capped(path)?;
    decode::decode(&bytes)
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// `read_document` of a text already read from `path`.
pub fn read_source_text(
    path: &Path,
    text: &str,
    today: NaiveDate,
) -> Result<markdown::Imported, String> {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let name = path.file_stem().map_or("Imported roadmap".into(), |s| {
        s.to_string_lossy().into_owned()
    });
    read_text(text, json, &name, today).map_err(|error| match error {
        ReadError::NoRoadmap => format!(
            "found no roadmap in {}: no phases or features (nothing written)",
            path.display()
        ),
        ReadError::Invalid(message) => format!("{}: {message}", path.display()),
    })
}

/// The largest document an import reads: far above any roadmap (the
/// export of 100,000 features is about 30 MB), far below what would
/// exhaust memory. `/dev/zero` or a runaway file stops here.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of the file at `path`, refused past `MAX_DOCUMENT_BYTES`
/// (counted while reading, so a device or a pipe that never ends is
/// stopped too).
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "{} is larger than {} MB, the most a roadmap document may be: nothing read",
            path.display(),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Why a document gives nothing to store.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// A founder's Markdown with no phases or features (or a change log).
    NoRoadmap,
    /// What is wrong, and where.
    Invalid(String),
}

/// Reads a decoded document (`read_document` without the file): JSON when
/// `json` or when it looks like JSON, roadboard's own format by its
/// marker, otherwise a founder's Markdown.
pub fn read_text(
    text: &str,
    json: bool,
    name: &str,
    today: NaiveDate,
) -> Result<markdown::Imported, ReadError> {
    let invalid = |message: String| ReadError::Invalid(message);
    let imported = if json || text.trim_start().starts_with('{') {
        let document = json::import_json(text).map_err(|e| invalid(e.to_string()))?;
        markdown::Imported {
            roadmap: document.roadmap,
            log: document.change_log,
            report: report::Report::default(),
            written: Some(Default::default()),
        }
    } else if own::is_own(text) {
        let document = own::read::read_own(text, today).map_err(|e| invalid(e.to_string()))?;
        markdown::Imported {
            roadmap: document.roadmap,
            log: document.log,
            report: document.report,
            written: Some(document.written),
        }
    } else {
        let mut imported = markdown::import_markdown(text, name, today);
        imported.roadmap.normalize_text();
        let roadmap = &imported.roadmap;
        let changelog = lexicon::is_changelog(
            &roadmap.info.name,
            roadmap.phases.iter().map(|p| p.name.as_str()),
        );
        let empty = roadmap.phases.is_empty() && roadmap.features.is_empty();
        if changelog || empty || !imported.report.shows_a_plan {
            return Err(ReadError::NoRoadmap);
        }
        imported
    };
    let problems = imported.roadmap.validate();
    if !problems.is_empty() {
        return Err(invalid(format!(
            "nothing imported: {}",
            crate::domain::validate::describe(&problems)
        )));
    }
    Ok(imported)
}
