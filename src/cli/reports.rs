//! What the roadmap says: lists, a card, the forecast, the status line, the log.

use super::Session;
use std::io::Write;

use super::views::{FeatureView, ForecastView, status_of};
use super::{CliResult, Command, date_arg, write_json};
use crate::domain::RoadmapIndex;
use crate::store::{LogFilter, StoreError};

/// Runs one of `list`, `show`, `forecast`, `status`, `log`.
pub(super) fn run(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let _cli = s.cli;
    match command {
        Command::List {
            status,
            phase,
            json,
        } => list(s, (*status, phase, *json), out),
        Command::Show { key, json } => show(s, (*key, *json), out),
        Command::Forecast {
            default_velocity,
            json,
        } => forecast(s, (*default_velocity, *json), out),
        Command::Status { json, short, width } => {
            let form = match (json, short) {
                (true, _) => StatusForm::Json,
                (false, true) => StatusForm::Short,
                (false, false) => StatusForm::Line,
            };
            status(s, form, *width, out)
        }
        Command::Log {
            since,
            feature,
            json,
        } => log(s, (since, *feature, *json), out),
        _ => unreachable!("only these commands come here"),
    }
}

/// The features, filtered by status and phase: a line each or JSON.
fn list(
    s: &mut Session,
    (status, phase, json): (Option<crate::domain::FeatureStatus>, &Option<String>, bool),
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let store = s.file.open_to_read(cli)?;
    let roadmap = store.load()?;
    let phase = phase
        .as_deref()
        .map(|p| store.resolve_phase(p))
        .transpose()?;
    let index = RoadmapIndex::of(&roadmap);
    let features: Vec<FeatureView> = roadmap
        .features
        .iter()
        .filter(|f| status.is_none_or(|s| f.status == s))
        .filter(|f| phase.as_ref().is_none_or(|p| f.phase == Some(p.id)))
        .map(|f| FeatureView::new((&roadmap, &index), f, today))
        .collect();
    if json {
        write_json(out, &features)?;
    } else if features.is_empty() {
        writeln!(out, "no features")?;
    } else {
        for view in &features {
            writeln!(out, "{}", view.line())?;
        }
    }
    Ok(())
}

/// One card in full.
fn show(
    s: &mut Session,
    (key, json): (crate::domain::FeatureKey, bool),
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let store = s.file.open_to_read(cli)?;
    // The card and what it depends on, not the whole roadmap.
    let roadmap = store.load_card(key)?;
    let feature = roadmap
        .feature_by_key(key)
        .ok_or(StoreError::NoFeature(key))?;
    let view = FeatureView::new((&roadmap, &RoadmapIndex::of(&roadmap)), feature, today)
        .with_commits(store.commits_of(key)?);
    if json {
        write_json(out, &view)?;
    } else {
        view.write_details(out)?;
    }
    Ok(())
}

/// When each phase and the queue will ship at the measured velocity.
fn forecast(
    s: &mut Session,
    (default_velocity, json): (i64, bool),
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let store = s.file.open_to_read(cli)?;
    let roadmap = store.load()?;
    let view = ForecastView::new(&roadmap, today, default_velocity);
    if json {
        write_json(out, &view)?;
    } else {
        view.write(out)?;
    }
    Ok(())
}

/// The one-line status: the ONE, up next, the review due.
/// How `status` says it.
#[derive(Clone, Copy, PartialEq)]
enum StatusForm {
    Line,
    Short,
    Json,
}

fn status(
    s: &mut Session,
    form: StatusForm,
    width: Option<usize>,
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let store = s.file.open_to_read(cli)?;
    let config = &cli.load_config().0;
    let status = status_of(store, config.review_day, config.outcome_after_days, today)?;
    let line = match form {
        StatusForm::Json => return write_json(out, &status),
        StatusForm::Short => status.short(),
        StatusForm::Line => status.line.clone(),
    };
    let line = match width {
        Some(width) => crate::ui::text::truncate(&line, width),
        None => line,
    };
    writeln!(out, "{line}")?;
    Ok(())
}

/// The change log, newest first, since a day or about a feature.
fn log(
    s: &mut Session,
    (since, feature, json): (&Option<String>, Option<crate::domain::FeatureKey>, bool),
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let store = s.file.open_to_read(cli)?;
    let feature_id = feature
        .map(|key| store.feature(key))
        .transpose()?
        .map(|f| f.id);
    let entries = store.log(&LogFilter {
        since: since.as_deref().map(|t| date_arg(t, today)).transpose()?,
        feature: feature_id,
        limit: None,
    })?;
    if json {
        write_json(out, &entries)?;
    } else {
        for entry in &entries {
            let why = if entry.why.is_empty() {
                String::new()
            } else {
                format!(" — why: {}", entry.why)
            };
            writeln!(
                out,
                "#{:<5} {}  {:<10} {}{why}",
                entry.id,
                entry.at.format("%Y-%m-%d %H:%M"),
                entry.by(),
                entry.what
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OpenMode, Store};

    /// `show` reads one card's part of the file; what it shows is what a
    /// whole read shows, for every card of the example.
    #[test]
    fn a_cards_part_shows_what_the_whole_roadmap_shows() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("r.db"), OpenMode::CreateIfMissing, "t").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::example::build(&mut store, today).unwrap();
        let whole = store.load().unwrap();
        let index = RoadmapIndex::of(&whole);
        for feature in &whole.features {
            let part = store.load_card(feature.key).unwrap();
            let from_part =
                FeatureView::new((&part, &RoadmapIndex::of(&part)), &part.features[0], today);
            let from_whole = FeatureView::new((&whole, &index), feature, today);
            assert_eq!(
                serde_json::to_value(&from_part).unwrap(),
                serde_json::to_value(&from_whole).unwrap(),
                "{}",
                feature.key
            );
        }
    }
}
