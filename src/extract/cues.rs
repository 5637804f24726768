//! Word lists for reported speech, in folded form: reporting verbs,
//! participles that continue the last speaker, complementizers, titles and
//! role words, channel words, and the words that end a speaker's name.
//!
//! Data and one-word lookups only; no parsing. Entries must be folded (see
//! `normalize`) or they never match.

use super::tokens::matches_any;
use crate::proto::v1::Channel;

/// Finite reporting verbs (past and present, masculine, feminine, dual,
/// plural).
#[rustfmt::skip]
const REPORTING_VERBS: &[&str] = &[
    "قال", "قالت", "قالا", "قالوا", "يقول", "تقول", "اكد", "اكدت", "اكدا", "اكدوا", "يوكد", "توكد", "اضاف",
    "اضافت", "يضيف", "تضيف", "تابع", "تابعت", "كشف", "كشفت", "كشفا", "يكشف", "اوضح", "اوضحت", "اوضحا",
    "يوضح", "توضح", "اشار", "اشارت", "اشارا", "يشير", "تشير", "لفت", "لفتت", "بين", "بينت", "اعتبر",
    "اعتبرت", "يعتبر", "تعتبر", "ذكر", "ذكرت", "اعلن", "اعلنت", "اعلنا", "كتب", "كتبت", "شدد", "شددت",
    "يشدد", "صرح", "صرحت", "افاد", "افادت", "نفي", "نفت", "اردف", "اردفت", "ختم", "ختمت", "استطرد",
    "راي", "رات", "يري", "تري", "نوه", "نوهت", "اعرب", "اعربت", "حذر", "حذرت", "ابلغ", "ابلغت", "زاد",
    "اعترف", "اعترفت", "جدد", "جددت", "طالب", "طالبت", "دعا", "دعت", "رجح", "رجحت",
    "توقع", "توقعت", "يتوقع", "اوضحوا", "اعلنوا", "ذكروا", "نقل", "نقلت", "نقلا", "نشر", "نشرت",
    "غرد", "غردت",
];

/// Verbs that are also common non-speech words (بين "between", زاد, ختم,
/// تابع "followed", كتب): they count only with a complement right after.
#[rustfmt::skip]
const WEAK_VERBS: &[&str] = &["بين", "زاد", "ختم", "ختمت", "تابع", "تابعت", "كتب", "كتبت", "ذكر", "دعا", "دعت", "طالب", "طالبت", "نقل", "نقلت", "نقلا", "جدد", "جددت", "توقع", "توقعت", "يتوقع", "نشر", "نشرت"];

/// Verbs whose speaker is given after عن: نقلت الوكالة عن التحالف قوله.
#[rustfmt::skip]
pub const RELAYING_VERBS: &[&str] = &["نقل", "نقلت", "نقلا"];

/// Participles that continue the current speaker: مضيفا، مشيرا إلى أن.
#[rustfmt::skip]
const PARTICIPLE_CUES: &[&str] = &[
    "مضيفا", "مضيفه", "مضيف", "مشيرا", "مشيره", "مشير", "موكدا", "موكده", "لافتا", "لافته", "مبينا", "مبينه",
    "موضحا", "موضحه", "منوها", "منوهه", "مشددا", "مشدده", "معتبرا", "معتبره", "قائلا", "قايلا", "قايله",
    "متابعا", "متابعه", "مستدركا", "مردفا", "كاشفا", "كاشفه", "مستطردا", "متسايلا", "محذرا", "محذره",
    "مستبعدا", "مرجحا", "معربا", "معربه", "متوقعا", "متعهدا", "مطالبا", "داعيا", "مختتما",
];

/// Complementizers that open reported speech (إن، أن، بأن، أنه...).
#[rustfmt::skip]
const COMPLEMENTIZERS: &[&str] = &[
    "ان", "انه", "انها", "انهم", "انهما", "اننا", "انني", "انني", "انكم", "انهن", "بان", "بانه", "بانها",
    "بانهم", "بانهما", "باننا", "وان", "وانه", "وانها",
];

/// Words that introduce direct speech after a verb: بالقول, قائلا, قوله.
#[rustfmt::skip]
pub const SPEECH_INTRODUCERS: &[&str] = &["بالقول", "قائلا", "قايلا", "قوله", "قولها", "قولهم", "القول", "ايضا", "كذلك"];

/// Titles that stand right before a name: اللواء سعد معن.
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "اللواء", "العميد", "الفريق", "الجنرال", "العقيد", "المقدم", "الرايد", "النقيب", "المشير", "الدكتور",
    "د", "الشيخ", "السيد", "السيده", "الاستاذ", "المهندس", "القاضي", "الامير", "الاميره", "الاميرال",
    "الادميرال", "الحاخام", "الكاردينال", "البابا", "المطران", "الملا", "ايه", "اللورد", "السير",
];

/// Words that head a role or office: رئيس, وزير, المتحدث باسم.
#[rustfmt::skip]
pub const ROLE_HEADS: &[&str] = &[
    "رييس", "الرييس", "رييسه", "وزير", "الوزير", "وزيره", "مستشار", "المستشار", "مستشاره", "المتحدث",
    "متحدث", "المتحدثه", "الناطق", "ناطق", "نايب", "النايب", "قايد", "القايد", "مدير", "المدير", "مديره",
    "سفير", "السفير", "الامين", "امين", "عضو", "محافظ", "المحافظ", "مسوول", "المسوول", "مساعد",
    "المساعد", "المبعوث", "مبعوث", "مندوب", "المندوب", "زعيم", "الزعيم", "ممثل", "الممثل",
    "منسق", "المنسق", "قاضي", "مفوض", "المفوض", "امير", "ملك", "الملك", "ولي", "عاهل", "العاهل", "مرشد",
    "المرشد", "نقيب", "عميد", "وكيل", "الوكيل", "حاكم", "الحاكم", "امين عام", "مستشاره",
];

/// Small words that never start a name and may sit inside a role.
#[rustfmt::skip]
pub const FUNCTION_WORDS: &[&str] = &[
    "باسم", "في", "من", "الي", "عن", "مع", "ل", "ب", "و", "الذي", "التي", "الذين", "لدي", "عند",
    "بين", "ضد", "حول", "لشوون", "لشيون", "شوون", "لقوات", "يضم", "تضم",
];

/// Words that end a speaker noun phrase (adverbs, time words).
#[rustfmt::skip]
pub const SUBJECT_STOPS: &[&str] = &[
    "عبر", "خلال", "اثناء", "امام", "لدي", "امس", "اليوم", "حينها", "ايضا", "رسميا", "قائلا", "قايلا",
    "بالقول", "وهو", "وهي", "وهم", "مساء", "صباح", "يوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء",
    "الخميس", "الجمعه", "السبت", "عقب", "اثر", "بعد", "قبل", "مجددا", "كذلك", "بدوره", "بدورها", "حيث",
    "فيما", "بينما", "عن", "قد", "قوله", "قولها", "قولهم", "ل", "ب", "له", "لها", "تعليقا", "ردا", "مؤخرا", "موخرا", "سابقا", "لاحقا", "الليله", "صراحه",
];

/// Nouns that, after في / لـ, name the channel or occasion, ending the
/// speaker's name: في بيان, في تغريدة, لوكالة.
#[rustfmt::skip]
pub const CHANNEL_NOUNS: &[&str] = &[
    "بيان", "البيان", "تغريده", "تغريدات", "تدوينه", "منشور", "تصريح", "تصريحات", "مؤتمر", "موتمر",
    "المؤتمر", "الموتمر", "حديث", "مقابله", "لقاء", "كلمه", "خطاب", "اتصال", "رساله", "ختام", "اجتماع",
    "جلسه", "حوار", "مداخله", "تعليق", "وكاله", "قناه", "صحيفه", "موقع", "الصحفيين", "الصحافيين",
    "الاعلام", "مراسل", "تلفزيون", "التلفزيون", "افتتاح", "اعقاب", "مستهل", "ندوه", "حفل", "زياره",
    "تصريحات", "بيانه", "بيانها", "كلمته", "كلمتها", "حسابه", "حسابها", "صفحته", "صفحتها", "مقال",
];

/// Things a speaker publishes, ending the subject of نشر/كتب/غرد:
/// نشر X تغريدة.
#[rustfmt::skip]
pub const PUBLISHED_ITEMS: &[&str] = &[
    "تغريده", "تغريدات", "تدوينه", "منشورا", "بيانا", "رساله", "مقالا", "تسجيلا", "مقطعا", "فيديو",
];

/// Connectives after a comma that end a reported clause: "، في حين".
#[rustfmt::skip]
pub const CLAUSE_ENDERS: &[&str] = &["في حين", "فيما", "بينما", "لكن", "ولكن", "الا ان", "غير ان", "بيد ان"];

/// Words that make a following أن temporal or modal, not reported speech:
/// بعد أن, قبل أن, يجب أن, من المقرر أن.
#[rustfmt::skip]
pub const NON_REPORTING_BEFORE_THAT: &[&str] = &[
    "بعد", "قبل", "منذ", "حتي", "رغم", "برغم", "بدل", "يجب", "ينبغي", "يمكن", "المقرر", "المنتظر",
    "المتوقع", "المفترض", "المرجح", "بد", "لابد", "ريثما", "دون", "بمجرد", "لمجرد", "اراد", "يريد",
];

/// Words that cannot start a subject: a verb followed by them has none
/// (قال في 3 سبتمبر، …; قال له).
#[rustfmt::skip]
pub const NOT_SUBJECT_STARTS: &[&str] = &[
    "في", "من", "الي", "عن", "مع", "ل", "ب", "له", "لها", "لهم", "لنا", "لي", "لكم", "به", "بها", "فيه",
    "فيها", "انه", "انها", "قد", "لقد", "ان", "حول", "بشان", "امام",
];

/// Attribution words before a source: وفق البيان, بحسب الوكالة.
#[rustfmt::skip]
pub const ATTRIBUTIONS: &[&str] = &["وفق", "بحسب", "حسب", "وفقا", "نقلا"];

/// Relative pronouns that can carry their own reporting verb.
#[rustfmt::skip]
pub const RELATIVE_PRONOUNS: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين"];

fn any_form(word: &str, set: &[&str], allow_prepositions: bool) -> bool {
    if set.contains(&word) {
        return true;
    }
    for conjunction in ["و", "ف"] {
        if let Some(rest) = word.strip_prefix(conjunction)
            && set.contains(&rest)
        {
            return true;
        }
    }
    allow_prepositions && matches_any(word, set)
}

/// A finite reporting verb, with or without و/ف.
pub fn is_reporting_verb(word: &str) -> bool {
    any_form(word, REPORTING_VERBS, false)
}

/// A reporting verb that needs its complement right after it.
pub fn is_weak_verb(word: &str) -> bool {
    any_form(word, WEAK_VERBS, false)
}

/// A participle that continues the current speaker.
pub fn is_participle_cue(word: &str) -> bool {
    any_form(word, PARTICIPLE_CUES, false)
}

/// A complementizer (إن/أن and their pronoun forms).
pub fn is_complementizer(word: &str) -> bool {
    COMPLEMENTIZERS.contains(&word)
}

/// A word in `set`, with or without proclitics.
pub fn is_in(word: &str, set: &[&str]) -> bool {
    any_form(word, set, true)
}

/// The channel a word names, if any.
pub fn channel_of(word: &str) -> Option<Channel> {
    let has = |names: &[&str]| matches_any(word, names);
    if has(&[
        "تغريده",
        "تغريدات",
        "تويتر",
        "اكس",
        "تدوينه",
        "منشور",
        "فيسبوك",
        "حسابه",
        "حسابها",
    ]) {
        Some(Channel::Tweet)
    } else if has(&[
        "بيان",
        "البيان",
        "بيانه",
        "بيانها",
        "تصريح",
        "تصريحات",
        "بلاغ",
    ]) {
        Some(Channel::Statement)
    } else if has(&["مؤتمر", "موتمر", "المؤتمر", "الموتمر"]) {
        Some(Channel::PressConference)
    } else if has(&["مقابله", "حوار", "لقاء"]) {
        Some(Channel::Interview)
    } else if has(&["تلفزيون", "التلفزيون", "متلفز", "متلفزه", "قناه", "شاشه"])
    {
        Some(Channel::Television)
    } else {
        None
    }
}
