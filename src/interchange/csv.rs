//! Features as CSV, one row each, with a header row. A cell a spreadsheet
//! would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written with a leading `'`, as OWASP recommends, so
//! opening the file never runs what a title holds.

use crate::domain::feature_field::FEATURE_FIELDS;
use crate::domain::{FeatureFields, Roadmap};

/// The columns: the key and the title, where the feature stands, its
/// other editable fields by name, then its dates and what it depends on.
pub fn header() -> Vec<&'static str> {
    let (title, others) = FEATURE_FIELDS.split_first().expect("a title");
    let mut header = vec!["key", title.name, "status", "phase"];
    header.extend(others.iter().map(|field| field.name));
    header.extend(["started", "shipped", "depends_on"]);
    header
}

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
    writer.write_record(header()).expect("writing to memory");
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for f in &roadmap.features {
        let depends_on: Vec<String> = roadmap
            .dependencies
            .iter()
            .filter(|d| d.feature == f.id)
            .filter_map(|d| roadmap.feature(d.depends_on))
            .map(|d| d.key.to_string())
            .collect();
        let phase = f.phase.and_then(|p| roadmap.phase(p));
        let editable = FeatureFields::of(f);
        let mut values = FEATURE_FIELDS.iter().map(|field| (field.get)(&editable));
        let mut row = vec![
            f.key.to_string(),
            values.next().unwrap_or_default(),
            f.status.to_string(),
            phase.map(|p| p.name.clone()).unwrap_or_default(),
        ];
        row.extend(values);
        row.extend([date(f.started), date(f.shipped), depends_on.join(" ")]);
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
    fn every_row_has_a_cell_under_each_column() {
        let mut roadmap = Roadmap::empty("R");
        let mut feature = Feature::new(FeatureKey(1), "Swaps", FeatureStatus::Parked);
        feature.reconsider_when = "5 paying schools".into();
        roadmap.features.push(feature);
        let csv = export_csv(&roadmap);
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        let columns = reader.headers().unwrap().clone();
        assert_eq!(columns.iter().collect::<Vec<_>>(), header());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(row.len(), columns.len());
        let cell = |name| &row[columns.iter().position(|c| c == name).unwrap()];
        assert_eq!(cell("title"), "Swaps");
        assert_eq!(cell("reconsider"), "5 paying schools");
    }

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
