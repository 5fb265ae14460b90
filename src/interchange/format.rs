//! The document formats a roadmap is written in, and which one a file's
//! extension asks for: one choice for the CLI's `export` and the board's.

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::{ChangeEntry, Roadmap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// Markdown in the template shape (re-importable).
    Markdown,
    /// A Mermaid gantt block.
    Mermaid,
    /// Every entity and the change log (re-importable exactly).
    Json,
    /// Features, one row each.
    Csv,
}

impl DocumentFormat {
    /// The format a path's extension names; no extension is Markdown.
    pub fn of_path(path: &Path) -> Result<Self, String> {
        let Some(extension) = path.extension() else {
            return Ok(DocumentFormat::Markdown);
        };
        match extension.to_string_lossy().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(DocumentFormat::Markdown),
            "mmd" | "mermaid" => Ok(DocumentFormat::Mermaid),
            "json" => Ok(DocumentFormat::Json),
            "csv" => Ok(DocumentFormat::Csv),
            other => Err(format!(
                "no export format for `.{other}` (use .md, .json, .csv or .mmd)"
            )),
        }
    }

    /// The roadmap written in this format (`log`: the change log to
    /// include, where the format holds one).
    pub fn render(
        self,
        roadmap: &Roadmap,
        log: &[ChangeEntry],
        today: NaiveDate,
        velocity_days: i64,
    ) -> String {
        match self {
            DocumentFormat::Markdown => super::export_md::export_markdown(roadmap, log),
            DocumentFormat::Mermaid => {
                super::mermaid::export_mermaid(roadmap, today, velocity_days)
            }
            DocumentFormat::Json => super::json::export_json(roadmap, log),
            DocumentFormat::Csv => super::csv::export_csv(roadmap),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_names_the_format() {
        let of = |p: &str| DocumentFormat::of_path(Path::new(p));
        assert_eq!(of("plan.md"), Ok(DocumentFormat::Markdown));
        assert_eq!(of("plan"), Ok(DocumentFormat::Markdown));
        assert_eq!(of("PLAN.JSON"), Ok(DocumentFormat::Json));
        assert_eq!(of("features.csv"), Ok(DocumentFormat::Csv));
        assert_eq!(of("gantt.mmd"), Ok(DocumentFormat::Mermaid));
        assert_eq!(
            of("plan.txt"),
            Err("no export format for `.txt` (use .md, .json, .csv or .mmd)".into())
        );
    }
}
