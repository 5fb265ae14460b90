//! The example roadmap: a founder's plan for a small scheduling product,
//! four phases deep, built through the store so its change log is real.
//! Dates are relative to `today`, so the example never looks stale.

use chrono::{Days, NaiveDate};

use crate::domain::outcome::OutcomeResult;
use crate::domain::*;
use crate::store::{Result, Store};

struct PhaseSpec {
    name: &'static str,
    goal: &'static str,
    /// Weeks from today to the start and the end (negative: in the past).
    weeks: (i64, i64),
    status: PhaseStatus,
    milestones: &'static [(&'static str, i64, bool)],
    criteria: &'static [&'static str],
    features: &'static [FeatureSpec],
}

struct FeatureSpec {
    title: &'static str,
    description: &'static str,
    why: &'static str,
    metric: &'static str,
    priority: Priority,
    /// Weeks from today to the target date.
    target_weeks: i64,
    /// Titles of the features this one needs shipped first.
    depends_on: &'static [&'static str],
    /// How far it got, with the weeks ago it started and shipped.
    progress: Progress,
}

enum Progress {
    Planned,
    Shipped { started: i64, shipped: i64 },
    Active { started: i64 },
}

const PHASES: &[PhaseSpec] = &[
    PhaseSpec {
        name: "MVP / Pilot Launch",
        goal: "Put a working rota builder in front of our first pilot restaurant",
        weeks: (-10, -2),
        status: PhaseStatus::Complete,
        milestones: &[
            ("Pilot restaurant signed", -9, true),
            ("MVP deployed to the pilot", -2, true),
        ],
        criteria: &["The pilot publishes a weekly rota without calling us"],
        features: &[
            FeatureSpec {
                title: "Staff directory",
                description: "Add staff with roles, contracted hours and availability",
                why: "Every rota starts from who can work",
                metric: "Pilot enters all 14 staff in one sitting",
                priority: Priority::P0,
                target_weeks: -8,
                depends_on: &[],
                progress: Progress::Shipped {
                    started: -10,
                    shipped: -8,
                },
            },
            FeatureSpec {
                title: "Drag-and-drop rota",
                description: "Build the week's shifts on a grid, by role",
                why: "The spreadsheet they use today takes two hours a week",
                metric: "A week's rota built in under 20 minutes",
                priority: Priority::P0,
                target_weeks: -5,
                depends_on: &["Staff directory"],
                progress: Progress::Shipped {
                    started: -8,
                    shipped: -5,
                },
            },
            FeatureSpec {
                title: "Publish rota by SMS",
                description: "Send each person their shifts when the rota is published",
                why: "Staff do not open email; the pilot asked for texts",
                metric: "90% of staff confirm receipt within a day",
                priority: Priority::P1,
                target_weeks: -3,
                depends_on: &["Drag-and-drop rota"],
                progress: Progress::Shipped {
                    started: -5,
                    shipped: -2,
                },
            },
        ],
    },
    PhaseSpec {
        name: "Pilot Validation",
        goal: "Prove the pilot saves time every week and would pay for it",
        weeks: (-2, 6),
        status: PhaseStatus::InProgress,
        milestones: &[
            ("Pilot publishes rotas 4 weeks running", 2, false),
            ("Pilot agrees to a paid plan", 6, false),
        ],
        criteria: &[
            "Four consecutive weekly rotas published in the product",
            "Manager reports under 30 minutes a week on scheduling",
        ],
        features: &[
            FeatureSpec {
                title: "Shift swap requests",
                description: "Staff ask to swap a shift; the manager approves in one tap",
                why: "Swaps by text message are the pilot's biggest complaint",
                metric: "Half of swaps go through the app within 3 weeks",
                priority: Priority::P0,
                target_weeks: 1,
                depends_on: &["Publish rota by SMS"],
                progress: Progress::Active { started: -1 },
            },
            FeatureSpec {
                title: "Labour cost preview",
                description: "Show the week's wage bill while building the rota",
                why: "The owner approves rotas on cost, not on names",
                metric: "Owner approves the rota without a spreadsheet",
                priority: Priority::P1,
                target_weeks: 3,
                depends_on: &["Drag-and-drop rota"],
                progress: Progress::Planned,
            },
            FeatureSpec {
                title: "Availability reminders",
                description: "Ask staff for next week's availability every Thursday",
                why: "Rotas are late because availability comes in late",
                metric: "80% of availability in before Friday noon",
                priority: Priority::P2,
                target_weeks: 5,
                depends_on: &[],
                progress: Progress::Planned,
            },
        ],
    },
    PhaseSpec {
        name: "Multi-Customer Prep",
        goal: "Be able to onboard restaurant number two without writing SQL",
        weeks: (6, 16),
        status: PhaseStatus::NotStarted,
        milestones: &[
            ("Second restaurant onboarded", 12, false),
            ("Self-serve signup live", 16, false),
        ],
        criteria: &["A new restaurant goes from signup to first rota in a day"],
        features: &[
            FeatureSpec {
                title: "Multi-tenant data model",
                description: "Every row scoped to a restaurant; no shared tables leak",
                why: "Customer two cannot exist without it",
                metric: "Isolation tests pass for two tenants",
                priority: Priority::P0,
                target_weeks: 8,
                depends_on: &[],
                progress: Progress::Planned,
            },
            FeatureSpec {
                title: "Restaurant admin console",
                description: "Create restaurants, invite managers, reset passwords",
                why: "Onboarding by hand does not scale past two",
                metric: "A non-technical person adds a restaurant",
                priority: Priority::P1,
                target_weeks: 10,
                depends_on: &["Multi-tenant data model"],
                progress: Progress::Planned,
            },
            FeatureSpec {
                title: "Billing with card payments",
                description: "Monthly plans per location, card on file, invoices",
                why: "The pilot converts to paid in this phase",
                metric: "First invoice paid without manual steps",
                priority: Priority::P1,
                target_weeks: 13,
                depends_on: &["Multi-tenant data model"],
                progress: Progress::Planned,
            },
            FeatureSpec {
                title: "Self-serve onboarding",
                description: "Sign up, add staff from a CSV, build the first rota",
                why: "Sales calls cost more than the plan earns",
                metric: "Signup to first rota in under 15 minutes",
                priority: Priority::P2,
                target_weeks: 16,
                depends_on: &["Restaurant admin console", "Billing with card payments"],
                progress: Progress::Planned,
            },
        ],
    },
    PhaseSpec {
        name: "Market Expansion",
        goal: "Grow to ten paying restaurants in the city",
        weeks: (16, 30),
        status: PhaseStatus::NotStarted,
        milestones: &[("Ten paying restaurants", 30, false)],
        criteria: &["Monthly churn under 3%"],
        features: &[
            FeatureSpec {
                title: "Payroll export",
                description: "Export worked hours in the format local payroll firms import",
                why: "Every prospect asks how hours reach payroll",
                metric: "Three restaurants export hours every month",
                priority: Priority::P1,
                target_weeks: 20,
                depends_on: &["Multi-tenant data model"],
                progress: Progress::Planned,
            },
            FeatureSpec {
                title: "Multi-location rotas",
                description: "Share staff between sites of one owner",
                why: "Small chains are the best-paying segment",
                metric: "One two-site owner schedules both sites",
                priority: Priority::P2,
                target_weeks: 26,
                depends_on: &["Restaurant admin console"],
                progress: Progress::Planned,
            },
        ],
    },
];

/// Parking-lot ideas: title, why interesting, why deferred, reconsider in weeks.
const PARKED: &[(&str, &str, &str, i64)] = &[
    (
        "Mobile app",
        "Staff live on their phones",
        "SMS and the web page cover it for now",
        12,
    ),
    (
        "Tip pooling calculator",
        "Two prospects asked about it",
        "Legal rules differ by region",
        20,
    ),
    (
        "Forecast covers from bookings",
        "Rotas could follow demand",
        "Needs booking-system integrations first",
        26,
    ),
];

/// Outcome checks already made: title, result, what was measured, weeks
/// ago. The third shipped feature's check is still open.
const OUTCOMES: &[(&str, OutcomeResult, &str, i64)] = &[
    (
        "Staff directory",
        OutcomeResult::Hit,
        "all 14 staff entered in the first week",
        -6,
    ),
    (
        "Drag-and-drop rota",
        OutcomeResult::Partly,
        "a week's rota in 25 minutes (goal: under 20)",
        -3,
    ),
];

/// Customer requests: text, who asked, priority.
const REQUESTS: &[(&str, &str, RequestPriority)] = &[
    (
        "Print the rota as a one-page PDF for the kitchen wall",
        "Pilot head chef",
        RequestPriority::High,
    ),
    (
        "Show who is on a break right now",
        "Pilot floor manager",
        RequestPriority::Med,
    ),
    (
        "Overtime warning when a shift pushes someone past 48h",
        "Prospect: corner bistro",
        RequestPriority::Med,
    ),
];

fn weeks_from(today: NaiveDate, weeks: i64) -> NaiveDate {
    let days = Days::new(weeks.unsigned_abs() * 7);
    if weeks >= 0 {
        today + days
    } else {
        today - days
    }
}

/// How the example founder sequences work.
const PHILOSOPHY: &str = "\
One feature in progress at a time: the next starts when this one ships.
Every feature names why it matters now and the number that says it worked.
Pilot restaurants first: nothing for the second customer until the first one uses it weekly.
Not this year: payroll, a marketplace of staff, a native app.";

/// Initializes `store` (which must hold no roadmap yet) with the example.
pub fn build(store: &mut Store, today: NaiveDate) -> Result<RoadmapInfo> {
    store.init("Shiftwise", "9 months")?;
    store.edit_roadmap(&crate::domain::RoadmapEdit {
        philosophy: Some(PHILOSOPHY.into()),
        ..Default::default()
    })?;
    let at = |weeks| weeks_from(today, weeks);
    let mut keys: Vec<(&str, FeatureKey)> = Vec::new();
    for spec in PHASES {
        // A complete phase is closed once its work is in: nothing new
        // goes into a complete phase.
        let closes = spec.status == PhaseStatus::Complete;
        let fields = PhaseFields {
            name: spec.name.into(),
            goal: spec.goal.into(),
            start: Some(at(spec.weeks.0)),
            end: Some(at(spec.weeks.1)),
            status: Some(if closes {
                PhaseStatus::InProgress
            } else {
                spec.status
            }),
        };
        let phase = store.add_phase(&fields)?;
        let mut criteria = Vec::new();
        for &(text, weeks, done) in spec.milestones {
            let milestone = store.add_milestone(phase.id, text, Some(at(weeks)))?;
            if done {
                store.set_milestone_done(milestone.id, Some(at(weeks)))?;
            }
        }
        for text in spec.criteria {
            criteria.push(store.add_criterion(phase.id, text)?);
        }
        for feature in spec.features {
            let depends_on = feature
                .depends_on
                .iter()
                .filter_map(|title| keys.iter().find(|(t, _)| t == title).map(|(_, k)| *k))
                .collect();
            let added = store.add_feature(&NewFeature {
                fields: FeatureFields {
                    title: feature.title.into(),
                    description: feature.description.into(),
                    why: feature.why.into(),
                    metric: feature.metric.into(),
                    priority: Some(feature.priority),
                    target: Some(at(feature.target_weeks)),
                    ..FeatureFields::default()
                },
                phase: Some(phase.id),
                depends_on,
                created: Some(at(spec.weeks.0)),
                private: false,
            })?;
            keys.push((feature.title, added.key));
            let none = TransitionArgs::default();
            match feature.progress {
                Progress::Planned => {}
                Progress::Active { started } => {
                    store.transition(added.key, Transition::Start, &none, at(started))?;
                }
                Progress::Shipped { started, shipped } => {
                    store.transition(added.key, Transition::Start, &none, at(started))?;
                    store.transition(added.key, Transition::Ship, &none, at(shipped))?;
                }
            }
        }
        if closes {
            for id in criteria {
                store.set_criterion_done(id, true)?;
            }
            store.edit_phase(
                phase.id,
                &PhaseFields {
                    status: Some(PhaseStatus::Complete),
                    ..fields
                },
            )?;
        }
    }
    for &(title, interesting, deferred, reconsider_weeks) in PARKED {
        store.add_feature(&NewFeature {
            fields: FeatureFields {
                title: title.into(),
                why_interesting: interesting.into(),
                why_deferred: deferred.into(),
                reconsider: Some(at(reconsider_weeks)),
                ..FeatureFields::default()
            },
            created: Some(at(-3 - 2 * reconsider_weeks / 10)),
            ..NewFeature::default()
        })?;
    }
    for &(title, result, value, weeks) in OUTCOMES {
        if let Some(&(_, key)) = keys.iter().find(|(t, _)| *t == title) {
            let record = crate::store::OutcomeRecord {
                result,
                value: value.into(),
                note: String::new(),
                date: at(weeks),
                again_on: None,
            };
            store.record_outcome(key, &record)?;
        }
    }
    for &(text, by, priority) in REQUESTS {
        store.add_request(text, by, priority, today)?;
    }
    store.require_info()
}
