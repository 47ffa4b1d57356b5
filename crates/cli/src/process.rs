//! `marsad process`: batch processing (being built).
use marsad_pipeline::Analyzer;
use std::process::ExitCode;

/// Arguments of `marsad process`.
#[derive(Debug, clap::Args)]
pub struct ProcessArgs {}

/// Runs a batch.
pub fn run(_args: &ProcessArgs, _analyzer: &Analyzer) -> anyhow::Result<ExitCode> {
    anyhow::bail!("process is not available yet")
}
