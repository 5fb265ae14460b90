//! Blockers, the dependency tree, the foundations track and the risks:
//! what the cards wait on and what runs beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use super::text::truncate;
use super::window::Window;
use crate::app::state::{Track, TracksView};
use crate::app::{Action, App, Context};
use crate::domain::{FeatureStatus, FoundationStatus, Roadmap};

pub fn draw(frame: &mut Frame, area: Rect, (app, view): (&App, &TracksView), theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let [blockers_area, deps_area, foundations_area, risks_area] = areas(area);
    let mut on = Screen { frame, view, theme };
    blockers(&mut on, blockers_area, app, roadmap);
    dependencies(&mut on, deps_area, app, roadmap);
    foundations(&mut on, foundations_area, app, roadmap);
    risks(&mut on, risks_area, app, roadmap);
}

/// Where each list is drawn, in `Track::ALL`'s order: blockers and
/// dependencies above, foundations and risks below.
fn areas(area: Rect) -> [Rect; 4] {
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let halves = |rect| {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas::<2>(rect)
    };
    let ([a, b], [c, d]) = (halves(top), halves(bottom));
    [a, b, c, d]
}

/// Which rows of `track`'s list show inside `area`.
fn window(area: Rect, view: &TracksView, track: Track) -> Window {
    let inner = Block::bordered().inner(area);
    let selected = view.rows[track as usize];
    Window::new(inner, 1, view.len(track), selected, view.focus == track)
}

/// The list and row drawn at `(x, y)` of the tracks drawn in `area`.
pub fn row_at(area: Rect, view: &TracksView, x: u16, y: u16) -> Option<(Track, usize)> {
    Track::ALL
        .into_iter()
        .zip(areas(area))
        .find_map(|(track, rect)| Some((track, window(rect, view, track).row_at(x, y)?)))
}

/// Where the four lists are drawn, and how.
struct Screen<'a, 'f> {
    frame: &'a mut Frame<'f>,
    view: &'a TracksView,
    theme: &'a Theme,
}

/// One of the four lists: which, its title, its rows (each written out
/// only when on screen: text, and whether it warns), what it says empty.
struct TrackList<'a> {
    track: Track,
    title: &'a str,
    len: usize,
    row: &'a dyn Fn(usize) -> (String, bool),
    empty: String,
}

fn date(theme: &Theme, d: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> String {
    d.map_or("—".to_owned(), |d| theme.date(d, today))
}

/// Current blockers, then those ahead: what each waits for and until when.
fn blockers(on: &mut Screen, area: Rect, app: &App, roadmap: &Roadmap) {
    let key_of = |id: Option<crate::domain::FeatureId>| {
        id.and_then(|id| app.index.feature(roadmap, id))
            .map_or("—".to_owned(), |f| f.key.to_string())
    };
    let mut rows = Vec::new();
    for b in on
        .view
        .shown(Track::Blockers)
        .iter()
        .map(|&at| &roadmap.blockers[at])
    {
        let overdue = b.eta.is_some_and(|d| d < app.today);
        let mitigation = if b.mitigation.is_empty() {
            String::new()
        } else {
            format!(" · mitigation: {}", b.mitigation)
        };
        // Upcoming ones hold nothing up yet: what they threaten and how
        // it is met.
        let text = if b.upcoming {
            format!(
                "ahead {:<4} → {}{mitigation}",
                key_of(b.feature),
                b.waiting_for
            )
        } else {
            format!(
                "{:<4} → {} → ETA {}{}{mitigation}",
                key_of(b.feature),
                b.waiting_for,
                date(on.theme, b.eta, app.today),
                if overdue { " · overdue" } else { "" }
            )
        };
        rows.push((text, overdue));
    }
    let empty = format!(
        "no open blockers ({} on a card adds one; {} here, one ahead)",
        app.key(Action::AddBlocker),
        app.key_in(Context::Tracks, Action::Add)
    );
    on.list(
        area,
        TrackList {
            track: Track::Blockers,
            title: " Blockers (current, then ahead) ",
            len: rows.len(),
            row: &|i| rows[i].clone(),
            empty,
        },
    );
}

/// Each feature with what it waits on (├──) and what waits on it (◀──).
fn dependencies(on: &mut Screen, area: Rect, app: &App, roadmap: &Roadmap) {
    let index = &app.index;
    let rows = on.view.shown(Track::Dependencies);
    // Only the rows on screen are written out: thousands may take part.
    let tree = |i: usize| {
        let f = &roadmap.features[rows[i]];
        let needs: Vec<String> = index
            .needs(roadmap, f.id)
            .map(|d| {
                let shipped = if d.status == FeatureStatus::Shipped {
                    "✓"
                } else {
                    ""
                };
                format!("{}{shipped}", d.key)
            })
            .collect();
        let needed_by: Vec<String> = index
            .needed_by(roadmap, f.id)
            .map(|d| d.key.to_string())
            .collect();
        let mut text = format!("{} {}", f.key, f.title);
        if !needs.is_empty() {
            text.push_str(&format!(" ├── needs {}", needs.join(", ")));
        }
        if !needed_by.is_empty() {
            text.push_str(&format!(" ◀── for {}", needed_by.join(", ")));
        }
        let waits = index.unmet(roadmap, f.id).next().is_some();
        (text, f.status.is_open() && waits)
    };
    let empty = format!(
        "no dependencies ({} on a card edits them)",
        app.key(Action::EditDependencies)
    );
    on.list(
        area,
        TrackList {
            track: Track::Dependencies,
            title: " Dependencies ",
            len: rows.len(),
            row: &tree,
            empty,
        },
    );
}

/// The foundations track: status, target, and whether it is late.
fn foundations(on: &mut Screen, area: Rect, app: &App, roadmap: &Roadmap) {
    let rows: Vec<(String, bool)> = roadmap
        .foundations
        .iter()
        .map(|item| {
            let mark = match item.status {
                FoundationStatus::NotStarted => "○",
                FoundationStatus::InProgress => "●",
                FoundationStatus::Done => "✓",
            };
            let late =
                item.status != FoundationStatus::Done && item.target.is_some_and(|t| t < app.today);
            let target = date(on.theme, item.target, app.today);
            let late_mark = if late { " · late" } else { "" };
            (
                format!("{mark} {} · target {target}{late_mark}", item.what),
                late,
            )
        })
        .collect();
    let empty = format!(
        "no foundation items ({} adds one)",
        app.key_in(Context::Tracks, Action::Add)
    );
    on.list(
        area,
        TrackList {
            track: Track::Foundations,
            title: " Foundations (parallel, never the ONE slot) ",
            len: rows.len(),
            row: &|i| rows[i].clone(),
            empty,
        },
    );
}

/// The risks: impact and mitigation.
fn risks(on: &mut Screen, area: Rect, app: &App, roadmap: &Roadmap) {
    let rows: Vec<(String, bool)> = roadmap
        .risks
        .iter()
        .map(|r| {
            let text = format!(
                "{} · impact: {} · mitigation: {}",
                r.risk, r.impact, r.mitigation
            );
            (text, false)
        })
        .collect();
    let empty = format!(
        "no risks recorded ({} adds one)",
        app.key_in(Context::Tracks, Action::Add)
    );
    on.list(
        area,
        TrackList {
            track: Track::Risks,
            title: " Risks ",
            len: rows.len(),
            row: &|i| rows[i].clone(),
            empty,
        },
    );
}

impl Screen<'_, '_> {
    /// Draws one list, scrolled to keep the selection on screen.
    fn list(&mut self, area: Rect, list: TrackList) {
        let (view, theme) = (self.view, self.theme);
        let focused = view.focus == list.track;
        let block = theme.panel(list.title.to_owned(), focused);
        let inner = block.inner(area);
        self.frame.render_widget(block, area);
        if list.len == 0 {
            let empty = Line::styled(format!(" {}", list.empty), theme.dim);
            self.frame.render_widget(Paragraph::new(empty), inner);
            return;
        }
        let selected = view.rows[list.track as usize].min(list.len - 1);
        let width = usize::from(inner.width);
        let lines: Vec<Line> = window(area, view, list.track)
            .range()
            .map(|i| {
                let (text, warn) = (list.row)(i);
                let base = if focused && i == selected {
                    theme.selected
                } else {
                    theme.text
                };
                let style = if warn {
                    theme.warning.patch(base)
                } else {
                    base
                };
                Line::styled(truncate(&format!(" {text}"), width), style)
            })
            .collect();
        self.frame.render_widget(Paragraph::new(lines), inner);
    }
}
