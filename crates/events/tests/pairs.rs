//! Coordinated sides pair every source with every target; a pair of one country with itself
//! that only comes from that pairing must not be emitted.

mod common;

#[test]
fn coordination_makes_no_self_pair() {
    let cases = [
        ("أكد الوزير وقوف الكويت ومساندتها للسعودية في حربها على الإرهاب.", "KWT", "SAU"),
        ("أعلنت مصر والأردن دعمهما للعراق في مواجهة الإرهاب.", "EGY", "IRQ"),
    ];
    for (text, src, tgt) in cases {
        let (events, _) = common::run(text, Some("2024-01-01"));
        let tuples = common::tuples(&events, false);
        assert!(
            tuples.iter().any(|(p, s, t)| p == "SUPPORT"
                && s.as_deref() == Some(src)
                && t.as_deref() == Some(tgt)),
            "{text}: expected SUPPORT {src}→{tgt} in {tuples:?}"
        );
        assert!(
            !tuples.iter().any(|(_, s, t)| s.is_some() && s == t),
            "{text}: a country paired with itself in {tuples:?}"
        );
    }
}
