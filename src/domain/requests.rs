//! Customers' voice: a request asked by several customers is one request
//! with its demand, not several rows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::CustomerRequest;

/// Another customer asking for what a request already holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ask {
    pub by: String,
    pub on: Option<NaiveDate>,
}

impl Ask {
    /// `Café (2026-11-10); Deli`: how documents write the other askers.
    /// A `;`, `(`, `)` or `\` in a name is escaped with `\`.
    pub fn list_text(asks: &[Ask]) -> String {
        let escaped = |name: &str| {
            name.chars()
                .flat_map(|c| match c {
                    ';' | '(' | ')' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect::<String>()
        };
        asks.iter()
            .map(|a| match a.on {
                Some(on) => format!("{} ({on})", escaped(&a.by)),
                None => escaped(&a.by),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Reads `list_text` back, dates by `date`.
    pub fn parse_list(text: &str, date: impl Fn(&str) -> Option<NaiveDate>) -> Vec<Ask> {
        let mut asks = Vec::new();
        let (mut name, mut dated) = (String::new(), None::<String>);
        let mut chars = text.chars();
        let mut finish = |name: &mut String, dated: &mut Option<String>| {
            let on = dated.take().and_then(|d| date(d.trim()));
            if !name.trim().is_empty() {
                asks.push(Ask {
                    by: name.trim().to_owned(),
                    on,
                });
            }
            name.clear();
        };
        while let Some(c) = chars.next() {
            match (c, dated.as_mut()) {
                ('\\', _) => name.extend(chars.next()),
                (';', _) => finish(&mut name, &mut dated),
                ('(', None) => dated = Some(String::new()),
                (')', Some(_)) => {}
                (c, Some(d)) => d.push(c),
                (c, None) => name.push(c),
            }
        }
        finish(&mut name, &mut dated);
        asks
    }
}

impl CustomerRequest {
    /// How many customers asked (the first and every other).
    pub fn demand(&self) -> usize {
        1 + self.also_asked.len()
    }

    /// Who asked, first first; unnamed askers left out.
    pub fn askers(&self) -> Vec<&str> {
        std::iter::once(self.requested_by.as_str())
            .chain(self.also_asked.iter().map(|a| a.by.as_str()))
            .filter(|by| !by.trim().is_empty())
            .collect()
    }

    /// `Pilot head chef` for one asker, `3 customers: Bistro, Café, Deli`
    /// for several.
    pub fn demand_label(&self) -> String {
        let askers = self.askers().join(", ");
        match (self.demand(), askers.is_empty()) {
            (1, true) => "someone".to_owned(),
            (1, false) => askers,
            (n, true) => format!("{n} customers"),
            (n, false) => format!("{n} customers: {askers}"),
        }
    }

    /// Whether `text` asks for the same thing: the same words, whatever
    /// their case, spacing and final punctuation.
    pub fn asks_for(&self, text: &str) -> bool {
        normalized(&self.text) == normalized(text)
    }
}

fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', '!', '?'])
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{RequestId, RequestPriority, RequestStatus};

    fn request(by: &str, others: &[&str]) -> CustomerRequest {
        CustomerRequest {
            id: RequestId(1),
            text: "Print the rota".into(),
            requested_by: by.into(),
            requested_on: None,
            priority: RequestPriority::Med,
            feature: None,
            status: RequestStatus::New,
            decline_reason: String::new(),
            also_asked: others
                .iter()
                .map(|by| Ask {
                    by: (*by).into(),
                    on: None,
                })
                .collect(),
        }
    }

    #[test]
    fn demand_counts_every_asker() {
        assert_eq!(request("Bistro", &[]).demand_label(), "Bistro");
        assert_eq!(request("", &[]).demand_label(), "someone");
        assert_eq!(
            request("Bistro", &["Café", "Deli"]).demand_label(),
            "3 customers: Bistro, Café, Deli"
        );
        assert!(request("Bistro", &[]).asks_for("  print THE rota. "));
        let asks = vec![
            Ask {
                by: "Café (Leeds); upstairs \\ bar".into(),
                on: NaiveDate::from_ymd_opt(2026, 11, 10),
            },
            Ask {
                by: "Deli".into(),
                on: None,
            },
        ];
        let text = Ask::list_text(&asks);
        assert_eq!(
            text,
            "Café \\(Leeds\\)\\; upstairs \\\\ bar (2026-11-10); Deli"
        );
        let iso = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        assert_eq!(Ask::parse_list(&text, iso), asks);
        assert!(!request("Bistro", &[]).asks_for("Print the rota twice"));
    }
}
