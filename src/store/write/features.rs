//! Writes of features: adding, editing (a three-way merge), the state
//! machine's transitions, moves and order.

use super::*;

impl Store {
    /// Adds a feature to a phase (planned) or to the parking lot (parked).
    pub fn add_feature(&mut self, new: &NewFeature) -> Result<Feature> {
        fields::validate(&new.fields)?;
        self.require_info()?;
        self.write(|tx, journal| {
            if let Some(phase) = new.phase {
                open_destination(&phase_by_id(tx, phase)?, "a new feature")?;
            }
            let key = highest_key(tx)? + 1;
            let status = if new.phase.is_some() {
                FeatureStatus::Planned
            } else {
                FeatureStatus::Parked
            };
            let mut feature = Feature::new(FeatureKey(key), "", status);
            new.fields.apply_to(&mut feature);
            feature.phase = new.phase;
            feature.position = next_position(tx, new.phase)?;
            feature.created = Some(new.created.unwrap_or_else(|| Local::now().date_naive()));
            feature.private = new.private;
            feature.id = insert_feature(tx, &feature)?;
            journal.inserted(RowRef::id("feature", feature.id.0));
            for on in &new.depends_on {
                insert_dependency(tx, journal, &feature, *on)?;
            }
            let place = match new.phase {
                Some(phase) => format!("phase \"{}\"", phase_by_id(tx, phase)?.name),
                None => "the parking lot".to_owned(),
            };
            let line =
                LogLine::new(format!("added {} to {place}", feature.label())).about(feature.id);
            Ok((feature, line))
        })
    }

    /// Makes a feature private (kept off the published roadmap) or public.
    pub fn set_private(&mut self, key: FeatureKey, private: bool) -> Result<String> {
        self.write(|tx, journal| {
            let mut feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("feature", feature.id.0))?;
            feature.private = private;
            save_feature(tx, &feature)?;
            let what = if private {
                format!(
                    "{} is private: kept off the published roadmap",
                    feature.label()
                )
            } else {
                format!("{} is public: on the published roadmap", feature.label())
            };
            Ok((what.clone(), LogLine::new(what).about(feature.id)))
        })
    }

    /// Saves the form fields of a feature; the log names what changed.
    pub fn edit_feature(&mut self, key: FeatureKey, fields: &FeatureFields) -> Result<Feature> {
        self.edit_feature_from(key, None, fields)
    }

    /// Saves a form opened on `base`: only the fields changed from it are
    /// written, and a field someone else changed since is refused by name
    /// (`base` None: every field as given).
    pub fn edit_feature_from(
        &mut self,
        key: FeatureKey,
        base: Option<&FeatureFields>,
        fields: &FeatureFields,
    ) -> Result<Feature> {
        fields::validate(fields)?;
        // Saving an unchanged form is not a change: nothing to log.
        let current = self.feature(key)?;
        if base.unwrap_or(&FeatureFields::of(&current)) == fields {
            return Ok(current);
        }
        self.write(|tx, journal| {
            let mut feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("feature", feature.id.0))?;
            let fields = match base {
                Some(base) => FeatureFields::merge(base, fields, &FeatureFields::of(&feature))
                    .map_err(|fields| conflict(&feature.label(), &fields))?,
                None => fields.clone(),
            };
            let changed = fields.apply_to(&mut feature);
            save_feature(tx, &feature)?;
            let what = if changed.is_empty() {
                format!("edited {}: no change", feature.label())
            } else {
                let mut words: Vec<String> = changed
                    .iter()
                    .map(|name| crate::domain::feature_field::field_words(name))
                    .collect();
                words.dedup();
                format!("edited {}: {}", feature.label(), words.join(", "))
            };
            let line = LogLine::new(what).about(feature.id);
            Ok((feature, line))
        })
    }

    /// Applies a state-machine transition, deciding on the rows as they are
    /// inside the transaction (so a concurrent writer cannot slip past).
    pub fn transition(
        &mut self,
        key: FeatureKey,
        transition: Transition,
        args: &TransitionArgs,
        today: NaiveDate,
    ) -> Result<Change> {
        for (field, value) in [("why", &args.reason), ("override", &args.override_reason)] {
            multi_line(field, value.as_deref().unwrap_or_default())?;
        }
        self.write(|tx, journal| {
            let feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("feature", feature.id.0))?;
            let holder = slot_holder(tx)?;
            let unmet = unmet_dependencies(tx, feature.id)?;
            if let Some(phase) = args.phase.filter(|_| transition == Transition::Promote) {
                open_destination(&phase_by_id(tx, phase)?, &feature.label())?;
            }
            let mut change = machine::apply(
                &feature,
                transition,
                args,
                Context {
                    slot_holder: holder.as_ref(),
                    unmet_dependencies: &unmet,
                    today,
                },
            )?;
            if change.feature.phase != feature.phase {
                change.feature.position = next_position(tx, change.feature.phase)?;
                // Where it went: "promote F58 …: parked → planned, in phase
                // \"Growth\"".
                if let Some(phase) = change.feature.phase {
                    let name = phase_by_id(tx, phase)?.name;
                    change.what.push_str(&format!(", in phase \"{name}\""));
                }
            }
            save_feature(tx, &change.feature)?;
            if change.feature.status != FeatureStatus::Planned {
                clear_up_next(tx, journal, feature.id)?;
            }
            // What shipped waits for nothing any more, and will be asked
            // whether it worked.
            if change.feature.status == FeatureStatus::Shipped {
                super::outcomes::open_check(tx, journal, &change.feature)?;
                let resolved = resolve_open_blockers(tx, journal, feature.id, today)?;
                if !resolved.is_empty() {
                    change.what.push_str(&format!(
                        "; resolved what it waited for: {}",
                        resolved.join(", ")
                    ));
                }
            }
            let line = LogLine::new(change.what.clone())
                .because(change.why.clone())
                .about(feature.id);
            Ok((change, line))
        })
    }

    /// Moves a card to the end of another phase (`H`/`L` on the board).
    /// Parked cards go to a phase by promotion, not by moving.
    pub fn move_to_phase(&mut self, key: FeatureKey, phase: PhaseId) -> Result<Feature> {
        self.write(|tx, journal| {
            let mut feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("feature", feature.id.0))?;
            let to = phase_by_id(tx, phase)?;
            if !matches!(
                feature.status,
                FeatureStatus::Shipped | FeatureStatus::Dropped
            ) {
                open_destination(&to, &feature.label())?;
            }
            if feature.phase.is_none() {
                return Err(StoreError::Invalid {
                    field: "phase",
                    message: format!(
                        "{} is in the parking lot: promote it to a phase instead",
                        feature.label()
                    ),
                });
            }
            feature.phase = Some(to.id);
            feature.position = next_position(tx, Some(to.id))?;
            save_feature(tx, &feature)?;
            let line = LogLine::new(format!(
                "moved {} to phase \"{}\"",
                feature.label(),
                to.name
            ))
            .about(feature.id);
            Ok((feature, line))
        })
    }

    /// Swaps a card with its neighbour in its phase (`J`/`K`); `later`
    /// moves it down. At either end nothing changes and nothing is logged.
    pub fn reorder(&mut self, key: FeatureKey, later: bool) -> Result<bool> {
        let feature = self.feature(key)?;
        let neighbour = self
            .conn
            .query_row(
                &format!(
                    "SELECT {FEATURE_COLUMNS} FROM feature WHERE phase_id IS ?1 AND position {} ?2
                     ORDER BY position {} LIMIT 1",
                    if later { ">" } else { "<" },
                    if later { "ASC" } else { "DESC" }
                ),
                params![feature.phase.map(|p| p.0), feature.position],
                feature_from_row,
            )
            .optional()?;
        let Some(neighbour) = neighbour else {
            return Ok(false);
        };
        self.write(|tx, journal| {
            let mut moved = feature_by_key(tx, key)?;
            let mut other = feature_by_id(tx, neighbour.id)?;
            journal.before(tx, RowRef::id("feature", moved.id.0))?;
            journal.before(tx, RowRef::id("feature", other.id.0))?;
            std::mem::swap(&mut moved.position, &mut other.position);
            save_feature(tx, &moved)?;
            save_feature(tx, &other)?;
            let line = LogLine::new(format!(
                "moved {} {} {}",
                moved.label(),
                if later { "below" } else { "above" },
                other.key
            ))
            .about(moved.id);
            Ok((true, line))
        })
    }
}

/// The position after the last card of `phase` (or of the parking lot).
pub(super) fn next_position(tx: &Transaction, phase: Option<PhaseId>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM feature WHERE phase_id IS ?1",
        [phase.map(|p| p.0)],
        |r| r.get(0),
    )?)
}

/// The columns `save_feature` and `insert_feature` write, in order.
const WRITTEN_COLUMNS: [&str; 24] = [
    "title",
    "description",
    "why",
    "metric",
    "status",
    "priority",
    "moscow",
    "impact",
    "effort",
    "target_date",
    "started_date",
    "shipped_date",
    "owner",
    "link",
    "pilot_feedback",
    "phase_id",
    "position",
    "why_interesting",
    "why_deferred",
    "reconsider_date",
    "created_on",
    "private",
    "active_days_before",
    "reconsider_when",
];

/// The values of `WRITTEN_COLUMNS` for `f`.
fn feature_values(f: &Feature) -> [Value; 24] {
    let date = |d: Option<NaiveDate>| Value::from(d.map(|d| d.to_string()));
    [
        f.title.clone().into(),
        f.description.clone().into(),
        f.why.clone().into(),
        f.metric.clone().into(),
        f.status.as_str().to_owned().into(),
        f.priority.map(|p| i64::from(p.level())).into(),
        f.moscow.map(|m| m.as_str().to_owned()).into(),
        f.impact.map(i64::from).into(),
        f.effort.map(i64::from).into(),
        date(f.target),
        date(f.started),
        date(f.shipped),
        f.owner.clone().into(),
        f.link.clone().into(),
        f.pilot_feedback.clone().into(),
        f.phase.map(|p| p.0).into(),
        f.position.into(),
        f.why_interesting.clone().into(),
        f.why_deferred.clone().into(),
        date(f.reconsider),
        date(f.created),
        f.private.into(),
        f.active_before.into(),
        f.reconsider_when.clone().into(),
    ]
}

/// The domain's refusal of open work into a complete phase, as the store
/// says it.
fn open_destination(phase: &Phase, what: &str) -> Result<()> {
    machine::check_destination(phase, what).map_err(|message| StoreError::Invalid {
        field: "phase",
        message,
    })
}

/// Writes every column of `feature` (the row must exist).
pub(in crate::store) fn save_feature(tx: &Transaction, f: &Feature) -> Result<()> {
    let assignments: Vec<String> = WRITTEN_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let values = std::iter::once(Value::from(f.id.0)).chain(feature_values(f));
    tx.prepare_cached(&format!(
        "UPDATE feature SET {} WHERE id = ?1",
        assignments.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// Inserts `f` with its key; returns the new row's id.
pub(in crate::store) fn insert_feature(tx: &Transaction, f: &Feature) -> Result<FeatureId> {
    let placeholders: Vec<String> = (1..=WRITTEN_COLUMNS.len() + 1)
        .map(|i| format!("?{i}"))
        .collect();
    let values = std::iter::once(Value::from(i64::from(f.key.0))).chain(feature_values(f));
    tx.prepare_cached(&format!(
        "INSERT INTO feature (key_num, {}) VALUES ({})",
        WRITTEN_COLUMNS.join(", "),
        placeholders.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(FeatureId(tx.last_insert_rowid()))
}

fn unmet_dependencies(tx: &Transaction, id: FeatureId) -> Result<Vec<Feature>> {
    let columns = FEATURE_COLUMNS
        .split(", ")
        .map(|c| format!("f.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {columns} FROM dependency d JOIN feature f ON f.id = d.depends_on_id
         WHERE d.feature_id = ?1 AND f.status <> 'shipped' ORDER BY f.key_num"
    ))?;
    let rows = statement.query_map([id.0], feature_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
