//! The founder corrects the reader: "line 12 is a phase", "line 40 is a
//! success criterion", "skip line 7". A correction names a line of the
//! document and the role it plays; it is applied to what the reader made
//! of the document, replacing whatever the reader made of that line. Kept
//! with the roadmap by the line's text (so it survives lines added above
//! it) and applied again on every re-import of the same document.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use super::markdown::Imported;
use super::report::Recognized;
use super::words::clean_title;
use crate::domain::*;

/// What a line of a founder's document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Phase,
    Feature,
    Milestone,
    Criterion,
    Risk,
    Parked,
    Request,
    /// Kept as a note, with its section when it is a heading.
    Note,
    /// Nothing, with its section when it is a heading.
    Skip,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Phase,
        Role::Feature,
        Role::Milestone,
        Role::Criterion,
        Role::Risk,
        Role::Parked,
        Role::Request,
        Role::Note,
        Role::Skip,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Phase => "phase",
            Role::Feature => "feature",
            Role::Milestone => "milestone",
            Role::Criterion => "criterion",
            Role::Risk => "risk",
            Role::Parked => "parked",
            Role::Request => "request",
            Role::Note => "note",
            Role::Skip => "skip",
        }
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                format!(
                    "`{}` is not a role (one of: {})",
                    text.trim(),
                    names.join(", ")
                )
            })
    }
}

/// One correction: the document's line (1-based) and its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correction {
    pub line: usize,
    pub role: Role,
}

impl FromStr for Correction {
    type Err = String;

    /// `12=phase`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (line, role) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not LINE=ROLE (e.g. 12=phase)"))?;
        let line = line
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("`{}` is not a line number", line.trim()))?;
        Ok(Correction {
            line,
            role: role.parse()?,
        })
    }
}

/// A line of the document as the corrections read it.
struct Line<'a> {
    raw: &'a str,
    /// Its heading level, when it is a heading.
    level: Option<usize>,
}

impl Line<'_> {
    /// The line's words, without heading marks, list marks, checkboxes and
    /// decoration.
    fn text(&self) -> String {
        let mut text = self.raw.trim();
        text = text.trim_start_matches('#').trim_start();
        for mark in ["- ", "* ", "+ "] {
            if let Some(rest) = text.strip_prefix(mark) {
                text = rest;
            }
        }
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        if digits > 0
            && let Some(rest) = text[digits..]
                .strip_prefix(". ")
                .or_else(|| text[digits..].strip_prefix(") "))
        {
            text = rest;
        }
        for checkbox in ["[ ] ", "[x] ", "[X] "] {
            if let Some(rest) = text.strip_prefix(checkbox) {
                text = rest;
            }
        }
        clean_title(text)
    }
}

fn lines(source: &str) -> Vec<Line<'_>> {
    let mut in_fence = false;
    source
        .split('\n')
        .map(|raw| {
            let raw = raw.trim_end_matches('\r');
            let trimmed = raw.trim_start();
            if trimmed.starts_with("```") {
                in_fence = !in_fence;
            }
            let hashes = trimmed.chars().take_while(|c| *c == '#').count();
            let level =
                (!in_fence && (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' '))
                    .then_some(hashes);
            Line { raw, level }
        })
        .collect()
}

/// The raw text of each corrected line: what is kept with the roadmap, to
/// find the line again in a later version of the document.
pub fn line_texts(source: &str, corrections: &[Correction]) -> Vec<(String, Role)> {
    let lines = lines(source);
    corrections
        .iter()
        .filter_map(|c| {
            lines
                .get(c.line - 1)
                .map(|l| (l.raw.trim().to_owned(), c.role))
        })
        .collect()
}

/// Kept corrections (by line text) found again in `source`: every line
/// with that text.
pub fn found_again(source: &str, kept: &[(String, Role)]) -> Vec<Correction> {
    let by_text: HashMap<&str, Role> = kept.iter().map(|(t, r)| (t.as_str(), *r)).collect();
    lines(source)
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            by_text.get(l.raw.trim()).map(|role| Correction {
                line: i + 1,
                role: *role,
            })
        })
        .collect()
}

/// Applies `corrections` (later ones win on the same line) to what the
/// reader made of `source`. Returns what each did, or the first line that
/// cannot be taken as asked.
pub fn apply(
    imported: &mut Imported,
    source: &str,
    corrections: &[Correction],
) -> Result<Vec<String>, String> {
    let lines = lines(source);
    let mut wanted: HashMap<usize, Role> = HashMap::new();
    for c in corrections {
        if c.line > lines.len() {
            return Err(format!(
                "line {}: the document has {} lines",
                c.line,
                lines.len()
            ));
        }
        wanted.insert(c.line, c.role);
    }
    let mut order: Vec<(usize, Role)> = wanted.into_iter().collect();
    order.sort_by_key(|(line, _)| *line);
    let mut editor = Editor::new(imported, &lines);
    let mut said = Vec::new();
    for (line, role) in order {
        said.push(editor.correct(line, role)?);
    }
    editor.finish();
    Ok(said)
}

struct Editor<'a, 'l> {
    imported: &'a mut Imported,
    lines: &'l [Line<'l>],
    /// The line each phase and feature came from.
    phase_lines: HashMap<PhaseId, usize>,
    feature_lines: HashMap<FeatureId, usize>,
    next_id: i64,
}

impl<'a, 'l> Editor<'a, 'l> {
    fn new(imported: &'a mut Imported, lines: &'l [Line<'l>]) -> Self {
        let mut phase_lines = HashMap::new();
        let mut feature_lines = HashMap::new();
        for (line, item) in &imported.report.items {
            match *item {
                Recognized::Phase(id) => {
                    phase_lines.entry(id).or_insert(*line);
                }
                Recognized::Feature(id) => {
                    feature_lines.entry(id).or_insert(*line);
                }
            }
        }
        let next_id = imported.roadmap.max_id();
        Editor {
            imported,
            lines,
            phase_lines,
            feature_lines,
            next_id,
        }
    }

    fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// The lines a heading at `line` rules: up to the next heading of its
    /// level or above (just the line itself for any other line).
    fn section(&self, line: usize) -> std::ops::RangeInclusive<usize> {
        let Some(level) = self.lines[line - 1].level else {
            return line..=line;
        };
        let end = self.lines[line..]
            .iter()
            .position(|l| l.level.is_some_and(|other| other <= level))
            .map_or(self.lines.len(), |i| line + i);
        line..=end
    }

    /// The phase whose line is the nearest at or above `line`.
    fn phase_above(&self, line: usize) -> Option<PhaseId> {
        self.phase_lines
            .iter()
            .filter(|(_, at)| **at <= line)
            .max_by_key(|(_, at)| **at)
            .map(|(id, _)| *id)
    }

    /// Takes away whatever the reader made of the lines in `lines`: the
    /// features and phases it read there.
    fn clear(&mut self, lines: std::ops::RangeInclusive<usize>) {
        let features: HashSet<FeatureId> = self
            .feature_lines
            .iter()
            .filter(|(_, at)| lines.contains(at))
            .map(|(id, _)| *id)
            .collect();
        self.remove_features(&features);
        let phases: Vec<PhaseId> = self
            .phase_lines
            .iter()
            .filter(|(_, at)| lines.contains(at))
            .map(|(id, _)| *id)
            .collect();
        for phase in phases {
            self.remove_phase(phase);
        }
    }

    fn remove_features(&mut self, ids: &HashSet<FeatureId>) {
        if ids.is_empty() {
            return;
        }
        let r = &mut self.imported.roadmap;
        r.features.retain(|f| !ids.contains(&f.id));
        r.dependencies
            .retain(|d| !ids.contains(&d.feature) && !ids.contains(&d.depends_on));
        r.outcomes.retain(|o| !ids.contains(&o.feature));
        for b in &mut r.blockers {
            b.feature = b.feature.filter(|f| !ids.contains(f));
        }
        for q in &mut r.requests {
            q.feature = q.feature.filter(|f| !ids.contains(f));
        }
        for v in &mut r.reviews {
            v.chosen = v.chosen.filter(|f| !ids.contains(f));
        }
        if r.info.up_next.is_some_and(|f| ids.contains(&f)) {
            r.info.up_next = None;
        }
        self.feature_lines.retain(|id, _| !ids.contains(id));
    }

    /// A phase that is no phase: its features go to the phase above it,
    /// else to the parking lot.
    fn remove_phase(&mut self, phase: PhaseId) {
        let line = self.phase_lines.remove(&phase).unwrap_or(0);
        let r = &mut self.imported.roadmap;
        r.phases.retain(|p| p.id != phase);
        r.milestones.retain(|m| m.phase != phase);
        r.criteria.retain(|c| c.phase != phase);
        let above = self.phase_above(line);
        for f in &mut self.imported.roadmap.features {
            if f.phase == Some(phase) {
                f.phase = above;
                if above.is_none() {
                    f.status = FeatureStatus::Parked;
                }
            }
        }
    }

    fn text(&self, line: usize) -> Result<String, String> {
        let text = self.lines[line - 1].text();
        if text.is_empty() {
            return Err(format!("line {line} holds no text to take as an item"));
        }
        Ok(text)
    }

    fn needs_phase(&self, line: usize, what: &str) -> Result<PhaseId, String> {
        self.phase_above(line).ok_or_else(|| {
            format!("line {line}: a {what} belongs to a phase, and none is above it")
        })
    }

    fn correct(&mut self, line: usize, role: Role) -> Result<String, String> {
        let text = match role {
            Role::Note | Role::Skip => String::new(),
            _ => self.text(line)?,
        };
        self.clear(line..=line);
        let said = match role {
            Role::Phase => {
                let id = PhaseId(self.id());
                let r = &mut self.imported.roadmap;
                r.phases.push(Phase {
                    id,
                    name: text.clone(),
                    goal: String::new(),
                    start: None,
                    end: None,
                    status: PhaseStatus::NotStarted,
                    position: 0,
                });
                self.phase_lines.insert(id, line);
                // Its section's items are its own.
                let section = self.section(line);
                for f in &mut self.imported.roadmap.features {
                    if self
                        .feature_lines
                        .get(&f.id)
                        .is_some_and(|at| section.contains(at))
                        && f.phase.is_some()
                    {
                        f.phase = Some(id);
                    }
                }
                format!("line {line}: phase \"{text}\"")
            }
            Role::Feature | Role::Parked => {
                let phase = match role {
                    Role::Feature => Some(self.needs_phase(line, "feature")?),
                    _ => None,
                };
                let status = if phase.is_some() {
                    FeatureStatus::Planned
                } else {
                    FeatureStatus::Parked
                };
                let mut feature = Feature::new(FeatureKey(0), text.clone(), status);
                feature.id = FeatureId(self.id());
                feature.phase = phase;
                self.feature_lines.insert(feature.id, line);
                self.imported.roadmap.features.push(feature);
                match phase {
                    Some(_) => format!("line {line}: feature \"{text}\""),
                    None => format!("line {line}: parked idea \"{text}\""),
                }
            }
            Role::Milestone => {
                let phase = self.needs_phase(line, "milestone")?;
                let id = MilestoneId(self.id());
                let position = self.imported.roadmap.next_milestone_position(phase);
                self.imported.roadmap.milestones.push(Milestone {
                    id,
                    phase,
                    text: text.clone(),
                    target: None,
                    done: None,
                    position,
                });
                format!("line {line}: milestone \"{text}\"")
            }
            Role::Criterion => {
                let phase = self.needs_phase(line, "success criterion")?;
                let id = CriterionId(self.id());
                let position = self.imported.roadmap.next_criterion_position(phase);
                self.imported.roadmap.criteria.push(Criterion {
                    id,
                    phase,
                    text: text.clone(),
                    done: false,
                    position,
                });
                format!("line {line}: success criterion \"{text}\"")
            }
            Role::Risk => {
                let id = RiskId(self.id());
                let risks = &mut self.imported.roadmap.risks;
                let position = risks.len() as i64 + 1;
                risks.push(Risk {
                    id,
                    risk: text.clone(),
                    impact: String::new(),
                    mitigation: String::new(),
                    position,
                });
                format!("line {line}: risk \"{text}\"")
            }
            Role::Request => {
                let id = RequestId(self.id());
                self.imported.roadmap.requests.push(CustomerRequest {
                    id,
                    text: text.clone(),
                    requested_by: String::new(),
                    requested_on: None,
                    priority: RequestPriority::Med,
                    feature: None,
                    status: RequestStatus::New,
                    decline_reason: String::new(),
                    also_asked: Vec::new(),
                });
                format!("line {line}: request \"{text}\"")
            }
            Role::Note | Role::Skip => {
                // A heading takes its section with it.
                let section = self.section(line);
                self.clear(section.clone());
                if role == Role::Note {
                    let body: Vec<&str> = section
                        .clone()
                        .skip(1)
                        .filter_map(|at| self.lines.get(at - 1).map(|l| l.raw))
                        .collect();
                    let id = NoteId(self.id());
                    let notes = &mut self.imported.roadmap.notes;
                    let position = notes.len() as i64 + 1;
                    notes.push(Note {
                        id,
                        heading: self.lines[line - 1].text(),
                        body: body.join("\n").trim().to_owned(),
                        position,
                    });
                    format!("line {line}: kept as a note")
                } else {
                    format!("line {line}: skipped")
                }
            }
        };
        Ok(said)
    }

    /// Phases in the document's order, positions renumbered, the report's
    /// items redrawn from the lines.
    fn finish(self) {
        let Editor {
            imported,
            phase_lines,
            feature_lines,
            ..
        } = self;
        let r = &mut imported.roadmap;
        r.phases
            .sort_by_key(|p| phase_lines.get(&p.id).copied().unwrap_or(usize::MAX));
        for (i, p) in r.phases.iter_mut().enumerate() {
            p.position = i as i64 + 1;
        }
        let rank: HashMap<PhaseId, usize> = r
            .phases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        r.features.sort_by_key(|f| {
            (
                f.phase.is_none(),
                f.phase.and_then(|p| rank.get(&p).copied()),
                feature_lines.get(&f.id).copied().unwrap_or(usize::MAX),
            )
        });
        // A founder's document names no keys: they follow its order again.
        let mut counts: HashMap<Option<PhaseId>, i64> = HashMap::new();
        for (i, f) in r.features.iter_mut().enumerate() {
            let n = counts.entry(f.phase).or_default();
            *n += 1;
            f.position = *n;
            f.key = FeatureKey(i as u32 + 1);
        }
        let mut items: Vec<(usize, Recognized)> = phase_lines
            .iter()
            .map(|(id, line)| (*line, Recognized::Phase(*id)))
            .chain(
                feature_lines
                    .iter()
                    .map(|(id, line)| (*line, Recognized::Feature(*id))),
            )
            .collect();
        items.sort_by_key(|(line, item)| (*line, matches!(item, Recognized::Feature(_))));
        imported.report.items = items;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Imported {
        crate::interchange::markdown::import_markdown(
            text,
            "plan",
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        )
    }

    #[test]
    fn corrections_parse_and_name_what_is_wrong() {
        assert_eq!(
            "12=phase".parse::<Correction>(),
            Ok(Correction {
                line: 12,
                role: Role::Phase
            })
        );
        assert!(
            "x=phase"
                .parse::<Correction>()
                .unwrap_err()
                .contains("line number")
        );
        assert!(
            "3=bogus"
                .parse::<Correction>()
                .unwrap_err()
                .contains("not a role")
        );
    }

    #[test]
    fn a_line_becomes_what_the_founder_says() {
        let text = "# Plan\n\n## Phase 1\n\n- [ ] Login\n- [ ] Exit: 10 pilots\n\n## Ideas we like\n\n- Dark mode\n- Export\n";
        let mut i = read(text);
        let said = apply(
            &mut i,
            text,
            &[
                "6=criterion".parse().unwrap(),
                "8=phase".parse().unwrap(),
                "11=skip".parse().unwrap(),
            ],
        )
        .unwrap();
        assert_eq!(said.len(), 3);
        let r = &i.roadmap;
        let phases: Vec<&str> = r.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(phases, ["Phase 1", "Ideas we like"]);
        let titles: Vec<&str> = r.features.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(titles, ["Login", "Dark mode"]);
        assert_eq!(r.features[1].phase, Some(r.phases[1].id));
        assert_eq!(r.criteria.len(), 1);
        assert_eq!(r.criteria[0].text, "Exit: 10 pilots");
        assert!(r.validate().is_empty(), "{:?}", r.validate());
    }

    #[test]
    fn risks_and_notes_made_by_a_correction_come_after_the_others() {
        let text = "# Plan\n\n## Phase 1\n\n- [ ] Login\n- [ ] Vendor may fold\n- [ ] Churn\n\n## Later\n\nSome thoughts.\n";
        let mut i = read(text);
        apply(
            &mut i,
            text,
            &[
                "6=risk".parse().unwrap(),
                "7=risk".parse().unwrap(),
                "9=note".parse().unwrap(),
            ],
        )
        .unwrap();
        let r = &i.roadmap;
        let risks: Vec<(&str, i64)> = r
            .risks
            .iter()
            .map(|x| (x.risk.as_str(), x.position))
            .collect();
        assert_eq!(risks, [("Vendor may fold", 1), ("Churn", 2)]);
        let last = r.notes.last().unwrap();
        assert_eq!(
            (last.heading.as_str(), last.position),
            ("Later", r.notes.len() as i64)
        );
    }

    #[test]
    fn kept_corrections_find_their_line_again() {
        let before = "# Plan\n\n## Phase 1\n\n- Login\n";
        let kept = line_texts(before, &["5=criterion".parse().unwrap()]);
        let after = "# Plan\n\nNew intro.\n\n## Phase 1\n\n- Login\n";
        assert_eq!(
            found_again(after, &kept),
            [Correction {
                line: 7,
                role: Role::Criterion
            }]
        );
    }
}
