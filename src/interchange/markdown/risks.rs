//! Risks written as lists: a bullet each under a Risks heading or label
//! (`**Scope creep** — keep M0 small`, sub-bullets `Impact:` and
//! `Mitigation:`), or several in one summary line (`Top risks: a; b; c`,
//! with `Mitigations: x; y; z` beside it).

use super::*;

/// Words a label of a risk's impact starts with.
const IMPACT_WORDS: &[&str] = &["impact", "severity", "likelihood", "probability"];

/// Words a label of what is done about a risk starts with.
const MITIGATION_WORDS: &[&str] = &["mitigation", "response", "plan", "mitigated by"];

/// What a label says a value is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RiskPart {
    Impact,
    Mitigation,
}

fn risk_part(label: &str) -> Option<RiskPart> {
    let label = normalize(label);
    if IMPACT_WORDS.iter().any(|w| label.starts_with(w)) {
        Some(RiskPart::Impact)
    } else if MITIGATION_WORDS.iter().any(|w| label.starts_with(w)) {
        Some(RiskPart::Mitigation)
    } else {
        None
    }
}

/// `label: value` in bold or plain, the label short (a few words).
fn labelled(item: &Item) -> Option<(String, String)> {
    item.inline.field().or_else(|| {
        let text = item.inline.plain();
        let (label, value) = text.split_once(':')?;
        (label.split_whitespace().count() <= 3 && !value.trim().is_empty())
            .then(|| (label.trim().to_owned(), value.trim().to_owned()))
    })
}

/// `a; b; c` (or `a, b, c` when no semicolon is used).
fn split_list(value: &str) -> Vec<String> {
    let separator = if value.contains(';') { ";" } else { "," };
    value
        .split(separator)
        .map(|part| part.trim().trim_end_matches('.').trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect()
}

impl Importer<'_> {
    /// A bullet list under a Risks heading or label: each item a risk.
    pub(super) fn risk_list(&mut self, items: &[Item]) {
        for item in items {
            let text = item.inline.plain();
            if text.to_lowercase().contains(" depends on ") {
                self.dependency_line(&text, item.line);
                continue;
            }
            let (mut risk, mut impact, mut mitigation) = match item.inline.lead() {
                Some((lead, rest)) => (lead, String::new(), rest),
                None => (item.inline.plain(), String::new(), String::new()),
            };
            // `Scope creep (mitigation: weekly scope review)`
            let lower = risk.to_lowercase();
            if let Some(at) = lower.find("mitigation:") {
                mitigation = risk[at + "mitigation:".len()..]
                    .trim()
                    .trim_end_matches(')')
                    .to_owned();
                risk = risk[..at]
                    .trim()
                    .trim_end_matches(['(', '—', '-', ','])
                    .to_owned();
            }
            for child in &item.children {
                match labelled(child).and_then(|(l, v)| Some((risk_part(&l)?, v))) {
                    Some((RiskPart::Impact, value)) => impact = value,
                    Some((RiskPart::Mitigation, value)) => mitigation = value,
                    None => {}
                }
            }
            self.push_listed_risk(&risk, impact, mitigation);
        }
    }

    /// `Top risks: a; b; c` among the items of any list (an executive
    /// summary), with `Mitigations: x; y; z` paired by position when they
    /// are as many. `true` when the list named risks.
    pub(super) fn risks_in_fields(&mut self, items: &[Item]) -> bool {
        let fields: Vec<(String, String)> =
            flatten(items).into_iter().filter_map(labelled).collect();
        let risks: Vec<String> = fields
            .iter()
            .filter(|(label, _)| normalize(label).contains("risk"))
            .flat_map(|(_, value)| split_list(value))
            .collect();
        let mitigations: Vec<String> = fields
            .iter()
            .filter(|(label, _)| risk_part(label) == Some(RiskPart::Mitigation))
            .flat_map(|(_, value)| split_list(value))
            .collect();
        let paired = mitigations.len() == risks.len();
        for (i, risk) in risks.iter().enumerate() {
            let mitigation = if paired {
                mitigations[i].clone()
            } else {
                String::new()
            };
            self.push_listed_risk(risk, String::new(), mitigation);
        }
        !risks.is_empty()
    }

    /// A risk from a list: its text cleaned of decoration, a blank skipped.
    fn push_listed_risk(&mut self, risk: &str, impact: String, mitigation: String) {
        let risk = clean_title(risk);
        if !risk.is_empty() && !is_placeholder(&risk) {
            self.push_risk(risk, impact, mitigation);
        }
    }

    /// Adds a risk at the end of the roadmap's list.
    pub(super) fn push_risk(&mut self, risk: String, impact: String, mitigation: String) {
        let id = self.id();
        self.roadmap.risks.push(Risk {
            id: RiskId(id),
            risk,
            impact,
            mitigation,
            position: self.roadmap.risks.len() as i64 + 1,
        });
    }
}
