//! The extractor never panics, stays linear on huge input, reports impossible dates without a
//! value, and finds datelines; the data files are validated with file and line in errors.

use std::time::Instant;

use marsad_lexicon::{DataSource, LexiconError};
use marsad_text::TextDoc;
use marsad_timex::TimexExtractor;

fn extractor() -> TimexExtractor {
    TimexExtractor::new(&DataSource::Embedded).expect("time vocabulary loads")
}

/// A small deterministic generator (xorshift) so the fuzz cases are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn garbage_and_fragments_never_panic() {
    let x = extractor();
    let pieces = [
        "أمس",
        "اليوم",
        "(",
        ")",
        "الساعة",
        "99",
        "31",
        "فبراير",
        "2023",
        "٢٠٢٣",
        "/",
        "-",
        ".",
        "رمضان",
        "هـ",
        "قبل",
        "منذ",
        "بعد",
        "من",
        "إلى",
        "الخميس",
        "المقبل",
        "الماضي",
        "عام",
        "99999999999",
        "0",
        "الحادية",
        "عشرة",
        "و",
        "والنصف",
        "إلا",
        "ربع",
        "مساء",
        "في",
        "وقت",
        "لاحق",
        "،",
        "\n",
        "ً",
        "ـ",
        "كانون",
        "الثاني",
        "1436",
        "ذي",
        "الحجة",
        "يوما",
        "أسبوعين",
        "لمدة",
        "نحو",
        "أكثر",
        "𝒜",
        "\u{200f}",
        "ﻻ",
        ":",
        "25:99",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for _ in 0..3000 {
        let n = (rng.next() % 14) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
            if !rng.next().is_multiple_of(4) {
                text.push(' ');
            }
        }
        let doc = TextDoc::new(text.clone());
        for reference in
            [None, "2023-09-20".parse().ok(), "0001-01-01".parse().ok(), "9999-12-31".parse().ok()]
        {
            for t in x.extract(&doc, reference) {
                assert!(
                    t.start <= t.end && t.end <= text.chars().count(),
                    "{text:?}: bad span {t:?}"
                );
            }
        }
        let _ = x.find_dateline(&doc);
    }
}

#[test]
fn huge_input_is_linear() {
    let x = extractor();
    let unit = "وقال الوزير أمس الثلاثاء إن الاجتماع سيعقد في 20 سبتمبر 2023 لمدة أربعة أيام، بعد أن زار العاصمة الشهر الماضي. ";
    let text = unit.repeat(20_000);
    let started = Instant::now();
    let found = x.extract(&TextDoc::new(text), "2023-09-20".parse().ok());
    let elapsed = started.elapsed();
    assert_eq!(found.len(), 4 * 20_000);
    assert!(elapsed.as_secs() < 60, "took {elapsed:?}");
}

#[test]
fn impossible_dates_have_no_value() {
    let x = extractor();
    let reference = "2023-09-20".parse().ok();
    for text in [
        "وقع في 31 فبراير",
        "في 31 أبريل 2022",
        "بتاريخ 0/0/2023",
        "في 30 رمضان 1436 هـ",
        "عام 99999",
        "الساعة 25:00",
    ] {
        let found = x.extract(&TextDoc::new(text), reference);
        assert!(found.iter().all(|t| t.value.is_none()), "{text}: {found:?}");
    }
}

#[test]
fn datelines() {
    let x = extractor();
    let cases = [
        ("الرياض - 12 أغسطس 2015\nوقعت الشركتان عقدا.", Some("2015-08-12")),
        ("(د ب أ) الاثنين 27 يوليو 2015 أعلنت الحكومة التركية بدء العمليات.", Some("2015-07-27")),
        ("صحيفة الوطن\nنشر في: 2015/07/27\nقال الوزير أمس إن ...", Some("2015-07-27")),
        ("القاهرة - ٢٠ سبتمبر ٢٠٢٣ (رويترز) - قال مسؤول ...", Some("2023-09-20")),
        ("قال الوزير أمس إن الاتفاق وقع في العاصمة.", None),
        (
            "قال الوزير أمس إن الاتفاق الذي وقعه الطرفان بعد مفاوضات طويلة وشاقة في العاصمة في 20 سبتمبر 2001 صار لاغيا.",
            None,
        ),
    ];
    for (text, expected) in cases {
        let got = x.find_dateline(&TextDoc::new(text)).map(|d| d.to_string());
        assert_eq!(got.as_deref(), expected, "{text}");
    }
}

#[test]
fn malformed_data_lines_are_reported_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("marsad-timex-data-{}", std::process::id()));
    let time = dir.join("time");
    std::fs::create_dir_all(&time).expect("temp dir");
    let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/time");
    for f in [
        "months.tsv",
        "hijri_months.tsv",
        "weekdays.tsv",
        "numbers.tsv",
        "words.tsv",
        "named_dates.tsv",
    ] {
        std::fs::copy(data.join(f), time.join(f)).expect("copy data file");
    }
    let cases = [
        (
            "months.tsv",
            "gregorian\t13\tشهر غريب\n",
            "time/months.tsv:2: `month` 13 is out of range 1..=12",
        ),
        ("weekdays.tsv", "8\tيوم غريب\n", "time/weekdays.tsv:2: `iso_day` 8 is out of range 1..=7"),
        ("words.tsv", "relday\tx\tكلمة\n", "time/words.tsv:2: `value` is not a number: `x`"),
        ("words.tsv", "colour\t1\tأحمر\n", "time/words.tsv:2: unknown category `colour`"),
        (
            "hijri_months.tsv",
            "9\tرمضان|رمضان\tyes\n",
            "time/hijri_months.tsv:2: variant `رمضان` repeats another variant",
        ),
        (
            "named_dates.tsv",
            "ثورة\t31\t2\t2011\n",
            "time/named_dates.tsv:2: 2011-2-31 is not a date",
        ),
        (
            "numbers.tsv",
            "3\tcardinal\n",
            "time/numbers.tsv:2: expected 3..=3 tab-separated columns, found 2",
        ),
    ];
    for (file, bad, expected) in cases {
        let original = std::fs::read_to_string(data.join(file)).expect("data file");
        std::fs::write(time.join(file), format!("# header\n{bad}")).expect("write");
        let err = TimexExtractor::new(&DataSource::Dir(dir.clone()))
            .err()
            .map(|e: LexiconError| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.starts_with(expected)), "{file}: {err:?}");
        std::fs::write(time.join(file), original).expect("restore");
    }
    assert!(TimexExtractor::new(&DataSource::Dir(dir.clone())).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}
