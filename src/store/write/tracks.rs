//! The side tracks of the method: foundation work and risks.

use super::*;

impl Store {
    /// Adds (`id` None) or edits a foundation item; it never takes the slot.
    pub fn save_foundation(
        &mut self,
        id: Option<FoundationId>,
        fields: &FoundationFields,
    ) -> Result<FoundationId> {
        let what = required_line("what", &fields.what)?.to_owned();
        multi_line("why", &fields.why)?;
        let status = fields.status.unwrap_or(FoundationStatus::NotStarted);
        self.write(|tx, journal| {
            let id = match id {
                Some(id) => {
                    journal.before(tx, RowRef::id("foundation", id.0))?;
                    let changed = tx.execute(
                        "UPDATE foundation SET what = ?2, why = ?3, status = ?4, target_date = ?5 WHERE id = ?1",
                        params![id.0, what, fields.why, status.as_str(), fields.target],
                    )?;
                    if changed == 0 {
                        return Err(StoreError::NotFound { what: "foundation item", id: id.0 });
                    }
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO foundation (what, why, status, target_date, position)
                         VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(position), 0) + 1 FROM foundation))",
                        params![what, fields.why, status.as_str(), fields.target],
                    )?;
                    let id = FoundationId(tx.last_insert_rowid());
                    journal.inserted(RowRef::id("foundation", id.0));
                    id
                }
            };
            Ok((id, LogLine::new(format!("foundation \"{what}\": {status}"))))
        })
    }

    /// Adds (`id` None) or edits a risk.
    pub fn save_risk(&mut self, id: Option<RiskId>, fields: &RiskFields) -> Result<RiskId> {
        let risk = required_line("risk", &fields.risk)?.to_owned();
        multi_line("impact", &fields.impact)?;
        multi_line("mitigation", &fields.mitigation)?;
        self.write(|tx, journal| {
            let id = match id {
                Some(id) => {
                    journal.before(tx, RowRef::id("risk", id.0))?;
                    let changed = tx.execute(
                        "UPDATE risk SET risk = ?2, impact = ?3, mitigation = ?4 WHERE id = ?1",
                        params![id.0, risk, fields.impact, fields.mitigation],
                    )?;
                    if changed == 0 {
                        return Err(StoreError::NotFound {
                            what: "risk",
                            id: id.0,
                        });
                    }
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO risk (risk, impact, mitigation, position)
                         VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM risk))",
                        params![risk, fields.impact, fields.mitigation],
                    )?;
                    let id = RiskId(tx.last_insert_rowid());
                    journal.inserted(RowRef::id("risk", id.0));
                    id
                }
            };
            Ok((id, LogLine::new(format!("risk \"{risk}\" recorded"))))
        })
    }
}
