//! What an import recognized, what it kept as notes, what it could not read.

use std::fmt;

use std::collections::HashMap;

use crate::domain::{Feature, FeatureId, FeatureStatus, Phase, PhaseId, Roadmap};

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
    /// Every phase and feature recognized, with its line: what lands where
    /// (said by `Summary` when itemized, so a large import formats none).
    pub items: Vec<(usize, Recognized)>,
    /// Items of priority lists that annotated a feature: line, sentence.
    pub annotated: Vec<(usize, String)>,
    /// Whether the document shows a plan (see `Importer::shows_a_plan`):
    /// one that does not is refused as no roadmap.
    pub shows_a_plan: bool,
}

/// A phase or a feature of the imported roadmap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Recognized {
    Phase(PhaseId),
    Feature(FeatureId),
}

/// The report with the counts of what the roadmap holds.
pub struct Summary<'a> {
    pub report: &'a Report,
    pub roadmap: &'a Roadmap,
    pub changes: usize,
    /// List every recognized item with its line (the dry run's preview).
    pub itemized: bool,
}

impl Summary<'_> {
    /// `line 8: F1 "Stack chosen" → "Weeks 1-2" (shipped)`, for each item.
    fn itemize(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.roadmap;
        let phases: HashMap<PhaseId, &Phase> = r.phases.iter().map(|p| (p.id, p)).collect();
        let features: HashMap<FeatureId, &Feature> = r.features.iter().map(|x| (x.id, x)).collect();
        writeln!(f, "recognized, line by line:")?;
        for (line, item) in &self.report.items {
            match *item {
                Recognized::Phase(id) => {
                    let Some(p) = phases.get(&id) else { continue };
                    writeln!(
                        f,
                        "  line {line}: phase \"{}\" ({})",
                        p.name,
                        p.status.phrase()
                    )?;
                }
                Recognized::Feature(id) => {
                    let Some(x) = features.get(&id) else { continue };
                    let place = x
                        .phase
                        .and_then(|p| phases.get(&p))
                        .map_or("the parking lot".to_owned(), |p| format!("\"{}\"", p.name));
                    let status = x.status.phrase();
                    writeln!(
                        f,
                        "  line {line}: {} \"{}\" → {place} ({status})",
                        x.key, x.title
                    )?;
                }
            }
        }
        Ok(())
    }
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
                "  ({n} item{} of the priority sections named no feature and no date: in the parking lot with their priority, to promote into a phase)",
                if n == 1 { "" } else { "s" }
            )?;
        }
        if self.itemized && !self.report.items.is_empty() {
            self.itemize(f)?;
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
