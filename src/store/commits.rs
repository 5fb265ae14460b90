//! Commits on the cards: the links a scan found, kept by the card's key,
//! and the last commit scanned in each repository. What git says, not a
//! change of the roadmap: not logged (a `Ships:` trailer's ship is, through
//! the method).

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use rusqlite::OptionalExtension;

use super::{Result, Store};
use crate::domain::FeatureKey;
use crate::domain::commits::CardCommit;

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

    /// Of a scan's links, those this file does not hold yet that name a
    /// card of this roadmap.
    pub fn unseen_links(
        &self,
        links: Vec<(FeatureKey, CardCommit)>,
    ) -> Result<Vec<(FeatureKey, CardCommit)>> {
        let mut known = self
            .conn
            .prepare_cached("SELECT 1 FROM feature WHERE key_num = ?1")?;
        let mut held = self
            .conn
            .prepare_cached("SELECT 1 FROM commit_link WHERE key_num = ?1 AND hash = ?2")?;
        let mut unseen = Vec::new();
        for (key, commit) in links {
            if known.exists([key.0])? && !held.exists(rusqlite::params![key.0, commit.hash])? {
                unseen.push((key, commit));
            }
        }
        Ok(unseen)
    }

    /// Keeps `links` and `head` as the last commit scanned in `repo`.
    pub fn keep_commit_links(
        &mut self,
        repo: &str,
        head: &str,
        links: &[(FeatureKey, CardCommit)],
    ) -> Result<()> {
        self.unlogged_write(|tx| {
            let mut insert = tx.prepare(
                "INSERT OR IGNORE INTO commit_link (hash, key_num, committed, subject, ships)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (key, commit) in links {
                insert.execute(rusqlite::params![
                    commit.hash,
                    key.0,
                    commit.when.to_rfc3339(),
                    commit.subject,
                    commit.ships,
                ])?;
            }
            tx.execute(
                "INSERT INTO git_scan (repo, head) VALUES (?1, ?2)
                 ON CONFLICT(repo) DO UPDATE SET head = excluded.head",
                [repo, head],
            )?;
            Ok(())
        })
    }

    /// How many commits of the week of `today` (Monday to Sunday, local
    /// time) name `key`.
    pub fn commits_in_week(&self, key: FeatureKey, today: NaiveDate) -> Result<usize> {
        let monday = crate::domain::dates::week_start(today);
        let stored = |day: NaiveDate| {
            super::read::utc_of_local(day.and_time(NaiveTime::MIN))
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string()
        };
        let count: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM commit_link
             WHERE key_num = ?1 AND committed >= ?2 AND committed < ?3",
            rusqlite::params![key.0, stored(monday), stored(monday + Days::new(7))],
            |r| r.get(0),
        )?;
        Ok(count as usize)
    }

    /// The commits that name the card `key`, newest first; `NoFeature`
    /// when the roadmap has no such card.
    pub fn commits_of(&self, key: FeatureKey) -> Result<Vec<CardCommit>> {
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM feature WHERE key_num = ?1)",
            [key.0],
            |r| r.get(0),
        )?;
        if !known {
            return Err(super::StoreError::NoFeature(key));
        }
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
