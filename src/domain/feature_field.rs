//! A feature's editable fields, each described once: the name files and
//! machines use, the label people read, one line or many, the value as
//! text, how typed text becomes the value, and what the store refuses.
//! The card form, the card's detail, `roadboard show`, the CSV export, the
//! search and the store's checks all read `FEATURE_FIELDS`, so a new field
//! is added here and in `FeatureFields`, and nowhere else by hand.

use chrono::NaiveDate;

use super::dates::{parse_optional_date, parse_reconsider};
use super::fields::FeatureFields;
use super::model::reconsider_label;
use super::text::{check_multi_line, check_single_line};
use super::validate::Lines;

/// A free-text field of `FeatureFields` named `$field`.
macro_rules! text {
    ($field:ident, $label:literal, $lines:expr) => {
        FeatureField {
            name: stringify!($field),
            label: $label,
            prompt: $label,
            lines: $lines,
            get: |f| f.$field.clone(),
            set: |f, text, _| {
                f.$field = text.to_owned();
                Ok(())
            },
            check: |_| Ok(()),
        }
    };
}

/// One editable field of a feature.
pub struct FeatureField {
    /// The name files and machines use: the CSV header, the store's refusal.
    pub name: &'static str,
    /// The name people read: the card's detail, `show`.
    pub label: &'static str,
    /// The label of the form's input, with the values it takes.
    pub prompt: &'static str,
    pub lines: Lines,
    /// The value as people read and type it ("" when unset).
    pub get: fn(&FeatureFields) -> String,
    /// Sets the value from typed text (relative dates from `today`), or
    /// says why the text is not a value.
    pub set: fn(&mut FeatureFields, &str, NaiveDate) -> Result<(), String>,
    /// What the store refuses beyond the field's lines.
    pub check: fn(&FeatureFields) -> Result<(), String>,
}

impl FeatureField {
    /// Whether `fields` may hold this field's value: one line where it
    /// must be, no terminal control characters, its own rule.
    pub fn validate(&self, fields: &FeatureFields) -> Result<(), String> {
        let text = (self.get)(fields);
        match self.lines {
            Lines::One => check_single_line(&text)?,
            Lines::Many => check_multi_line(&text)?,
        }
        (self.check)(fields)
    }
}

/// Every editable field, in the order the form and the detail show them.
pub const FEATURE_FIELDS: [FeatureField; 15] = [
    FeatureField {
        name: "title",
        label: "Title",
        prompt: "Title",
        lines: Lines::One,
        get: |f| f.title.clone(),
        set: |f, text, _| {
            f.title = text.to_owned();
            required_title(f)
        },
        check: required_title,
    },
    text!(description, "Description", Lines::Many),
    text!(why, "Why essential", Lines::Many),
    text!(metric, "Success metric", Lines::Many),
    FeatureField {
        name: "priority",
        label: "Priority",
        prompt: "Priority (P0-P3)",
        lines: Lines::One,
        get: |f| {
            f.priority
                .map(|p| p.as_str().to_uppercase())
                .unwrap_or_default()
        },
        set: |f, text, _| {
            f.priority = optional(text)?;
            Ok(())
        },
        check: |_| Ok(()),
    },
    FeatureField {
        name: "moscow",
        label: "MoSCoW",
        prompt: "MoSCoW",
        lines: Lines::One,
        get: |f| f.moscow.map(|m| m.to_string()).unwrap_or_default(),
        set: |f, text, _| {
            f.moscow = optional(text)?;
            Ok(())
        },
        check: |_| Ok(()),
    },
    FeatureField {
        name: "impact",
        label: "Impact",
        prompt: "Impact (1-5)",
        lines: Lines::One,
        get: |f| number(f.impact),
        set: |f, text, _| {
            f.impact = level(text)?;
            Ok(())
        },
        check: |f| in_range(f.impact),
    },
    FeatureField {
        name: "effort",
        label: "Effort",
        prompt: "Effort (1-5)",
        lines: Lines::One,
        get: |f| number(f.effort),
        set: |f, text, _| {
            f.effort = level(text)?;
            Ok(())
        },
        check: |f| in_range(f.effort),
    },
    FeatureField {
        name: "target",
        label: "Target",
        prompt: "Target date",
        lines: Lines::One,
        get: |f| f.target.map(|d| d.to_string()).unwrap_or_default(),
        set: |f, text, today| {
            f.target = parse_optional_date(text, today).map_err(|e| e.to_string())?;
            Ok(())
        },
        check: |_| Ok(()),
    },
    text!(owner, "Owner", Lines::One),
    text!(link, "Link", Lines::One),
    text!(pilot_feedback, "Pilot feedback", Lines::Many),
    text!(why_interesting, "Why interesting", Lines::Many),
    text!(why_deferred, "Why deferred", Lines::Many),
    FeatureField {
        name: "reconsider",
        label: "Reconsider when",
        prompt: "Reconsider when",
        lines: Lines::One,
        get: |f| {
            let date = f.reconsider.map(|d| d.to_string());
            reconsider_label(&f.reconsider_when, date).unwrap_or_default()
        },
        set: |f, text, today| {
            (f.reconsider_when, f.reconsider) =
                parse_reconsider(text, today).map_err(|e| e.to_string())?;
            Ok(())
        },
        check: |_| Ok(()),
    },
];

fn required_title(f: &FeatureFields) -> Result<(), String> {
    if f.title.trim().is_empty() {
        return Err("a feature needs a title".into());
    }
    Ok(())
}

/// Empty is `None`; anything else must parse.
pub(crate) fn optional<T: std::str::FromStr<Err = String>>(
    text: &str,
) -> Result<Option<T>, String> {
    match text.trim() {
        "" => Ok(None),
        text => text.parse().map(Some),
    }
}

fn number(n: Option<u8>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// 1 to 5, or nothing.
pub(crate) fn level(text: &str) -> Result<Option<u8>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => Ok(Some(n)),
        _ => Err(format!("`{text}` is not a whole number from 1 to 5")),
    }
}

fn in_range(level: Option<u8>) -> Result<(), String> {
    match level {
        Some(n) if !(1..=5).contains(&n) => Err(format!("{n} is out of range (1 to 5)")),
        _ => Ok(()),
    }
}

/// A changed field as people read it in the change log (`why essential`,
/// not `why`; `reconsider when`, not `reconsider_when`).
pub fn field_words(name: &str) -> String {
    // The condition and the date of "reconsider when" are one field to
    // people.
    let name = if name == "reconsider_when" {
        "reconsider"
    } else {
        name
    };
    FEATURE_FIELDS
        .iter()
        .find(|f| f.name == name)
        .map_or_else(|| name.replace('_', " "), |f| f.label.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Moscow, Priority};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn full() -> FeatureFields {
        FeatureFields {
            title: "Shift swaps".into(),
            description: "Staff swap shifts\nwithout calling".into(),
            why: "asked by every pilot".into(),
            metric: "10 swaps a week".into(),
            priority: Some(Priority::P1),
            moscow: Some(Moscow::Must),
            impact: Some(4),
            effort: Some(2),
            target: NaiveDate::from_ymd_opt(2027, 1, 15),
            owner: "Ada".into(),
            link: "https://example.com/swaps".into(),
            pilot_feedback: "yes please".into(),
            why_interesting: "fewer calls".into(),
            why_deferred: "after the rota".into(),
            reconsider: NaiveDate::from_ymd_opt(2027, 2, 1),
            reconsider_when: "5 paying schools".into(),
        }
    }

    #[test]
    fn every_field_reads_back_what_it_shows() {
        let fields = full();
        let mut read = FeatureFields::default();
        for field in &FEATURE_FIELDS {
            (field.set)(&mut read, &(field.get)(&fields), today()).unwrap();
            assert!(field.validate(&fields).is_ok(), "{}", field.name);
        }
        assert_eq!(read, fields);
    }

    #[test]
    fn bad_text_is_refused_with_its_reason() {
        let field = |name| FEATURE_FIELDS.iter().find(|f| f.name == name).unwrap();
        let mut fields = full();
        let set = |name, text: &str, fields: &mut FeatureFields| {
            (field(name).set)(fields, text, today()).unwrap_err()
        };
        assert_eq!(set("title", "  ", &mut fields), "a feature needs a title");
        assert_eq!(
            set("impact", "9", &mut fields),
            "`9` is not a whole number from 1 to 5"
        );
        assert!(set("priority", "urgent", &mut fields).contains("urgent"));
        assert!(set("target", "someday soon", &mut fields).contains("someday soon"));
        // What the store refuses of values set another way.
        let mut fields = full();
        fields.effort = Some(7);
        fields.owner = "Ada\nLovelace".into();
        fields.why = "ok\u{1b}[2J".into();
        let refused: Vec<&str> = FEATURE_FIELDS
            .iter()
            .filter(|f| f.validate(&fields).is_err())
            .map(|f| f.name)
            .collect();
        assert_eq!(refused, ["why", "effort", "owner"]);
    }
}
