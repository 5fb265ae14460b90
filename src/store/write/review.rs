//! The review in progress and its record.

use super::*;

impl Store {
    /// The review of `kind` in progress, if one was left unfinished.
    pub fn review_draft(
        &self,
        kind: ReviewKind,
    ) -> Result<Option<crate::domain::review::ReviewDraft>> {
        let state: Option<String> = self
            .conn
            .query_row(
                "SELECT state FROM review_draft WHERE kind = ?1",
                [kind.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(state.and_then(|s| serde_json::from_str(&s).ok()))
    }

    /// Keeps the review in progress (not logged: it is not a change yet).
    pub fn save_review_draft(&mut self, draft: &crate::domain::review::ReviewDraft) -> Result<()> {
        let state = serde_json::to_string(draft).expect("a draft is plain data");
        self.unlogged_write(|tx| {
            tx.execute(
                "INSERT INTO review_draft (kind, state) VALUES (?1, ?2) ON CONFLICT(kind) DO UPDATE SET state = excluded.state",
                [draft.kind.as_str(), &state],
            )?;
            Ok(())
        })
    }

    /// Records the review and its change-log summary in one transaction,
    /// and clears the draft.
    pub fn finish_review(
        &mut self,
        draft: &crate::domain::review::ReviewDraft,
        date: NaiveDate,
    ) -> Result<Review> {
        multi_line("notes", &draft.notes)?;
        for (_, record) in &draft.outcomes {
            super::outcomes::check_record(record)?;
        }
        let roadmap = self.load()?;
        if let Some(message) = draft.unready(&roadmap) {
            return Err(StoreError::Invalid {
                field: "next feature",
                message,
            });
        }
        let summary = draft.summary(&roadmap);
        let chosen_feature = draft.chosen.and_then(|k| roadmap.feature_by_key(k));
        let chosen = chosen_feature.map(|f| f.id);
        // Next week's ONE, if it is not started yet, is up next.
        let up_next = chosen_feature
            .filter(|f| machine::check_up_next(f).is_ok())
            .map(|f| f.id);
        self.write(|tx, journal| {
            // Did it work? Answered in the review, recorded with it.
            for (key, record) in &draft.outcomes {
                super::outcomes::apply_outcome(tx, journal, *key, record)?;
            }
            tx.execute(
                "INSERT INTO review (date, kind, notes, chosen_feature_id) VALUES (?1, ?2, ?3, ?4)",
                params![date, draft.kind.as_str(), draft.notes, chosen.map(|f| f.0)],
            )?;
            let id = ReviewId(tx.last_insert_rowid());
            journal.inserted(RowRef::id("review", id.0));
            tx.execute(
                "DELETE FROM review_draft WHERE kind = ?1",
                [draft.kind.as_str()],
            )?;
            if let Some(next) = up_next {
                journal.before(tx, RowRef::id("roadmap", 1))?;
                tx.execute("UPDATE roadmap SET up_next_id = ?1 WHERE id = 1", [next.0])?;
            }
            let review = Review {
                id,
                date,
                kind: draft.kind,
                notes: draft.notes.clone(),
                chosen,
            };
            let mut line = LogLine::new(summary).because(draft.notes.clone());
            line.feature = chosen;
            Ok((review, line))
        })
    }
}
