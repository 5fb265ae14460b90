//! What a board holding the roadmap needs after its own write: the rows
//! the write changed, read back typed (`FreshRows`), instead of the whole
//! roadmap. Every write journals the rows it touches (for undo); the same
//! list says which rows to read again.

use rusqlite::{Connection, Row};

use super::journal::RowRef;
use super::read::*;
use super::{Result, Store};
use crate::domain::fresh::FreshRows;
use crate::domain::*;

/// The rows touched since `Store::track_changes`, as the journal named them.
#[derive(Debug, Default)]
pub(super) enum Touched {
    /// Nobody asked.
    #[default]
    Off,
    Rows(Vec<RowRef>),
    /// A write changed rows it did not journal: only a whole read is right.
    Unknown,
}

impl Touched {
    /// After a write: its journaled rows, or that it journaled none.
    pub(super) fn add(&mut self, rows: impl Iterator<Item = RowRef>) {
        if let Touched::Rows(touched) = self {
            let before = touched.len();
            touched.extend(rows);
            if touched.len() == before {
                *self = Touched::Unknown;
            }
        }
    }

    /// A write outside the journal (an import's own transaction).
    pub(super) fn unknown(&mut self) {
        if let Touched::Rows(_) = self {
            *self = Touched::Unknown;
        }
    }
}

impl Store {
    /// Starts collecting the rows the next writes touch.
    pub fn track_changes(&mut self) {
        self.touched = Touched::Rows(Vec::new());
    }

    /// The rows written since `track_changes`, as they are now; `None`
    /// when only a whole `load` is right: nothing was journaled, a row of
    /// a table the board does not refresh by row was touched, or a feature
    /// or phase was deleted (its children went with it).
    pub fn fresh_rows(&mut self) -> Result<Option<FreshRows>> {
        let Touched::Rows(rows) = std::mem::take(&mut self.touched) else {
            return Ok(None);
        };
        if rows.is_empty() {
            return Ok(None);
        }
        let mut fresh = FreshRows::default();
        for row in &rows {
            if !read_fresh(&self.conn, row, &mut fresh)? {
                return Ok(None);
            }
        }
        if rows.iter().any(|r| r.table == "roadmap") {
            fresh.info = Some(self.require_info()?);
        }
        Ok(Some(fresh))
    }
}

/// Reads `row` into `fresh`; `false` when it cannot be refreshed by row.
fn read_fresh(conn: &Connection, row: &RowRef, fresh: &mut FreshRows) -> Result<bool> {
    if let [(first, feature), (_, depends_on)] = row.key.as_slice()
        && row.table == "dependency"
        && first == "feature_id"
    {
        let dependency = Dependency {
            feature: FeatureId(*feature),
            depends_on: FeatureId(*depends_on),
        };
        let exists = conn.query_row(
            "SELECT count(*) FROM dependency WHERE feature_id = ?1 AND depends_on_id = ?2",
            [*feature, *depends_on],
            |r| r.get::<_, i64>(0),
        )? > 0;
        fresh.dependencies.push((dependency, exists));
        return Ok(true);
    }
    let [(column, id)] = row.key.as_slice() else {
        return Ok(false);
    };
    if column != "id" {
        return Ok(false);
    }
    let id = *id;
    match row.table.as_str() {
        "roadmap" => {}
        "feature" => match by_id(
            conn,
            &format!("SELECT {FEATURE_COLUMNS} FROM feature"),
            id,
            feature_from_row,
        )? {
            Some(feature) => fresh.features.push((FeatureId(id), Some(feature))),
            None => return Ok(false),
        },
        "phase" => match by_id(
            conn,
            &format!("SELECT {PHASE_COLUMNS} FROM phase"),
            id,
            phase_from_row,
        )? {
            Some(phase) => fresh.phases.push((PhaseId(id), Some(phase))),
            None => return Ok(false),
        },
        "milestone" => fresh.milestones.push((
            MilestoneId(id),
            by_id(conn, MILESTONES, id, milestone_from_row)?,
        )),
        "criterion" => fresh.criteria.push((
            CriterionId(id),
            by_id(conn, CRITERIA, id, criterion_from_row)?,
        )),
        "blocker" => fresh.blockers.push((
            BlockerId(id),
            by_id(
                conn,
                &format!("SELECT {BLOCKER_COLUMNS} FROM blocker"),
                id,
                blocker_from_row,
            )?,
        )),
        _ => return Ok(false),
    }
    Ok(true)
}

/// The row `id` of `select` (a query without its `WHERE`), if it exists.
fn by_id<T>(
    conn: &Connection,
    select: &str,
    id: i64,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    first(conn, &format!("{select} WHERE id = ?1"), [id], map)
}
