//! Every official example gets the same XML Schema verdict from us as from check.py (lxml).

mod xsd_support;

#[test]
fn official_examples_get_the_checkers_schema_verdict() {
    let Some((python, dir)) = xsd_support::checker("official_examples_get_the_checkers_schema_verdict") else { return };
    let files = xsd_support::examples(&dir);
    assert!(files.len() > 50, "expected the official examples under {}", dir.display());
    let official = xsd_support::official(&python, &dir, &files);
    let (mut agree, mut invalid) = (0, 0);
    let mut disagreements = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let Some(ours) = xsd_support::ours(&text) else { continue };
        let theirs = &official[file];
        if ours.is_empty() == theirs.is_empty() {
            agree += 1;
            if !ours.is_empty() {
                invalid += 1;
            }
        } else {
            disagreements.push(format!("{}: ours {:?}, check.py {:?}", file.display(), ours, theirs));
        }
    }
    println!(
        "XSD verdicts on {} official examples: {agree} agree ({invalid} schema-invalid), {} disagree",
        files.len(),
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
