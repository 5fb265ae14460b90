//! Features as CSV, one row each, with a header row. A cell a spreadsheet
//! would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written with a leading `'`, as OWASP recommends, so
//! opening the file never runs what a title holds.

use crate::domain::Roadmap;

pub const HEADER: [&str; 18] = [
    "key",
    "title",
    "status",
    "phase",
    "priority",
    "moscow",
    "impact",
    "effort",
    "target",
    "started",
    "shipped",
    "owner",
    "link",
    "depends_on",
    "description",
    "why",
    "metric",
    "pilot_feedback",
];

/// `cell`, prefixed with `'` when a spreadsheet would read it as a formula.
fn inert(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

pub fn export_csv(roadmap: &Roadmap) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER).expect("writing to memory");
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for f in &roadmap.features {
        let depends_on: Vec<String> = roadmap
            .dependencies
            .iter()
            .filter(|d| d.feature == f.id)
            .filter_map(|d| roadmap.feature(d.depends_on))
            .map(|d| d.key.to_string())
            .collect();
        let row = [
            f.key.to_string(),
            f.title.clone(),
            f.status.to_string(),
            f.phase
                .and_then(|p| roadmap.phase(p))
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            f.priority
                .map(|p| p.as_str().to_uppercase())
                .unwrap_or_default(),
            f.moscow.map(|m| m.to_string()).unwrap_or_default(),
            f.impact.map(|v| v.to_string()).unwrap_or_default(),
            f.effort.map(|v| v.to_string()).unwrap_or_default(),
            date(f.target),
            date(f.started),
            date(f.shipped),
            f.owner.clone(),
            f.link.clone(),
            depends_on.join(" "),
            f.description.clone(),
            f.why.clone(),
            f.metric.clone(),
            f.pilot_feedback.clone(),
        ];
        writer
            .write_record(row.iter().map(|cell| inert(cell)))
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory"))
        .expect("CSV of UTF-8 fields")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Feature, FeatureKey, FeatureStatus};

    #[test]
    fn formulas_are_written_as_text() {
        let mut roadmap = Roadmap::empty("R");
        let mut feature = Feature::new(
            FeatureKey(1),
            "=HYPERLINK(\"http://x\")",
            FeatureStatus::Parked,
        );
        feature.owner = "@admin".into();
        feature.description = "-2+3".into();
        feature.why = "+1".into();
        feature.metric = "\tcmd".into();
        roadmap.features.push(feature);
        let csv = export_csv(&roadmap);
        let row = csv.lines().nth(1).unwrap();
        for cell in ["'=HYPERLINK", "'@admin", "'-2+3", "'+1", "'\tcmd"] {
            assert!(row.contains(cell), "{cell} in {row}");
        }
    }
}
