//! Features as CSV, one row each, with a header row.

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
        writer
            .write_record([
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
            ])
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory"))
        .expect("CSV of UTF-8 fields")
}
