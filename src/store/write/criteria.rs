//! A phase's success criteria: added, edited, reordered, removed and
//! checked off. A phase cannot be complete while one is unmet.

use super::*;

impl Store {
    /// Adds a success criterion at the end of `phase`'s list.
    pub fn add_criterion(&mut self, phase: PhaseId, text: &str) -> Result<CriterionId> {
        let text = required_line("success criterion", text)?;
        self.write(|tx, journal| {
            let phase = phase_by_id(tx, phase)?;
            tx.execute(
                "INSERT INTO criterion (phase_id, text, position)
                 VALUES (?1, ?2, (SELECT COALESCE(MAX(position), 0) + 1 FROM criterion WHERE phase_id = ?1))",
                params![phase.id.0, text],
            )?;
            let id = CriterionId(tx.last_insert_rowid());
            journal.inserted(RowRef::id("criterion", id.0));
            let what = format!(
                "added success criterion C{} \"{text}\" to phase \"{}\"",
                id.0, phase.name
            );
            Ok((id, LogLine::new(what)))
        })
    }

    /// Checks a success criterion off (or back on).
    pub fn set_criterion_done(&mut self, id: CriterionId, done: bool) -> Result<()> {
        self.write(|tx, journal| {
            let text = criterion_text(tx, id)?;
            journal.before(tx, RowRef::id("criterion", id.0))?;
            tx.execute(
                "UPDATE criterion SET done = ?2 WHERE id = ?1",
                params![id.0, done],
            )?;
            let what = if done { "met" } else { "not met after all" };
            Ok((
                (),
                LogLine::new(format!("success criterion \"{text}\" {what}")),
            ))
        })
    }

    /// Rewords a success criterion.
    pub fn edit_criterion(&mut self, id: CriterionId, text: &str) -> Result<()> {
        let text = required_line("success criterion", text)?;
        self.write(|tx, journal| {
            let before = criterion_text(tx, id)?;
            journal.before(tx, RowRef::id("criterion", id.0))?;
            tx.execute(
                "UPDATE criterion SET text = ?2 WHERE id = ?1",
                params![id.0, text],
            )?;
            let what = format!("success criterion \"{before}\" now reads \"{text}\"");
            Ok(((), LogLine::new(what)))
        })
    }

    /// Removes a success criterion.
    pub fn remove_criterion(&mut self, id: CriterionId) -> Result<()> {
        self.write(|tx, journal| {
            let text = criterion_text(tx, id)?;
            journal.before(tx, RowRef::id("criterion", id.0))?;
            tx.execute("DELETE FROM criterion WHERE id = ?1", [id.0])?;
            Ok((
                (),
                LogLine::new(format!("removed success criterion \"{text}\"")),
            ))
        })
    }

    /// Moves a success criterion one place up (or down, `later`) in its
    /// phase; `false` when it is already at that end, which is no change:
    /// nothing is written and the summary says it stays.
    pub fn move_criterion(&mut self, id: CriterionId, later: bool) -> Result<bool> {
        let text = criterion_text(&self.conn, id)?;
        if neighbour(&self.conn, id, later)?.is_none() {
            let end = if later { "last" } else { "first" };
            self.last_summary = format!("success criterion \"{text}\" is already {end}");
            return Ok(false);
        }
        self.write(|tx, journal| {
            let position: i64 = tx.query_row(
                "SELECT position FROM criterion WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )?;
            // Another writer may have moved it to the end meanwhile.
            let Some((other, other_position)) = neighbour(tx, id, later)? else {
                return Ok((
                    false,
                    LogLine::new(format!("success criterion \"{text}\" stays")),
                ));
            };
            for (row, to) in [(id.0, other_position), (other, position)] {
                journal.before(tx, RowRef::id("criterion", row))?;
                tx.execute(
                    "UPDATE criterion SET position = ?2 WHERE id = ?1",
                    params![row, to],
                )?;
            }
            let way = if later { "down" } else { "up" };
            Ok((
                true,
                LogLine::new(format!("moved success criterion \"{text}\" {way}")),
            ))
        })
    }
}

/// The criterion beside `id` in its phase, before it or (`later`) after
/// it: its id and position.
fn neighbour(
    conn: &rusqlite::Connection,
    id: CriterionId,
    later: bool,
) -> Result<Option<(i64, i64)>> {
    let (side, order) = if later { (">", "ASC") } else { ("<", "DESC") };
    Ok(conn
        .query_row(
            &format!(
                "SELECT n.id, n.position FROM criterion c JOIN criterion n
                 ON n.phase_id = c.phase_id AND n.position {side} c.position
                 WHERE c.id = ?1 ORDER BY n.position {order} LIMIT 1"
            ),
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The text of criterion `id`, or that there is none.
fn criterion_text(tx: &rusqlite::Connection, id: CriterionId) -> Result<String> {
    row_text(tx, ("criterion", "text"), id.0, "success criterion")
}
