//! Documents in and out: the founder's Markdown roadmap and the export formats.

pub mod blocks;
pub mod csv;
pub mod export_md;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod report;
pub mod words;
