//! What the subcommands print: features, phases, the status line and the
//! forecast, as text for people and as JSON for scripts.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::feature_field::FEATURE_FIELDS;
use crate::domain::text::count;
use crate::domain::*;

/// A feature as scripts see it: its fields plus the names they refer to.
#[derive(Debug, Serialize)]
pub(crate) struct FeatureView {
    #[serde(flatten)]
    feature: Feature,
    phase_name: Option<String>,
    depends_on: Vec<FeatureKey>,
    unmet_dependencies: Vec<FeatureKey>,
    open_blockers: Vec<String>,
    late: bool,
    days_active: Option<i64>,
    /// The commits that name it (`roadboard git scan`), newest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    commits: Vec<crate::domain::commits::CardCommit>,
}

impl FeatureView {
    /// The view with the commits that name the feature.
    pub(crate) fn with_commits(self, commits: Vec<crate::domain::commits::CardCommit>) -> Self {
        Self { commits, ..self }
    }

    /// The view of `feature`, looked up in `index` (built once per listing,
    /// so a long list does not search the roadmap for every reference).
    pub(crate) fn new(
        (roadmap, index): (&Roadmap, &RoadmapIndex),
        feature: &Feature,
        today: NaiveDate,
    ) -> Self {
        let needs: Vec<&Feature> = index.needs(roadmap, feature.id).collect();
        Self {
            feature: feature.clone(),
            phase_name: feature
                .phase
                .and_then(|p| roadmap.phase(p))
                .map(|p| p.name.clone()),
            depends_on: needs.iter().map(|f| f.key).collect(),
            // Only open work waits: a shipped or dropped feature waits on nothing.
            unmet_dependencies: needs
                .iter()
                .filter(|f| f.status != FeatureStatus::Shipped && feature.status.is_open())
                .map(|f| f.key)
                .collect(),
            open_blockers: index
                .blockers(roadmap, feature.id)
                .map(|b| b.waiting_for.clone())
                .collect(),
            late: feature.is_late(today),
            days_active: feature.days_active(today),
            commits: Vec::new(),
        }
    }

    pub(crate) fn line(&self) -> String {
        let f = &self.feature;
        let mut marks = String::new();
        if !self.unmet_dependencies.is_empty() {
            marks.push_str(" [waits on deps]");
        }
        if !self.open_blockers.is_empty() {
            marks.push_str(" [blocked]");
        }
        if self.late {
            marks.push_str(" [late]");
        }
        format!(
            "{:<5} {:<9} {:<3} {:<10} {:<20} {}{marks}",
            f.key.to_string(),
            f.status.as_str(),
            f.priority
                .map_or("-".to_owned(), |p| p.as_str().to_uppercase()),
            f.target.map_or("-".to_owned(), |d| d.to_string()),
            // A long phase name is cut so the title keeps its column.
            crate::ui::text::truncate(self.phase_name.as_deref().unwrap_or("(parking lot)"), 20),
            f.title
        )
    }

    pub(crate) fn write_details(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let f = &self.feature;
        let show = |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.to_string());
        let keys = |keys: &[FeatureKey]| {
            keys.iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(out, "{} {}", f.key, f.title)?;
        let phase = self.phase_name.as_deref().unwrap_or("(parking lot)");
        let mut rows = vec![
            ("status".to_owned(), f.status.phrase().to_owned()),
            ("phase".to_owned(), phase.to_owned()),
        ];
        // The title heads the card.
        let editable = FeatureFields::of(f);
        rows.extend(
            FEATURE_FIELDS
                .iter()
                .filter(|field| field.name != "title")
                .map(|field| (field.label.to_lowercase(), (field.get)(&editable))),
        );
        rows.extend([
            ("started".to_owned(), show(f.started)),
            ("shipped".to_owned(), show(f.shipped)),
            ("depends on".to_owned(), keys(&self.depends_on)),
            ("unmet".to_owned(), keys(&self.unmet_dependencies)),
            ("blocked by".to_owned(), self.open_blockers.join("; ")),
        ]);
        // Lines after a value's first stay under it.
        let indent = format!("\n{:19}", "");
        for (name, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
            writeln!(out, "  {name:<16} {}", value.replace('\n', &indent))?;
        }
        for (at, commit) in self.commits.iter().enumerate() {
            let label = if at == 0 { "commits" } else { "" };
            writeln!(out, "  {label:<16} {}", commit.line())?;
        }
        Ok(())
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct PhaseView {
    number: usize,
    #[serde(flatten)]
    phase: Phase,
    shipped: usize,
    total: usize,
    milestones: Vec<Milestone>,
}

impl PhaseView {
    pub(crate) fn new(roadmap: &Roadmap, phase: &Phase, number: usize) -> Self {
        let Progress { shipped, total } = Progress::of(roadmap, phase.id);
        Self {
            number,
            phase: phase.clone(),
            shipped,
            total,
            milestones: roadmap
                .milestones
                .iter()
                .filter(|m| m.phase == phase.id)
                .cloned()
                .collect(),
        }
    }

    pub(crate) fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let p = &self.phase;
        let show = |d: Option<NaiveDate>| d.map_or("?".to_owned(), |d| d.to_string());
        writeln!(
            out,
            "{}. {}  [{}]  {} → {}  {}/{} shipped",
            self.number,
            p.name,
            p.status.phrase(),
            show(p.start),
            show(p.end),
            self.shipped,
            self.total
        )?;
        if !p.goal.is_empty() {
            writeln!(out, "   goal: {}", p.goal)?;
        }
        for m in &self.milestones {
            let mark = if m.done.is_some() { "x" } else { " " };
            writeln!(
                out,
                "   [{mark}] M{} {}  {}",
                m.id.0,
                m.text,
                show(m.target)
            )?;
        }
        Ok(())
    }
}

/// What a shell prompt or a status bar shows: the ONE feature, its age,
/// its target, and which review is due.
/// What `status` says: the ONE feature in brief, what is up next, and which
/// review is due; what a shell prompt, a status bar or an agent needs.
#[derive(Debug, Serialize)]
pub(crate) struct StatusLine {
    pub(crate) line: String,
    active: Option<FeatureKey>,
    title: Option<String>,
    status: Option<FeatureStatus>,
    why: Option<String>,
    metric: Option<String>,
    days_active: Option<i64>,
    target: Option<NaiveDate>,
    late: bool,
    open_blockers: Vec<String>,
    up_next: Option<Named>,
    review_due: Option<crate::domain::ReviewKind>,
    /// Shipped features whose outcome check is due: did they work?
    outcome_checks_due: Vec<Named>,
    /// Commits naming the ONE since Monday (`roadboard git scan`).
    commits_this_week: usize,
}

/// A feature by key and title.
#[derive(Debug, Serialize)]
pub(crate) struct Named {
    key: FeatureKey,
    title: String,
}

impl Named {
    fn of(feature: &Feature) -> Self {
        Named {
            key: feature.key,
            title: feature.title.clone(),
        }
    }
}

impl StatusLine {
    /// The fewest words, for a shell prompt: `▶ F4 7d` (the ONE and its
    /// age), `○ F5 next` (nothing active, F5 up next), `○` (nothing).
    pub(crate) fn short(&self) -> String {
        match (self.active, &self.up_next) {
            (Some(key), _) => match self.days_active {
                Some(days) => format!("▶ {key} {days}d"),
                None => format!("▶ {key}"),
            },
            (None, Some(next)) => format!("○ {} next", next.key),
            (None, None) => "○".to_owned(),
        }
    }
}

/// The status of the file in `store` on `today`, for the CLI and MCP alike:
/// the review day set for this person (else the roadmap's), the days from a
/// ship to its outcome check.
pub(crate) fn status_of(
    store: &crate::store::Store,
    review_day: Option<chrono::Weekday>,
    outcome_days: i64,
    today: NaiveDate,
) -> Result<StatusLine, crate::store::StoreError> {
    let roadmap = store.load_focus()?;
    let commits_this_week = match roadmap.slot_holder() {
        Some(one) => store.commits_in_week(one.key, today)?,
        None => 0,
    };
    Ok(one_line_status(StatusInputs {
        review_day: review_day.unwrap_or(roadmap.info.review_day),
        roadmap: &roadmap,
        today,
        outcome_days,
        commits_this_week,
    }))
}

/// What `status` says: the roadmap, the day, the review day and the days
/// to an outcome check, and the ONE's commits this week.
struct StatusInputs<'a> {
    roadmap: &'a Roadmap,
    today: NaiveDate,
    review_day: chrono::Weekday,
    outcome_days: i64,
    commits_this_week: usize,
}

fn one_line_status(inputs: StatusInputs) -> StatusLine {
    let StatusInputs {
        roadmap,
        today,
        review_day,
        outcome_days,
        commits_this_week,
    } = inputs;
    let up_next = roadmap.up_next();
    let next = up_next.map_or(String::new(), |f| format!(" · next: {} {}", f.key, f.title));
    let mut status = StatusLine {
        line: if roadmap.features.is_empty() {
            "empty roadmap: add a feature with `roadboard add`".to_owned()
        } else if let Some(f) = up_next {
            format!(
                "no active feature: {} is up next — `roadboard start --next`",
                f.label()
            )
        } else {
            "no active feature: start one with `roadboard start KEY`".to_owned()
        },
        active: None,
        title: None,
        status: None,
        why: None,
        metric: None,
        days_active: None,
        target: None,
        late: false,
        open_blockers: Vec::new(),
        up_next: up_next.map(Named::of),
        review_due: crate::domain::review::due(roadmap, today, review_day),
        outcome_checks_due: crate::domain::outcome::due_checks(roadmap, today, outcome_days)
            .into_iter()
            .map(|(f, _)| Named::of(f))
            .collect(),
        commits_this_week,
    };
    if let Some(f) = roadmap.slot_holder() {
        let days = f.days_active(today);
        let age = days.map_or(String::new(), |d| format!(", {}", count(d, "day")));
        let commits = match commits_this_week {
            0 => String::new(),
            n => format!(", {} this week", count(n as i64, "commit")),
        };
        status.line = format!(
            "{} {} ({}{age}{commits}){next}",
            f.key,
            f.title,
            f.status.phrase()
        );
        status.active = Some(f.key);
        status.title = Some(f.title.clone());
        status.status = Some(f.status);
        status.why = Some(f.why.clone());
        status.metric = Some(f.metric.clone());
        status.days_active = days;
        status.target = f.target;
        status.late = f.is_late(today);
        status.open_blockers = roadmap
            .open_blockers(f.id)
            .map(|b| b.waiting_for.clone())
            .collect();
    }
    if !status.outcome_checks_due.is_empty() {
        let keys: Vec<String> = status
            .outcome_checks_due
            .iter()
            .map(|n| n.key.to_string())
            .collect();
        status
            .line
            .push_str(&format!(" · did it work? {}", keys.join(", ")));
    }
    status
}

#[derive(Debug, Serialize)]
pub(crate) struct ForecastView {
    velocity_days: i64,
    /// How many shipped features the velocity was measured on (0: default).
    measured_on: usize,
    /// Shipped features left out of it (no start, or shipped the same day).
    left_out: usize,
    /// What it was measured on, in words.
    basis: String,
    features: Vec<ForecastFeature>,
    phases: Vec<ForecastPhase>,
    /// Keys of a dependency cycle the queue had to ignore.
    cycle: Option<Vec<FeatureKey>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ForecastFeature {
    key: FeatureKey,
    title: String,
    status: FeatureStatus,
    start: NaiveDate,
    ship: NaiveDate,
    target: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ForecastPhase {
    name: String,
    planned_end: Option<NaiveDate>,
    forecast_end: Option<NaiveDate>,
    slip_days: Option<i64>,
}

impl ForecastView {
    pub(crate) fn new(roadmap: &Roadmap, today: NaiveDate, default_velocity: i64) -> Self {
        let forecast = crate::domain::schedule::forecast(roadmap, today, default_velocity);
        let by_id: std::collections::HashMap<FeatureId, &Feature> =
            roadmap.features.iter().map(|f| (f.id, f)).collect();
        ForecastView {
            velocity_days: forecast.velocity.days,
            measured_on: forecast.velocity.measured_on,
            left_out: forecast.velocity.left_out,
            basis: forecast.velocity.basis(),
            features: forecast
                .queue
                .iter()
                .filter_map(|(id, window)| {
                    let f = by_id.get(id)?;
                    Some(ForecastFeature {
                        key: f.key,
                        title: f.title.clone(),
                        status: f.status,
                        start: window.start,
                        ship: window.ship,
                        target: f.target,
                    })
                })
                .collect(),
            phases: roadmap
                .phases
                .iter()
                .map(|p| {
                    let f = forecast.phases.get(&p.id);
                    ForecastPhase {
                        name: p.name.clone(),
                        planned_end: p.end,
                        forecast_end: f.map(|f| f.end),
                        slip_days: f.and_then(|f| f.slip_days),
                    }
                })
                .collect(),
            cycle: forecast.cycle.map(|ids| {
                ids.iter()
                    .filter_map(|id| by_id.get(id).map(|f| f.key))
                    .collect()
            }),
        }
    }

    pub(crate) fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "velocity: {} from start to ship ({})",
            count(self.velocity_days, "day"),
            self.basis
        )?;
        if let Some(cycle) = &self.cycle {
            let keys: Vec<String> = cycle.iter().map(|k| k.to_string()).collect();
            writeln!(
                out,
                "warning: dependency cycle {} ignored",
                keys.join(" → ")
            )?;
        }
        for f in &self.features {
            let late = match f.target {
                Some(target) if f.ship > target => format!(
                    "  ({} after target {target})",
                    count((f.ship - target).num_days(), "day")
                ),
                _ => String::new(),
            };
            writeln!(
                out,
                "{:<5} {:<36} start {}  ship {}{late}",
                f.key.to_string(),
                f.title,
                f.start,
                f.ship
            )?;
        }
        for p in &self.phases {
            match (p.forecast_end, p.slip_days) {
                (Some(end), Some(slip)) => writeln!(
                    out,
                    "phase \"{}\": forecast: ends {end} ({slip:+} days vs plan)",
                    p.name
                )?,
                (Some(end), None) => writeln!(
                    out,
                    "phase \"{}\": forecast: ends {end} (no planned end)",
                    p.name
                )?,
                (None, _) => writeln!(out, "phase \"{}\": no cards", p.name)?,
            }
        }
        Ok(())
    }
}
