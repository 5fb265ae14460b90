//! Documents in and out: the founder's Markdown roadmap and the export formats.

pub mod export_md;
