//! Customer requests: recording, linking, turning into features, declining.

use super::*;
use crate::domain::requests::Ask;
use crate::store::read::all_requests;

impl Store {
    /// Records a customer request; when an open one already asks for the
    /// same, records this customer on it instead (its priority raised to
    /// the higher of the two). Returns the request and the log's sentence.
    pub fn add_request(
        &mut self,
        text: &str,
        requested_by: &str,
        priority: RequestPriority,
        today: NaiveDate,
    ) -> Result<(CustomerRequest, String)> {
        let text = non_empty("request", text)?;
        single_line("requested by", requested_by)?;
        let requests = all_requests(&self.conn)?;
        let same = requests
            .iter()
            .find(|r| r.status != RequestStatus::Declined && r.asks_for(text));
        if let Some(same) = same {
            return self.ask_again(same.clone(), requested_by.trim(), priority, today);
        }
        self.write(|tx, journal| {
            tx.execute(
                "INSERT INTO request (text, requested_by, requested_on, priority) VALUES (?1, ?2, ?3, ?4)",
                params![text, requested_by.trim(), today, priority.as_str()],
            )?;
            journal.inserted(RowRef::id("request", tx.last_insert_rowid()));
            let request = CustomerRequest {
                id: RequestId(tx.last_insert_rowid()),
                text: text.to_owned(),
                requested_by: requested_by.trim().to_owned(),
                requested_on: Some(today),
                priority,
                feature: None,
                status: RequestStatus::New,
                decline_reason: String::new(),
                also_asked: Vec::new(),
            };
            let by = if request.requested_by.is_empty() { String::new() } else { format!(" from {}", request.requested_by) };
            let summary = format!("customer request #{}{by} ({priority}): {text}", request.id.0);
            Ok(((request, summary.clone()), LogLine::new(summary)))
        })
    }

    /// Another customer asking for `request`: one more asker, not a row.
    fn ask_again(
        &mut self,
        mut request: CustomerRequest,
        by: &str,
        priority: RequestPriority,
        today: NaiveDate,
    ) -> Result<(CustomerRequest, String)> {
        let asked_before = request.askers().contains(&by) && !by.is_empty();
        if !asked_before {
            request.also_asked.push(Ask {
                by: by.to_owned(),
                on: Some(today),
            });
        }
        request.priority = request.priority.max(priority);
        self.write(|tx, journal| {
            save_demand(tx, journal, &request)?;
            let summary = if asked_before {
                format!(
                    "{by} asked again for request #{}: {}",
                    request.id.0, request.text
                )
            } else {
                format!(
                    "request #{} asked again, now by {}: {}",
                    request.id.0,
                    request.demand_label(),
                    request.text
                )
            };
            Ok(((request, summary.clone()), LogLine::new(summary)))
        })
    }

    /// Links a customer request to the feature that answers it.
    pub fn link_request(&mut self, id: RequestId, key: FeatureKey) -> Result<()> {
        self.write(|tx, journal| {
            let text = request_text(tx, id)?;
            let feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET feature_id = ?2, status = 'linked', decline_reason = '' WHERE id = ?1",
                params![id.0, feature.id.0],
            )?;
            let line = LogLine::new(format!("request \"{text}\" linked to {}", feature.label())).about(feature.id);
            Ok(((), line))
        })
    }

    /// `duplicate` asks for what `into` asks: its customers join `into`'s
    /// (the higher priority kept, its link taken if `into` has none) and
    /// the duplicate row goes.
    pub fn merge_request(
        &mut self,
        duplicate: RequestId,
        into: RequestId,
    ) -> Result<CustomerRequest> {
        if duplicate == into {
            return Err(StoreError::Invalid {
                field: "request",
                message: "a request is not a duplicate of itself".into(),
            });
        }
        let requests = all_requests(&self.conn)?;
        let find = |id: RequestId| {
            requests
                .iter()
                .find(|r| r.id == id)
                .cloned()
                .ok_or(StoreError::NotFound {
                    what: "request",
                    id: id.0,
                })
        };
        let (dup, mut target) = (find(duplicate)?, find(into)?);
        let askers = std::iter::once(Ask {
            by: dup.requested_by.clone(),
            on: dup.requested_on,
        })
        .chain(dup.also_asked.iter().cloned());
        for ask in askers {
            if !target.askers().contains(&ask.by.as_str()) || ask.by.trim().is_empty() {
                target.also_asked.push(ask);
            }
        }
        target.priority = target.priority.max(dup.priority);
        if target.feature.is_none() && dup.feature.is_some() {
            (target.feature, target.status) = (dup.feature, RequestStatus::Linked);
        }
        self.write(|tx, journal| {
            save_demand(tx, journal, &target)?;
            journal.before(tx, RowRef::id("request", dup.id.0))?;
            tx.execute("DELETE FROM request WHERE id = ?1", [dup.id.0])?;
            let line = LogLine::new(format!(
                "request #{} merged into #{}, now asked by {}: {}",
                dup.id.0,
                target.id.0,
                target.demand_label(),
                target.text
            ));
            Ok((target, line))
        })
    }

    /// Turns a request into a new parked feature, linked to it.
    pub fn request_to_feature(&mut self, id: RequestId, today: NaiveDate) -> Result<Feature> {
        let request = all_requests(&self.conn)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(StoreError::NotFound {
                what: "request",
                id: id.0,
            })?;
        self.write(|tx, journal| {
            let text = request.text.clone();
            let key = highest_key(tx)? + 1;
            let mut feature = Feature::new(FeatureKey(key), text.clone(), FeatureStatus::Parked);
            feature.created = Some(today);
            let on = request.requested_on.unwrap_or(today);
            // Who asked travels with it (the detail lists them from the link).
            let since = if request.demand() == 1 { "on" } else { "first" };
            feature.why_interesting =
                format!("requested by {} {since} {on}", request.demand_label());
            // The customer's priority carries over: high is P1, medium P2, low P3.
            feature.priority = Some(match request.priority {
                RequestPriority::High => Priority::P1,
                RequestPriority::Med => Priority::P2,
                RequestPriority::Low => Priority::P3,
            });
            feature.position = next_position(tx, None)?;
            feature.id = insert_feature(tx, &feature)?;
            journal.inserted(RowRef::id("feature", feature.id.0));
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET feature_id = ?2, status = 'linked' WHERE id = ?1",
                params![id.0, feature.id.0],
            )?;
            let line = LogLine::new(format!(
                "request \"{text}\" became {} in the parking lot",
                feature.label()
            ))
            .about(feature.id);
            Ok((feature, line))
        })
    }

    /// Declines a request, saying why.
    pub fn decline_request(&mut self, id: RequestId, why: &str) -> Result<()> {
        let why = non_empty("why", why)?;
        self.write(|tx, journal| {
            let text = request_text(tx, id)?;
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET status = 'declined', decline_reason = ?2 WHERE id = ?1",
                params![id.0, why],
            )?;
            Ok((
                (),
                LogLine::new(format!("request \"{text}\" declined")).because(why),
            ))
        })
    }

    pub fn set_request_priority(&mut self, id: RequestId, priority: RequestPriority) -> Result<()> {
        self.write(|tx, journal| {
            let text = request_text(tx, id)?;
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET priority = ?2 WHERE id = ?1",
                params![id.0, priority.as_str()],
            )?;
            Ok((
                (),
                LogLine::new(format!("request \"{text}\" now {priority} priority")),
            ))
        })
    }
}

fn request_text(tx: &Transaction, id: RequestId) -> Result<String> {
    row_text(tx, ("request", "text"), id.0, "request")
}

/// Writes who asked for `request` and what follows from it: its other
/// askers, its priority, its link and status.
fn save_demand(tx: &Transaction, journal: &mut Journal, request: &CustomerRequest) -> Result<()> {
    journal.before(tx, RowRef::id("request", request.id.0))?;
    tx.execute(
        "UPDATE request SET also_asked = ?2, priority = ?3, feature_id = ?4, status = ?5 WHERE id = ?1",
        params![
            request.id.0,
            serde_json::to_string(&request.also_asked).expect("asks serialize"),
            request.priority.as_str(),
            request.feature.map(|f| f.0),
            request.status.as_str()
        ],
    )?;
    Ok(())
}
