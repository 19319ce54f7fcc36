//! What warraq knows of each language it writes in: its direction, its
//! digits, the words it generates (headings, labels, navigation, masthead)
//! and its OpenType language system.
//!
//! A document's BCP 47 tag is parsed with `language-tags` (RFC 5646) and
//! looked up by its primary subtag, in any case: `AR`, `ar-EG` and
//! `ar-Arab-EG` are Arabic. Script and region subtags do not change the
//! words; the Unicode extension's numbering system does (`ar-u-nu-latn`:
//! Latin digits; `-u-nu-arab`, `-u-nu-arabext` likewise).
//!
//! A language warraq has no words for falls back to its script's: an
//! Arabic-script language (by its script subtag, else by CLDR's likely
//! script) gets the Arabic words and digits, a Hebrew-script one the
//! Hebrew, any other the English, each with its script's direction. The
//! model warns about it (at `lang`), and the masthead names no language
//! rather than the wrong one.
//!
//! Where the words come from: the Arabic, English and French ones are those
//! of UN documents in those languages (`التوصية`, `Distribution`/`Original`,
//! `Nations Unies`) and of EPUB reading systems (Thorium Reader's Arabic and
//! French locales: `المعالم`, `Repères`, `Table des matières`); the others
//! are the ordinary book and software terms of each language (MediaWiki's
//! `فهرست` for Persian contents), with each language's own letters
//! (Persian `ی`, Urdu `ہ`/`ے`, Sorani `ە`/`ڕ`, Pashto `ښ`/`ګ`, Uyghur
//! `ۇ`/`ې`/`ى`) and the UN's own name in each language. Default digits follow
//! CLDR's default numbering systems, except Urdu, which warraq sets in its
//! Extended Arabic-Indic digits as printed Urdu documents do (CLDR's Urdu
//! default is Latin; `ur-u-nu-latn` gives it back).

use language_tags::LanguageTag;

/// The digits a language writes numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// `٠١٢٣` (U+0660…), Unicode's `arab` numbering system.
    ArabicIndic,
    /// `۰۱۲۳` (U+06F0…), `arabext`: Persian, Urdu and Pashto (the same code
    /// points; Urdu's glyph forms come from the font's `locl` for Urdu).
    ExtendedArabicIndic,
    /// `0123`, `latn`.
    Latin,
}

impl Digits {
    /// The numbering system named by a `-u-nu-` value, when warraq has it.
    pub fn from_numbering_system(nu: &str) -> Option<Self> {
        match nu.to_ascii_lowercase().as_str() {
            "arab" => Some(Digits::ArabicIndic),
            "arabext" => Some(Digits::ExtendedArabicIndic),
            "latn" => Some(Digits::Latin),
            _ => None,
        }
    }

    /// `n` in these digits.
    pub fn format(self, n: impl Into<u64>) -> String {
        let n: u64 = n.into();
        let zero = match self {
            Digits::ArabicIndic => 0x0660,
            Digits::ExtendedArabicIndic => 0x06F0,
            Digits::Latin => return n.to_string(),
        };
        n.to_string()
            .chars()
            .map(|d| char::from_u32(zero + (d as u32 - '0' as u32)).unwrap_or(d))
            .collect()
    }
}

/// The words warraq writes into a document, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// Before a recommendation's number: `التوصية ١`.
    pub recommendation: &'static str,
    /// After a paragraph's number: `١-`, `1.`.
    pub number_suffix: &'static str,
    /// The EPUB's table of contents.
    pub contents: &'static str,
    /// The EPUB's landmarks.
    pub landmarks: &'static str,
    /// The EPUB's page list.
    pub pages: &'static str,
    /// The title page landmark.
    pub title_page: &'static str,
    /// The body landmark.
    pub body: &'static str,
    /// The print edition, the EPUB's `dc:source`.
    pub print_edition: &'static str,
    /// The masthead's distribution label: `التوزيع`.
    pub distribution: &'static str,
    /// The masthead's original-language label: `الأصل`.
    pub original: &'static str,
    /// Between a masthead label and its value (`: `; French `\u{a0}: `).
    pub colon: &'static str,
    /// The language's own name, the masthead's language of this edition.
    pub name: &'static str,
    /// The United Nations, on the first page's top rule.
    pub organisation: &'static str,
    /// The EPUB's accessibility summary and its language (English where
    /// warraq has no translation).
    pub summary: (&'static str, &'static str),
}

/// A language warraq writes in.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// Its primary subtag: `ar`.
    pub code: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// Its default digits.
    pub digits: Digits,
    /// Its OpenType language system tag (`ARA `, `FAR `, `URD `).
    pub opentype: &'static str,
    /// The letters of its lettered lists, in order: `(أ)`, `(ب)`, `(ج)`…
    /// Arabic letters its lists in abjad order (أبجد هوز حطي كلمن سعفص
    /// قرشت ثخذ ضظغ), as UN documents do; Persian and Urdu in their
    /// alphabets' order. Past the last letter, letters pair up (`(أأ)`) as
    /// `aa` follows `z`.
    pub letters: &'static [&'static str],
    /// The words warraq generates in it.
    pub words: Words,
}

const SUMMARY_AR: (&str, &str) = (
    "كتاب إلكتروني نصي قابل لإعادة التدفق، باللغة العربية ومن اليمين إلى اليسار، \
     فيه جدول محتويات بجميع العناوين، وعناوين مرتبة بمستوياتها، وترتيب قراءة منطقي، \
     وأرقام صفحات النسخة المطبوعة (PDF) مع قائمة للانتقال إليها. \
     لا يحتوي على صور ولا وسائط، ويمكن تغيير الخط وحجمه وألوانه.",
    "ar",
);

const SUMMARY_EN: (&str, &str) = (
    "A reflowable, text-only e-book with a table of contents of every heading, \
     structured headings, a logical reading order, and the page numbers of the \
     print edition (PDF) with a page list to reach them. It has no images or media; \
     fonts, sizes and colours can be changed.",
    "en",
);

const SUMMARY_FR: (&str, &str) = (
    "Livre numérique recomposable, uniquement textuel, avec une table des matières \
     de tous les titres, des titres structurés, un ordre de lecture logique et les \
     numéros de page de l'édition imprimée (PDF), avec une liste des pages pour les \
     atteindre. Il ne contient ni images ni médias ; les polices, leur taille et les \
     couleurs peuvent être modifiées.",
    "fr",
);

/// The abjad order of the Arabic letters (the Mashriqi order).
const ABJAD: [&str; 28] = [
    "أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
    "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
];
/// The Persian alphabet's 32 letters, in order.
const PERSIAN: [&str; 32] = [
    "الف", "ب", "پ", "ت", "ث", "ج", "چ", "ح", "خ", "د", "ذ", "ر", "ز", "ژ", "س", "ش", "ص", "ض",
    "ط", "ظ", "ع", "غ", "ف", "ق", "ک", "گ", "ل", "م", "ن", "و", "ه", "ی",
];
/// The Urdu alphabet's letters, in order (without the digraphs).
const URDU: [&str; 37] = [
    "ا", "ب", "پ", "ت", "ٹ", "ث", "ج", "چ", "ح", "خ", "د", "ڈ", "ذ", "ر", "ڑ", "ز", "ژ", "س", "ش",
    "ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ک", "گ", "ل", "م", "ن", "و", "ہ", "ء", "ی", "ے",
];
/// The 22 Hebrew letters, in order.
const HEBREW: [&str; 22] = [
    "א", "ב", "ג", "ד", "ה", "ו", "ז", "ח", "ט", "י", "כ", "ל", "מ", "נ", "ס", "ע", "פ", "צ", "ק",
    "ר", "ש", "ת",
];
/// a to z.
const LATIN: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// The languages warraq has words for.
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "ar",
        rtl: true,
        digits: Digits::ArabicIndic,
        opentype: "ARA ",
        letters: &ABJAD,
        words: Words {
            recommendation: "التوصية",
            number_suffix: "-",
            contents: "المحتويات",
            landmarks: "المعالم",
            pages: "الصفحات",
            title_page: "صفحة العنوان",
            body: "بداية النص",
            print_edition: "النسخة المطبوعة (PDF)",
            distribution: "التوزيع",
            original: "الأصل",
            colon: ": ",
            name: "العربية",
            organisation: "الأمم المتحدة",
            summary: SUMMARY_AR,
        },
    },
    Language {
        code: "fa",
        rtl: true,
        digits: Digits::ExtendedArabicIndic,
        opentype: "FAR ",
        letters: &PERSIAN,
        words: Words {
            recommendation: "توصیه",
            number_suffix: "-",
            contents: "فهرست مطالب",
            landmarks: "نشانه‌ها",
            pages: "صفحه‌ها",
            title_page: "صفحهٔ عنوان",
            body: "آغاز متن",
            print_edition: "نسخهٔ چاپی (PDF)",
            distribution: "توزیع",
            original: "اصل",
            colon: ": ",
            name: "فارسی",
            organisation: "سازمان ملل متحد",
            summary: SUMMARY_EN,
        },
    },
    Language {
        code: "ur",
        rtl: true,
        digits: Digits::ExtendedArabicIndic,
        opentype: "URD ",
        letters: &URDU,
        words: Words {
            recommendation: "سفارش",
            number_suffix: "-",
            contents: "فہرست مضامین",
            landmarks: "نشانات",
            pages: "صفحات",
            title_page: "سرورق",
            body: "متن کا آغاز",
            print_edition: "مطبوعہ نسخہ (PDF)",
            distribution: "تقسیم",
            original: "اصل",
            colon: ": ",
            name: "اردو",
            organisation: "اقوام متحدہ",
            summary: SUMMARY_EN,
        },
    },
    Language {
        code: "ckb",
        rtl: true,
        digits: Digits::ArabicIndic,
        opentype: "KUR ",
        letters: &ABJAD,
        words: Words {
            recommendation: "ڕاسپاردە",
            number_suffix: "-",
            contents: "ناوەڕۆک",
            landmarks: "نیشانەکان",
            pages: "پەڕەکان",
            title_page: "پەڕەی ناونیشان",
            body: "سەرەتای دەق",
            print_edition: "وەشانی چاپی (PDF)",
            distribution: "دابەشکردن",
            original: "ڕەسەن",
            colon: ": ",
            name: "کوردی",
            organisation: "نەتەوە یەکگرتووەکان",
            summary: SUMMARY_EN,
        },
    },
    Language {
        code: "ps",
        rtl: true,
        digits: Digits::ExtendedArabicIndic,
        opentype: "PAS ",
        letters: &ABJAD,
        words: Words {
            recommendation: "سپارښتنه",
            number_suffix: "-",
            contents: "منځپانګه",
            landmarks: "نښې",
            pages: "پاڼې",
            title_page: "د سرلیک پاڼه",
            body: "د متن پیل",
            print_edition: "چاپي نسخه (PDF)",
            distribution: "وېش",
            original: "اصلي",
            colon: ": ",
            name: "پښتو",
            organisation: "ملګري ملتونه",
            summary: SUMMARY_EN,
        },
    },
    Language {
        code: "ug",
        rtl: true,
        digits: Digits::Latin,
        opentype: "UYG ",
        letters: &ABJAD,
        words: Words {
            recommendation: "تەۋسىيە",
            number_suffix: "-",
            contents: "مۇندەرىجە",
            landmarks: "بەلگىلەر",
            pages: "بەتلەر",
            title_page: "ماۋزۇ بېتى",
            body: "تېكىست باشلىنىشى",
            print_edition: "باسما نۇسخىسى (PDF)",
            distribution: "تارقىتىلىشى",
            original: "ئەسلى",
            colon: ": ",
            name: "ئۇيغۇرچە",
            organisation: "بىرلەشكەن دۆلەتلەر تەشكىلاتى",
            summary: SUMMARY_EN,
        },
    },
    Language {
        code: "he",
        rtl: true,
        digits: Digits::Latin,
        opentype: "IWR ",
        letters: &HEBREW,
        words: Words {
            recommendation: "המלצה",
            number_suffix: ".",
            contents: "תוכן עניינים",
            landmarks: "ציוני דרך",
            pages: "עמודים",
            title_page: "עמוד השער",
            body: "תחילת הטקסט",
            print_edition: "המהדורה המודפסת (PDF)",
            distribution: "תפוצה",
            original: "מקור",
            colon: ": ",
            name: "עברית",
            organisation: "האומות המאוחדות",
            summary: SUMMARY_EN,
        },
    },
    Language {
        code: "en",
        rtl: false,
        digits: Digits::Latin,
        opentype: "ENG ",
        letters: &LATIN,
        words: Words {
            recommendation: "Recommendation",
            number_suffix: ".",
            contents: "Contents",
            landmarks: "Landmarks",
            pages: "Pages",
            title_page: "Title page",
            body: "Start of text",
            print_edition: "Print edition (PDF)",
            distribution: "Distribution",
            original: "Original",
            colon: ": ",
            name: "English",
            organisation: "United Nations",
            summary: SUMMARY_EN,
        },
    },
    Language {
        code: "fr",
        rtl: false,
        digits: Digits::Latin,
        opentype: "FRA ",
        letters: &LATIN,
        words: Words {
            recommendation: "Recommandation",
            number_suffix: ".",
            contents: "Table des matières",
            landmarks: "Repères",
            pages: "Pages",
            title_page: "Page de titre",
            body: "Début du texte",
            print_edition: "Édition imprimée (PDF)",
            distribution: "Distribution",
            original: "Original",
            colon: "\u{a0}: ",
            name: "Français",
            organisation: "Nations Unies",
            summary: SUMMARY_FR,
        },
    },
];

/// Languages written in the Arabic script without a script subtag, from
/// CLDR's likely subtags (`likelySubtags.json`: `sd` → `sd_Arab_PK`…), and
/// the Arabic varieties with their own codes; they fall back to Arabic.
const LIKELY_ARABIC: &[&str] = &[
    "sd", "ks", "bal", "lrc", "mzn", "glk", "sdh", "prs", "pnb", "skr", "khw", "bqi", "haz", "arz",
    "ary", "arq", "aeb", "apc", "ajp", "acm", "afb", "ars", "ayl", "apd", "shu",
];

/// Languages written in the Hebrew script (CLDR's likely subtags).
const LIKELY_HEBREW: &[&str] = &["yi", "lad", "jrb"];

/// Right-to-left scripts besides Arabic and Hebrew (ISO 15924 codes), and
/// the languages CLDR writes in them without a script subtag.
const RTL_SCRIPTS: &[&str] = &["syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"];
const LIKELY_OTHER_RTL: &[&str] = &["syr", "dv", "nqo", "sam", "myz"];

/// A document's language as warraq writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// The language whose words apply: the tag's own, or its script's
    /// fallback.
    pub language: &'static Language,
    /// Whether warraq knows the tag's language (else `language` is a
    /// fallback).
    pub known: bool,
    /// Written right to left (an unknown language keeps its script's
    /// direction).
    pub rtl: bool,
    /// The digits: the language's, or the `-u-nu-` extension's.
    pub digits: Digits,
    /// What the document's author should know: a fallback, a numbering
    /// system warraq does not have.
    pub warnings: Vec<String>,
}

impl Locale {
    /// The locale of a BCP 47 tag. Never fails: a tag that does not parse
    /// falls back to English, with a warning.
    pub fn of(tag: &str) -> Self {
        let parsed = match LanguageTag::parse(tag) {
            Ok(parsed) => parsed,
            Err(e) => return fallback(tag, "", None, format!("it does not parse ({e})")),
        };
        let primary = parsed.primary_language().to_ascii_lowercase();
        let script = parsed.script().map(str::to_ascii_lowercase);
        let mut locale = match LANGUAGES.iter().find(|l| l.code == primary) {
            Some(language) => Locale {
                language,
                known: true,
                rtl: language.rtl,
                digits: language.digits,
                warnings: Vec::new(),
            },
            None => fallback(tag, &primary, script.as_deref(), String::new()),
        };
        if let Some(nu) = numbering_system(&parsed) {
            match Digits::from_numbering_system(&nu) {
                Some(digits) => locale.digits = digits,
                None => locale.warnings.push(format!(
                    "the numbering system `{nu}` of `{tag}` is not one warraq writes; \
                     numbers keep the language's digits (warraq knows `latn`, `arab` and `arabext`)"
                )),
            }
        }
        locale
    }

    /// The words warraq generates.
    pub fn words(&self) -> &'static Words {
        &self.language.words
    }

    /// `n` in the locale's digits.
    pub fn number(&self, n: impl Into<u64>) -> String {
        self.digits.format(n)
    }

    /// The `n`th label (from 1) of a lettered list: `أ`, `ب`… in Arabic,
    /// `الف`, `ب`… in Persian, `a`, `b`… in English; past the last letter
    /// two letters (`أأ`), as `aa` follows `z`. Empty for 0.
    pub fn letter(&self, mut n: u64) -> String {
        let letters = self.language.letters;
        let base = letters.len() as u64;
        let mut out = Vec::new();
        while n > 0 && base > 0 {
            n -= 1;
            out.push(letters[(n % base) as usize]);
            n /= base;
        }
        out.iter().rev().copied().collect()
    }
}

/// The locale of an unknown language: its script's words and direction.
fn fallback(tag: &str, primary: &str, script: Option<&str>, why: String) -> Locale {
    let is =
        |s: &str, list: &[&str]| script == Some(s) || (script.is_none() && list.contains(&primary));
    let (code, rtl) = if is("arab", LIKELY_ARABIC) || script == Some("aran") {
        ("ar", true)
    } else if is("hebr", LIKELY_HEBREW) {
        ("he", true)
    } else {
        let other_rtl = script.is_some_and(|s| RTL_SCRIPTS.contains(&s))
            || (script.is_none() && LIKELY_OTHER_RTL.contains(&primary));
        ("en", other_rtl)
    };
    let language = find(code);
    let why = if why.is_empty() {
        String::from("warraq has no words for it")
    } else {
        why
    };
    let known: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
    Locale {
        language,
        known: false,
        rtl,
        digits: language.digits,
        warnings: vec![format!(
            "the language `{tag}` is not one warraq knows ({why}): the text it generates \
             (recommendation headings, numbers, navigation, masthead) is in {} ({code}), the \
             default of its script, written {}; warraq knows {}",
            english_name(code),
            if rtl {
                "right to left"
            } else {
                "left to right"
            },
            known.join(", ")
        )],
    }
}

/// The English name of a language warraq knows, for messages.
fn english_name(code: &str) -> &'static str {
    match code {
        "ar" => "Arabic",
        "he" => "Hebrew",
        _ => "English",
    }
}

/// A language of [`LANGUAGES`] by its code.
fn find(code: &str) -> &'static Language {
    LANGUAGES
        .iter()
        .find(|l| l.code == code)
        .unwrap_or(&LANGUAGES[0])
}

/// The value of the Unicode extension's `nu` keyword: `latn` in
/// `ar-u-nu-latn` (RFC 6067).
fn numbering_system(tag: &LanguageTag) -> Option<String> {
    tag.extension_subtags()
        .filter(|(singleton, _)| singleton.eq_ignore_ascii_case(&'u'))
        .find_map(|(_, keywords)| {
            let mut parts = keywords.split('-');
            while let Some(key) = parts.next() {
                if key.eq_ignore_ascii_case("nu") {
                    return parts.next().map(str::to_ascii_lowercase);
                }
            }
            None
        })
}

/// The primary language subtag of a tag, lowercase (`ar` for `AR-eg`); empty
/// when the tag does not parse.
pub fn primary_language(tag: &str) -> String {
    LanguageTag::parse(tag)
        .map(|t| t.primary_language().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_region_and_script_do_not_change_the_language() {
        for tag in ["ar", "AR", "ar-EG", "ar-Arab-EG", "Ar-eg"] {
            let l = Locale::of(tag);
            assert_eq!(
                (l.language.code, l.known, l.digits),
                ("ar", true, Digits::ArabicIndic),
                "{tag}"
            );
            assert!(l.warnings.is_empty(), "{tag}");
        }
    }

    #[test]
    fn the_numbering_system_extension_sets_the_digits() {
        assert_eq!(Locale::of("ar-u-nu-latn").number(12u32), "12");
        assert_eq!(
            Locale::of("ar-EG-u-ca-gregory-nu-arabext").number(12u32),
            "۱۲"
        );
        assert_eq!(Locale::of("en-u-nu-arab").number(12u32), "١٢");
        assert_eq!(Locale::of("fa").number(30u32), "۳۰");
        let thai = Locale::of("ar-u-nu-thai");
        assert_eq!((thai.digits, thai.warnings.len()), (Digits::ArabicIndic, 1));
    }

    #[test]
    fn unknown_languages_take_their_scripts_words_with_a_warning() {
        let sindhi = Locale::of("sd");
        assert_eq!(
            (sindhi.language.code, sindhi.known, sindhi.rtl),
            ("ar", false, true)
        );
        assert!(sindhi.warnings[0].contains("`sd`"), "{:?}", sindhi.warnings);
        let yiddish = Locale::of("yi");
        assert_eq!((yiddish.language.code, yiddish.rtl), ("he", true));
        let tagged = Locale::of("xx-Arab");
        assert_eq!((tagged.language.code, tagged.rtl), ("ar", true));
        let german = Locale::of("de-CH");
        assert_eq!((german.language.code, german.rtl), ("en", false));
        let divehi = Locale::of("dv");
        assert_eq!((divehi.language.code, divehi.rtl), ("en", true));
        assert_eq!(german.warnings.len(), 1);
    }

    #[test]
    fn every_language_has_its_own_opentype_tag_and_code() {
        for (i, l) in LANGUAGES.iter().enumerate() {
            assert_eq!(l.opentype.len(), 4, "{}", l.code);
            assert!(LANGUAGES[i + 1..]
                .iter()
                .all(|m| m.code != l.code && m.opentype != l.opentype));
        }
    }
}
