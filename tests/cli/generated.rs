//! `completions/` and `man/` are generated from the clap definition and committed; this
//! test regenerates them in memory and fails when the committed files are stale.
//! Refresh with `INVOICE_BLESS=1 cargo test --test cli generated`.

use crate::common::repo;
use std::collections::BTreeMap;
use std::path::Path;

fn check_dir(dir: &Path, expected: Vec<(String, Vec<u8>)>) {
    let expected: BTreeMap<String, Vec<u8>> = expected.into_iter().collect();
    if std::env::var_os("INVOICE_BLESS").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(dir).unwrap();
        }
        std::fs::create_dir_all(dir).unwrap();
        for (name, bytes) in &expected {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let mut actual = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}; run with INVOICE_BLESS=1", dir.display())) {
        let entry = entry.unwrap();
        actual.insert(entry.file_name().to_string_lossy().into_owned(), std::fs::read(entry.path()).unwrap());
    }
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&actual),
        names(&expected),
        "{}: files differ; run INVOICE_BLESS=1 cargo test --test cli generated",
        dir.display()
    );
    for (name, bytes) in &expected {
        assert!(
            actual[name] == *bytes,
            "{}/{name} is stale; run INVOICE_BLESS=1 cargo test --test cli generated",
            dir.display()
        );
    }
}

#[test]
fn committed_completions_match_the_clap_definition() {
    check_dir(&repo().join("completions"), invoice::cli::completion_files());
}

#[test]
fn committed_man_pages_match_the_clap_definition() {
    check_dir(&repo().join("man"), invoice::cli::man_pages().unwrap());
}

#[test]
fn the_man_page_documents_exit_codes_and_environment() {
    let pages = invoice::cli::man_pages().unwrap();
    let main = String::from_utf8(pages.iter().find(|(n, _)| n == "invoice.1").unwrap().1.clone()).unwrap();
    assert!(main.contains(".SH \"EXIT STATUS\""));
    assert!(main.contains("INVOICE_STORE"));
    assert!(pages.iter().any(|(n, _)| n == "invoice-validate.1"));
    assert!(pages.iter().any(|(n, _)| n == "invoice-create.1"));
}

#[test]
fn help_man_page_and_readme_list_the_exit_codes_of_the_one_table() {
    use invoice::error::ExitStatus;
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme.split("## Exit codes").nth(1).expect("README has an exit codes section");
    let rows: Vec<&str> = section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the header and its rule
        .collect();
    let expected: Vec<String> = ExitStatus::ALL.iter().map(|s| format!("| {} | {} |", s.code(), s.meaning())).collect();
    assert_eq!(rows, expected, "the README's exit code table differs from invoice::error::ExitStatus");

    let help = std::process::Command::new(crate::common::INVOICE).arg("--help").output().unwrap();
    // `--help` wraps long lines to the terminal: compare with white space folded.
    let fold = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let help = fold(&String::from_utf8(help.stdout).unwrap());
    let pages = invoice::cli::man_pages().unwrap();
    let man = String::from_utf8(pages.iter().find(|(n, _)| n == "invoice.1").unwrap().1.clone()).unwrap();
    for status in ExitStatus::ALL {
        let plain = status.meaning().replace('`', "");
        assert!(
            help.contains(&fold(&format!("{} {plain}", status.code()))),
            "--help lacks exit code {}",
            status.code()
        );
        assert!(man.contains(&format!("\\fB{}\\fR", status.code())), "the man page lacks exit code {}", status.code());
    }
}
