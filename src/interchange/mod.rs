//! Documents in and out: the founder's Markdown roadmap and the export formats.

pub mod blocks;
pub mod export_md;
pub mod markdown;
pub mod report;
pub mod words;
