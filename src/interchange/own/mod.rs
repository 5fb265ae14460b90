//! roadboard's own Markdown format (`docs/FORMAT.md`): what `export`
//! and the mirror write, read back by a strict reader of its own, never
//! by the reader of founders' documents. Every card carries its key; a
//! card without one is new; a field line left out leaves the field as it
//! is, and an empty one clears it.

pub mod card;
pub mod read;
pub mod text;

/// The first line of every export: a document that starts with it is in
/// roadboard's own format and read by `read::read_own`.
pub const MARKER: &str = "<!-- roadboard export: read exactly -->";

/// Whether `source` is in roadboard's own format.
pub fn is_own(source: &str) -> bool {
    source.trim_start_matches('\u{feff}').starts_with(MARKER)
}
