//! `invoice schema`: the JSON Schema of a draft, generated from the model types.

use crate::error::{Error, ExitStatus};
use crate::invoice::model::draft_schema;

/// Arguments of `invoice schema` (none yet).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints the schema.
///
/// # Errors
/// Only when stdout cannot be written.
pub fn exec(_: &Args) -> Result<ExitStatus, Error> {
    let mut text = serde_json::to_string_pretty(&draft_schema())
        .map_err(|e| Error::Internal(format!("failed to serialize the schema: {e}")))?;
    text.push('\n');
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}
