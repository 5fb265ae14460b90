//! Undo and redo: a change-log entry's row images put back, refused when
//! the rows changed since or when it would break the ONE rule.

use super::*;

impl Store {
    /// The change-log entry of this handle's latest write (what undo takes).
    pub fn last_entry(&self) -> Option<i64> {
        self.last_entry
    }

    /// Undoes change-log entry `entry`: its rows go back to how they were
    /// before it. Refused if they have changed since (undo the later change
    /// first) or if it would break the ONE rule. The undo is logged itself.
    pub fn undo(&mut self, entry: i64) -> Result<String> {
        self.replay(entry, true)
    }

    /// The newest change that can be undone and stands (not itself an undo
    /// or a redo, not undone since): what `roadboard undo` takes back.
    pub fn newest_undoable(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM change_log AS e
                 WHERE before_images IS NOT NULL AND undoes IS NULL AND redoes IS NULL
                   AND COALESCE((SELECT r.undoes IS NOT NULL FROM change_log AS r
                                 WHERE r.undoes = e.id OR r.redoes = e.id
                                 ORDER BY r.id DESC LIMIT 1), 0) = 0
                 ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Re-applies an undone entry.
    pub fn redo(&mut self, entry: i64) -> Result<String> {
        self.replay(entry, false)
    }

    fn replay(&mut self, entry: i64, undo: bool) -> Result<String> {
        let verb = if undo { "undo" } else { "redo" };
        self.write(|tx, journal| {
            let (what, feature, before, after): (String, Option<i64>, Option<String>, Option<String>) = tx
                .query_row(
                    "SELECT what, feature_id, before_images, after_images FROM change_log WHERE id = ?1",
                    [entry],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound { what: "change-log entry", id: entry })?;
            let refuse = |message: String| StoreError::Invalid { field: "undo", message };
            let (Some(before), Some(after)) = (before, after) else {
                return Err(refuse(format!("\"{what}\" cannot be undone")));
            };
            let parse = |text: &str| {
                serde_json::from_str::<Images>(text)
                    .map_err(|e| refuse(format!("entry {entry} has unreadable images: {e}")))
            };
            let (from, to) = if undo {
                (parse(&after)?, parse(&before)?)
            } else {
                (parse(&before)?, parse(&after)?)
            };
            if current(tx, &from)? != from {
                return Err(refuse(format!(
                    "cannot {verb} \"{what}\": changed since by a later edit — {verb} that first"
                )));
            }
            let referring = outside_references(tx, &to)?;
            if !referring.is_empty() {
                let rows: Vec<String> = referring
                    .iter()
                    .map(|(table, n)| match (*n, table.strip_suffix('y')) {
                        (1, _) => format!("1 {table}"),
                        (n, Some(stem)) => format!("{n} {stem}ies"),
                        (n, None) => format!("{n} {table}s"),
                    })
                    .collect();
                return Err(refuse(format!(
                    "cannot {verb} \"{what}\": {} made since refer to what it would remove — remove them first",
                    rows.join(" and ")
                )));
            }
            for (row, _) in &to.0 {
                journal.before(tx, row.clone())?;
            }
            if let Err(error) = restore(tx, &to) {
                let holder = slot_holder(tx)?;
                return Err(match holder {
                    Some(holder) if error.to_string().contains("one_active_feature") => refuse(format!(
                        "cannot {verb} \"{what}\": {} is {} — ship it or pause it first",
                        holder.label(),
                        holder.status.phrase()
                    )),
                    _ => error,
                });
            }
            // Said as what happened to the change, not as a change anew.
            let done = format!("{} \"{what}\"", if undo { "undid" } else { "redid" });
            let mut line = LogLine::new(done.clone());
            line.replays = Some(if undo {
                super::Replay::Undoes(entry)
            } else {
                super::Replay::Redoes(entry)
            });
            // Undoing an addition removes the feature the entry was about.
            let still_there: Option<i64> = match feature {
                Some(id) => tx
                    .query_row("SELECT id FROM feature WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            line.feature = still_there.map(FeatureId);
            Ok((done, line))
        })
    }
}
