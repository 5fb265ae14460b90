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
            Ok((id, LogLine::new(format!("added success criterion \"{text}\" to phase \"{}\"", phase.name))))
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
    /// phase; `false` when it is already at that end.
    pub fn move_criterion(&mut self, id: CriterionId, later: bool) -> Result<bool> {
        self.write(|tx, journal| {
            let text = criterion_text(tx, id)?;
            let (phase, position): (i64, i64) = tx.query_row(
                "SELECT phase_id, position FROM criterion WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let order = if later {
                "position > ?2 ORDER BY position"
            } else {
                "position < ?2 ORDER BY position DESC"
            };
            let neighbour: Option<(i64, i64)> = tx
                .query_row(
                    &format!(
                        "SELECT id, position FROM criterion WHERE phase_id = ?1 AND {order} LIMIT 1"
                    ),
                    params![phase, position],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((other, other_position)) = neighbour else {
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

/// The text of criterion `id`, or that there is none.
fn criterion_text(tx: &Transaction, id: CriterionId) -> Result<String> {
    row_text(tx, ("criterion", "text"), id.0, "success criterion")
}
