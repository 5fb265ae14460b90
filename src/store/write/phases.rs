//! Writes of the roadmap and its phases, with their milestones and success
//! criteria.

use super::*;

impl Store {
    /// Creates the roadmap in a fresh file.
    pub fn init(&mut self, name: &str, horizon: &str) -> Result<RoadmapInfo> {
        if let Some(info) = self.info()? {
            return Err(StoreError::AlreadyInitialized {
                path: self.path.clone(),
                name: info.name,
            });
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid {
                field: "name",
                message: "the roadmap needs a name".into(),
            });
        }
        single_line("name", name)?;
        single_line("horizon", horizon)?;
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO roadmap (id, name, horizon, created_at) VALUES (1, ?1, ?2, ?3)",
                params![name, horizon, Local::now().naive_local()],
            )?;
            Ok(((), LogLine::new(format!("created roadmap \"{name}\""))))
        })?;
        self.require_info()
    }

    /// Finds a phase by its 1-based number in board order or by name
    /// (exact, then unique prefix, case-insensitive).
    pub fn resolve_phase(&self, wanted: &str) -> Result<Phase> {
        let phases = self.phases()?;
        let wanted_trim = wanted.trim();
        let by_number = wanted_trim
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| phases.get(i));
        if let Some(phase) = by_number {
            return Ok(phase.clone());
        }
        let lower = wanted_trim.to_lowercase();
        let named: Vec<(usize, &Phase)> = phases
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name.to_lowercase() == lower)
            .collect();
        match named.as_slice() {
            [(_, phase)] => return Ok((*phase).clone()),
            [] => {}
            several => {
                let numbers: Vec<String> =
                    several.iter().map(|(i, _)| (i + 1).to_string()).collect();
                return Err(StoreError::Invalid {
                    field: "phase",
                    message: format!(
                        "`{wanted_trim}` names {} phases ({}): give its number",
                        several.len(),
                        numbers.join(", ")
                    ),
                });
            }
        }
        let mut prefixed = phases
            .iter()
            .filter(|p| p.name.to_lowercase().starts_with(&lower));
        match (prefixed.next(), prefixed.next()) {
            (Some(phase), None) if !lower.is_empty() => Ok(phase.clone()),
            _ => Err(StoreError::NoPhase(wanted.to_owned())),
        }
    }

    pub fn add_phase(&mut self, fields: &PhaseFields) -> Result<Phase> {
        validate_phase(fields)?;
        self.require_info()?;
        self.write(|tx, journal| {
            unique_phase_name(tx, &fields.name, None)?;
            tx.execute(
                "INSERT INTO phase (name, goal, start_date, end_date, status, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), 0) + 1 FROM phase))",
                params![
                    fields.name.trim(),
                    fields.goal,
                    fields.start,
                    fields.end,
                    fields.status.unwrap_or(PhaseStatus::NotStarted).as_str()
                ],
            )?;
            let phase = phase_by_id(tx, PhaseId(tx.last_insert_rowid()))?;
            journal.inserted(RowRef::id("phase", phase.id.0));
            let line = LogLine::new(format!("added phase \"{}\"", phase.name));
            Ok((phase, line))
        })
    }

    pub fn edit_phase(&mut self, id: PhaseId, fields: &PhaseFields) -> Result<Phase> {
        self.edit_phase_from(id, None, fields, "")
    }

    /// Saves a phase form opened on `base`, as `edit_feature_from` does.
    pub fn edit_phase_from(
        &mut self,
        id: PhaseId,
        base: Option<&PhaseFields>,
        fields: &PhaseFields,
        why: &str,
    ) -> Result<Phase> {
        validate_phase(fields)?;
        multi_line("why", why)?;
        self.write(|tx, journal| {
            let before = phase_by_id(tx, id)?;
            journal.before(tx, RowRef::id("phase", id.0))?;
            unique_phase_name(tx, &fields.name, Some(id))?;
            let fields = &match base {
                Some(base) => PhaseFields::merge(base, fields, &PhaseFields::of(&before))
                    .map_err(|fields| conflict(&format!("phase \"{}\"", before.name), &fields))?,
                None => fields.clone(),
            };
            let status = fields.status.unwrap_or(before.status);
            // A phase is complete when its success criteria say so.
            if status == PhaseStatus::Complete && before.status != PhaseStatus::Complete {
                let criteria: Vec<Criterion> = tx
                    .prepare("SELECT id, phase_id, text, done, position FROM criterion WHERE phase_id = ?1")?
                    .query_map([id.0], |r| {
                        Ok(Criterion { id: CriterionId(r.get(0)?), phase: PhaseId(r.get(1)?), text: r.get(2)?, done: r.get(3)?, position: r.get(4)? })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let open = open_work_in(tx, id)?;
                crate::domain::review::phase_can_complete(&criteria)
                    .and_then(|()| crate::domain::review::closing_needs_a_reason(open, why))
                    .map_err(|reason| Refusal::PhaseNotDone { phase: before.name.clone(), reason })?;
            }
            tx.execute(
                "UPDATE phase SET name = ?2, goal = ?3, start_date = ?4, end_date = ?5, status = ?6 WHERE id = ?1",
                params![id.0, fields.name.trim(), fields.goal, fields.start, fields.end, status.as_str()],
            )?;
            let after = phase_by_id(tx, id)?;
            let mut changed = Vec::new();
            if before.name != after.name {
                changed.push(format!("name \"{}\" → \"{}\"", before.name, after.name));
            }
            if before.goal != after.goal {
                changed.push("goal".to_owned());
            }
            if (before.start, before.end) != (after.start, after.end) {
                changed.push(format!(
                    "timeline {} → {}",
                    date_range(before.start, before.end),
                    date_range(after.start, after.end)
                ));
            }
            if before.status != after.status {
                changed.push(format!(
                    "status {} → {}",
                    before.status.phrase(),
                    after.status.phrase()
                ));
            }
            let line = LogLine::new(format!(
                "edited phase \"{}\": {}",
                after.name,
                if changed.is_empty() { "no change".to_owned() } else { changed.join(", ") }
            ))
            .because(why.trim());
            Ok((after, line))
        })
    }

    /// Moves phases' ends (the timeline adjusted to the forecast) in one
    /// change, logged with `why`; returns the log's sentence.
    pub fn adjust_phase_ends(
        &mut self,
        ends: &[(PhaseId, NaiveDate)],
        why: &str,
    ) -> Result<String> {
        multi_line("why", why)?;
        self.write(|tx, journal| {
            let mut moves = Vec::new();
            for &(id, end) in ends {
                let phase = phase_by_id(tx, id)?;
                if phase.start.is_some_and(|start| end < start) {
                    return Err(StoreError::Invalid {
                        field: "end",
                        message: format!(
                            "phase \"{}\" would end ({end}) before it starts",
                            phase.name
                        ),
                    });
                }
                journal.before(tx, RowRef::id("phase", id.0))?;
                tx.execute(
                    "UPDATE phase SET end_date = ?2 WHERE id = ?1",
                    params![id.0, end],
                )?;
                let drift = phase.end.map_or(String::new(), |old| {
                    format!(" ({:+} days)", (end - old).num_days())
                });
                moves.push(format!("\"{}\" ends {end}{drift}", phase.name));
            }
            let what = format!("timeline adjusted: {}", moves.join("; "));
            Ok((what.clone(), LogLine::new(what).because(why.trim())))
        })
    }

    pub fn add_milestone(
        &mut self,
        phase: PhaseId,
        text: &str,
        target: Option<NaiveDate>,
    ) -> Result<Milestone> {
        let text = required_line("milestone", text)?;
        self.write(|tx, journal| {
            let phase = phase_by_id(tx, phase)?;
            tx.execute(
                "INSERT INTO milestone (phase_id, text, target_date, position)
                 VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM milestone WHERE phase_id = ?1))",
                params![phase.id.0, text, target],
            )?;
            journal.inserted(RowRef::id("milestone", tx.last_insert_rowid()));
            let milestone = Milestone {
                id: MilestoneId(tx.last_insert_rowid()),
                phase: phase.id,
                text: text.to_owned(),
                target,
                done: None,
                position: tx.query_row("SELECT position FROM milestone WHERE id = ?1", [tx.last_insert_rowid()], |r| r.get(0))?,
            };
            let line = LogLine::new(format!(
                "added milestone M{} \"{text}\" to phase \"{}\"",
                milestone.id.0, phase.name
            ));
            Ok((milestone, line))
        })
    }

    /// Checks a milestone off (`done = Some(date)`) or reopens it.
    pub fn set_milestone_done(&mut self, id: MilestoneId, done: Option<NaiveDate>) -> Result<()> {
        self.write(|tx, journal| {
            let text = row_text(tx, ("milestone", "text"), id.0, "milestone")?;
            journal.before(tx, RowRef::id("milestone", id.0))?;
            tx.execute(
                "UPDATE milestone SET done_date = ?2 WHERE id = ?1",
                params![id.0, done],
            )?;
            let what = match done {
                Some(date) => format!("milestone \"{text}\" reached on {date}"),
                None => format!("milestone \"{text}\" reopened"),
            };
            Ok(((), LogLine::new(what)))
        })
    }
}

/// What phase `id` leaves undone, as `review::open_work` says it.
fn open_work_in(tx: &Transaction, id: PhaseId) -> Result<Option<String>> {
    let (total, shipped): (u32, u32) = tx.query_row(
        "SELECT COUNT(*), COALESCE(SUM(status = 'shipped'), 0) FROM feature
         WHERE phase_id = ?1 AND status != 'dropped'",
        [id.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let milestones: u32 = tx.query_row(
        "SELECT COUNT(*) FROM milestone WHERE phase_id = ?1 AND done_date IS NULL",
        [id.0],
        |r| r.get(0),
    )?;
    let (shipped, total) = (shipped as usize, total as usize);
    let progress = crate::domain::Progress { shipped, total };
    Ok(crate::domain::review::open_work_of(
        progress,
        milestones as usize,
    ))
}

fn validate_phase(fields: &PhaseFields) -> Result<()> {
    required_line("name", &fields.name)?;
    multi_line("goal", &fields.goal)?;
    if let (Some(start), Some(end)) = (fields.start, fields.end)
        && end < start
    {
        return Err(StoreError::Invalid {
            field: "timeline",
            message: format!("the end {end} is before the start {start}"),
        });
    }
    Ok(())
}

/// Refuses a phase name another phase (not `except`) already has, in any
/// case: `--phase MVP` must name one phase.
fn unique_phase_name(tx: &Transaction, name: &str, except: Option<PhaseId>) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            "SELECT position FROM phase WHERE lower(name) = lower(?1) AND id IS NOT ?2",
            params![name.trim(), except.map(|p| p.0)],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(StoreError::Invalid {
            field: "name",
            message: format!(
                "a phase named \"{}\" exists already; choose another name",
                name.trim()
            ),
        }),
        None => Ok(()),
    }
}

fn date_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    let show = |d: Option<NaiveDate>| d.map_or("?".to_owned(), |d| d.to_string());
    format!("{}..{}", show(start), show(end))
}
