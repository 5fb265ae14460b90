//! What the store asks of a feature's fields before it writes them.

use super::*;
use crate::domain::feature_field::FEATURE_FIELDS;

/// Refuses fields a feature cannot hold, as each field's description
/// says: no title, a line break in a one-line field, control characters,
/// impact or effort out of range.
pub(super) fn validate(fields: &FeatureFields) -> Result<()> {
    for field in &FEATURE_FIELDS {
        field
            .validate(fields)
            .map_err(|message| StoreError::Invalid {
                field: field.name,
                message,
            })?;
    }
    Ok(())
}
