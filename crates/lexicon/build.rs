//! Embeds every file under the repository's `data/` directory into the library, so that the
//! `marsad` binary carries its knowledge with it. The list is regenerated whenever a file in
//! `data/` changes; `Lexicon::from_dir` reads the same files from disk instead.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            walk(&p, base, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("tsv" | "toml" | "txt")) {
            println!("cargo:rerun-if-changed={}", p.display());
            out.push(p.strip_prefix(base).unwrap_or(&p).to_path_buf());
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data");
    println!("cargo:rerun-if-changed={}", data.display());
    let mut files = Vec::new();
    walk(&data, &data, &mut files);
    let mut code =
        String::from("/// Files of `data/`, embedded at build time: (relative path, contents).\n");
    code.push_str("pub static EMBEDDED: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.to_string_lossy().replace('\\', "/");
        let abs = data.join(f);
        let _ = writeln!(code, "    ({rel:?}, include_str!({:?})),", abs.display().to_string());
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
