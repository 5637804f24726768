//! Word lists for reported speech, in folded form: reporting verbs,
//! participles that continue the last speaker, complementizers, titles and
//! role words, channel words, and the words that end a speaker's name.
//!
//! Data and one-word lookups only; no parsing. Entries must be folded (see
//! `normalize`) or they never match.

use super::wordlist::{WordList, WordSet};
use crate::proto::v1::Channel;
use std::sync::LazyLock;

/// Finite reporting verbs (past and present, masculine, feminine, dual,
/// plural).
#[rustfmt::skip]
pub(super) static REPORTING_VERBS: WordList = WordList::new(&[
    "قال", "قالت", "قالا", "قالوا", "يقول", "تقول", "اكد", "اكدت", "اكدا", "اكدوا", "يوكد", "توكد", "اضاف",
    "اضافت", "يضيف", "تضيف", "تابع", "تابعت", "كشف", "كشفت", "كشفا", "يكشف", "اوضح", "اوضحت", "اوضحا",
    "يوضح", "توضح", "اشار", "اشارت", "اشارا", "يشير", "تشير", "لفت", "لفتت", "بين", "بينت", "اعتبر",
    "اعتبرت", "يعتبر", "تعتبر", "ذكر", "ذكرت", "اعلن", "اعلنت", "اعلنا", "كتب", "كتبت", "شدد", "شددت",
    "يشدد", "صرح", "صرحت", "افاد", "افادت", "نفي", "نفت", "اردف", "اردفت", "ختم", "ختمت", "استطرد",
    "راي", "رات", "يري", "تري", "نوه", "نوهت", "اعرب", "اعربت", "حذر", "حذرت", "ابلغ", "ابلغت", "زاد",
    "اعترف", "اعترفت", "جدد", "جددت", "طالب", "طالبت", "دعا", "دعت", "رجح", "رجحت",
    "توقع", "توقعت", "يتوقع", "اوضحوا", "اعلنوا", "ذكروا", "نقل", "نقلت", "نقلا", "نشر", "نشرت",
    "غرد", "غردت", "زعم", "زعمت", "زعموا", "يزعم", "تزعم", "انكر", "انكرت", "اكتفي", "اكتفت", "حذروا",
    "قالتا", "اشاروا", "اعتبروا", "اضافوا", "كشفوا", "شددوا", "توقعوا", "طالبوا", "استبعد", "استبعدت",
    "تعهد", "تعهدت", "رجحوا",
]);

/// Verbs that are also common non-speech words (بين "between", زاد, ختم,
/// تابع "followed", كتب): they count only with a complement right after.
#[rustfmt::skip]
static WEAK_VERBS: WordList = WordList::new(&["بين", "زاد", "ختم", "ختمت", "تابع", "تابعت", "كتب", "كتبت", "ذكر", "دعا", "دعت", "طالب", "طالبت", "نقل", "نقلت", "نقلا", "جدد", "جددت", "توقع", "توقعت", "يتوقع", "نشر", "نشرت", "اكتفي", "اكتفت", "تعهد", "تعهدت", "طالبوا", "توقعوا"]);

/// Verbs whose speaker is given after عن: نقلت الصحيفة عن الشركة قولها.
#[rustfmt::skip]
pub static RELAYING_VERBS: WordList = WordList::new(&["نقل", "نقلت", "نقلا"]);

/// Participles that continue the current speaker: مضيفا، مشيرا إلى أن.
#[rustfmt::skip]
pub(super) static PARTICIPLE_CUES: WordList = WordList::new(&[
    "مضيفا", "مضيفه", "مضيف", "مشيرا", "مشيره", "مشير", "موكدا", "موكده", "لافتا", "لافته", "مبينا", "مبينه",
    "موضحا", "موضحه", "منوها", "منوهه", "مشددا", "مشدده", "معتبرا", "معتبره", "قائلا", "قايلا", "قايله",
    "متابعا", "متابعه", "مستدركا", "مردفا", "كاشفا", "كاشفه", "مستطردا", "متسايلا", "محذرا", "محذره",
    "مستبعدا", "مرجحا", "معربا", "معربه", "متوقعا", "متعهدا", "مطالبا", "داعيا", "مختتما",
    // Feminine forms, and زاعما (claiming).
    "متوقعه", "متعهده", "مطالبه", "داعيه", "مختتمه", "مستبعده", "مرجحه", "مردفه", "مستدركه",
    "متسايله", "زاعما", "زاعمه", "مستطرده",
    // Plural forms.
    "موكدين", "مشيرين", "مضيفين", "معتبرين", "محذرين", "مطالبين", "لافتين",
    // Reminding (مذكرة بأن): a cue only before بأن (see
    // `is_reminding_participle`), since مذكرة is also a memorandum.
    "مذكرا", "مذكره", "مذكرين",
]);

/// مذكرا / مذكرة (reminding): a participle cue only when بأن follows it.
#[rustfmt::skip]
static REMINDING_PARTICIPLES: WordList = WordList::new(&["مذكرا", "مذكره", "مذكرين"]);

/// Complementizers that open reported speech (إن، أن، بأن، أنه...).
#[rustfmt::skip]
pub(super) static COMPLEMENTIZERS: WordList = WordList::new(&[
    "ان", "انه", "انها", "انهم", "انهما", "اننا", "انني", "انني", "انكم", "انهن", "بان", "بانه", "بانها",
    "بانهم", "بانهما", "باننا", "وان", "وانه", "وانها",
]);

/// Words that introduce direct speech after a verb: بالقول, قائلا, قوله.
#[rustfmt::skip]
pub static SPEECH_INTRODUCERS: WordList = WordList::new(&["بالقول", "قائلا", "قايلا", "قوله", "قولها", "قولهم", "القول", "ايضا", "كذلك"]);

/// Titles that stand right before a name: العميد نادر حمدان.
#[rustfmt::skip]
pub static TITLES: WordList = WordList::new(&[
    "اللواء", "العميد", "الفريق", "الجنرال", "العقيد", "المقدم", "الرايد", "النقيب", "المشير", "الدكتور",
    "د", "الشيخ", "السيد", "السيده", "الاستاذ", "المهندس", "القاضي", "الامير", "الاميره", "الاميرال",
    "الادميرال", "الحاخام", "الكاردينال", "البابا", "المطران", "الملا", "ايه", "اللورد", "السير",
    // Common person-role nouns before a name (المزارع جاسم, المواطنة أم
    // محمد): the role, never part of the name.
    "المواطن", "المواطنه", "المزارع", "المزارعه", "الطالب", "الطالبه", "الموظف", "الموظفه", "التاجر",
    "التاجره", "السايق", "السايقه", "الصياد", "الحاج", "الحاجه", "المعلم", "المعلمه", "الممرض",
    "الممرضه", "المتقاعد", "الراصد",
]);

/// Words that head a role or office: رئيس, وزير, المتحدث باسم.
#[rustfmt::skip]
pub static ROLE_HEADS: WordList = WordList::new(&[
    "رييس", "الرييس", "رييسه", "وزير", "الوزير", "وزيره", "مستشار", "المستشار", "مستشاره", "المتحدث",
    "متحدث", "المتحدثه", "الناطق", "ناطق", "نايب", "النايب", "قايد", "القايد", "مدير", "المدير", "مديره",
    "سفير", "السفير", "الامين", "امين", "عضو", "محافظ", "المحافظ", "مسوول", "المسوول", "مساعد",
    "المساعد", "المبعوث", "مبعوث", "مندوب", "المندوب", "زعيم", "الزعيم", "ممثل", "الممثل",
    "منسق", "المنسق", "قاضي", "مفوض", "المفوض", "امير", "ملك", "الملك", "ولي", "عاهل", "العاهل", "مرشد",
    "المرشد", "نقيب", "عميد", "وكيل", "الوكيل", "حاكم", "الحاكم", "امين عام", "مستشاره",
    // Feminine forms.
    "الرييسه", "الوزيره", "المستشاره", "المديره", "الناطقه", "ناطقه", "النايبه", "نايبه", "السفيره",
    "سفيره", "الامينه", "امينه", "المسووله", "مسووله", "المساعده", "مساعده", "المبعوثه", "مبعوثه",
    "المندوبه", "مندوبه", "الممثله", "ممثله", "المنسقه", "منسقه", "المفوضه", "مفوضه", "المحافظه",
    "محافظه", "القاضيه", "قاضيه", "الوكيله", "وكيله", "عضوه",
    // Professions that head a described speaker (صاحب متجر، طبيب المنتخب).
    "صاحب", "صاحبه", "المرشح", "مرشح", "المرشحه", "مرشحه", "المحامي", "محامي", "المحاميه", "محاميه",
    "طبيب", "الطبيب", "المدرب", "مدرب", "الناخب", "الخبير", "خبير", "الخبيره", "خبيره", "المحلل",
    "محلل", "المحلله", "محلله", "الباحث", "باحث", "الباحثه", "باحثه",
    // With the pronoun of the body named before (رئيسها, مديرها).
    "رييسها", "رييسهم", "مديرها", "مديرهم", "ممثلها", "ممثلهم", "امينها", "وزيرها",
    "قايممقام", "قايمقام", "العمده", "عمده", "المدعي", "مدعي", "القنصل", "قنصل", "الناشط", "ناشط",
    "الناشطه", "ناشطه", "المفتي", "مفتي", "اللاعب", "لاعب", "الكاتب", "كاتب",
]);

/// Small words that never start a name and may sit inside a role.
#[rustfmt::skip]
pub static FUNCTION_WORDS: WordList = WordList::new(&[
    "باسم", "في", "من", "الي", "عن", "مع", "ل", "ب", "و", "الذي", "التي", "الذين", "لدي", "عند",
    "بين", "ضد", "حول", "لشوون", "لشيون", "شوون", "لقوات", "يضم", "تضم",
]);

/// Words that end a speaker noun phrase (adverbs, time words).
#[rustfmt::skip]
pub static SUBJECT_STOPS: WordList = WordList::new(&[
    "عبر", "خلال", "اثناء", "امام", "لدي", "امس", "اليوم", "حينها", "ايضا", "رسميا", "قائلا", "قايلا",
    "بالقول", "وهو", "وهي", "وهم", "مساء", "صباح", "يوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء",
    "الخميس", "الجمعه", "السبت", "عقب", "اثر", "بعد", "قبل", "مجددا", "كذلك", "بدوره", "بدورها", "حيث",
    "فيما", "بينما", "عن", "قد", "قوله", "قولها", "قولهم", "ل", "ب", "له", "لها", "صادر", "صادره", "الصادر", "الصادره", "ما", "تعليقا", "ردا", "مؤخرا", "موخرا", "سابقا", "لاحقا", "الليله", "صراحه",
    // A verb of speaking that is no cue ends the subject (ناشرون تحدثوا لـ…).
    "تحدث", "تحدثت", "تحدثوا",
]);

/// Nouns that, after في / لـ, name the channel or occasion, ending the
/// speaker's name: في بيان, في تغريدة, لوكالة.
#[rustfmt::skip]
pub static CHANNEL_NOUNS: WordList = WordList::new(&[
    "بيان", "البيان", "تغريده", "تغريدات", "تدوينه", "منشور", "تصريح", "تصريحات", "مؤتمر", "موتمر",
    "المؤتمر", "الموتمر", "حديث", "مقابله", "لقاء", "كلمه", "خطاب", "اتصال", "رساله", "ختام", "اجتماع",
    "جلسه", "حوار", "مداخله", "تعليق", "وكاله", "قناه", "صحيفه", "موقع", "الصحفيين", "الصحافيين",
    "الاعلام", "مراسل", "تلفزيون", "التلفزيون", "افتتاح", "اعقاب", "مستهل", "ندوه", "حفل", "زياره",
    "تصريحات", "بيانه", "بيانها", "كلمته", "كلمتها", "حسابه", "حسابها", "صفحته", "صفحتها", "مقال",
    "بلاغ", "البلاغ", "احاطه", "حيثيات", "منصه", "الصحيفه", "تقرير", "التقرير", "مرافعه",
]);

/// Things a speaker publishes, ending the subject of نشر/كتب/غرد:
/// نشر X تغريدة.
#[rustfmt::skip]
pub static PUBLISHED_ITEMS: WordList = WordList::new(&[
    "تغريده", "تغريدات", "تدوينه", "منشورا", "بيانا", "رساله", "مقالا", "تسجيلا", "مقطعا", "فيديو",
    "تقريرا", "بلاغا",
]);

/// Documents that speak through جاء في: جاء في تقرير … أن.
#[rustfmt::skip]
pub static DOCUMENT_NOUNS: WordList = WordList::new(&[
    "تقرير", "التقرير", "دراسه", "الدراسه", "وثيقه", "الوثيقه", "مذكره", "المذكره", "رساله", "الرساله",
    "قرار", "القرار", "حكم", "الحكم", "محضر", "المحضر", "نص", "النص",
]);

/// Verbs that issue a published item: أصدرت الوزارة بيانا.
#[rustfmt::skip]
pub static ISSUING_VERBS: WordList = WordList::new(&[
    "اصدر", "اصدرت", "اصدروا", "نشر", "نشرت", "وزع", "وزعت", "اذاع", "اذاعت", "بث", "بثت",
]);

/// Connectives after a comma that end a reported clause: "، في حين".
#[rustfmt::skip]
pub static CLAUSE_ENDERS: WordList = WordList::new(&["في حين", "فيما", "بينما", "لكن", "ولكن", "الا ان", "غير ان", "بيد ان"]);

/// Words that make a following أن temporal or modal, not reported speech:
/// بعد أن, قبل أن, يجب أن, من المقرر أن.
#[rustfmt::skip]
pub static NON_REPORTING_BEFORE_THAT: WordList = WordList::new(&[
    "بعد", "قبل", "منذ", "حتي", "رغم", "برغم", "بدل", "يجب", "ينبغي", "يمكن", "المقرر", "المنتظر",
    "المتوقع", "المفترض", "المرجح", "بد", "لابد", "ريثما", "دون", "بمجرد", "لمجرد", "اراد", "يريد",
    // غير أن / إلا أن / بيد أن: "however", a contrast, not reported words.
    "غير", "الا", "بيد",
]);

/// Words that cannot start a subject: a verb followed by them has none
/// (قال في 3 سبتمبر، …; قال له).
#[rustfmt::skip]
pub static NOT_SUBJECT_STARTS: WordList = WordList::new(&[
    "في", "من", "الي", "عن", "مع", "ل", "ب", "له", "لها", "لهم", "لنا", "لي", "لكم", "به", "بها", "فيه",
    "فيها", "انه", "انها", "قد", "لقد", "ان", "حول", "بشان", "امام",
    // Honorifics with a pronoun (His Excellency, His Highness…): they
    // refer back to the person speaking, like a verb with no subject.
    "سعادته", "سعادتها", "معاليه", "معاليها", "سموه", "سموها", "فخامته", "دولته", "سيادته", "سماحته",
    "غبطته", "نيافته",
]);

/// Attribution words before a source: وفق البيان, بحسب الوكالة.
#[rustfmt::skip]
pub static ATTRIBUTIONS: WordList = WordList::new(&["وفق", "بحسب", "حسب", "وفقا", "نقلا"]);

/// Relative pronouns that can carry their own reporting verb.
#[rustfmt::skip]
pub static RELATIVE_PRONOUNS: WordList = WordList::new(&["الذي", "التي", "الذين", "اللذين", "اللتين"]);

/// A finite reporting verb, with or without و/ف.
#[inline]
pub fn is_reporting_verb(word: &str) -> bool {
    REPORTING_VERBS.with_conjunction(word)
}

/// A reporting verb that needs its complement right after it.
#[inline]
pub fn is_weak_verb(word: &str) -> bool {
    WEAK_VERBS.with_conjunction(word)
}

/// A participle that continues the current speaker.
#[inline]
pub fn is_participle_cue(word: &str) -> bool {
    PARTICIPLE_CUES.with_conjunction(word)
}

/// A participle that is a cue only before بأن (مذكرة بأن).
#[inline]
pub fn is_reminding_participle(word: &str) -> bool {
    REMINDING_PARTICIPLES.with_conjunction(word)
}

/// A complementizer (إن/أن and their pronoun forms).
#[inline]
pub fn is_complementizer(word: &str) -> bool {
    COMPLEMENTIZERS.contains(word)
}

/// A word in `set`, with or without proclitics.
#[inline]
pub fn is_in(word: &str, set: &WordList) -> bool {
    set.any_form(word)
}

/// Words naming each channel (matched with proclitics), in the order they
/// are tried.
#[rustfmt::skip]
static CHANNEL_WORDS: [(Channel, WordList); 5] = [
    (Channel::Tweet, WordList::new(&[
        "تغريده", "تغريدات", "تويتر", "اكس", "تدوينه", "منشور", "فيسبوك", "حسابه", "حسابها",
    ])),
    (Channel::Statement, WordList::new(&[
        "بيان", "البيان", "بيانه", "بيانها", "تصريح", "تصريحات", "بلاغ",
    ])),
    (Channel::PressConference, WordList::new(&["مؤتمر", "موتمر", "المؤتمر", "الموتمر"])),
    (Channel::Interview, WordList::new(&["مقابله", "حوار", "لقاء"])),
    (Channel::Television, WordList::new(&["تلفزيون", "التلفزيون", "متلفز", "متلفزه", "قناه", "شاشه"])),
];

/// Every word that names some channel (a quick first test).
static ANY_CHANNEL_WORD: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::clitic(
        CHANNEL_WORDS
            .iter()
            .flat_map(|(_, words)| words.words.iter().copied()),
    )
});

/// Every word at which `Finder::read_cue` can find something: reporting
/// verbs and participles (with و/ف), attribution words, complementizers and
/// the document verbs جاء/ورد.
pub static CUE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let document_verbs = ["جاء", "وجاء", "ورد", "وورد"];
    WordSet::with_conjunctions(
        REPORTING_VERBS
            .words
            .iter()
            .chain(PARTICIPLE_CUES.words)
            .copied(),
    )
    .extend(WordSet::clitic(ATTRIBUTIONS.words.iter().copied()))
    .extend(WordSet::with_conjunctions(
        ATTRIBUTIONS.words.iter().copied(),
    ))
    .extend(WordSet::exact(
        COMPLEMENTIZERS.words.iter().copied().chain(document_verbs),
    ))
});

/// The channel a word names, if any.
#[inline]
pub fn channel_of(word: &str) -> Option<Channel> {
    if !ANY_CHANNEL_WORD.contains(word) {
        return None;
    }
    CHANNEL_WORDS
        .iter()
        .find(|(_, words)| words.matches(word))
        .map(|(channel, _)| *channel)
}
