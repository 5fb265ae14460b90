//! The words founders write for the parts of a plan, in the languages they
//! write in. The reader decides by the document's shape first; these are
//! its hints. To teach it a language, add a row: nothing else changes.

use crate::domain::{FeatureStatus, PhaseStatus};

/// Words that open a phase heading (`Phase 2`, `Giai đoạn 1`, `Этап 3`).
const PHASE_WORDS: &[&str] = &[
    // en
    "phase",
    "stage",
    "step",
    "milestone",
    "release",
    "version",
    "sprint",
    "iteration",
    "month",
    "week",
    "quarter",
    "cycle",
    "wave",
    "horizon",
    // es, pt, it
    "fase",
    "etapa",
    "paso",
    "hito",
    "versión",
    "versão",
    "lanzamiento",
    "mes",
    "mês",
    "semana",
    "trimestre",
    "ciclo",
    "tappa",
    "passo",
    "settimana",
    "mese",
    // fr
    "étape",
    "jalon",
    "mois",
    "semaine",
    "itération",
    "palier",
    // de
    "stufe",
    "schritt",
    "meilenstein",
    "monat",
    "woche",
    "quartal",
    "etappe",
    // ru
    "этап",
    "фаза",
    "шаг",
    "спринт",
    "месяц",
    "неделя",
    "квартал",
    "релиз",
    "версия",
    // vi
    "giai đoạn",
    "gđ",
    "bước",
    "tháng",
    "tuần",
    "quý",
    "cột mốc",
    "chặng",
    // zh
    "阶段",
    "步骤",
    "里程碑",
    "版本",
    "季度",
    "第",
    // ja
    "フェーズ",
    "段階",
    "ステップ",
    "マイルストーン",
    "スプリント",
    // ar
    "مرحلة",
    "المرحلة",
    "خطوة",
    "الخطوة",
];

/// Headings that name a bucket of work by its state, and what that says
/// about the phase and the items with no status of their own.
const BUCKETS: &[(&[&str], PhaseStatus, Option<FeatureStatus>)] = &[
    (
        &[
            "done",
            "shipped",
            "completed",
            "complete",
            "released",
            "finished",
            "launched",
            "delivered",
            "current shipped",
            "already shipped",
            "what's shipped",
            "hecho",
            "completado",
            "terminado",
            "lanzado",
            "concluído",
            "concluido",
            "feito",
            "entregue",
            "terminé",
            "fait",
            "livré",
            "erledigt",
            "fertig",
            "abgeschlossen",
            "geliefert",
            "готово",
            "завершено",
            "выполнено",
            "сделано",
            "hoàn thành",
            "đã xong",
            "xong",
            "已完成",
            "完成",
            "完了",
            "مكتمل",
            "منجز",
            "تم",
        ],
        PhaseStatus::Complete,
        Some(FeatureStatus::Shipped),
    ),
    (
        &[
            "now",
            "in progress",
            "doing",
            "current",
            "wip",
            "active",
            "ongoing",
            "this week",
            "this month",
            "this quarter",
            "en progreso",
            "en curso",
            "ahora",
            "em andamento",
            "em progresso",
            "agora",
            "en cours",
            "maintenant",
            "in arbeit",
            "jetzt",
            "в работе",
            "в процессе",
            "сейчас",
            "đang làm",
            "hiện tại",
            "进行中",
            "当前",
            "進行中",
            "現在",
            "قيد التنفيذ",
            "الآن",
        ],
        PhaseStatus::InProgress,
        None,
    ),
    (
        &[
            "next",
            "up next",
            "queued",
            "planned",
            "backlog",
            "later",
            "future",
            "ideas",
            "icebox",
            "someday",
            "todo",
            "to do",
            "upcoming",
            "soon",
            "próximo",
            "siguiente",
            "después",
            "planeado",
            "pendiente",
            "depois",
            "planejado",
            "ensuite",
            "plus tard",
            "prévu",
            "à venir",
            "als nächstes",
            "später",
            "geplant",
            "далее",
            "позже",
            "запланировано",
            "tiếp theo",
            "sau này",
            "kế hoạch",
            "下一步",
            "计划",
            "以后",
            "次",
            "予定",
            "التالي",
            "لاحقا",
            "مخطط",
        ],
        PhaseStatus::NotStarted,
        None,
    ),
];

/// `text` lowercased, with what is not a letter, digit or space at its
/// ends removed.
fn words(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.strip_prefix(word).is_some_and(|rest| {
        rest.is_empty() || !rest.starts_with(char::is_alphabetic) || !word.is_ascii() // scripts without spaces between words
    })
}

/// Whether a heading reads as a phase by its words: a phase word first
/// (`Phase 2`, `Giai đoạn 1 — …`), a version (`v1.2`, `0.3 (beta)`), a
/// quarter or half (`Q1 2026`, `2026 Q1`, `H2`) or a month and year.
pub fn names_a_phase(heading: &str) -> bool {
    alternatives(heading).any(names_a_phase_in_one)
}

/// A heading written in two languages (`المرحلة الأولى | Phase 1`) says
/// the same twice: each side is read on its own.
fn alternatives(heading: &str) -> impl Iterator<Item = &str> {
    heading.split(" | ").filter(|side| !side.trim().is_empty())
}

/// Whether a heading opens with a word for a span of the plan (`Week
/// 3-4`, `Sprint 2`, `Fase 1`), in either of its languages.
pub fn opens_with_phase_word(heading: &str) -> bool {
    alternatives(heading).any(|side| {
        let text = words(side);
        PHASE_WORDS.iter().any(|w| starts_with_word(&text, w))
    })
}

fn names_a_phase_in_one(heading: &str) -> bool {
    let text = words(heading);
    if PHASE_WORDS.iter().any(|w| starts_with_word(&text, w)) {
        return true;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '—' | '–' | '-' | '(' | ')'))
        .filter(|t| !t.is_empty())
        .take(2)
        .collect();
    tokens.iter().any(|t| is_version(t) || is_period(t))
}

/// Words that call a document a roadmap, in the languages founders write.
const ROADMAP_TITLES: &[&str] = &[
    "roadmap",
    "road map",
    "feuille de route",
    "hoja de ruta",
    "roteiro",
    "tabella di marcia",
    "fahrplan",
    "lộ trình",
    "дорожная карта",
    "路线图",
    "路線圖",
    "ロードマップ",
    "로드맵",
];

/// Whether a title calls its document a roadmap.
pub fn names_a_roadmap(title: &str) -> bool {
    let text = words(title);
    ROADMAP_TITLES.iter().any(|w| text.contains(w))
}

/// Headings about how the plan is run rather than what it plans: never a
/// phase by shape alone.
const PROCESS_WORDS: &[&str] = &[
    "review",
    "process",
    "usage",
    "how to",
    "notes",
    "instructions",
    "glossary",
    "ritual",
    "workflow",
    "guide",
    "legend",
    "setup",
    "getting started",
    "faq",
    "reference",
    "principles",
    "philosophy",
    "tech stack",
    "architecture",
    "log",
    "history",
];

/// Whether a heading is about running the plan (`Weekly Review`,
/// `Template Usage Notes`).
pub fn about_process(heading: &str) -> bool {
    let text = words(heading);
    let tokens: Vec<&str> = text.split_whitespace().collect();
    PROCESS_WORDS.iter().any(|w| {
        if w.contains(' ') {
            text.contains(w)
        } else {
            tokens.contains(w)
        }
    })
}

/// Words for "phase" in other languages, dropped with their number from
/// a heading's name as `Phase 2: Pilot` becomes `Pilot`.
const PHASE_SYNONYMS: &[&str] = &[
    "giai đoạn",
    "gđ",
    "fase",
    "etapa",
    "étape",
    "этап",
    "фаза",
    "stufe",
    "阶段",
    "مرحلة",
    "المرحلة",
];

/// `Giai đoạn 1 — Nền tảng` → `(Some(1), "Nền tảng")`; `None` when the
/// heading does not start with such a word and a number, or nothing
/// follows them.
pub fn strip_phase_word(heading: &str) -> Option<(Option<u32>, String)> {
    let lower = heading.to_lowercase();
    let word = PHASE_SYNONYMS.iter().find(|w| lower.starts_with(*w))?;
    // Lowercasing can change byte lengths: count characters instead.
    let rest: String = heading.chars().skip(word.chars().count()).collect();
    let rest = rest.trim_start();
    let number_end = rest
        .find(|c: char| {
            !(c.is_ascii_digit() || c.is_alphabetic() && c.is_uppercase() && c.is_ascii())
        })
        .unwrap_or(rest.len());
    if number_end == 0 {
        return None;
    }
    let number = rest[..number_end].parse().ok();
    let name = rest[number_end..]
        .trim_start_matches([':', '—', '–', '-', '.', ' '])
        .trim();
    (!name.is_empty()).then(|| (number, name.to_owned()))
}

/// Labels of a list that say it holds work (`**Features:**`), in the
/// languages founders write in; other labelled lists under a phase
/// (`**Prerequisites:**`, `**New data entities:**`) are notes.
const WORK_LABELS: &[&str] = &[
    "feature",
    "deliverable",
    "task",
    "todo",
    "to do",
    "scope",
    "item",
    "work",
    "backlog",
    "stories",
    "story",
    "epic",
    "build",
    "ship",
    "includes",
    "goals",
    "milestone",
    "funcionalidad",
    "tarea",
    "entregable",
    "alcance",
    "funcionalidade",
    "tarefa",
    "fonctionnalité",
    "tâche",
    "livrable",
    "périmètre",
    "aufgabe",
    "funktion",
    "lieferung",
    "задач",
    "функци",
    "работ",
    "tính năng",
    "nhiệm vụ",
    "công việc",
    "hạng mục",
    "功能",
    "任务",
    "交付",
    "機能",
    "タスク",
    "مهام",
    "ميزات",
    "مهمة",
];

/// Words by which a heading or a label says its list holds what a phase
/// must achieve (criteria, outcomes, metrics), not work to do.
const CRITERIA_WORDS: &[&str] = &[
    "success",
    "criteria",
    "definition of done",
    "done when",
    "outcome",
    "expected result",
    "key result",
    "metrics",
    "kpi",
    "critères",
    "résultats attendus",
    "criterios",
    "resultados esperados",
    "métricas",
    "kriterien",
    "erwartete ergebnisse",
    "kennzahlen",
    "critérios",
    "metriche",
    "критерии",
    "tiêu chí",
    "成功标准",
    "完成定义",
    "验收标准",
    "成功指標",
    "完了条件",
    "達成基準",
    "성공 기준",
    "النتائج المتوقعة",
];

/// Whether a heading or a list's label names what a phase must achieve.
pub fn names_criteria(label: &str) -> bool {
    let text = words(label);
    CRITERIA_WORDS.iter().any(|w| text.contains(w))
}

/// Whether a list's label says it holds work.
pub fn labels_work(label: &str) -> bool {
    let text = words(label);
    WORK_LABELS.iter().any(|w| text.contains(w))
}

/// Words by which a list defers what it holds.
const DEFERRING: &[&str] = &[
    "won't",
    "wont",
    "will not",
    "later",
    "deferred",
    "defer",
    "someday",
    "icebox",
    "parking",
    "not now",
    "nice to have",
    "future",
    "después",
    "plus tard",
    "später",
    "позже",
    "sau này",
    "以后",
    "後で",
    "لاحقا",
];

/// Whether a list's heading defers its items (`Won't have`, `Later`).
pub fn defers(heading: &str) -> bool {
    let spaced: String = heading
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let text = words(&spaced);
    DEFERRING.iter().any(|w| text.contains(w))
}

/// Titles of documents that record what changed, not what is planned.
const CHANGELOG_TITLES: &[&str] = &[
    "changelog",
    "change log",
    "changes",
    "release notes",
    "history",
    "what's new",
    "news",
    "registro de cambios",
    "journal des modifications",
    "änderungsprotokoll",
    "список изменений",
    "nhật ký thay đổi",
    "更新日志",
    "变更日志",
    "変更履歴",
];

/// The section names of a Keep-a-Changelog entry.
const CHANGELOG_SECTIONS: &[&str] = &[
    "added",
    "changed",
    "deprecated",
    "removed",
    "fixed",
    "security",
];

/// Whether a document titled `title` whose phases came out as `phases` is
/// a changelog rather than a roadmap.
pub fn is_changelog<'a>(title: &str, mut phases: impl Iterator<Item = &'a str>) -> bool {
    CHANGELOG_TITLES.contains(&words(title).as_str())
        || phases.any(|name| CHANGELOG_SECTIONS.contains(&words(name).as_str()))
}

/// `v1`, `v1.2`, `0.3`, `1.0.0`.
fn is_version(token: &str) -> bool {
    let digits = token.strip_prefix('v').unwrap_or(token);
    let parts: Vec<&str> = digits.split('.').collect();
    !digits.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && (token.starts_with('v') || parts.len() > 1)
}

/// `q1`..`q4`, `h1`, `h2`.
fn is_period(token: &str) -> bool {
    matches!(token, "q1" | "q2" | "q3" | "q4" | "h1" | "h2")
}

/// What a heading naming a bucket of work by its state says: the phase's
/// status and the status of items that state none. `None`: not a bucket.
pub fn bucket(heading: &str) -> Option<(PhaseStatus, Option<FeatureStatus>)> {
    alternatives(heading).find_map(bucket_in_one)
}

fn bucket_in_one(heading: &str) -> Option<(PhaseStatus, Option<FeatureStatus>)> {
    let text = words(heading);
    let text = text
        .split(['/', '(', ':', '—', '–'])
        .next()
        .unwrap_or_default()
        .trim();
    // The bucket's word and at most two more (`Shipped so far`), not a
    // sentence that happens to start with it (`Next steps for writers`).
    let named = |spelling: &str| {
        text == spelling
            || starts_with_word(text, spelling)
                && text[spelling.len()..].split_whitespace().count() <= 2
    };
    BUCKETS.iter().find_map(|(spellings, phase, items)| {
        spellings
            .iter()
            .any(|s| named(s))
            .then_some((*phase, *items))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_headings_in_many_languages_and_shapes() {
        for heading in [
            "Phase 2: Pilot",
            "Giai đoạn 1 — Nền tảng",
            "Этап 3. Запуск",
            "Fase 1 - Fundação",
            "Étape 2 : Lancement",
            "v1.2",
            "0.3 (beta)",
            "Q1 2026",
            "2026 Q1",
            "H2",
            "Sprint 4",
            "阶段一",
            "المرحلة الأولى",
        ] {
            assert!(names_a_phase(heading), "{heading}");
        }
        for heading in [
            "Summary",
            "Tech stack",
            "Phaser engine notes",
            "Stepping back",
        ] {
            assert!(!names_a_phase(heading), "{heading}");
        }
    }

    #[test]
    fn buckets_say_what_their_items_are() {
        assert_eq!(
            bucket("Current shipped / working"),
            Some((PhaseStatus::Complete, Some(FeatureStatus::Shipped)))
        );
        assert_eq!(
            bucket("✅ Done"),
            Some((PhaseStatus::Complete, Some(FeatureStatus::Shipped)))
        );
        assert_eq!(bucket("Now"), Some((PhaseStatus::InProgress, None)));
        assert_eq!(bucket("Up next"), Some((PhaseStatus::NotStarted, None)));
        assert_eq!(bucket("Đang làm"), Some((PhaseStatus::InProgress, None)));
        assert_eq!(bucket("Nowhere to go"), None);
        assert_eq!(bucket("Next steps for new writers"), None);
        assert_eq!(
            bucket("Shipped so far").map(|b| b.0),
            Some(PhaseStatus::Complete)
        );
    }
}
