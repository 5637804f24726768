//! A generator of Arabic news articles for load tests: a headline, a
//! dateline, paragraphs of reported speech by named speakers with roles,
//! absolute and relative dates. Every text is built from word lists in this
//! file, deterministic for a seed and an index, and unique per index (the
//! index is spelled into figures in the text). It must not read files or
//! the clock.

use super::words::{
    AGENCIES, CITIES, CLOSINGS, FAMILY_NAMES, GIVEN_NAMES, MONTHS, OUTCOMES, PLANS, RELATIVE_DATES,
    REPORTING_VERBS, ROLES, SECTORS, TOPICS,
};

/// One generated article and the publication instant chosen for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedArticle {
    pub text: String,
    /// Seconds since the Unix epoch, noon UTC of a day in 2023–2025.
    pub published_seconds: i64,
    /// Quoted statements written into the text (what the engine should find,
    /// give or take).
    pub planned_statements: usize,
}

/// splitmix64: a small, well-mixed generator; enough for picking words.
struct Random(u64);

impl Random {
    fn new(seed: u64, index: u64) -> Random {
        let mut random = Random(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        random.next();
        random
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.0;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

/// Builds article `index` for `seed`.
pub fn article(seed: u64, index: u64) -> GeneratedArticle {
    let mut random = Random::new(seed, index);
    let city = random.pick(CITIES);
    let agency = random.pick(AGENCIES);
    let topic = random.pick(TOPICS);
    let sector = random.pick(SECTORS);
    let plan = random.pick(PLANS);
    // Spelled into the text, so two indexes never give the same article.
    let unique_figure = 1000 + index;
    let year = 2023 + random.below(3) as i32;
    let month_number = 1 + random.below(12);
    let day = 1 + random.below(28);
    let published_seconds = noon_seconds(year, month_number as i8, day as i8);

    let speakers: Vec<(String, &str)> = (0..4)
        .map(|_| {
            let name = format!("{} {}", random.pick(GIVEN_NAMES), random.pick(FAMILY_NAMES));
            (name, random.pick(ROLES))
        })
        .collect();

    let mut text = String::with_capacity(7000);
    text.push_str(&format!(
        "{topic} تعلن {plan} في قطاع {sector} بقيمة {unique_figure} مليون دولار\n\n"
    ));
    text.push_str(&format!(
        "{city} - {agency}: أعلنت {topic} اليوم عن {plan} في قطاع {sector} بكلفة تبلغ {unique_figure} مليون دولار، في خطوة قالت إنها تهدف إلى {}.\n\n",
        random.pick(OUTCOMES)
    ));
    let mut planned_statements = 0;
    let paragraphs = 9 + random.below(6);
    for paragraph in 0..paragraphs {
        let (name, role) = &speakers[paragraph % speakers.len()];
        let verb = random.pick(REPORTING_VERBS);
        let outcome = random.pick(OUTCOMES);
        let figure = 10 + random.below(990);
        let relative = random.pick(RELATIVE_DATES);
        let month = MONTHS[random.below(MONTHS.len())];
        let date_day = 1 + random.below(28);
        let date_year = year + random.below(2) as i32;
        let sentence = match paragraph % 4 {
            0 => format!(
                "و{verb} {role} {name} في مؤتمر صحفي إن \"المرحلة الأولى من {plan} ستكتمل {relative}، وإن العمل سيشمل {figure} موقعاً في أنحاء البلاد\"."
            ),
            1 => format!(
                "و{verb} {role} {name} أن \"الحكومة خصصت {figure} مليون دولار لهذا الغرض، على أن يبدأ التنفيذ في {date_day} {month} {date_year}\"."
            ),
            2 => format!(
                "و{verb} {name}، {role}، في بيان: «نحن ملتزمون بأن يؤدي {plan} إلى {outcome}، وسنعرض النتائج الأولى {relative}»."
            ),
            _ => format!(
                "وفي تصريح لوسائل الإعلام، {verb} {role} {name} إن \"عدد المستفيدين سيصل إلى {figure} ألف شخص بحلول {date_day} {month} {date_year}\"."
            ),
        };
        planned_statements += 1;
        text.push_str(&sentence);
        text.push(' ');
        text.push_str(&format!(
            "وكانت {topic} قد أعلنت في {} {} {year} عن دراسة أولية شملت {} خبيراً من قطاع {sector}، وأوصت بـ{}.\n\n",
            1 + random.below(28),
            MONTHS[random.below(MONTHS.len())],
            5 + random.below(95),
            random.pick(OUTCOMES)
        ));
    }
    text.push_str(random.pick(CLOSINGS));
    text.push('\n');
    GeneratedArticle {
        text,
        published_seconds,
        planned_statements,
    }
}

fn noon_seconds(year: i32, month: i8, day: i8) -> i64 {
    jiff::civil::date(year as i16, month, day)
        .at(12, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|zoned| zoned.timestamp().as_second())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_same_seed_and_index_give_the_same_article() {
        assert_eq!(article(7, 3), article(7, 3));
        assert_ne!(article(7, 3).text, article(8, 3).text);
    }

    #[test]
    fn every_index_gives_a_different_text_of_realistic_size() {
        let texts: HashSet<String> = (0..300).map(|index| article(1, index).text).collect();
        assert_eq!(texts.len(), 300);
        for text in &texts {
            assert!(
                (3_500..=9_000).contains(&text.len()),
                "{} bytes",
                text.len()
            );
        }
    }

    #[test]
    fn the_engine_finds_statements_and_milestones_in_generated_articles() {
        let options = khabar::extract::ExtractOptions {
            published_on: Some(jiff::civil::date(2024, 3, 15)),
            fallback_date: jiff::civil::date(2024, 3, 15),
        };
        for index in 0..20 {
            let generated = article(3, index);
            let extraction = khabar::extract::extract(&generated.text, &options);
            assert!(
                extraction.statements.len() >= generated.planned_statements,
                "article {index}: {} statements of {} planned\n{}",
                extraction.statements.len(),
                generated.planned_statements,
                generated.text
            );
            assert!(
                extraction.milestones.len() >= generated.planned_statements,
                "article {index}: {} milestones\n{}",
                extraction.milestones.len(),
                generated.text
            );
            let article = extraction.article.expect("an article");
            assert!(!article.dateline.is_empty(), "article {index}: no dateline");
        }
    }
}
