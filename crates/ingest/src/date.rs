//! Publication dates as they appear in metadata and bylines, normalised to `YYYY-MM-DD`.
//!
//! Machine dates (`2023-09-19T10:00:00+03:00`, `2023/09/19`, `20230919`) are common in
//! metadata; bylines and datelines write Arabic dates (`الثلاثاء 19 سبتمبر 2023`,
//! `19 أيلول 2023`) with Western or Eastern Arabic digits. Both month-name families (the
//! Egyptian/Gulf transliterations and the Levantine/Iraqi names) are recognised.

/// Arabic Gregorian month names with their month number. Longer names come first so that
/// `كانون الثاني` is not read as `كانون`.
const MONTHS: &[(&str, u32)] = &[
    ("كانون الثاني", 1),
    ("كانون الأول", 12),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
];

/// Normalises a date string to `YYYY-MM-DD`, or `None` if no valid day date is found.
pub fn normalize(raw: &str) -> Option<String> {
    let s: String = raw.trim().chars().map(western_digit).collect();
    machine_date(&s).or_else(|| arabic_date(&s))
}

/// True when `s` contains a day date anywhere (machine or Arabic form).
pub fn contains_date(raw: &str) -> bool {
    find(raw).is_some()
}

/// The first day date found anywhere in `raw`, as `YYYY-MM-DD`.
pub fn find(raw: &str) -> Option<String> {
    let s: String = raw.chars().map(western_digit).collect();
    if let Some(d) = arabic_date(&s) {
        return Some(d);
    }
    let b = s.as_bytes();
    (0..b.len()).find_map(|i| {
        if (i == 0 || !b[i - 1].is_ascii_digit()) && b[i].is_ascii_digit() {
            std::str::from_utf8(&b[i..]).ok().and_then(machine_date)
        } else {
            None
        }
    })
}

fn western_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let date = jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()?;
    Some(date.to_string())
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD` at the start, or `DD/MM/YYYY` / `DD-MM-YYYY`.
fn machine_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        return valid(num(0..4)?, num(5..7)?, num(8..10)?);
    }
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
    {
        return valid(num(0..4)?, num(4..6)?, num(6..8)?);
    }
    if b.len() >= 10 && matches!(b[2], b'-' | b'/' | b'.') && b[5] == b[2] {
        return valid(num(6..10)?, num(3..5)?, num(0..2)?);
    }
    None
}

/// `DD <month name> YYYY` anywhere in the string.
fn arabic_date(s: &str) -> Option<String> {
    for (name, month) in MONTHS {
        let mut from = 0;
        while let Some(pos) = s[from..].find(name) {
            let at = from + pos;
            from = at + name.len();
            let before = s[..at].trim_end();
            let day: String = before.chars().rev().take_while(char::is_ascii_digit).collect();
            let after = s[from..].trim_start().trim_start_matches(['،', ',']).trim_start();
            let year: String = after.chars().take_while(char::is_ascii_digit).collect();
            if day.is_empty() || day.len() > 2 || year.len() != 4 {
                continue;
            }
            let day: String = day.chars().rev().collect();
            if let (Ok(d), Ok(y)) = (day.parse(), year.parse())
                && let Some(date) = valid(y, *month, d)
            {
                return Some(date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn dates_are_found_inside_lines() {
        assert!(super::contains_date("د. ريم القحطاني | 2024-05-20"));
        assert!(super::contains_date("نشر في 19 سبتمبر 2023"));
        assert!(!super::contains_date("قال الوزير إن 2024 عام الإنجازات"));
    }

    #[test]
    fn dates_are_normalised() {
        let table = [
            ("2023-09-19T10:00:00+03:00", Some("2023-09-19")),
            ("2015/07/21", Some("2015-07-21")),
            ("2015-07-21 13:05:00", Some("2015-07-21")),
            ("20230919", Some("2023-09-19")),
            ("19/09/2023", Some("2023-09-19")),
            ("الثلاثاء 19 سبتمبر 2023", Some("2023-09-19")),
            ("نشر في ٥ أيلول ٢٠٢٢ - 10:30", Some("2022-09-05")),
            ("3 كانون الثاني 2024", Some("2024-01-03")),
            ("2023-02-30", None),
            ("أمس", None),
            ("", None),
        ];
        for (raw, want) in table {
            assert_eq!(normalize(raw).as_deref(), want, "{raw}");
        }
    }
}
