//! Commits on the cards: the links a scan found, kept by the card's key,
//! and the last commit scanned in each repository. What git says, not a
//! change of the roadmap: not logged (a `Ships:` trailer's ship is, through
//! the method).

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use rusqlite::OptionalExtension;

use super::{Result, Store};
use crate::domain::commits::CardCommit;
use crate::domain::{FeatureKey, Roadmap};

impl Store {
    /// The commit this file last scanned in the repository at `repo`.
    pub fn last_scanned(&self, repo: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT head FROM git_scan WHERE repo = ?1", [repo], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Keeps the links of a scan of `repo` up to `head`, those naming a
    /// card of this roadmap; returns the ones it did not hold before.
    pub fn keep_commit_links(
        &mut self,
        repo: &str,
        head: &str,
        links: &[(FeatureKey, CardCommit)],
    ) -> Result<Vec<(FeatureKey, CardCommit)>> {
        self.unlogged_write(|tx| {
            let mut fresh = Vec::new();
            let mut known = tx.prepare("SELECT 1 FROM feature WHERE key_num = ?1")?;
            let mut insert = tx.prepare(
                "INSERT OR IGNORE INTO commit_link (hash, key_num, committed, subject, ships)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (key, commit) in links {
                if !known.exists([key.0])? {
                    continue;
                }
                let added = insert.execute(rusqlite::params![
                    commit.hash,
                    key.0,
                    commit.when.to_rfc3339(),
                    commit.subject,
                    commit.ships,
                ])?;
                if added > 0 {
                    fresh.push((*key, commit.clone()));
                }
            }
            tx.execute(
                "INSERT INTO git_scan (repo, head) VALUES (?1, ?2)
                 ON CONFLICT(repo) DO UPDATE SET head = excluded.head",
                [repo, head],
            )?;
            Ok(fresh)
        })
    }

    /// How many commits this week (from Monday, UTC) name the feature that
    /// holds the ONE slot; 0 without one.
    pub fn commits_this_week(&self, roadmap: &Roadmap, today: NaiveDate) -> Result<usize> {
        let Some(one) = roadmap.slot_holder() else {
            return Ok(0);
        };
        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        let count: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM commit_link WHERE key_num = ?1 AND committed >= ?2",
            rusqlite::params![one.key.0, monday.to_string()],
            |r| r.get(0),
        )?;
        Ok(count as usize)
    }

    /// The commits that name the card `key`, newest first.
    pub fn commits_of(&self, key: FeatureKey) -> Result<Vec<CardCommit>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT hash, committed, subject, ships FROM commit_link
             WHERE key_num = ?1 ORDER BY committed DESC, hash",
        )?;
        let rows = statement
            .query_map([key.0], |r| {
                let when: String = r.get(1)?;
                Ok(CardCommit {
                    hash: r.get(0)?,
                    when: DateTime::parse_from_rfc3339(&when)
                        .map(|w| w.with_timezone(&Utc))
                        .unwrap_or_default(),
                    subject: r.get(2)?,
                    ships: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
