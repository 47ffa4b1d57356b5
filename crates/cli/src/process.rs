//! `marsad process`: batch processing (being built).
use std::process::ExitCode;
use marsad_pipeline::Analyzer;

/// Arguments of `marsad process`.
#[derive(Debug, clap::Args)]
pub struct ProcessArgs {}

/// Runs a batch.
pub fn run(_args: &ProcessArgs, _analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    anyhow::bail!("process is not available yet")
}
