//! The roadmap as a whole: the feature up next, the header (name,
//! horizon, philosophy, review day) and the change log's manual notes.

use super::*;

impl Store {
    /// Makes `key` up next (`None`: nobody is), replacing any earlier
    /// choice; returns the sentence the change log records.
    pub fn set_up_next(&mut self, key: Option<FeatureKey>, why: &str) -> Result<String> {
        multi_line("why", why)?;
        self.require_info()?;
        self.write(|tx, journal| {
            let previous = current_up_next(tx)?;
            let chosen = key.map(|key| feature_by_key(tx, key)).transpose()?;
            if let Some(feature) = &chosen {
                machine::check_up_next(feature)?;
            }
            journal.before(tx, RowRef::id("roadmap", 1))?;
            tx.execute(
                "UPDATE roadmap SET up_next_id = ?1 WHERE id = 1",
                [chosen.as_ref().map(|f| f.id.0)],
            )?;
            let what = match (&chosen, &previous) {
                (Some(f), Some(p)) if p.id == f.id => format!("{} stays up next", f.label()),
                (Some(f), Some(p)) => format!("{} is up next, instead of {}", f.label(), p.label()),
                (Some(f), None) => format!("{} is up next", f.label()),
                (None, Some(p)) => format!("{} is no longer up next", p.label()),
                (None, None) => "nothing is up next".to_owned(),
            };
            let mut line = LogLine::new(what.clone()).because(why.trim());
            if let Some(f) = chosen.as_ref().or(previous.as_ref()) {
                line = line.about(f.id);
            }
            Ok((what, line))
        })
    }

    /// Adds a line of its own to the change log: what someone did outside
    /// the board, and why.
    pub fn add_note(&mut self, what: &str, why: &str, key: Option<FeatureKey>) -> Result<String> {
        let what = required_line("note", what)?.to_owned();
        multi_line("why", why)?;
        self.require_info()?;
        self.write(|tx, _| {
            let mut line = LogLine::new(what.clone()).because(why.trim());
            if let Some(key) = key {
                line = line.about(feature_by_key(tx, key)?.id);
            }
            Ok((what, line))
        })
    }
}

/// The feature up next, if any.
fn current_up_next(tx: &Transaction) -> Result<Option<Feature>> {
    let id: Option<i64> = tx.query_row("SELECT up_next_id FROM roadmap WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    id.map(|id| feature_by_id(tx, FeatureId(id))).transpose()
}

/// Clears up next when it is `feature`: started, shipped, parked or
/// dropped, it is no longer waiting its turn.
pub(super) fn clear_up_next(
    tx: &Transaction,
    journal: &mut Journal,
    feature: FeatureId,
) -> Result<()> {
    let is_next: bool = tx.query_row(
        "SELECT count(*) FROM roadmap WHERE id = 1 AND up_next_id = ?1",
        [feature.0],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if is_next {
        journal.before(tx, RowRef::id("roadmap", 1))?;
        tx.execute("UPDATE roadmap SET up_next_id = NULL WHERE id = 1", [])?;
    }
    Ok(())
}

impl Store {
    /// Changes the fields of the roadmap's header that `edit` gives; the
    /// log names them.
    pub fn edit_roadmap(&mut self, edit: &RoadmapEdit) -> Result<RoadmapInfo> {
        if let Some(name) = &edit.name {
            required_line("name", name)?;
        }
        if let Some(horizon) = &edit.horizon {
            single_line("horizon", horizon)?;
        }
        if let Some(philosophy) = &edit.philosophy {
            multi_line("philosophy", philosophy)?;
        }
        let mut info = self.require_info()?;
        let mut changed = Vec::new();
        let mut set = |field: &'static str, now: &mut String, given: &Option<String>| {
            if let Some(given) = given.as_ref().map(|g| g.trim()).filter(|g| *g != now) {
                *now = given.to_owned();
                changed.push(field);
            }
        };
        set("name", &mut info.name, &edit.name);
        set("horizon", &mut info.horizon, &edit.horizon);
        set("philosophy", &mut info.philosophy, &edit.philosophy);
        if let Some(day) = edit.review_day.filter(|d| *d != info.review_day) {
            info.review_day = day;
            changed.push("review day");
        }
        if changed.is_empty() {
            return Ok(info);
        }
        self.write(|tx, journal| {
            journal.before(tx, RowRef::id("roadmap", 1))?;
            tx.execute(
                "UPDATE roadmap SET name = ?1, horizon = ?2, philosophy = ?3, review_day = ?4 WHERE id = 1",
                params![info.name, info.horizon, info.philosophy, info.review_day.num_days_from_monday()],
            )?;
            let what = format!("roadmap \"{}\": changed {}", info.name, changed.join(", "));
            Ok((info.clone(), LogLine::new(what)))
        })
    }
}
