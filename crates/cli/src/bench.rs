//! `marsad bench`: placeholder, filled below.
use marsad_pipeline::Analyzer;
use std::process::ExitCode;

/// Arguments of `marsad bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {}

pub fn run(_args: &BenchArgs, _analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
