//! `invoice completions SHELL`, and the generated files committed in `completions/` and
//! `man/` (a test regenerates them and fails when they are stale).

use crate::error::{Error, ExitStatus};
use clap_complete::Shell;

/// Arguments of `invoice completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the completion script for one shell.
///
/// # Errors
/// Only when stdout cannot be written.
pub fn exec(args: &Args) -> Result<ExitStatus, Error> {
    super::write_stdout(&completion_script(args.shell))?;
    Ok(ExitStatus::Success)
}

fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "invoice", &mut out);
    out
}

/// Every completion file, as (file name, contents).
#[must_use]
pub fn completion_files() -> Vec<(String, Vec<u8>)> {
    [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish]
        .into_iter()
        .map(|shell| {
            let name = match shell {
                Shell::Bash => "invoice.bash".to_owned(),
                Shell::Zsh => "_invoice".to_owned(),
                Shell::Fish => "invoice.fish".to_owned(),
                Shell::PowerShell => "_invoice.ps1".to_owned(),
                _ => "invoice.elv".to_owned(),
            };
            (name, completion_script(shell))
        })
        .collect()
}

/// Every man page (`invoice.1` and one per subcommand), as (file name, contents).
///
/// # Errors
/// Only if rendering into memory fails.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let command = super::command();
    let mut pages = Vec::new();
    let mut main = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut main)?;
    man.render_name_section(&mut main)?;
    man.render_synopsis_section(&mut main)?;
    man.render_description_section(&mut main)?;
    man.render_options_section(&mut main)?;
    man.render_subcommands_section(&mut main)?;
    main.extend_from_slice(exit_status_section().as_bytes());
    main.extend_from_slice(EXTRA_SECTIONS.as_bytes());
    man.render_version_section(&mut main)?;
    pages.push(("invoice.1".to_owned(), main));
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        collect_subcommand_pages(sub, "invoice", &mut pages)?;
    }
    Ok(pages)
}

fn collect_subcommand_pages(
    sub: &clap::Command,
    parent: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> std::io::Result<()> {
    let name = format!("{parent}-{}", sub.get_name());
    let sub = sub.clone().name(name.clone()).bin_name(name.replace('-', " "));
    let mut page = Vec::new();
    clap_mangen::Man::new(sub.clone()).render(&mut page)?;
    pages.push((format!("{name}.1"), page));
    for child in sub.get_subcommands() {
        if child.get_name() != "help" {
            collect_subcommand_pages(child, &name, pages)?;
        }
    }
    Ok(())
}

/// The man page's EXIT STATUS section, from [`ExitStatus::ALL`].
fn exit_status_section() -> String {
    let mut section = String::from(".SH \"EXIT STATUS\"\n");
    for status in ExitStatus::ALL {
        let meaning = status.meaning().replace('`', "").replace('-', "\\-");
        let mut chars = meaning.chars();
        let sentence: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        section.push_str(&format!(".TP\n\\fB{}\\fR\n{sentence}.\n", status.code()));
    }
    section
}

const EXTRA_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBINVOICE_STORE\fR
The store file (same as \fB\-\-store\fR).
.TP
\fBINVOICE_CONFIG\fR
The config file (same as \fB\-\-config\fR).
.TP
\fBINVOICE_API_KEY\fR, \fBINVOICE_API_KEY_FILE\fR
A static API key for \fBinvoice serve\fR, or a file (mode 0600) holding one.
.TP
\fBINVOICE_LOG\fR
Log filter for env_logger, e.g. \fBinfo\fR or \fBinvoice=debug\fR.
.TP
\fBNO_COLOR\fR
Disables colors.
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_DATA_HOME\fR
Base directories of the default config file and store.
"#;
