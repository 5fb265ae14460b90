//! Two machines, one roadmap: the form they exchange it in (`doc`) and the
//! three-way merge of their edits (`merge`). The store reads and writes
//! the form; `crate::sync` carries it through git.

pub mod doc;
pub mod merge;
