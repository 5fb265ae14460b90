//! What a founder shows pilot customers: the public subset of the roadmap
//! (now, next, later, milestones, shipped), decided here once for the
//! public page, its feed, its JSON and the stakeholder update. Parked,
//! dropped and private features never appear; dates and requester counts
//! only when the settings say so.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::*;

/// What the founder chose to make public (the config's `[publish]`).
#[derive(Debug, Clone, PartialEq)]
pub struct PublishSettings {
    /// The page's title (default: the roadmap's name).
    pub title: Option<String>,
    /// One line under it (default: the roadmap's philosophy, first line).
    pub description: Option<String>,
    /// Phases shown, by name or number (empty: all).
    pub phases: Vec<String>,
    pub show_dates: bool,
    /// "Requested by 3 customers" on features linked to requests.
    pub show_requester_counts: bool,
    /// The customers' names too (off unless the founder turns it on).
    pub show_requesters: bool,
    /// Where the site is served: the feed's links and ids.
    pub base_url: Option<String>,
}

impl Default for PublishSettings {
    fn default() -> Self {
        PublishSettings {
            title: None,
            description: None,
            phases: Vec::new(),
            show_dates: true,
            show_requester_counts: true,
            show_requesters: false,
            base_url: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicRoadmap {
    pub title: String,
    /// The roadmap's own name (what the feed's ids are made from, so they
    /// outlive a new title).
    #[serde(skip)]
    pub name: String,
    pub description: String,
    /// The day it was published.
    pub published: NaiveDate,
    pub base_url: Option<String>,
    /// The ONE feature (active or in review).
    pub now: Vec<PublicFeature>,
    /// Up next, then the rest of the current phase, in order.
    pub next: Vec<PublicFeature>,
    pub current_phase: Option<PublicPhase>,
    /// The phases after the current one.
    pub later: Vec<PublicPhase>,
    pub milestones: Vec<PublicMilestone>,
    /// Newest first.
    pub shipped: Vec<PublicFeature>,
    /// The feed's entries: every shipped feature with its real ship date (a
    /// feed entry is dated even when the page shows no dates).
    #[serde(skip)]
    pub ships: Vec<Ship>,
}

/// One ship, for the feed.
#[derive(Debug, Clone, Serialize)]
pub struct Ship {
    pub key: FeatureKey,
    pub title: String,
    pub summary: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicFeature {
    pub key: FeatureKey,
    pub title: String,
    pub description: String,
    pub why: String,
    pub status: &'static str,
    pub phase: Option<String>,
    pub target: Option<NaiveDate>,
    pub shipped: Option<NaiveDate>,
    pub up_next: bool,
    pub requested_by: Option<usize>,
    pub requesters: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicPhase {
    pub name: String,
    pub goal: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub status: &'static str,
    pub shipped: usize,
    pub total: usize,
    pub percent: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicMilestone {
    pub text: String,
    pub phase: String,
    pub target: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    /// hit, upcoming or missed.
    pub state: &'static str,
}

/// Whether `feature` may be shown at all.
pub fn is_public(feature: &Feature) -> bool {
    !feature.private
        && !matches!(
            feature.status,
            FeatureStatus::Parked | FeatureStatus::Dropped
        )
}

/// The public subset of `roadmap` under `settings`, as of `today`.
pub fn public_roadmap(
    roadmap: &Roadmap,
    settings: &PublishSettings,
    today: NaiveDate,
) -> PublicRoadmap {
    let phases = chosen_phases(roadmap, settings);
    let shown = |f: &&Feature| is_public(f) && f.phase.is_some_and(|p| phases.contains_key(&p));
    let view = Viewer::new(roadmap, settings);
    let features: Vec<&Feature> = roadmap.features.iter().filter(shown).collect();
    let current = current_phase(roadmap, &phases);
    let up_next = roadmap.up_next().filter(shown);
    let next = up_next
        .into_iter()
        .chain(
            features
                .iter()
                .copied()
                .filter(|f| f.phase == current && f.status == FeatureStatus::Planned)
                .filter(|f| Some(f.id) != up_next.map(|n| n.id)),
        )
        .map(|f| view.feature(f))
        .collect();
    let mut shipped: Vec<&Feature> = features
        .iter()
        .copied()
        .filter(|f| f.status == FeatureStatus::Shipped)
        .collect();
    shipped.sort_by_key(|f| std::cmp::Reverse((f.shipped, f.key.0)));
    let phase_card = |phase: &Phase| view.phase(phase, &features);
    let after_current = roadmap
        .phases
        .iter()
        .skip_while(|p| current.is_some_and(|c| c != p.id))
        .skip(usize::from(current.is_some()));
    PublicRoadmap {
        title: settings
            .title
            .clone()
            .unwrap_or_else(|| roadmap.info.name.clone()),
        name: roadmap.info.name.clone(),
        // The philosophy's first line, unless the settings say otherwise.
        description: settings.description.clone().unwrap_or_else(|| {
            let first = roadmap.info.philosophy.lines().next();
            first.unwrap_or_default().trim().to_owned()
        }),
        published: today,
        base_url: settings.base_url.clone(),
        now: roadmap
            .slot_holder()
            .filter(shown)
            .map(|f| view.feature(f))
            .into_iter()
            .collect(),
        next,
        current_phase: current.and_then(|id| roadmap.phase(id)).map(phase_card),
        later: after_current
            .filter(|p| phases.contains_key(&p.id))
            .map(phase_card)
            .collect(),
        milestones: milestones(roadmap, &phases, settings, today),
        ships: shipped.iter().filter_map(|f| ship(f)).collect(),
        shipped: shipped.into_iter().map(|f| view.feature(f)).collect(),
    }
}

/// A shipped feature as the feed tells it: its description, else its why,
/// else its title; `None` without a ship date.
fn ship(f: &Feature) -> Option<Ship> {
    let summary = [&f.description, &f.why, &f.title]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .map_or(String::new(), |t| t.trim().to_owned());
    Some(Ship {
        key: f.key,
        title: f.title.clone(),
        summary,
        date: f.shipped?,
    })
}

/// The phases the settings show, by id, with their names.
fn chosen_phases<'a>(
    roadmap: &'a Roadmap,
    settings: &PublishSettings,
) -> HashMap<PhaseId, &'a str> {
    roadmap
        .phases
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            settings.phases.is_empty()
                || settings.phases.iter().any(|wanted| {
                    wanted.trim().eq_ignore_ascii_case(&p.name)
                        || wanted.trim() == (i + 1).to_string()
                })
        })
        .map(|(_, p)| (p.id, p.name.as_str()))
        .collect()
}

/// The phase in progress: the ONE's, else the first in progress, else the
/// first not complete.
fn current_phase(roadmap: &Roadmap, shown: &HashMap<PhaseId, &str>) -> Option<PhaseId> {
    let visible = |p: &&Phase| shown.contains_key(&p.id);
    roadmap
        .slot_holder()
        .and_then(|f| f.phase)
        .filter(|p| shown.contains_key(p))
        .or_else(|| {
            roadmap
                .phases
                .iter()
                .filter(visible)
                .find(|p| p.status == PhaseStatus::InProgress)
                .map(|p| p.id)
        })
        .or_else(|| {
            roadmap
                .phases
                .iter()
                .filter(visible)
                .find(|p| p.status != PhaseStatus::Complete)
                .map(|p| p.id)
        })
}

fn milestones(
    roadmap: &Roadmap,
    phases: &HashMap<PhaseId, &str>,
    settings: &PublishSettings,
    today: NaiveDate,
) -> Vec<PublicMilestone> {
    roadmap
        .milestones
        .iter()
        .filter_map(|m| {
            let phase = phases.get(&m.phase)?;
            let state = match (m.done, m.target) {
                (Some(_), _) => "hit",
                (None, Some(target)) if target < today => "missed",
                _ => "upcoming",
            };
            Some(PublicMilestone {
                text: m.text.clone(),
                phase: (*phase).to_owned(),
                target: m.target.filter(|_| settings.show_dates),
                done: m.done.filter(|_| settings.show_dates),
                state,
            })
        })
        .collect()
}

/// Builds the public views, with the lookups made once.
struct Viewer<'a> {
    roadmap: &'a Roadmap,
    settings: &'a PublishSettings,
    requesters: HashMap<FeatureId, Vec<&'a str>>,
}

impl<'a> Viewer<'a> {
    fn new(roadmap: &'a Roadmap, settings: &'a PublishSettings) -> Self {
        let mut requesters: HashMap<FeatureId, Vec<&str>> = HashMap::new();
        for r in &roadmap.requests {
            if let Some(feature) = r.feature {
                // Every customer who asked counts, named or not.
                let askers = std::iter::once(r.requested_by.as_str())
                    .chain(r.also_asked.iter().map(|a| a.by.as_str()));
                requesters.entry(feature).or_default().extend(askers);
            }
        }
        Viewer {
            roadmap,
            settings,
            requesters,
        }
    }

    fn feature(&self, f: &Feature) -> PublicFeature {
        let dates = self.settings.show_dates;
        let asked = self.requesters.get(&f.id);
        PublicFeature {
            key: f.key,
            title: f.title.clone(),
            description: f.description.clone(),
            why: f.why.clone(),
            status: f.status.phrase(),
            phase: f
                .phase
                .and_then(|p| self.roadmap.phase(p))
                .map(|p| p.name.clone()),
            target: f.target.filter(|_| dates),
            shipped: f.shipped.filter(|_| dates),
            up_next: self.roadmap.info.up_next == Some(f.id),
            requested_by: asked
                .filter(|_| self.settings.show_requester_counts)
                .map(Vec::len),
            requesters: asked
                .filter(|_| self.settings.show_requesters)
                .map(|names| {
                    names
                        .iter()
                        .filter(|n| !n.trim().is_empty())
                        .map(|n| (*n).to_owned())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn phase(&self, phase: &Phase, shown: &[&Feature]) -> PublicPhase {
        let dates = self.settings.show_dates;
        let mine = shown.iter().filter(|f| f.phase == Some(phase.id));
        let (shipped, total) = mine.fold((0, 0), |(s, t), f| {
            (s + usize::from(f.status == FeatureStatus::Shipped), t + 1)
        });
        PublicPhase {
            name: phase.name.clone(),
            goal: phase.goal.clone(),
            start: phase.start.filter(|_| dates),
            end: phase.end.filter(|_| dates),
            status: phase.status.phrase(),
            shipped,
            total,
            percent: (shipped * 100).checked_div(total).unwrap_or(0),
        }
    }
}
