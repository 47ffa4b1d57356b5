//! Calendar arithmetic for resolving expressions: day offsets, ISO weeks, seasons, the
//! direction rules that pick a year for a month or a day written without one, and the
//! conversion between Gregorian and Umm al-Qura Hijri dates.
//!
//! Every function is total: out-of-range input gives `None`, never a panic, so a garbage
//! number in a text (`31 فبراير`, `عام 99999`) can only lead to an absent value.

use icu_calendar::cal::Hijri;
use jiff::civil::Date;

/// Which way in time an expression points when its text does not fix the year or week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// `الماضي`: strictly before the period containing the reference.
    Past,
    /// `المقبل`: strictly after the period containing the reference.
    Next,
    /// `الجاري`, `هذا`: the period containing the reference.
    Current,
    /// Context speaks of the past (`منذ`), period may contain the reference.
    PastInclusive,
    /// Context speaks of the future (a future verb), period may contain the reference.
    FutureInclusive,
    /// No cue: the caller's default applies.
    Neutral,
}

/// The earliest and latest Gregorian years the extractor accepts as a year.
pub(crate) const MIN_YEAR: i32 = 1000;
/// See [`MIN_YEAR`].
pub(crate) const MAX_YEAR: i32 = 2200;
/// The Hijri years the extractor accepts (the Umm al-Qura tables cover them well).
pub(crate) const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1300..=1500;

/// A Gregorian date, when it exists and lies in the accepted year range.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// `date` moved by `days` days.
pub(crate) fn add_days(date: Date, days: i64) -> Option<Date> {
    if days.abs() > 3_000_000 {
        return None;
    }
    date.checked_add(jiff::Span::new().try_days(days).ok()?).ok()
}

/// Days from `a` to `b` (positive when `b` is later).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// `(year, month)` moved by `months` months.
pub(crate) fn add_months(y: i32, m: u32, months: i64) -> Option<(i32, u32)> {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + months;
    let ny = i32::try_from(idx.div_euclid(12)).ok()?;
    let nm = u32::try_from(idx.rem_euclid(12) + 1).ok()?;
    (MIN_YEAR..=MAX_YEAR).contains(&ny).then_some((ny, nm))
}

/// ISO 8601 day value.
pub(crate) fn day_value(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// ISO 8601 week value of the week containing `d` (`2015-W31`).
pub(crate) fn week_value(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// ISO weekday of `d`: 1 = Monday ... 7 = Sunday.
pub(crate) fn weekday(d: Date) -> u32 {
    u32::try_from(d.weekday().to_monday_one_offset()).unwrap_or(1)
}

/// The day with ISO weekday `wd` relative to `reference` in direction `dir`. Neutral means
/// the most recent such day on or before the reference (news reports what happened).
pub(crate) fn resolve_weekday(reference: Date, wd: u32, dir: Dir) -> Option<Date> {
    let today = i64::from(weekday(reference));
    let target = i64::from(wd);
    let back = (today - target).rem_euclid(7);
    let fwd = (target - today).rem_euclid(7);
    let offset = match dir {
        Dir::Past => -(if back == 0 { 7 } else { back }),
        Dir::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Dir::FutureInclusive => fwd,
        Dir::PastInclusive | Dir::Neutral => -back,
        // "This Thursday": the nearer of the two, the past one on a tie.
        Dir::Current => {
            if fwd < back {
                fwd
            } else {
                -back
            }
        }
    };
    add_days(reference, offset)
}

/// The `(year, month)` of month `m` relative to `reference`. Neutral and past-inclusive
/// mean the most recent such month including the current one.
pub(crate) fn resolve_month(reference: Date, m: u32, dir: Dir) -> Option<(i32, u32)> {
    let ry = i32::from(reference.year());
    let rm = u32::try_from(reference.month()).ok()?;
    let y = match dir {
        Dir::Past => {
            if m < rm {
                ry
            } else {
                ry - 1
            }
        }
        Dir::Next => {
            if m > rm {
                ry
            } else {
                ry + 1
            }
        }
        Dir::Current => ry,
        Dir::FutureInclusive => {
            if m >= rm {
                ry
            } else {
                ry + 1
            }
        }
        Dir::PastInclusive | Dir::Neutral => {
            if m <= rm {
                ry
            } else {
                ry - 1
            }
        }
    };
    (MIN_YEAR..=MAX_YEAR).contains(&y).then_some((y, m))
}

/// How far ahead (days) a day and month without a year, in a sentence with no cue, may lie
/// and still be read as upcoming rather than as last year's date. News announces scheduled
/// events a few weeks or months ahead; a date further ahead than this is last year's.
pub(crate) const NEAR_FUTURE_DAYS: i64 = 92;

/// The date of day `d` of month `m` without a year, relative to `reference`.
pub(crate) fn resolve_day_month(reference: Date, d: u32, m: u32, dir: Dir) -> Option<Date> {
    let ry = i32::from(reference.year());
    let this = ymd(ry, m, d);
    let prev = ymd(ry - 1, m, d);
    let next = ymd(ry + 1, m, d);
    // A day that does not exist in any candidate year (31 فبراير) has no value; 29 February
    // may exist only in some years, which the candidates handle.
    match dir {
        Dir::Past => [this, prev].into_iter().flatten().find(|x| *x < reference),
        Dir::Next => [this, next].into_iter().flatten().find(|x| *x > reference),
        Dir::FutureInclusive => [this, next].into_iter().flatten().find(|x| *x >= reference),
        Dir::PastInclusive => [this, prev].into_iter().flatten().find(|x| *x <= reference),
        Dir::Current => this,
        Dir::Neutral => {
            let upcoming = [this, next].into_iter().flatten().find(|x| *x > reference);
            match upcoming {
                Some(u) if days_between(reference, u) <= NEAR_FUTURE_DAYS => Some(u),
                _ => [this, prev].into_iter().flatten().find(|x| *x <= reference),
            }
        }
    }
}

/// Season code of a month (meteorological seasons, northern hemisphere).
fn season_of(m: u32) -> &'static str {
    match m {
        3..=5 => "SP",
        6..=8 => "SU",
        9..=11 => "FA",
        _ => "WI",
    }
}

/// The TIMEX3 season value (`2014-FA`) of season `code` relative to `reference`. A winter
/// belongs to the year of its December.
pub(crate) fn resolve_season(reference: Date, code: &str, dir: Dir) -> Option<String> {
    let rm = u32::try_from(reference.month()).ok()?;
    let ry = i32::from(reference.year());
    // The year in which the current season began.
    let cur_year = if rm <= 2 { ry - 1 } else { ry };
    let cur_code = season_of(rm);
    let cur_index = i64::from(cur_year) * 4 + season_rank(cur_code);
    let target_rank = season_rank(code);
    // Index of the occurrence of `code` in the current seasonal year (March..February).
    let base = i64::from(cur_year) * 4 + target_rank;
    let idx = match dir {
        Dir::Past => {
            if base < cur_index {
                base
            } else {
                base - 4
            }
        }
        Dir::Next => {
            if base > cur_index {
                base
            } else {
                base + 4
            }
        }
        Dir::FutureInclusive => {
            if base >= cur_index {
                base
            } else {
                base + 4
            }
        }
        Dir::Current | Dir::PastInclusive | Dir::Neutral => {
            if base <= cur_index {
                base
            } else {
                base - 4
            }
        }
    };
    let year = idx.div_euclid(4);
    Some(format!("{year:04}-{code}"))
}

/// Rank of a season in a seasonal year that starts in March.
fn season_rank(code: &str) -> i64 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// The Gregorian date of a Umm al-Qura Hijri date.
pub(crate) fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<Date> {
    if !HIJRI_YEARS.contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    let h = icu_calendar::Date::try_new_hijri_with_calendar(
        y,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
        Hijri::new_umm_al_qura(),
    )
    .ok()?;
    // ICU constrains nothing here: a 30th of a 29-day month is an error, not the 1st.
    let iso = h.to_calendar(icu_calendar::Iso);
    let back = iso.to_calendar(Hijri::new_umm_al_qura());
    if u32::from(back.day_of_month().0) != d || u32::from(back.month().ordinal) != m {
        return None;
    }
    ymd(iso.year().extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
}

/// The Umm al-Qura Hijri date `(year, month, day)` of a Gregorian date.
pub(crate) fn gregorian_to_hijri(d: Date) -> Option<(i32, u32, u32)> {
    let iso = icu_calendar::Date::try_new_iso(
        i32::from(d.year()),
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    let y = h.year().extended_year();
    HIJRI_YEARS
        .contains(&y)
        .then(|| (y, u32::from(h.month().ordinal), u32::from(h.day_of_month().0)))
}

/// The Hijri year of month `hm` relative to `reference` (same direction rules as months).
pub(crate) fn resolve_hijri_month(reference: Date, hm: u32, dir: Dir) -> Option<i32> {
    let (hy, rm, _) = gregorian_to_hijri(reference)?;
    let y = match dir {
        Dir::Past => {
            if hm < rm {
                hy
            } else {
                hy - 1
            }
        }
        Dir::Next => {
            if hm > rm {
                hy
            } else {
                hy + 1
            }
        }
        Dir::Current => hy,
        Dir::FutureInclusive => {
            if hm >= rm {
                hy
            } else {
                hy + 1
            }
        }
        Dir::PastInclusive | Dir::Neutral => {
            if hm <= rm {
                hy
            } else {
                hy - 1
            }
        }
    };
    HIJRI_YEARS.contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn umm_al_qura_known_dates() {
        // Published Umm al-Qura month starts.
        let cases = [
            ((1436, 9, 1), "2015-06-18"),
            ((1444, 10, 1), "2023-04-21"),
            ((1445, 1, 1), "2023-07-19"),
            ((1444, 9, 1), "2023-03-23"),
            ((1436, 10, 1), "2015-07-17"),
            ((1445, 9, 1), "2024-03-11"),
            ((1437, 1, 1), "2015-10-14"),
        ];
        for ((y, m, d), g) in cases {
            assert_eq!(
                hijri_to_gregorian(y, m, d).map(day_value).as_deref(),
                Some(g),
                "{y}-{m}-{d}"
            );
            assert_eq!(gregorian_to_hijri(date(g)), Some((y, m, d)), "{g}");
        }
        assert_eq!(hijri_to_gregorian(1436, 9, 31), None);
        assert_eq!(hijri_to_gregorian(99999, 9, 1), None);
    }

    #[test]
    fn weeks_weekdays_seasons() {
        let r = date("2015-07-27");
        assert_eq!(week_value(add_days(r, -7).unwrap_or(r)), "2015-W30");
        assert_eq!(
            resolve_weekday(date("2015-07-25"), 4, Dir::Neutral).map(day_value).as_deref(),
            Some("2015-07-23")
        );
        assert_eq!(
            resolve_weekday(date("2015-07-23"), 4, Dir::Neutral).map(day_value).as_deref(),
            Some("2015-07-23")
        );
        assert_eq!(
            resolve_weekday(date("2015-07-23"), 4, Dir::Next).map(day_value).as_deref(),
            Some("2015-07-30")
        );
        assert_eq!(
            resolve_weekday(date("2015-07-23"), 4, Dir::Past).map(day_value).as_deref(),
            Some("2015-07-16")
        );
        assert_eq!(resolve_season(date("2015-07-25"), "FA", Dir::Past).as_deref(), Some("2014-FA"));
        assert_eq!(resolve_season(date("2015-07-25"), "SP", Dir::Past).as_deref(), Some("2015-SP"));
        assert_eq!(resolve_season(date("2015-01-10"), "WI", Dir::Past).as_deref(), Some("2013-WI"));
        assert_eq!(
            resolve_season(date("2015-01-10"), "WI", Dir::Current).as_deref(),
            Some("2014-WI")
        );
        assert_eq!(resolve_season(date("2015-07-25"), "SU", Dir::Next).as_deref(), Some("2016-SU"));
    }

    #[test]
    fn months_and_days_without_year() {
        let feb = date("2024-02-10");
        assert_eq!(resolve_month(feb, 3, Dir::Neutral), Some((2023, 3)));
        assert_eq!(resolve_month(feb, 3, Dir::FutureInclusive), Some((2024, 3)));
        assert_eq!(resolve_month(feb, 2, Dir::Next), Some((2025, 2)));
        assert_eq!(resolve_month(feb, 2, Dir::Past), Some((2023, 2)));
        assert_eq!(
            resolve_day_month(date("2015-07-31"), 29, 9, Dir::Neutral).map(day_value).as_deref(),
            Some("2015-09-29")
        );
        assert_eq!(
            resolve_day_month(date("2015-03-01"), 29, 12, Dir::Neutral).map(day_value).as_deref(),
            Some("2014-12-29")
        );
        assert_eq!(resolve_day_month(date("2015-03-01"), 31, 2, Dir::Neutral), None);
        assert_eq!(resolve_day_month(date("2015-03-01"), 29, 2, Dir::Neutral), None);
        assert_eq!(
            resolve_day_month(date("2016-03-01"), 29, 2, Dir::Neutral).map(day_value).as_deref(),
            Some("2016-02-29")
        );
    }
}
