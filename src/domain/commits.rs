//! Commits on the cards: which features a commit message names, and which
//! it ships. A key anywhere in the message links the commit to the card; a
//! `Ships: F12` trailer ships the feature through the method; a `Refs: F12`
//! trailer only links. Pure: the messages come from git, the links go to
//! the store.

use chrono::{DateTime, Utc};

use super::model::FeatureKey;

/// How the founder's commits write a feature's key: `F{n}` by default,
/// `#{n}` or `RB-{n}` when set (`[git] keys`). Case is ignored; the digits
/// are the key's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPattern {
    before: String,
    after: String,
}

impl Default for KeyPattern {
    fn default() -> Self {
        KeyPattern {
            before: "f".into(),
            after: String::new(),
        }
    }
}

impl KeyPattern {
    /// `F{n}`, `#{n}`, `[RB-{n}]`: the text around `{n}`, which must be there
    /// once, with something before it (a bare number is any number).
    pub fn parse(pattern: &str) -> Result<Self, String> {
        let (before, after) = pattern
            .split_once("{n}")
            .filter(|(_, after)| !after.contains("{n}"))
            .ok_or_else(|| {
                format!("`{pattern}` has no `{{n}}` (for the key's number), e.g. F{{n}}")
            })?;
        if before.trim().is_empty() {
            return Err(format!(
                "`{pattern}` has nothing before `{{n}}`: every number in a message would be a key"
            ));
        }
        if before.chars().chain(after.chars()).any(char::is_whitespace) {
            return Err(format!("`{pattern}` holds a space"));
        }
        Ok(KeyPattern {
            before: before.to_lowercase(),
            after: after.to_lowercase(),
        })
    }

    /// The keys `text` names, in order, each once.
    pub fn keys_in(&self, text: &str) -> Vec<FeatureKey> {
        let lower = text.to_lowercase();
        let bytes = lower.as_bytes();
        let mut keys = Vec::new();
        let mut from = 0;
        while let Some(found) = lower[from..].find(&self.before) {
            let start = from + found;
            let digits_at = start + self.before.len();
            from = digits_at;
            // `F12` inside `AF12` or `F12x` is no key: the pattern stands
            // alone as a word.
            let alone_before = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let digits = bytes[digits_at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if !alone_before || digits == 0 {
                continue;
            }
            let end = digits_at + digits;
            let rest = &lower[end..];
            let Some(after) = rest.strip_prefix(self.after.as_str()) else {
                continue;
            };
            if after.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            if let Some(key) = lower[digits_at..end]
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(FeatureKey)
                && !keys.contains(&key)
            {
                keys.push(key);
            }
            from = end;
        }
        keys
    }
}

/// What a commit says of one feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub key: FeatureKey,
    /// Named in a `Ships:` trailer: the commit ships it.
    pub ships: bool,
}

/// The features a commit message names, each once: those of a `Ships:`
/// trailer ship, the rest (a `Refs:` trailer, the subject, the body) link.
pub fn mentions(message: &str, pattern: &KeyPattern) -> Vec<Mention> {
    let mut shipped = Vec::new();
    for line in message.lines() {
        if let Some((label, value)) = line.split_once(':')
            && label.trim().eq_ignore_ascii_case("ships")
        {
            shipped.extend(pattern.keys_in(value));
        }
    }
    // Every key of a trailer is in the message too: each key once, in order.
    pattern
        .keys_in(message)
        .into_iter()
        .map(|key| Mention {
            key,
            ships: shipped.contains(&key),
        })
        .collect()
}

/// A commit as it shows on a card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CardCommit {
    pub hash: String,
    pub when: DateTime<Utc>,
    pub subject: String,
    /// Its `Ships:` trailer named the card.
    pub ships: bool,
}

impl CardCommit {
    /// The hash as people quote it.
    pub fn short_hash(&self) -> &str {
        self.hash.get(..7).unwrap_or(&self.hash)
    }

    /// `9c90ffa 2026-12-06 Billing done  (Ships)`: one line of a card's list.
    pub fn line(&self) -> String {
        let ships = if self.ships { "  (Ships)" } else { "" };
        format!(
            "{} {} {}{ships}",
            self.short_hash(),
            self.when.format("%Y-%m-%d"),
            self.subject
        )
    }
}

/// A card's commits, a line each, or a sentence saying there is none yet.
pub fn listing(key: FeatureKey, commits: &[CardCommit]) -> String {
    if commits.is_empty() {
        return format!("no commit names {key} yet (`roadboard git scan` reads new ones)");
    }
    commits
        .iter()
        .map(CardCommit::line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A branch name for a feature: `f12-billing-page` (the key, then the
/// title's words, lower case, ASCII letters and digits, at most 40 bytes).
pub fn branch_name(key: FeatureKey, title: &str) -> String {
    let mut name = key.to_string().to_lowercase();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if name.len() + 1 + word.len() > 40 {
            break;
        }
        name.push('-');
        name.push_str(&word.to_ascii_lowercase());
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(pattern: &str, text: &str) -> Vec<u32> {
        KeyPattern::parse(pattern)
            .unwrap()
            .keys_in(text)
            .into_iter()
            .map(|k| k.0)
            .collect()
    }

    #[test]
    fn keys_stand_alone_in_the_message() {
        assert_eq!(keys("F{n}", "F12: billing page (f3, F12)"), [12, 3]);
        assert_eq!(keys("F{n}", "AF12 F12x F0 F"), Vec::<u32>::new());
        assert_eq!(keys("#{n}", "fix #7 and #8."), [7, 8]);
        assert_eq!(keys("[RB-{n}]", "[RB-4] and RB-5"), [4]);
        assert!(KeyPattern::parse("{n}").is_err());
        assert!(KeyPattern::parse("F").is_err());
        assert!(KeyPattern::parse("F {n}").is_err());
    }

    #[test]
    fn a_ships_trailer_ships_and_the_rest_link() {
        let message = "Billing page for F12\n\nAlso touches F3.\n\nShips: F12\nRefs: F4";
        let found = mentions(message, &KeyPattern::default());
        assert_eq!(
            found,
            [
                Mention {
                    key: FeatureKey(12),
                    ships: true
                },
                Mention {
                    key: FeatureKey(3),
                    ships: false
                },
                Mention {
                    key: FeatureKey(4),
                    ships: false
                },
            ]
        );
        assert!(mentions("no key here", &KeyPattern::default()).is_empty());
    }

    #[test]
    fn branch_names_are_safe_for_git() {
        assert_eq!(
            branch_name(FeatureKey(12), "Billing page: v2 (EU)!"),
            "f12-billing-page-v2-eu"
        );
        assert_eq!(branch_name(FeatureKey(3), "Überweisung ✓"), "f3-berweisung");
        assert!(branch_name(FeatureKey(1), &"word ".repeat(50)).len() <= 40);
    }
}
