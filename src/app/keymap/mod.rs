//! The one table of keys: `(context, key) → action`. Dispatch, the footer
//! hints, the help overlay and the command palette all read it, so they
//! cannot drift apart. Users override keys by action name in the config.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
pub use super::lists::{Lot, Track};

mod table;
use crate::domain::Transition;
use crate::domain::outcome::OutcomeResult;
use table::defaults;

/// Where the keyboard focus is; each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Board,
    Detail,
    Help,
    Picker,
    Prompt,
    Form,
    FirstRun,
    Gantt,
    Parking,
    Log,
    Review,
    ReviewNotes,
    Tracks,
    Learning,
    Roadmap,
    Criteria,
}

impl Context {
    /// Every context by the name a config gives it (`[keys.parking]`).
    pub const NAMED: [(&'static str, Context); 16] = [
        ("board", Context::Board),
        ("detail", Context::Detail),
        ("help", Context::Help),
        ("picker", Context::Picker),
        ("prompt", Context::Prompt),
        ("form", Context::Form),
        ("first_run", Context::FirstRun),
        ("gantt", Context::Gantt),
        ("parking", Context::Parking),
        ("log", Context::Log),
        ("review", Context::Review),
        ("review_notes", Context::ReviewNotes),
        ("tracks", Context::Tracks),
        ("learning", Context::Learning),
        ("roadmap", Context::Roadmap),
        ("criteria", Context::Criteria),
    ];

    pub fn from_name(name: &str) -> Option<Context> {
        Self::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, context)| *context)
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Board => "Board",
            Context::Detail => "Card detail",
            Context::Help => "Help",
            Context::Picker => "Pickers (search, filter, dependencies, palette)",
            Context::Prompt => "Prompts",
            Context::Form => "Edit form",
            Context::FirstRun => "First run",
            Context::Gantt => "Gantt (full screen)",
            Context::Parking => "Parking lot",
            Context::Log => "Change log",
            Context::Review => "Review",
            Context::ReviewNotes => "Review notes",
            Context::Tracks => "Blockers, dependencies, foundations, risks",
            Context::Learning => "Did it work? (outcomes)",
            Context::Roadmap => "The roadmap (horizon, review, philosophy)",
            Context::Criteria => "A phase's success criteria",
        }
    }

    /// Contexts where unbound printable keys are typed into a text input.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Picker | Context::Prompt | Context::Form | Context::ReviewNotes
        )
    }
}

/// The list a screen's selection is in, on screens whose keys act on
/// what is selected and a key may act differently per list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Lot(Lot),
    Track(Track),
    /// The change log's entries and the review step's rows (a click on
    /// them; no key is scoped to them).
    Log,
    Review,
}

/// A key with its modifiers, written like `s`, `S`, `Enter`, `<Ctrl-r>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    /// Ctrl-c: quits from anywhere, whatever the config says.
    pub const QUIT: Key = Key {
        code: KeyCode::Char('c'),
        ctrl: true,
    };

    pub fn from_event(event: &KeyEvent) -> Key {
        // Shift is carried by the character itself ('S'), except for BackTab.
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// Parses `s`, `S`, `?`, `Enter`, `Esc`, `Tab`, `BackTab`, `Left`,
    /// `Up`, `PageDown`, `<Ctrl-r>`, `Ctrl-s`, `F1`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let text = text.trim();
        // `<Ctrl-r>` is bracketed; `<` and `>` alone are keys.
        let inner = match text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            Some(inner) if !inner.is_empty() => inner,
            _ => text,
        };
        let (ctrl, rest) = match inner
            .strip_prefix("Ctrl-")
            .or_else(|| inner.strip_prefix("ctrl-"))
            .or_else(|| inner.strip_prefix("C-"))
        {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => {
                    return Err(format!(
                        "`{text}` is not a key (e.g. s, S, Enter, <Ctrl-r>)"
                    ));
                }
            },
        };
        Ok(Key { code, ctrl })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    /// The list whose selection the action works on, if only one.
    pub on: Option<Selection>,
    pub key: Key,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer of its context.
    pub hint: bool,
}

/// The list of its screen an action of `context` works on, where it
/// works on one: such keys may be shared by actions on other lists of the
/// screen (`x` drops a parked feature, declines a request), and the
/// footer hints them only while their list has the focus.
fn works_on(context: Context, action: &Action) -> Option<Selection> {
    use Action as A;
    use Context::{Parking, Tracks};
    use Selection::{Lot as InLot, Track as InTrack};
    match (context, action) {
        (Parking, A::Transition(Transition::Promote | Transition::Drop) | A::Snooze) => {
            Some(InLot(Lot::Features))
        }
        (Parking, A::DeclineRequest | A::LinkRequest | A::MergeRequest | A::RequestToFeature) => {
            Some(InLot(Lot::Requests))
        }
        (Tracks, A::ResolveBlocker | A::SetBlockerEta) => Some(InTrack(Track::Blockers)),
        (Tracks, A::EditFoundation) => Some(InTrack(Track::Foundations)),
        (Tracks, A::EditRisk) => Some(InTrack(Track::Risks)),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults(),
        }
    }
}

impl Keymap {
    /// The default keys with the user's `overrides` (action name → key)
    /// that can be applied, and a message for each that cannot: an unknown
    /// action or key, a key taken by another action, or Ctrl-c, which
    /// always quits (so no config can leave the board without a way out).
    pub fn with_overrides(overrides: &BTreeMap<String, String>) -> (Keymap, Vec<String>) {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for (name, key_text) in overrides {
            if let Err(problem) = keymap.rebind(name, key_text) {
                problems.push(format!("keys.{name}: {problem}"));
            }
        }
        (keymap, problems)
    }

    /// Moves the keys of action `name` to `key_text`: on the board (and the
    /// card detail) for a bare name, in one context for `parking.decline`;
    /// or leaves the keymap as it was and says why not.
    fn rebind(&mut self, name: &str, key_text: &str) -> Result<(), String> {
        let (context, name) = match name.split_once('.') {
            Some((context, action)) => {
                let names: Vec<&str> = Context::NAMED.iter().map(|(n, _)| *n).collect();
                let context = Context::from_name(context).ok_or_else(|| {
                    format!("unknown screen `{context}` (one of {})", names.join(", "))
                })?;
                (Some(context), action)
            }
            None => (None, name),
        };
        // By name: `submit` is the prompt's confirm and a transition too.
        if Action::from_name(name).is_none()
            && !self.bindings.iter().any(|b| b.action.name() == name)
        {
            return Err("unknown action (see the command palette for the names)".into());
        }
        let key = Key::parse(key_text)?;
        if key == Key::QUIT {
            return Err("Ctrl-c always quits and cannot be bound".into());
        }
        let before = self.clone();
        let mut found = false;
        for binding in self.bindings.iter_mut().filter(|b| {
            b.action.name() == name
                && match context {
                    Some(context) => b.context == context,
                    None => matches!(b.context, Context::Board | Context::Detail),
                }
        }) {
            binding.key = key;
            found = true;
        }
        if !found {
            let place = context.map_or("the board", Context::title);
            return Err(format!("this action has no key in {place} to change"));
        }
        if let Err(problem) = self.check_duplicates() {
            *self = before;
            return Err(problem);
        }
        Ok(())
    }

    fn check_duplicates(&self) -> Result<(), String> {
        for (i, a) in self.bindings.iter().enumerate() {
            if let Some(b) = self.bindings[..i].iter().find(|b| {
                b.context == a.context
                    && b.key == a.key
                    && b.action != a.action
                    && (a.on.is_none() || b.on.is_none() || a.on == b.on)
            }) {
                return Err(format!(
                    "key {} is bound twice in {}: {} and {}",
                    a.key,
                    a.context.title(),
                    b.action.name(),
                    a.action.name()
                ));
            }
        }
        Ok(())
    }

    /// The action for a key press in `context` with the selection `on`
    /// one of its lists; in text contexts an unbound key is text input.
    /// A key bound for another list only still gives its action, whose
    /// update then says which list it works on.
    pub fn action(
        &self,
        context: Context,
        on: Option<Selection>,
        event: &KeyEvent,
    ) -> Option<Action> {
        let key = Key::from_event(event);
        let pressed = |b: &&Binding| b.context == context && b.key == key;
        let bindings = || self.bindings.iter().filter(pressed);
        bindings()
            .find(|b| b.on.is_none() || b.on == on)
            .or_else(|| bindings().next())
            .map(|b| b.action.clone())
            .or_else(|| {
                context
                    .takes_text()
                    .then_some(Action::Input(super::action::KeyInput(*event)))
            })
    }

    /// Every binding, in the table's order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The board key of `action`, as the help shows it: what a message
    /// names instead of a letter written into its text.
    pub fn key_for(&self, action: &Action) -> Option<String> {
        self.key_for_in(Context::Board, action)
    }

    /// The first key bound to `action` in `context`, as people type it.
    pub fn key_for_in(&self, context: Context, action: &Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.action == *action)
            .map(|b| b.key.to_string())
    }

    /// The footer's hints for `context` with the selection `on` one of
    /// its lists: `(keys, help)`, one per action.
    pub fn hints(&self, context: Context, on: Option<Selection>) -> Vec<(String, &'static str)> {
        self.rows(|b| b.context == context && b.hint && (b.on.is_none() || b.on == on))
    }

    /// Every binding of `context`, keys of the same action joined.
    pub fn grouped(&self, context: Context) -> Vec<(String, &'static str)> {
        self.rows(|b| b.context == context)
    }

    /// The bindings `chosen`, keys of the same action joined.
    fn rows(&self, chosen: impl Fn(&Binding) -> bool) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Action, String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| chosen(b)) {
            match rows.iter_mut().find(|(a, _, _)| *a == b.action) {
                Some((_, keys, _)) => {
                    keys.push('/');
                    keys.push_str(&b.key.to_string());
                }
                None => rows.push((b.action.clone(), b.key.to_string(), b.help)),
            }
        }
        rows.into_iter()
            .map(|(_, keys, help)| (keys, help))
            .collect()
    }

    /// The palette's entries: every board action with its first key.
    pub fn palette(&self) -> Vec<(Action, String, &'static str)> {
        let mut entries: Vec<(Action, String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.context == Context::Board) {
            if !entries.iter().any(|(a, _, _)| *a == b.action) && b.action != Action::Palette {
                entries.push((b.action.clone(), b.key.to_string(), b.help));
            }
        }
        entries.extend([
            (
                Action::Transition(Transition::Promote),
                String::new(),
                "promote a parked card to this phase",
            ),
            (
                Action::Import,
                String::new(),
                "import a roadmap document (Markdown or JSON)",
            ),
            (
                Action::Export,
                String::new(),
                "export the roadmap as Markdown",
            ),
            (Action::MonthlyReview, String::new(), "monthly review"),
            (
                Action::AddRequest,
                String::new(),
                "record a customer request",
            ),
            (
                Action::AddNote,
                String::new(),
                "note in the change log: what was done, and why",
            ),
            (
                Action::AddCriterion,
                String::new(),
                "add a success criterion to this phase",
            ),
            (
                Action::CheckCriteria,
                String::new(),
                "success criteria of this phase: check off or reopen",
            ),
            (
                Action::Learning,
                String::new(),
                "did it work? outcomes and hit rates",
            ),
            (
                Action::AddUpcomingBlocker,
                String::new(),
                "a blocker ahead for this feature (a risk, with its mitigation)",
            ),
            (Action::QuarterlyReview, String::new(), "quarterly review"),
        ]);
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_have_no_key_bound_twice_in_a_context() {
        Keymap::default().check_duplicates().unwrap();
    }

    #[test]
    fn a_key_shared_by_two_lists_acts_on_the_focused_one() {
        let keymap = Keymap::default();
        let x = KeyEvent::from(KeyCode::Char('x'));
        let parked = Some(Selection::Lot(Lot::Features));
        let requests = Some(Selection::Lot(Lot::Requests));
        let drop = Action::Transition(Transition::Drop);
        assert_eq!(keymap.action(Context::Parking, parked, &x), Some(drop));
        assert_eq!(
            keymap.action(Context::Parking, requests, &x),
            Some(Action::DeclineRequest)
        );
        // A key of the other list still reaches its update, which says
        // where it works.
        let z = KeyEvent::from(KeyCode::Char('z'));
        assert_eq!(
            keymap.action(Context::Parking, requests, &z),
            Some(Action::Snooze)
        );
        let hinted = |on| keymap.hints(Context::Parking, on);
        assert!(hinted(parked).contains(&(
            "z".into(),
            "snooze: reconsider when (a condition, a date, or both)"
        )));
        assert!(!hinted(requests).iter().any(|(key, _)| key == "z"));
        let e = KeyEvent::from(KeyCode::Char('e'));
        for (track, action) in [
            (Track::Blockers, Action::SetBlockerEta),
            (Track::Foundations, Action::EditFoundation),
            (Track::Risks, Action::EditRisk),
        ] {
            let on = Some(Selection::Track(track));
            assert_eq!(keymap.action(Context::Tracks, on, &e), Some(action));
        }
    }

    #[test]
    fn a_list_action_may_share_a_key_with_another_lists_not_with_a_screen_wide_one() {
        let map: BTreeMap<String, String> = [("parking.sort", "x"), ("parking.undo", "z")]
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect();
        let problems = Keymap::with_overrides(&map).1;
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("key x is bound twice in Parking lot"),
            "{problems:?}"
        );
        let map: BTreeMap<String, String> = [("parking.decline_request", "m")]
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect();
        assert!(Keymap::with_overrides(&map).1.is_empty());
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("<Ctrl-r>").unwrap().to_string(), "Ctrl-r");
        assert_eq!(Key::parse("S").unwrap().to_string(), "S");
        assert_eq!(Key::parse("Enter").unwrap().to_string(), "Enter");
        assert_eq!(Key::parse("<").unwrap().to_string(), "<");
        assert_eq!(Key::parse(">").unwrap().to_string(), ">");
        assert!(Key::parse("Hyper-x").is_err());
    }

    #[test]
    fn overrides_rebind_by_action_name_and_refuse_clashes() {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(a, k)| (a.to_string(), k.to_string()))
                .collect::<BTreeMap<_, _>>()
        };
        let (keymap, problems) = Keymap::with_overrides(&map(&[("start", "a")]));
        assert!(problems.is_empty(), "{problems:?}");
        let a = KeyEvent::from(KeyCode::Char('a'));
        assert_eq!(
            keymap.action(Context::Board, None, &a),
            Some(Action::Transition(Transition::Start))
        );
        assert_eq!(
            keymap.action(Context::Board, None, &KeyEvent::from(KeyCode::Char('s'))),
            None
        );
        let problems = |pairs: &[(&str, &str)]| Keymap::with_overrides(&map(pairs)).1;
        assert_eq!(
            problems(&[("start", "S")]),
            ["keys.start: key S is bound twice in Board: start and ship"]
        );
        assert!(problems(&[("fly", "z")])[0].contains("keys.fly: unknown action"));
        assert_eq!(
            problems(&[("quit", "<Ctrl-c>")]),
            ["keys.quit: Ctrl-c always quits and cannot be bound"]
        );
    }

    #[test]
    fn a_bad_override_leaves_the_good_ones_and_the_keys_it_would_have_moved() {
        let overrides: BTreeMap<String, String> = [("ship", "s"), ("start", "a")]
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect();
        let (keymap, problems) = Keymap::with_overrides(&overrides);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let key = |c| keymap.action(Context::Board, None, &KeyEvent::from(KeyCode::Char(c)));
        assert_eq!(key('a'), Some(Action::Transition(Transition::Start)));
        assert_eq!(key('S'), Some(Action::Transition(Transition::Ship)));
    }
}
