//! The schema, as versioned migrations. Never edit a released migration:
//! add the next one.

use rusqlite_migration::{M, Migrations};

/// `PRAGMA application_id` of a roadboard file ("RBRD"), so a SQLite file of
/// another program is recognized and left alone.
pub const APPLICATION_ID: i32 = 0x5242_5244;

const V1: &str = r#"
CREATE TABLE roadmap (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL CHECK (name <> ''),
    horizon     TEXT NOT NULL DEFAULT '',
    philosophy  TEXT NOT NULL DEFAULT '',
    review_day  INTEGER NOT NULL DEFAULT 4 CHECK (review_day BETWEEN 0 AND 6),
    created_at  TEXT NOT NULL
);

CREATE TABLE phase (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    goal        TEXT NOT NULL DEFAULT '',
    start_date  TEXT,
    end_date    TEXT,
    status      TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'complete')),
    position    INTEGER NOT NULL
);

CREATE TABLE milestone (
    id          INTEGER PRIMARY KEY,
    phase_id    INTEGER NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
    text        TEXT NOT NULL CHECK (text <> ''),
    target_date TEXT,
    done_date   TEXT,
    position    INTEGER NOT NULL
);

CREATE TABLE criterion (
    id          INTEGER PRIMARY KEY,
    phase_id    INTEGER NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
    text        TEXT NOT NULL CHECK (text <> ''),
    done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    position    INTEGER NOT NULL
);

CREATE TABLE feature (
    id              INTEGER PRIMARY KEY,
    key_num         INTEGER NOT NULL UNIQUE CHECK (key_num > 0),
    title           TEXT NOT NULL CHECK (title <> ''),
    description     TEXT NOT NULL DEFAULT '',
    why             TEXT NOT NULL DEFAULT '',
    metric          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN
                        ('parked', 'planned', 'active', 'in_review', 'shipped', 'dropped')),
    priority        INTEGER CHECK (priority BETWEEN 0 AND 3),
    moscow          TEXT CHECK (moscow IN ('must', 'should', 'could', 'wont')),
    impact          INTEGER CHECK (impact BETWEEN 1 AND 5),
    effort          INTEGER CHECK (effort BETWEEN 1 AND 5),
    target_date     TEXT,
    started_date    TEXT,
    shipped_date    TEXT,
    owner           TEXT NOT NULL DEFAULT '',
    link            TEXT NOT NULL DEFAULT '',
    pilot_feedback  TEXT NOT NULL DEFAULT '',
    phase_id        INTEGER REFERENCES phase(id) ON DELETE RESTRICT,
    position        INTEGER NOT NULL,
    why_interesting TEXT NOT NULL DEFAULT '',
    why_deferred    TEXT NOT NULL DEFAULT '',
    reconsider_date TEXT,
    -- the parking lot has no phase; a card on the board always has one
    CHECK ((status = 'parked') = (phase_id IS NULL) OR status = 'dropped'),
    CHECK ((status = 'shipped') = (shipped_date IS NOT NULL)),
    CHECK (status NOT IN ('active', 'in_review') OR started_date IS NOT NULL)
);
CREATE INDEX feature_by_phase ON feature(phase_id, position);

-- The ONE rule, held by the file itself: every active or in-review row
-- indexes the same constant, so a second one is a constraint violation
-- whoever writes it.
CREATE UNIQUE INDEX one_active_feature ON feature((1))
    WHERE status IN ('active', 'in_review');

CREATE TABLE dependency (
    feature_id    INTEGER NOT NULL REFERENCES feature(id) ON DELETE CASCADE,
    depends_on_id INTEGER NOT NULL REFERENCES feature(id) ON DELETE CASCADE,
    PRIMARY KEY (feature_id, depends_on_id),
    CHECK (feature_id <> depends_on_id)
) WITHOUT ROWID;
CREATE INDEX dependency_reverse ON dependency(depends_on_id);

CREATE TABLE blocker (
    id            INTEGER PRIMARY KEY,
    feature_id    INTEGER REFERENCES feature(id) ON DELETE CASCADE,
    waiting_for   TEXT NOT NULL CHECK (waiting_for <> ''),
    eta           TEXT,
    mitigation    TEXT NOT NULL DEFAULT '',
    resolved_date TEXT
);

CREATE TABLE request (
    id             INTEGER PRIMARY KEY,
    text           TEXT NOT NULL CHECK (text <> ''),
    requested_by   TEXT NOT NULL DEFAULT '',
    requested_on   TEXT,
    priority       TEXT NOT NULL DEFAULT 'med' CHECK (priority IN ('low', 'med', 'high')),
    feature_id     INTEGER REFERENCES feature(id) ON DELETE SET NULL,
    status         TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'linked', 'declined')),
    decline_reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE foundation (
    id          INTEGER PRIMARY KEY,
    what        TEXT NOT NULL CHECK (what <> ''),
    why         TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'done')),
    target_date TEXT,
    position    INTEGER NOT NULL
);

CREATE TABLE risk (
    id         INTEGER PRIMARY KEY,
    risk       TEXT NOT NULL CHECK (risk <> ''),
    impact     TEXT NOT NULL DEFAULT '',
    mitigation TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL
);

CREATE TABLE review (
    id                INTEGER PRIMARY KEY,
    date              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
    notes             TEXT NOT NULL DEFAULT '',
    chosen_feature_id INTEGER REFERENCES feature(id) ON DELETE SET NULL
);

CREATE TABLE note (
    id       INTEGER PRIMARY KEY,
    heading  TEXT NOT NULL,
    body     TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE change_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    who        TEXT NOT NULL,
    what       TEXT NOT NULL,
    why        TEXT NOT NULL DEFAULT '',
    feature_id INTEGER REFERENCES feature(id) ON DELETE SET NULL
);
CREATE INDEX change_log_by_feature ON change_log(feature_id);
"#;

/// Version 2: the change log keeps the rows each write touched, as they
/// were before and after, so any entry can be undone and redone.
const V2: &str = r#"
ALTER TABLE change_log ADD COLUMN before_images TEXT;
ALTER TABLE change_log ADD COLUMN after_images TEXT;
"#;

/// Version 3: a review in progress is kept, so it can be left and resumed.
const V3: &str = r#"
CREATE TABLE review_draft (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL
);
"#;

/// Version 4: when a feature was added, for the parking lot's ages; older
/// rows take the date of their first change-log entry.
const V4: &str = r#"
ALTER TABLE feature ADD COLUMN created_on TEXT;
UPDATE feature SET created_on =
    (SELECT substr(MIN(at), 1, 10) FROM change_log WHERE change_log.feature_id = feature.id);
"#;

/// Version 5: the Markdown mirror belongs to the roadmap, as an absolute
/// path, so it never depends on the directory a command runs in.
const V5: &str = r#"
ALTER TABLE roadmap ADD COLUMN mirror TEXT;
"#;

/// Version 6: the feature chosen in the weekly review to come after the
/// ONE (cleared when it is deleted).
const V6: &str = r#"
ALTER TABLE roadmap ADD COLUMN up_next_id INTEGER REFERENCES feature(id) ON DELETE SET NULL;
"#;

/// Version 7: a feature can be private: kept off every published output.
const V7: &str = r#"
ALTER TABLE feature ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
"#;

/// Version 8: the outcome check of a shipped feature: when, and whether its
/// success metric was met.
const V8: &str = r#"
CREATE TABLE outcome (
    id          INTEGER PRIMARY KEY,
    feature_id  INTEGER NOT NULL UNIQUE REFERENCES feature(id) ON DELETE CASCADE,
    check_on    TEXT,
    result      TEXT CHECK (result IN ('hit', 'partly', 'missed', 'too_early')),
    value       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    recorded_on TEXT
);
"#;

/// Version 9: one review in progress per kind, so a monthly review never
/// resumes the weekly one's draft (nor replaces it).
const V9: &str = r#"
CREATE TABLE review_draft_by_kind (
    kind  TEXT PRIMARY KEY CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
    state TEXT NOT NULL
);
INSERT INTO review_draft_by_kind (kind, state)
    SELECT json_extract(state, '$.kind'), state FROM review_draft
    WHERE json_extract(state, '$.kind') IN ('weekly', 'monthly', 'quarterly');
DROP TABLE review_draft;
ALTER TABLE review_draft_by_kind RENAME TO review_draft;
"#;

/// Version 10: the days a feature was active before it was last paused
/// (or reopened), so pausing does not reset its age.
const V10: &str = r#"
ALTER TABLE feature ADD COLUMN active_days_before INTEGER NOT NULL DEFAULT 0;
"#;

/// Version 11: "reconsider when" may be a condition as well as a date.
const V11: &str = r#"
ALTER TABLE feature ADD COLUMN reconsider_when TEXT NOT NULL DEFAULT '';
"#;

/// Version 12: a request asked by several customers keeps the others
/// (a JSON list of who and when) instead of a row each.
const V12: &str = r#"
ALTER TABLE request ADD COLUMN also_asked TEXT NOT NULL DEFAULT '[]';
"#;

/// Version 13: an upcoming blocker (a risk to future work, with its
/// mitigation) is not a current one.
const V13: &str = r#"
ALTER TABLE blocker ADD COLUMN upcoming INTEGER NOT NULL DEFAULT 0 CHECK (upcoming IN (0, 1));
"#;

/// Version 14: a feature can be shipped without a known date (an import
/// of work done before the file existed), so the velocity forecast is not
/// bent by a made-up day. SQLite cannot drop a CHECK, so the table is
/// rebuilt (foreign keys are off during migrations; the step checks them).
const V14: &str = r#"
CREATE TABLE feature_v14 (
    id              INTEGER PRIMARY KEY,
    key_num         INTEGER NOT NULL UNIQUE CHECK (key_num > 0),
    title           TEXT NOT NULL CHECK (title <> ''),
    description     TEXT NOT NULL DEFAULT '',
    why             TEXT NOT NULL DEFAULT '',
    metric          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN
                        ('parked', 'planned', 'active', 'in_review', 'shipped', 'dropped')),
    priority        INTEGER CHECK (priority BETWEEN 0 AND 3),
    moscow          TEXT CHECK (moscow IN ('must', 'should', 'could', 'wont')),
    impact          INTEGER CHECK (impact BETWEEN 1 AND 5),
    effort          INTEGER CHECK (effort BETWEEN 1 AND 5),
    target_date     TEXT,
    started_date    TEXT,
    shipped_date    TEXT,
    owner           TEXT NOT NULL DEFAULT '',
    link            TEXT NOT NULL DEFAULT '',
    pilot_feedback  TEXT NOT NULL DEFAULT '',
    phase_id        INTEGER REFERENCES phase(id) ON DELETE RESTRICT,
    position        INTEGER NOT NULL,
    why_interesting TEXT NOT NULL DEFAULT '',
    why_deferred    TEXT NOT NULL DEFAULT '',
    reconsider_date TEXT,
    created_on      TEXT,
    private         INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    active_days_before INTEGER NOT NULL DEFAULT 0,
    reconsider_when TEXT NOT NULL DEFAULT '',
    -- the parking lot has no phase; a card on the board always has one
    CHECK ((status = 'parked') = (phase_id IS NULL) OR status = 'dropped'),
    -- only a shipped feature has a shipped date, but it may not know it
    CHECK (status = 'shipped' OR shipped_date IS NULL),
    CHECK (status NOT IN ('active', 'in_review') OR started_date IS NOT NULL)
);
INSERT INTO feature_v14 (id, key_num, title, description, why, metric, status, priority,
    moscow, impact, effort, target_date, started_date, shipped_date, owner, link,
    pilot_feedback, phase_id, position, why_interesting, why_deferred, reconsider_date,
    created_on, private, active_days_before, reconsider_when)
SELECT id, key_num, title, description, why, metric, status, priority,
    moscow, impact, effort, target_date, started_date, shipped_date, owner, link,
    pilot_feedback, phase_id, position, why_interesting, why_deferred, reconsider_date,
    created_on, private, active_days_before, reconsider_when
FROM feature;
DROP TABLE feature;
ALTER TABLE feature_v14 RENAME TO feature;
CREATE INDEX feature_by_phase ON feature(phase_id, position);
CREATE UNIQUE INDEX one_active_feature ON feature((1))
    WHERE status IN ('active', 'in_review');
"#;

/// Version 15: change-log times are kept in UTC (they were local without
/// a zone, so entries written in two time zones sorted out of order; the
/// old ones are taken as this machine's local time), and an undo or redo
/// names the entry it replays, so `roadboard undo` knows what is undone.
const V15: &str = r#"
UPDATE change_log SET at = strftime('%Y-%m-%d %H:%M:%S', at, 'utc')
    WHERE strftime('%Y-%m-%d %H:%M:%S', at, 'utc') IS NOT NULL;
ALTER TABLE change_log ADD COLUMN undoes INTEGER;
ALTER TABLE change_log ADD COLUMN redoes INTEGER;
CREATE INDEX change_log_undoes ON change_log(undoes);
CREATE INDEX change_log_redoes ON change_log(redoes);
"#;

/// Version 16: the founder's corrections of the reader ("line 12 is a
/// phase"), kept by the document's path and the line's text, applied again
/// on every re-import of that document.
const V16: &str = r#"
CREATE TABLE document_role (
    document  TEXT NOT NULL,
    line_text TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (document, line_text)
);
"#;

/// Version 17: commits on the cards. A link is kept by the card's key
/// (keys are never reused, and survive an undo that removes and restores
/// the card), with what the card shows of the commit; the last commit
/// scanned in each repository, so a scan reads only what is new.
const V17: &str = r#"
CREATE TABLE commit_link (
    hash      TEXT NOT NULL,
    key_num   INTEGER NOT NULL CHECK (key_num > 0),
    committed TEXT NOT NULL,
    subject   TEXT NOT NULL,
    ships     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key_num, hash)
);
CREATE TABLE git_scan (
    repo TEXT PRIMARY KEY,
    head TEXT NOT NULL
);
"#;

/// Version 18: every row a roadmap is made of carries a stable unique id,
/// given on insert by whatever writes it (a trigger), so two machines that
/// sync one roadmap know an item by it whatever its local id or key; the
/// change log says which machine made each change; the state last synced
/// is kept (the base of the next three-way merge).
const V18: &str = r#"
ALTER TABLE phase ADD COLUMN uid TEXT;
UPDATE phase SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX phase_uid ON phase(uid);
CREATE TRIGGER phase_uid AFTER INSERT ON phase WHEN NEW.uid IS NULL BEGIN
    UPDATE phase SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE milestone ADD COLUMN uid TEXT;
UPDATE milestone SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX milestone_uid ON milestone(uid);
CREATE TRIGGER milestone_uid AFTER INSERT ON milestone WHEN NEW.uid IS NULL BEGIN
    UPDATE milestone SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE criterion ADD COLUMN uid TEXT;
UPDATE criterion SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX criterion_uid ON criterion(uid);
CREATE TRIGGER criterion_uid AFTER INSERT ON criterion WHEN NEW.uid IS NULL BEGIN
    UPDATE criterion SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE feature ADD COLUMN uid TEXT;
UPDATE feature SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX feature_uid ON feature(uid);
CREATE TRIGGER feature_uid AFTER INSERT ON feature WHEN NEW.uid IS NULL BEGIN
    UPDATE feature SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE blocker ADD COLUMN uid TEXT;
UPDATE blocker SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX blocker_uid ON blocker(uid);
CREATE TRIGGER blocker_uid AFTER INSERT ON blocker WHEN NEW.uid IS NULL BEGIN
    UPDATE blocker SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE request ADD COLUMN uid TEXT;
UPDATE request SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX request_uid ON request(uid);
CREATE TRIGGER request_uid AFTER INSERT ON request WHEN NEW.uid IS NULL BEGIN
    UPDATE request SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE foundation ADD COLUMN uid TEXT;
UPDATE foundation SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX foundation_uid ON foundation(uid);
CREATE TRIGGER foundation_uid AFTER INSERT ON foundation WHEN NEW.uid IS NULL BEGIN
    UPDATE foundation SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE risk ADD COLUMN uid TEXT;
UPDATE risk SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX risk_uid ON risk(uid);
CREATE TRIGGER risk_uid AFTER INSERT ON risk WHEN NEW.uid IS NULL BEGIN
    UPDATE risk SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE review ADD COLUMN uid TEXT;
UPDATE review SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX review_uid ON review(uid);
CREATE TRIGGER review_uid AFTER INSERT ON review WHEN NEW.uid IS NULL BEGIN
    UPDATE review SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE note ADD COLUMN uid TEXT;
UPDATE note SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX note_uid ON note(uid);
CREATE TRIGGER note_uid AFTER INSERT ON note WHEN NEW.uid IS NULL BEGIN
    UPDATE note SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE outcome ADD COLUMN uid TEXT;
UPDATE outcome SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX outcome_uid ON outcome(uid);
CREATE TRIGGER outcome_uid AFTER INSERT ON outcome WHEN NEW.uid IS NULL BEGIN
    UPDATE outcome SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE change_log ADD COLUMN uid TEXT;
UPDATE change_log SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX change_log_uid ON change_log(uid);
CREATE TRIGGER change_log_uid AFTER INSERT ON change_log WHEN NEW.uid IS NULL BEGIN
    UPDATE change_log SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
ALTER TABLE change_log ADD COLUMN machine TEXT NOT NULL DEFAULT '';
CREATE TABLE sync_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    base        TEXT NOT NULL,
    base_commit TEXT NOT NULL,
    synced_at   TEXT NOT NULL,
    -- The newest change-log entry then: what this machine logs after it
    -- waits to be pushed.
    log_mark    INTEGER NOT NULL
);
"#;

pub(super) const STEPS: &[M<'static>] = &[
    M::up(V1).foreign_key_check(),
    M::up(V2),
    M::up(V3),
    M::up(V4),
    M::up(V5),
    M::up(V6),
    M::up(V7),
    M::up(V8),
    M::up(V9),
    M::up(V10),
    M::up(V11),
    M::up(V12),
    M::up(V13),
    M::up(V14).foreign_key_check(),
    M::up(V15),
    M::up(V16),
    M::up(V17),
    M::up(V18),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// The schema version this build writes (`PRAGMA user_version`).
pub fn latest_version() -> i64 {
    STEPS.len() as i64
}
