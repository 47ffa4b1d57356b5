//! The HTML test pages: extracted body and metadata must match the expected files.

use std::path::Path;

#[test]
fn pages_extract_to_their_expected_text_and_metadata() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("pages dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 12, "expected at least 12 test pages");
    let mut failures = Vec::new();
    for page in &pages {
        let bytes = std::fs::read(page).expect("read page");
        let (html, _) = marsad_ingest::encoding::decode(&bytes, None, true);
        let got = marsad_ingest::html::extract(&html, None);
        let expected = std::fs::read_to_string(page.with_extension("txt")).expect("expected text");
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.with_extension("meta.json")).expect("meta"),
        )
        .expect("json");
        let name = page.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if got.body.trim() != expected.trim() {
            failures.push(format!(
                "{name}: body differs:\n--- expected\n{}\n--- got\n{}",
                expected.trim(),
                got.body
            ));
        }
        if got.title.as_deref() != meta["title"].as_str() {
            failures.push(format!("{name}: title {:?}", got.title));
        }
        if got.published.as_deref() != meta["published"].as_str() {
            failures.push(format!("{name}: published {:?}", got.published));
        }
        if let Some(author) = meta["author"].as_str()
            && got.author.as_deref() != Some(author)
        {
            failures.push(format!("{name}: author {:?}", got.author));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// ASP.NET pages wrap everything in one `<form>`, and some themes put the whole page in a
/// wrapper whose class names a sidebar: the article must survive both.
#[test]
fn whole_page_wrappers_do_not_hide_the_article() {
    let html = r#"<html dir="rtl"><body><form id="aspnetForm" method="post"><div class="layout-with-sidebar">
        <div class="menu"><a href="/">الرئيسية</a> <a href="/s">محليات</a></div>
        <div class="newsbody"><h1>عنوان</h1>
        <p>أعلنت وزارة الصحة اليوم عن تسجيل انخفاض ملحوظ في أعداد الإصابات بالإنفلونزا الموسمية، مقارنة بالفترة نفسها من العام الماضي.</p>
        <p>وقال المتحدث باسم الوزارة إن حملة التطعيم التي انطلقت في أكتوبر أسهمت في هذا الانخفاض، داعياً الفئات الأكثر عرضة إلى أخذ اللقاح.</p>
        </div><input type="hidden" name="__VIEWSTATE" value="abc"></div></form></body></html>"#;
    let page = marsad_ingest::html::extract(html, None);
    assert!(page.body.starts_with("أعلنت وزارة الصحة اليوم"), "{}", page.body);
    assert!(page.body.contains("داعياً الفئات الأكثر عرضة"), "{}", page.body);
    assert!(!page.body.contains("الرئيسية"), "{}", page.body);
}
