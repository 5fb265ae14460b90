//! What the store asks of a feature's fields before it writes them.

use super::*;

/// Refuses fields a feature cannot hold: no title, a line break in a
/// one-line field, control characters, impact or effort out of range.
pub(super) fn validate(fields: &FeatureFields) -> Result<()> {
    if fields.title.trim().is_empty() {
        return Err(StoreError::Invalid {
            field: "title",
            message: "a feature needs a title".into(),
        });
    }
    for (field, value) in [
        ("title", &fields.title),
        ("owner", &fields.owner),
        ("link", &fields.link),
        ("reconsider when", &fields.reconsider_when),
    ] {
        single_line(field, value)?;
    }
    for (field, value) in [
        ("description", &fields.description),
        ("why", &fields.why),
        ("metric", &fields.metric),
        ("pilot feedback", &fields.pilot_feedback),
        ("why interesting", &fields.why_interesting),
        ("why deferred", &fields.why_deferred),
    ] {
        multi_line(field, value)?;
    }
    for (field, value) in [("impact", fields.impact), ("effort", fields.effort)] {
        if value.is_some_and(|v| !(1..=5).contains(&v)) {
            return Err(StoreError::Invalid {
                field,
                message: format!("{} is out of range (1 to 5)", value.unwrap_or_default()),
            });
        }
    }
    Ok(())
}
