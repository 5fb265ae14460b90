//! Queries: the whole roadmap for the board, single rows for the writers,
//! the change log.

use chrono::{NaiveDate, NaiveDateTime, TimeZone as _, Weekday};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::path::Path;

use super::{Result, Store, StoreError};
use crate::domain::outcome::FeatureOutcome;
use crate::domain::*;

pub(super) const FEATURE_COLUMNS: &str = "id, key_num, title, description, why, metric, status, priority, moscow, impact, effort, target_date, started_date, shipped_date, owner, link, pilot_feedback, phase_id, position, why_interesting, why_deferred, reconsider_date, created_on, private, active_days_before, reconsider_when";

/// Reads a text column into a domain enum; an unknown value means the file
/// was edited by hand or by a newer build.
fn parsed<T: std::str::FromStr<Err = String>>(row: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    text.parse().map_err(|message: String| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            message.into(),
        )
    })
}

/// Reads a column holding JSON (a short list kept with its row).
fn json_column<T: serde::de::DeserializeOwned>(row: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
    })
}

fn optional_parsed<T: std::str::FromStr<Err = String>>(
    row: &Row,
    index: usize,
) -> rusqlite::Result<Option<T>> {
    match row.get_ref(index)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => parsed(row, index).map(Some),
    }
}

pub(super) fn feature_from_row(row: &Row) -> rusqlite::Result<Feature> {
    let priority: Option<u8> = row.get(7)?;
    Ok(Feature {
        id: FeatureId(row.get(0)?),
        key: FeatureKey(row.get(1)?),
        title: row.get(2)?,
        description: row.get(3)?,
        why: row.get(4)?,
        metric: row.get(5)?,
        status: parsed(row, 6)?,
        priority: priority.and_then(Priority::from_level),
        moscow: optional_parsed(row, 8)?,
        impact: row.get(9)?,
        effort: row.get(10)?,
        target: row.get(11)?,
        started: row.get(12)?,
        shipped: row.get(13)?,
        owner: row.get(14)?,
        link: row.get(15)?,
        pilot_feedback: row.get(16)?,
        phase: row.get::<_, Option<i64>>(17)?.map(PhaseId),
        position: row.get(18)?,
        why_interesting: row.get(19)?,
        why_deferred: row.get(20)?,
        reconsider: row.get(21)?,
        created: row.get(22)?,
        private: row.get(23)?,
        active_before: row.get(24)?,
        reconsider_when: row.get(25)?,
    })
}

pub(super) fn phase_from_row(row: &Row) -> rusqlite::Result<Phase> {
    Ok(Phase {
        id: PhaseId(row.get(0)?),
        name: row.get(1)?,
        goal: row.get(2)?,
        start: row.get(3)?,
        end: row.get(4)?,
        status: parsed(row, 5)?,
        position: row.get(6)?,
    })
}

pub(super) const PHASE_COLUMNS: &str = "id, name, goal, start_date, end_date, status, position";

pub(super) const BLOCKER_COLUMNS: &str =
    "id, feature_id, waiting_for, eta, mitigation, resolved_date, upcoming";

pub(super) fn blocker_from_row(row: &Row) -> rusqlite::Result<Blocker> {
    Ok(Blocker {
        id: BlockerId(row.get(0)?),
        feature: row.get::<_, Option<i64>>(1)?.map(FeatureId),
        waiting_for: row.get(2)?,
        eta: row.get(3)?,
        mitigation: row.get(4)?,
        resolved: row.get(5)?,
        upcoming: row.get(6)?,
    })
}

fn foundation_from_row(row: &Row) -> rusqlite::Result<FoundationItem> {
    Ok(FoundationItem {
        id: FoundationId(row.get(0)?),
        what: row.get(1)?,
        why: row.get(2)?,
        status: parsed(row, 3)?,
        target: row.get(4)?,
        position: row.get(5)?,
    })
}

fn risk_from_row(row: &Row) -> rusqlite::Result<Risk> {
    Ok(Risk {
        id: RiskId(row.get(0)?),
        risk: row.get(1)?,
        impact: row.get(2)?,
        mitigation: row.get(3)?,
        position: row.get(4)?,
    })
}

fn note_from_row(row: &Row) -> rusqlite::Result<Note> {
    Ok(Note {
        id: NoteId(row.get(0)?),
        heading: row.get(1)?,
        body: row.get(2)?,
        position: row.get(3)?,
    })
}

pub(super) const MILESTONES: &str =
    "SELECT id, phase_id, text, target_date, done_date, position FROM milestone";

pub(super) fn milestone_from_row(row: &Row) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: MilestoneId(row.get(0)?),
        phase: PhaseId(row.get(1)?),
        text: row.get(2)?,
        target: row.get(3)?,
        done: row.get(4)?,
        position: row.get(5)?,
    })
}

pub(super) const CRITERIA: &str = "SELECT id, phase_id, text, done, position FROM criterion";

pub(super) fn criterion_from_row(row: &Row) -> rusqlite::Result<Criterion> {
    Ok(Criterion {
        id: CriterionId(row.get(0)?),
        phase: PhaseId(row.get(1)?),
        text: row.get(2)?,
        done: row.get(3)?,
        position: row.get(4)?,
    })
}

const OUTCOMES: &str = "SELECT feature_id, check_on, result, value, note, recorded_on FROM outcome";

fn outcome_from_row(row: &Row) -> rusqlite::Result<FeatureOutcome> {
    Ok(FeatureOutcome {
        feature: FeatureId(row.get(0)?),
        check_on: row.get(1)?,
        result: optional_parsed(row, 2)?,
        value: row.get(3)?,
        note: row.get(4)?,
        recorded: row.get(5)?,
    })
}

const REVIEWS: &str =
    "SELECT id, date, kind, notes, chosen_feature_id FROM review ORDER BY date, id";

fn review_from_row(row: &Row) -> rusqlite::Result<Review> {
    Ok(Review {
        id: ReviewId(row.get(0)?),
        date: row.get(1)?,
        kind: parsed(row, 2)?,
        notes: row.get(3)?,
        chosen: row.get::<_, Option<i64>>(4)?.map(FeatureId),
    })
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    rows(conn, sql, [], map)
}

/// The rows of `sql`, each through `map`. A value that does not read (a
/// row edited by hand, or by a newer build) is reported by table, row and
/// column, not by the column's index.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    mut map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query(params)?;
    let mut read = Vec::new();
    while let Some(row) = rows.next()? {
        read.push(map(row).map_err(|error| unreadable(sql, row, error))?);
    }
    Ok(read)
}

/// The first row of `sql`, if any (as `rows`).
pub(super) fn first<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    Ok(rows(conn, sql, params, map)?.into_iter().next())
}

/// `error` reading `row` of `sql`, said with the table, the row (a
/// feature by its key, others by id) and the column.
fn unreadable(sql: &str, row: &Row, error: rusqlite::Error) -> StoreError {
    use rusqlite::Error as E;
    let (index, detail) = match &error {
        E::FromSqlConversionFailure(i, _, cause) => (*i, cause.to_string()),
        E::InvalidColumnType(i, _, found) => (*i, format!("holds {found}, not the type it should")),
        E::IntegralValueOutOfRange(i, value) => (*i, format!("{value} is out of range")),
        _ => return error.into(),
    };
    let table = sql
        .split(" FROM ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("?");
    let column = row.as_ref().column_name(index).unwrap_or("?").to_owned();
    let number = |i: usize| row.get::<_, i64>(i).ok();
    let label = match (table, number(0), number(1)) {
        ("feature", _, Some(key)) => format!("F{key}"),
        (_, Some(id), _) => format!("#{id}"),
        _ => "?".to_owned(),
    };
    StoreError::BadRow {
        table: table.to_owned(),
        row: label,
        column,
        detail,
    }
}

/// What `roadboard log` and the log view ask for.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub since: Option<NaiveDate>,
    pub feature: Option<FeatureId>,
    pub limit: Option<usize>,
}

impl Store {
    /// The roadmap's name and settings, or `None` before `init`.
    pub fn info(&self) -> Result<Option<RoadmapInfo>> {
        info_of(&self.conn)
    }

    pub fn require_info(&self) -> Result<RoadmapInfo> {
        self.info()?.ok_or_else(|| StoreError::NoRoadmap {
            path: self.path.clone(),
        })
    }

    /// The whole roadmap, every list in display order.
    pub fn load(&self) -> Result<Roadmap> {
        let started = std::time::Instant::now();
        let roadmap = self.read_roadmap();
        let ms = started.elapsed().as_secs_f64() * 1e3;
        tracing::debug!(ms, "load");
        roadmap
    }

    fn read_roadmap(&self) -> Result<Roadmap> {
        roadmap_of(&self.conn, &self.path)
    }

    pub fn feature(&self, key: FeatureKey) -> Result<Feature> {
        feature_by_key(&self.conn, key)
    }

    pub fn phases(&self) -> Result<Vec<Phase>> {
        all(
            &self.conn,
            &format!("SELECT {PHASE_COLUMNS} FROM phase ORDER BY position, id"),
            phase_from_row,
        )
    }

    /// Only what one card's view reads, from indexed queries (`show` at
    /// any size): the phases, the card, what it depends on (those rows and
    /// features), its blockers.
    pub fn load_card(&self, key: FeatureKey) -> Result<Roadmap> {
        let conn = &self.conn;
        let feature = feature_by_key(conn, key)?;
        let id = feature.id.0;
        let mut roadmap = Roadmap::empty("");
        roadmap.info = self.require_info()?;
        roadmap.phases = self.phases()?;
        roadmap.dependencies = rows(
            conn,
            "SELECT feature_id, depends_on_id FROM dependency WHERE feature_id = ?1 ORDER BY depends_on_id",
            [id],
            |row| {
                Ok(Dependency {
                    feature: FeatureId(row.get(0)?),
                    depends_on: FeatureId(row.get(1)?),
                })
            },
        )?;
        roadmap.features = rows(
            conn,
            &format!(
                "SELECT {FEATURE_COLUMNS} FROM feature WHERE id IN (SELECT depends_on_id FROM dependency WHERE feature_id = ?1)"
            ),
            [id],
            feature_from_row,
        )?;
        roadmap.features.insert(0, feature);
        roadmap.blockers = rows(
            conn,
            &format!("SELECT {BLOCKER_COLUMNS} FROM blocker WHERE feature_id = ?1 ORDER BY id"),
            [id],
            blocker_from_row,
        )?;
        Ok(roadmap)
    }

    /// Only what `status` reads, from indexed queries (a shell prompt runs
    /// it every time): the settings, the reviews, the ONE feature and its
    /// open blockers, the feature up next. `features` holds those two, or
    /// one other feature to tell a roadmap with features from an empty one.
    pub fn load_focus(&self) -> Result<Roadmap> {
        let conn = &self.conn;
        let mut roadmap = Roadmap::empty("");
        roadmap.info = self.require_info()?;
        roadmap.features = rows(
            conn,
            &format!(
                "SELECT {FEATURE_COLUMNS} FROM feature WHERE status IN ('active', 'in_review')
                 UNION ALL SELECT {FEATURE_COLUMNS} FROM feature WHERE id = ?1"
            ),
            [roadmap.info.up_next.map(|id| id.0)],
            feature_from_row,
        )?;
        if let Some(holder) = roadmap.slot_holder().map(|f| f.id.0) {
            roadmap.blockers = rows(
                conn,
                &format!(
                    "SELECT {BLOCKER_COLUMNS} FROM blocker WHERE feature_id = ?1 AND resolved_date IS NULL AND upcoming = 0 ORDER BY id"
                ),
                [holder],
                blocker_from_row,
            )?;
        }
        roadmap.reviews = all(conn, REVIEWS, review_from_row)?;
        // Open outcome checks and their features (few: a final result
        // closes a check).
        roadmap.outcomes = all(
            conn,
            &format!("{OUTCOMES} WHERE result IS NULL OR result = 'too_early'"),
            outcome_from_row,
        )?;
        roadmap.features.extend(rows(
            conn,
            &format!("SELECT {FEATURE_COLUMNS} FROM feature WHERE id IN (SELECT feature_id FROM outcome WHERE result IS NULL OR result = 'too_early')"),
            [],
            feature_from_row,
        )?);
        if roadmap.features.is_empty() {
            roadmap.features = all(
                conn,
                &format!("SELECT {FEATURE_COLUMNS} FROM feature LIMIT 1"),
                feature_from_row,
            )?;
        }
        Ok(roadmap)
    }

    /// The change log, newest first, its times local.
    pub fn log(&self, filter: &LogFilter) -> Result<Vec<ChangeEntry>> {
        let since = filter
            .since
            .map(|d| utc_of_local(d.and_hms_opt(0, 0, 0).expect("midnight exists")));
        let limit = filter.limit.map_or(-1, |l| l as i64);
        rows(
            &self.conn,
            // In time order: a sync brings the other machine's entries
            // after this one's, whenever they were made.
            "SELECT id, at, who, what, why, feature_id, machine FROM change_log
             WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR feature_id = ?2)
             ORDER BY at DESC, id DESC LIMIT ?3",
            params![since, filter.feature.map(|f| f.0), limit],
            |row| {
                let machine: String = row.get(6)?;
                Ok(ChangeEntry {
                    id: row.get(0)?,
                    at: local_of_utc(row.get::<_, NaiveDateTime>(1)?),
                    who: row.get(2)?,
                    what: row.get(3)?,
                    why: row.get(4)?,
                    feature: row.get::<_, Option<i64>>(5)?.map(FeatureId),
                    elsewhere: (!machine.is_empty() && machine != self.machine).then_some(machine),
                })
            },
        )
    }
}

/// A change-log time as stored (UTC), as people read it here (local).
fn local_of_utc(at: NaiveDateTime) -> NaiveDateTime {
    chrono::Utc
        .from_utc_datetime(&at)
        .with_timezone(&chrono::Local)
        .naive_local()
}

/// A local time (a document's change log, a day typed) as stored (UTC).
/// A time a clock change skips is taken as the hour after.
pub(super) fn utc_of_local(at: NaiveDateTime) -> NaiveDateTime {
    chrono::Local
        .from_local_datetime(&at)
        .earliest()
        .or_else(|| {
            chrono::Local
                .from_local_datetime(&(at + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or(at, |local| local.naive_utc())
}

/// The roadmap's name and settings in `conn`, or `None` before `init`.
pub(super) fn info_of(conn: &Connection) -> Result<Option<RoadmapInfo>> {
    conn.query_row(
        "SELECT name, horizon, philosophy, review_day, up_next_id FROM roadmap WHERE id = 1",
        [],
        |row| {
            let day: u8 = row.get(3)?;
            Ok(RoadmapInfo {
                name: row.get(0)?,
                horizon: row.get(1)?,
                philosophy: row.get(2)?,
                review_day: Weekday::try_from(day).unwrap_or(Weekday::Fri),
                up_next: row.get::<_, Option<i64>>(4)?.map(FeatureId),
            })
        },
    )
    .optional()
    .map_err(StoreError::from)
}

/// The whole roadmap in `conn` (the file at `path`), every list in display
/// order: also what a write reads of its own rows before it commits.
pub(super) fn roadmap_of(conn: &Connection, path: &Path) -> Result<Roadmap> {
    let info = info_of(conn)?.ok_or_else(|| StoreError::NoRoadmap {
        path: path.to_path_buf(),
    })?;
    Ok(Roadmap {
        info,
        phases: all(
            conn,
            &format!("SELECT {PHASE_COLUMNS} FROM phase ORDER BY position, id"),
            phase_from_row,
        )?,
        milestones: all(
            conn,
            &format!("{MILESTONES} ORDER BY phase_id, position, id"),
            milestone_from_row,
        )?,
        criteria: all(
            conn,
            &format!("{CRITERIA} ORDER BY phase_id, position, id"),
            criterion_from_row,
        )?,
        features: all(
            conn,
            &format!(
                "SELECT {FEATURE_COLUMNS} FROM feature ORDER BY phase_id IS NULL, phase_id, position, id"
            ),
            feature_from_row,
        )?,
        dependencies: all(
            conn,
            "SELECT feature_id, depends_on_id FROM dependency ORDER BY feature_id, depends_on_id",
            |row| {
                Ok(Dependency {
                    feature: FeatureId(row.get(0)?),
                    depends_on: FeatureId(row.get(1)?),
                })
            },
        )?,
        blockers: all(
            conn,
            &format!("SELECT {BLOCKER_COLUMNS} FROM blocker ORDER BY id"),
            blocker_from_row,
        )?,
        requests: all_requests(conn)?,
        foundations: all(
            conn,
            "SELECT id, what, why, status, target_date, position FROM foundation ORDER BY position, id",
            foundation_from_row,
        )?,
        risks: all(
            conn,
            "SELECT id, risk, impact, mitigation, position FROM risk ORDER BY position, id",
            risk_from_row,
        )?,
        reviews: all(conn, REVIEWS, review_from_row)?,
        notes: all(
            conn,
            "SELECT id, heading, body, position FROM note ORDER BY position, id",
            note_from_row,
        )?,
        outcomes: all(
            conn,
            &format!("{OUTCOMES} ORDER BY feature_id"),
            outcome_from_row,
        )?,
    })
}

/// Now, as a change-log time is stored.
pub(super) fn now_stored() -> String {
    chrono::Utc::now()
        .naive_utc()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// The feature holding the ONE slot (active or in review), if any: inside
/// a write's transaction, as the rows are now.
pub(super) fn slot_holder(conn: &Connection) -> Result<Option<Feature>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {FEATURE_COLUMNS} FROM feature WHERE status IN ('active', 'in_review')"
            ),
            [],
            feature_from_row,
        )
        .optional()?)
}

/// The highest feature key number in the file (0 when it has none): a new
/// feature takes the next.
pub(super) fn highest_key(conn: &Connection) -> Result<u32> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(key_num), 0) FROM feature", [], |r| {
            r.get(0)
        })?,
    )
}

pub(super) fn feature_by_key(conn: &Connection, key: FeatureKey) -> Result<Feature> {
    first(
        conn,
        &format!("SELECT {FEATURE_COLUMNS} FROM feature WHERE key_num = ?1"),
        [key.0],
        feature_from_row,
    )?
    .ok_or(StoreError::NoFeature(key))
}

pub(super) fn feature_by_id(conn: &Connection, id: FeatureId) -> Result<Feature> {
    first(
        conn,
        &format!("SELECT {FEATURE_COLUMNS} FROM feature WHERE id = ?1"),
        [id.0],
        feature_from_row,
    )?
    .ok_or(StoreError::NotFound {
        what: "feature",
        id: id.0,
    })
}

pub(super) fn phase_by_id(conn: &Connection, id: PhaseId) -> Result<Phase> {
    first(
        conn,
        &format!("SELECT {PHASE_COLUMNS} FROM phase WHERE id = ?1"),
        [id.0],
        phase_from_row,
    )?
    .ok_or(StoreError::NotFound {
        what: "phase",
        id: id.0,
    })
}

pub(super) fn blocker_by_id(conn: &Connection, id: BlockerId) -> Result<Blocker> {
    first(
        conn,
        &format!("SELECT {BLOCKER_COLUMNS} FROM blocker WHERE id = ?1"),
        [id.0],
        blocker_from_row,
    )?
    .ok_or(StoreError::NotFound {
        what: "blocker",
        id: id.0,
    })
}

/// Every customer request, in the order they were recorded.
pub(super) fn all_requests(conn: &Connection) -> Result<Vec<CustomerRequest>> {
    all(
        conn,
        "SELECT id, text, requested_by, requested_on, priority, feature_id, status, decline_reason, also_asked FROM request ORDER BY id",
        |row| {
            Ok(CustomerRequest {
                id: RequestId(row.get(0)?),
                text: row.get(1)?,
                requested_by: row.get(2)?,
                requested_on: row.get(3)?,
                priority: parsed(row, 4)?,
                feature: row.get::<_, Option<i64>>(5)?.map(FeatureId),
                status: parsed(row, 6)?,
                decline_reason: row.get(7)?,
                also_asked: json_column(row, 8)?,
            })
        },
    )
}
