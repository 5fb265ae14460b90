//! What an import recognized, what it kept as notes, what it could not read.

use std::fmt;

use crate::domain::{FeatureStatus, Roadmap};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Sections kept verbatim as roadmap notes: line, heading.
    pub notes: Vec<(usize, String)>,
    /// Problems, each handled (field left empty, item skipped): line, text.
    pub warnings: Vec<(usize, String)>,
    /// Features set back to planned by the ONE rule.
    pub demoted: Vec<String>,
    /// Items of priority sections that matched no feature and were parked.
    pub parked_from_priorities: usize,
    /// Items named both in a gantt chart and in a list or table, read as
    /// one: line of the second mention, title.
    pub merged: Vec<(usize, String)>,
    /// Every phase and feature recognized, with its line: what lands where.
    pub items: Vec<(usize, String)>,
    /// Items of priority lists that annotated a feature: line, sentence.
    pub annotated: Vec<(usize, String)>,
}

/// The report with the counts of what the roadmap holds.
pub struct Summary<'a> {
    pub report: &'a Report,
    pub roadmap: &'a Roadmap,
    pub changes: usize,
    /// List every recognized item with its line (the dry run's preview).
    pub itemized: bool,
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.roadmap;
        let count =
            |status: FeatureStatus| r.features.iter().filter(|x| x.status == status).count();
        writeln!(f, "recognized in \"{}\":", r.info.name)?;
        let rows = [
            ("phases", r.phases.len()),
            (
                "features",
                r.features.iter().filter(|x| x.phase.is_some()).count(),
            ),
            ("  shipped", count(FeatureStatus::Shipped)),
            (
                "  active or in review",
                count(FeatureStatus::Active) + count(FeatureStatus::InReview),
            ),
            ("  planned", count(FeatureStatus::Planned)),
            (
                "parked features",
                r.features.iter().filter(|x| x.phase.is_none()).count(),
            ),
            ("milestones", r.milestones.len()),
            ("success criteria", r.criteria.len()),
            ("dependencies", r.dependencies.len()),
            ("blockers", r.blockers.len()),
            ("customer requests", r.requests.len()),
            ("foundation items", r.foundations.len()),
            ("risks", r.risks.len()),
            ("reviews", r.reviews.len()),
            ("change-log entries", self.changes),
        ];
        for (name, n) in rows.iter().filter(|(_, n)| *n > 0) {
            writeln!(f, "  {name:<22} {n}")?;
        }
        if self.report.parked_from_priorities > 0 {
            let n = self.report.parked_from_priorities;
            writeln!(
                f,
                "  ({n} item{} of the priority sections matched no feature and went to the parking lot)",
                if n == 1 { "" } else { "s" }
            )?;
        }
        if self.itemized && !self.report.items.is_empty() {
            writeln!(f, "recognized, line by line:")?;
            for (line, item) in &self.report.items {
                writeln!(f, "  line {line}: {item}")?;
            }
        }
        for demoted in &self.report.demoted {
            writeln!(f, "ONE rule: {demoted}")?;
        }
        for (line, sentence) in &self.report.annotated {
            writeln!(f, "line {line}: {sentence}")?;
        }
        for (line, title) in &self.report.merged {
            writeln!(
                f,
                "line {line}: \"{title}\" is also a gantt task of the same phase: read as one feature"
            )?;
        }
        if !self.report.notes.is_empty() {
            writeln!(f, "kept as notes (not mapped to the board):")?;
            for (line, heading) in &self.report.notes {
                writeln!(f, "  line {line}: {heading}")?;
            }
        }
        if !self.report.warnings.is_empty() {
            writeln!(f, "problems (handled):")?;
            for (line, warning) in &self.report.warnings {
                writeln!(f, "  line {line}: {warning}")?;
            }
        }
        Ok(())
    }
}
