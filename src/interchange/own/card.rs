//! A feature card's `- **Label:** value` lines, each described once: its
//! label, how the writer says the value and how the reader takes it back.
//! The export and the strict reader both go through `CARD_FIELDS`, so the
//! two can never disagree about a label or a value's form.

use std::collections::HashMap;

use super::text::{date, parse_day, parse_optional_day};
use crate::domain::feature_field::{level, optional};
use crate::domain::outcome::{FeatureOutcome, OutcomeResult};
use crate::domain::*;

/// A card as the reader builds it: the feature, the keys it depends on,
/// its outcome check, and the fields its lines named.
#[derive(Debug, Clone)]
pub struct CardDraft {
    pub feature: Feature,
    pub depends_on: Vec<FeatureKey>,
    pub outcome: Option<FeatureOutcome>,
    /// The merge's names of the fields the card wrote (`status`, `why`):
    /// a field it leaves out is unchanged by an update.
    pub written: Vec<&'static str>,
}

/// What the writer reads a card's values from.
pub struct CardSource<'a> {
    pub feature: &'a Feature,
    pub outcome: Option<&'a FeatureOutcome>,
    /// The keys of the features it depends on.
    pub depends_on: Vec<FeatureKey>,
}

/// One line of a card.
pub struct CardField {
    pub label: &'static str,
    /// The value as the card writes it ("" leaves the line out).
    pub write: fn(&CardSource) -> String,
    /// Takes the value back, or says why it is not one.
    pub read: fn(&mut CardDraft, &str) -> Result<(), String>,
    /// The merge's names of the fields the line sets.
    pub fields: &'static [&'static str],
}

/// A free-text field of `Feature` named `$field`.
macro_rules! text_field {
    ($label:literal, $field:ident) => {
        CardField {
            label: $label,
            write: |s| s.feature.$field.clone(),
            read: |d, text| {
                d.feature.$field = text.to_owned();
                Ok(())
            },
            fields: &[stringify!($field)],
        }
    };
}

/// A date field of `Feature` named `$field`.
macro_rules! date_field {
    ($label:literal, $field:ident) => {
        CardField {
            label: $label,
            write: |s| date(s.feature.$field),
            read: |d, text| {
                d.feature.$field = parse_optional_day(text)?;
                Ok(())
            },
            fields: &[stringify!($field)],
        }
    };
}

/// How a document names a feature status.
pub fn feature_status_words(status: FeatureStatus) -> &'static str {
    match status {
        FeatureStatus::Parked => "Parked",
        FeatureStatus::Planned => "Not Started",
        FeatureStatus::Active => "In Progress",
        FeatureStatus::InReview => "In Review",
        FeatureStatus::Shipped => "Shipped",
        FeatureStatus::Dropped => "Dropped",
    }
}

/// The status a card names, in the document's words or the program's.
pub fn read_feature_status(text: &str) -> Result<FeatureStatus, String> {
    FeatureStatus::ALL
        .iter()
        .copied()
        .find(|s| feature_status_words(*s).eq_ignore_ascii_case(text.trim()))
        .map_or_else(|| text.parse(), Ok)
}

/// The outcome of a card, made when its first outcome line is read.
fn outcome(draft: &mut CardDraft) -> &mut FeatureOutcome {
    let id = draft.feature.id;
    draft.outcome.get_or_insert_with(|| FeatureOutcome::new(id))
}

/// `hit — 62% of swaps (2026-12-07)`; `open` for a check not made yet. A
/// `(` in the value is escaped by the writer, so the last unescaped one
/// opens the date.
fn outcome_line(outcome: Option<&FeatureOutcome>) -> String {
    let Some(outcome) = outcome else {
        return String::new();
    };
    let Some(result) = outcome.result else {
        return "open".to_owned();
    };
    let value = if outcome.value.is_empty() {
        String::new()
    } else {
        format!(" — {}", outcome.value)
    };
    let recorded = outcome
        .recorded
        .map_or(String::new(), |d| format!(" ({d})"));
    format!("{}{value}{recorded}", result.phrase())
}

/// Reads `outcome_line` back.
fn read_outcome_line(draft: &mut CardDraft, text: &str) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    let outcome = outcome(draft);
    if text.eq_ignore_ascii_case("open") {
        return Ok(());
    }
    let dated = text
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
        .and_then(|(body, day)| Some((body, parse_day(day).ok()?)));
    let (body, recorded) = match dated {
        Some((body, day)) => (body, Some(day)),
        None => (text, None),
    };
    let (result, value) = body.split_once(" — ").unwrap_or((body, ""));
    outcome.result = Some(result.parse::<OutcomeResult>()?);
    outcome.value = value.to_owned();
    outcome.recorded = recorded;
    Ok(())
}

/// Every line of a card, in the order the export writes them.
pub const CARD_FIELDS: [CardField; 24] = [
    text_field!("Description", description),
    text_field!("Why Essential", why),
    text_field!("Success Metric", metric),
    text_field!("Pilot Feedback", pilot_feedback),
    CardField {
        label: "Dependencies",
        write: |s| {
            s.depends_on
                .iter()
                .map(FeatureKey::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        },
        read: |d, text| {
            d.depends_on = text
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(|k| k.parse::<FeatureKey>().map_err(|e| e.to_string()))
                .collect::<Result<_, _>>()?;
            Ok(())
        },
        fields: &[],
    },
    CardField {
        label: "Status",
        write: |s| feature_status_words(s.feature.status).to_owned(),
        read: |d, text| {
            d.feature.status = read_feature_status(text)?;
            Ok(())
        },
        fields: &["status"],
    },
    CardField {
        label: "Priority",
        write: |s| {
            s.feature
                .priority
                .map_or_else(String::new, |p| p.as_str().to_uppercase())
        },
        read: |d, text| {
            d.feature.priority = optional(text)?;
            Ok(())
        },
        fields: &["priority"],
    },
    CardField {
        label: "MoSCoW",
        write: |s| s.feature.moscow.map_or_else(String::new, |m| m.to_string()),
        read: |d, text| {
            d.feature.moscow = optional(text)?;
            Ok(())
        },
        fields: &["moscow"],
    },
    CardField {
        label: "Impact",
        write: |s| s.feature.impact.map_or_else(String::new, |v| v.to_string()),
        read: |d, text| {
            d.feature.impact = level(text)?;
            Ok(())
        },
        fields: &["impact"],
    },
    CardField {
        label: "Effort",
        write: |s| s.feature.effort.map_or_else(String::new, |v| v.to_string()),
        read: |d, text| {
            d.feature.effort = level(text)?;
            Ok(())
        },
        fields: &["effort"],
    },
    text_field!("Owner", owner),
    text_field!("Link", link),
    date_field!("Target Date", target),
    date_field!("Started Date", started),
    date_field!("Shipped Date", shipped),
    text_field!("Why Interesting", why_interesting),
    text_field!("Why Deferred", why_deferred),
    CardField {
        label: "Reconsider When",
        write: |s| {
            s.feature
                .reconsider_label(|d| d.to_string())
                .unwrap_or_default()
        },
        read: |d, text| {
            let (when, on) =
                crate::domain::dates::split_reconsider(text.trim(), |t| parse_day(t).ok());
            (d.feature.reconsider_when, d.feature.reconsider) = (when, on);
            Ok(())
        },
        fields: &["reconsider", "reconsider_when"],
    },
    date_field!("Created", created),
    CardField {
        label: "Visibility",
        write: |s| if s.feature.private { "private" } else { "" }.to_owned(),
        read: |d, text| {
            d.feature.private = match text.trim().to_ascii_lowercase().as_str() {
                "private" => true,
                "" | "public" => false,
                _ => return Err(format!("`{text}` is not `private` or `public`")),
            };
            Ok(())
        },
        fields: &["private"],
    },
    CardField {
        label: "Days Active Before",
        write: |s| {
            if s.feature.active_before > 0 {
                s.feature.active_before.to_string()
            } else {
                String::new()
            }
        },
        read: |d, text| {
            d.feature.active_before = match text.trim() {
                "" => 0,
                n => n
                    .parse::<u32>()
                    .map_err(|_| format!("`{text}` is not a number of days"))?
                    .into(),
            };
            Ok(())
        },
        fields: &["active_before"],
    },
    CardField {
        label: "Outcome",
        write: |s| outcome_line(s.outcome),
        read: read_outcome_line,
        fields: &[],
    },
    CardField {
        label: "Outcome Note",
        write: |s| s.outcome.map_or(String::new(), |o| o.note.clone()),
        read: |d, text| {
            if !text.trim().is_empty() {
                outcome(d).note = text.to_owned();
            }
            Ok(())
        },
        fields: &[],
    },
    CardField {
        label: "Outcome Check",
        write: |s| date(s.outcome.and_then(|o| o.check_on)),
        read: |d, text| {
            if let Some(day) = parse_optional_day(text)? {
                outcome(d).check_on = Some(day);
            }
            Ok(())
        },
        fields: &[],
    },
];

/// The line a label names, by its label in any case.
pub fn card_field(label: &str) -> Option<&'static CardField> {
    static BY_LABEL: std::sync::OnceLock<HashMap<String, usize>> = std::sync::OnceLock::new();
    let by_label = BY_LABEL.get_or_init(|| {
        CARD_FIELDS
            .iter()
            .enumerate()
            .map(|(i, f)| (f.label.to_lowercase(), i))
            .collect()
    });
    by_label
        .get(&label.trim().to_lowercase())
        .map(|&i| &CARD_FIELDS[i])
}
