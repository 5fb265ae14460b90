//! The full-fidelity format: every entity and the change log, with a
//! format version, so `import FILE.json` restores a roadmap exactly.

use serde::{Deserialize, Serialize};

use crate::domain::{ChangeEntry, Roadmap};

/// Bumped when the JSON shape changes incompatibly.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format_version: u32,
    pub roadmap: Roadmap,
    /// Newest first, as the log shows it.
    pub change_log: Vec<ChangeEntry>,
}

pub fn export_json(roadmap: &Roadmap, change_log: &[ChangeEntry]) -> String {
    let document = Document {
        format_version: FORMAT_VERSION,
        roadmap: roadmap.clone(),
        change_log: change_log.to_vec(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the roadmap is plain data");
    text.push('\n');
    text
}

/// Reads a JSON export; the error names the line and column.
pub fn import_json(text: &str) -> Result<Document, String> {
    let document: Document = serde_json::from_str(text)
        .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
    if document.format_version > FORMAT_VERSION {
        return Err(format!(
            "format version {} is newer than this roadboard reads ({FORMAT_VERSION}); upgrade roadboard",
            document.format_version
        ));
    }
    Ok(document)
}
