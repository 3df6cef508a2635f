//! `invoice create`: a draft from a file and/or flags → validated, numbered, stored, printed.

use super::output::{self, Summary};
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::json::{self, Json};
use crate::invoice::parse::{Options, Parsed, draft_from_json};
use crate::invoice::{Code, Defaults, Problem};
use crate::render::{self, Format as RenderFormat, Paper};
use crate::security::limits::{MAX_DRAFT_FILE, read_capped, read_file_capped};
use crate::store::Actor;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// Arguments of `invoice create`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Line items: repeat `--item DESC [--qty Q] --price P`; each --qty and --price \
belongs to the --item before it (a missing --qty means 1).")]
pub struct Args {
    /// Read the draft from a JSON file (`-` for stdin); flags below override its fields.
    #[arg(long, short = 'i', value_name = "FILE")]
    input: Option<PathBuf>,
    /// Buyer name.
    #[arg(long, value_name = "NAME")]
    to: Option<String>,
    /// Buyer e-mail.
    #[arg(long, value_name = "EMAIL")]
    to_email: Option<String>,
    /// Buyer country (ISO 3166-1 alpha-2).
    #[arg(long, value_name = "CODE")]
    to_country: Option<String>,
    /// Buyer city.
    #[arg(long, value_name = "CITY")]
    to_city: Option<String>,
    /// Buyer postal code.
    #[arg(long, value_name = "CODE")]
    to_postal_code: Option<String>,
    /// Buyer street line (repeatable, at most 3); replaces the draft's address lines.
    #[arg(long, value_name = "LINE")]
    to_address_line: Vec<String>,
    /// Buyer VAT identifier.
    #[arg(long, value_name = "ID")]
    to_vat_id: Option<String>,
    /// Buyer electronic address, e.g. 0204:991-12345-67 (Leitweg-ID) or EM:ap@example.org.
    #[arg(long, value_name = "SCHEME:ID")]
    to_electronic_address: Option<String>,
    /// Fill the buyer and its defaults from this customer (`invoice customer add`).
    #[arg(long, value_name = "ID")]
    customer: Option<String>,
    /// Currency (ISO 4217).
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// Due date: YYYY-MM-DD, or Nd for N days after the issue date (e.g. 30d).
    #[arg(long, value_name = "DATE|Nd")]
    due: Option<String>,
    /// Issue date (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    issue_date: Option<String>,
    /// Numbering series.
    #[arg(long, value_name = "SERIES")]
    series: Option<String>,
    /// Purchase order reference.
    #[arg(long, value_name = "REF")]
    order_reference: Option<String>,
    /// Buyer reference (e.g. Leitweg-ID).
    #[arg(long, value_name = "REF")]
    buyer_reference: Option<String>,
    /// Notes printed on the invoice.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Tax rate in percent for lines without one.
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    tax: Option<Decimal>,
    /// Language of the printed documents (stored with the invoice).
    #[arg(long, value_name = "LANG", value_parser = ["en", "de", "fr"])]
    lang: Option<String>,
    /// A line item description (repeatable).
    #[arg(long, value_name = "DESC")]
    item: Vec<String>,
    /// Quantity of the n-th item.
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    qty: Vec<String>,
    /// Unit price of the n-th item.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    price: Vec<String>,
    /// Validate and compute only: store nothing, assign no number.
    #[arg(long)]
    dry_run: bool,
    /// What to print.
    #[arg(long, value_enum, default_value_t = output::IssueFormat::Text)]
    format: output::IssueFormat,
    /// Also render the document (needs --out).
    #[arg(long, value_enum, value_name = "FORMAT", requires = "out")]
    render: Option<RenderFormat>,
    /// Where to write the rendered document.
    #[arg(long, value_name = "FILE", requires = "render")]
    out: Option<PathBuf>,
    /// PDF paper size.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    paper: Paper,
    /// E-invoice profile for --render ubl|cii|facturx (default: `[defaults] einvoice_profile`, else en16931).
    #[arg(long, value_enum, value_name = "PROFILE", requires = "render")]
    profile: Option<super::ProfileArg>,
    /// Return the first invoice when a create with this key and the same draft is retried.
    #[arg(long, value_name = "KEY")]
    idempotency_key: Option<String>,
    /// Strip markup from text fields (with a warning per field) instead of rejecting it.
    #[arg(long)]
    sanitize: bool,
    /// Where each --item, --qty and --price stood on the command line (filled from clap's
    /// indices after parsing) so a --qty or --price belongs to the --item before it.
    #[arg(skip)]
    pub(crate) positions: ItemPositions,
}

/// Command-line positions of the repeated item flags.
#[derive(Debug, Clone, Default)]
pub struct ItemPositions {
    /// Index of each `--item`.
    pub item: Vec<usize>,
    /// Index of each `--qty`.
    pub qty: Vec<usize>,
    /// Index of each `--price`.
    pub price: Vec<usize>,
}

impl ItemPositions {
    /// Reads the indices of the item flags from the `create` subcommand's matches.
    #[must_use]
    pub fn from_matches(matches: &clap::ArgMatches) -> Self {
        let of = |id: &str| matches.indices_of(id).map(Iterator::collect).unwrap_or_default();
        ItemPositions { item: of("item"), qty: of("qty"), price: of("price") }
    }
}

fn parse_rate(text: &str) -> Result<Decimal, String> {
    let rate = crate::invoice::money::parse_decimal_text(text.trim())
        .map_err(|_| format!("`{text}` is not a tax rate; give a decimal like 19 or 7.5"))?;
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        return Err("the tax rate must be between 0 and 100".into());
    }
    Ok(rate)
}

/// Runs `invoice create`.
///
/// # Errors
/// [`Error::Invalid`] for an invalid draft, [`Error::Usage`] for inconsistent flags,
/// [`Error::Conflict`] for a reused idempotency key, [`Error::Store`]/[`Error::Io`].
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    if args.dry_run && args.format == output::IssueFormat::Number {
        return Err(Error::Usage("--format number prints the assigned number, but --dry-run assigns none".into()));
    }
    if args.dry_run && args.idempotency_key.is_some() {
        return Err(Error::Usage("--idempotency-key has no effect with --dry-run; leave one of them out".into()));
    }
    if args.out.as_deref().is_some_and(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            "--out - is not supported by create (stdout carries the summary); use `invoice render NUMBER --out -`"
                .into(),
        ));
    }
    let idempotency_key = match &args.idempotency_key {
        Some(key) => Some(
            crate::security::limits::check_idempotency_key(key)
                .map_err(|why| Error::Usage(format!("--idempotency-key: {why}")))?,
        ),
        None => None,
    };
    if let Some(out) = &args.out {
        output::check_target(out)?;
    }
    let format = args.render.unwrap_or(RenderFormat::Text);
    let mut profile = super::einvoice_profile(format, args.profile, config)?;
    let (mut parsed, mut defaults) = build_draft(args, config)?;
    // A customer's defaults and profile decide the checks below, so it is read first.
    let customer_profile = with_customer(args, config, &mut parsed, &mut defaults, &mut profile)?;
    let today = super::today();
    if let (Some(customer_profile), None) = (customer_profile, args.render.and_then(RenderFormat::einvoice)) {
        // The customer receives e-invoices of this profile: an invoice that could not be
        // one is refused before a number is used up.
        crate::ops::preview_for(parsed.clone(), &defaults, today, Some(customer_profile))?;
    }
    if let Some(syntax) = args.render.and_then(RenderFormat::einvoice) {
        // Refuse before a number is used up: every requirement of the profile, and for
        // Factur-X the characters of the PDF too.
        let preview = crate::ops::preview_for(parsed.clone(), &defaults, today, Some(profile))?;
        if syntax == crate::render::einvoice::Format::Facturx {
            render::render(&preview.invoice, RenderFormat::Pdf, args.paper)?;
        }
    } else if !args.dry_run && args.render == Some(RenderFormat::Pdf) {
        // Refuse before a number is used up: a PDF that cannot print a character fails now.
        let preview = crate::ops::preview(parsed.clone(), &defaults, today)?;
        render::render(&preview.invoice, RenderFormat::Pdf, args.paper)?;
    }
    let created = if args.dry_run {
        crate::ops::preview(parsed, &defaults, today)?
    } else {
        let idempotency = idempotency_key.map(|key| ("cli", key));
        let actor = Actor::cli(&config.user);
        super::with_store(config, async |store| {
            crate::ops::create(store, parsed, &defaults, config.numbering(), today, idempotency, &actor).await
        })?
    };
    super::print_warnings(&created.warnings);
    if let (Some(format), Some(out)) = (args.render, &args.out) {
        let bytes = match (format.einvoice(), &created.invoice.number) {
            // A dry run has no number: the checks above are its answer, nothing is written.
            (Some(_), None) => return Err(Error::Invalid { problems: vec![crate::render::einvoice::draft_refusal()] }),
            _ => {
                let logo = render::logo::load_for(format, config)?;
                render::render_with(&created.invoice, format, args.paper, profile, logo.as_ref())?
            }
        };
        if args.dry_run {
            // SPEC 11/15: a dry run writes nothing, not even the document; it was made
            // above only to prove that it can be.
            eprintln!(
                "invoice: note: dry run: {} was not written",
                crate::security::text::display_safe(&out.display().to_string())
            );
            output::print_issued(&created.invoice, args.format, Summary { replayed: created.replayed })?;
            return Ok(ExitStatus::Success);
        }
        output::write_file(out, &bytes).map_err(|e| match &created.invoice.number {
            Some(number) => Error::Store {
                action: format!("write {}", out.display()),
                message: format!(
                    "{e}; invoice {number} was issued, render it again with `invoice render {number} --out FILE`"
                ),
            },
            None => e,
        })?;
    }
    output::print_issued(&created.invoice, args.format, Summary { replayed: created.replayed })?;
    Ok(ExitStatus::Success)
}

/// Reads the customer the draft names (`--customer` or `"customer"`) and merges it into
/// the draft, `defaults` and the e-invoice `profile` (flags > draft > customer > config).
/// Returns the customer's own e-invoice profile, if it has one.
fn with_customer(
    args: &Args,
    config: &Config,
    parsed: &mut Parsed,
    defaults: &mut Defaults,
    profile: &mut crate::render::einvoice::Profile,
) -> Result<Option<crate::render::einvoice::Profile>, Error> {
    let Some(id) = parsed.draft.customer.clone() else { return Ok(None) };
    let found = super::with_store(config, async |store| Ok(store.customers(Some(&id)).await?.pop()))?;
    let days = args.due.as_deref().and_then(|due| due.strip_suffix('d')).and_then(|d| d.parse().ok());
    let flags = crate::invoice::customer::FlagDefaults {
        payment_terms_days: days,
        einvoice_profile: args.profile.map(Into::into),
    };
    let merged =
        crate::customers::merge_found(found.as_ref(), parsed, defaults, *profile, flags).map_err(|e| match e {
            Error::Invalid { mut problems } if args.customer.is_some() => {
                for problem in problems.iter_mut().filter(|p| p.path == "/customer" && !p.message.ends_with(')')) {
                    problem.message.push_str(" (from --customer)");
                }
                Error::Invalid { problems }
            }
            other => other,
        })?;
    *defaults = merged.defaults;
    if let Some(syntax) = args.render.and_then(RenderFormat::einvoice) {
        crate::render::einvoice::check_pair(syntax, merged.profile).map_err(Error::Usage)?;
    }
    *profile = merged.profile;
    Ok(merged.required)
}

/// Combines the input file and the flags into one JSON draft, so flag values get exactly
/// the same checks as file values, then parses it.
fn build_draft(args: &Args, config: &Config) -> Result<(Parsed, Defaults), Error> {
    let mut draft = match &args.input {
        Some(path) => read_draft(path)?,
        None => Json::Object(Vec::new()),
    };
    let mut defaults = config.defaults.clone();
    let mut from_flags: Vec<(String, &str)> = Vec::new();
    if !args.to_address_line.is_empty() {
        let lines = args.to_address_line.iter().map(|line| Json::String(line.clone().into())).collect();
        set_path(&mut draft, &["buyer", "address", "lines"], Json::Array(lines));
        from_flags.push(("/buyer/address/lines".to_owned(), "--to-address-line"));
        for n in 0..args.to_address_line.len() {
            from_flags.push((format!("/buyer/address/lines/{n}"), "--to-address-line"));
        }
    }
    let mut set = |draft: &mut Json, path: &[&str], value: &Option<String>, flag: &'static str| {
        if let Some(value) = value {
            set_path(draft, path, Json::String(value.clone().into()));
            from_flags.push((format!("/{}", path.join("/")), flag));
        }
    };
    set(&mut draft, &["buyer", "name"], &args.to, "--to");
    set(&mut draft, &["buyer", "email"], &args.to_email, "--to-email");
    set(&mut draft, &["buyer", "address", "country"], &args.to_country, "--to-country");
    set(&mut draft, &["buyer", "address", "city"], &args.to_city, "--to-city");
    set(&mut draft, &["buyer", "address", "postal_code"], &args.to_postal_code, "--to-postal-code");
    set(&mut draft, &["buyer", "vat_id"], &args.to_vat_id, "--to-vat-id");
    set(&mut draft, &["customer"], &args.customer, "--customer");
    if let Some(address) = &args.to_electronic_address {
        let (scheme, id) = split_electronic_address(address, "--to-electronic-address")?;
        set(
            &mut draft,
            &["buyer", "electronic_address", "scheme"],
            &Some(scheme.to_owned()),
            "--to-electronic-address",
        );
        set(&mut draft, &["buyer", "electronic_address", "id"], &Some(id.to_owned()), "--to-electronic-address");
    }
    set(&mut draft, &["currency"], &args.currency, "--currency");
    set(&mut draft, &["issue_date"], &args.issue_date, "--issue-date");
    set(&mut draft, &["series"], &args.series, "--series");
    set(&mut draft, &["order_reference"], &args.order_reference, "--order-reference");
    set(&mut draft, &["buyer_reference"], &args.buyer_reference, "--buyer-reference");
    set(&mut draft, &["notes"], &args.note, "--note");
    set(&mut draft, &["language"], &args.lang, "--lang");
    if let Some(due) = &args.due {
        if let Some(days) = due.strip_suffix('d').and_then(|d| d.parse::<u32>().ok()) {
            if days > 3650 {
                return Err(Error::Usage("--due: at most 3650d".into()));
            }
            remove_key(&mut draft, "due_date");
            defaults.payment_terms_days = days;
        } else {
            set(&mut draft, &["due_date"], &Some(due.clone()), "--due");
        }
    }
    if let Some(rate) = args.tax {
        defaults.tax_rate = Some(rate);
    }
    add_items(&mut draft, args, &mut from_flags)?;
    let mut parsed = draft_from_json(&draft, Options { sanitize: args.sanitize });
    for problem in parsed.problems.iter_mut().chain(parsed.warnings.iter_mut()) {
        if let Some((_, flag)) = from_flags.iter().find(|(path, _)| problem.path == *path) {
            problem.message.push_str(&format!(" (from {flag})"));
        }
    }
    Ok((parsed, defaults))
}

/// Groups `--item`, `--qty` and `--price` by position: each --qty/--price belongs to the
/// closest --item before it. Returns (description, quantity, price) per item.
fn group_items(args: &Args) -> Result<Vec<(String, String, String)>, Error> {
    let pos = &args.positions;
    let owner = |flag: &str, at: usize| -> Result<usize, Error> {
        pos.item.iter().rposition(|&i| i < at).ok_or_else(|| {
            Error::Usage(format!("{flag} must follow the --item it belongs to (--item DESC --qty Q --price P)"))
        })
    };
    let mut qty: Vec<Option<String>> = vec![None; args.item.len()];
    let mut price: Vec<Option<String>> = vec![None; args.item.len()];
    for (flag, values, positions, slots) in
        [("--qty", &args.qty, &pos.qty, &mut qty), ("--price", &args.price, &pos.price, &mut price)]
    {
        if positions.len() != values.len() {
            return Err(Error::Internal("flag positions do not match their values".into()));
        }
        for (value, &at) in values.iter().zip(positions) {
            let n = owner(flag, at)?;
            if slots[n].replace(value.clone()).is_some() {
                return Err(Error::Usage(format!("item {} (`{}`) has more than one {flag}", n + 1, args.item[n])));
            }
        }
    }
    args.item
        .iter()
        .zip(qty.into_iter().zip(price))
        .enumerate()
        .map(|(n, (description, (qty, price)))| {
            let price = price.ok_or_else(|| {
                Error::Usage(format!("item {} (`{description}`) has no --price; give --price P after it", n + 1))
            })?;
            Ok((description.clone(), qty.unwrap_or_else(|| "1".to_owned()), price))
        })
        .collect()
}

fn add_items(draft: &mut Json, args: &Args, from_flags: &mut Vec<(String, &str)>) -> Result<(), Error> {
    let items = group_items(args)?;
    if items.is_empty() {
        return Ok(());
    }
    let Json::Object(members) = draft else { return Ok(()) };
    if !members.iter().any(|(k, _)| k == "lines") {
        members.push(("lines".into(), Json::Array(Vec::new())));
    }
    let Some((_, Json::Array(lines))) = members.iter_mut().find(|(k, _)| k == "lines") else {
        return Ok(()); // not an array: the parser reports the type error
    };
    for (description, qty, price) in items {
        let index = lines.len();
        lines.push(Json::Object(vec![
            ("description".into(), Json::String(description.into())),
            ("quantity".into(), Json::String(qty.into())),
            ("unit_price".into(), Json::String(price.into())),
        ]));
        from_flags.push((format!("/lines/{index}/description"), "--item"));
        from_flags.push((format!("/lines/{index}/quantity"), "--qty"));
        from_flags.push((format!("/lines/{index}/unit_price"), "--price"));
    }
    Ok(())
}

/// Splits `SCHEME:ID` at the first colon (an e-mail address or a Leitweg-ID may hold more).
pub(crate) fn split_electronic_address<'a>(value: &'a str, flag: &str) -> Result<(&'a str, &'a str), Error> {
    value.split_once(':').ok_or_else(|| {
        Error::Usage(format!(
            "{flag} `{}`: give SCHEME:ID, e.g. 0204:991-12345-67 (Leitweg-ID) or EM:ap@example.org",
            crate::security::text::display_safe(value)
        ))
    })
}

/// Sets the member at `path` (creating the objects on the way), replacing what was there.
pub(crate) fn set_path<'a>(json: &mut Json<'a>, path: &[&str], value: Json<'a>) {
    let Some((first, rest)) = path.split_first() else {
        *json = value;
        return;
    };
    let Json::Object(members) = json else { return };
    if !members.iter().any(|(k, _)| k == first) {
        let empty = if rest.is_empty() { Json::Null } else { Json::Object(Vec::new()) };
        members.push(((*first).to_owned().into(), empty));
    }
    if let Some((_, child)) = members.iter_mut().find(|(k, _)| k == first) {
        if !rest.is_empty() && matches!(child, Json::Null) {
            *child = Json::Object(Vec::new());
        }
        set_path(child, rest, value);
    }
}

fn remove_key(json: &mut Json, key: &str) {
    if let Json::Object(members) = json {
        members.retain(|(k, _)| k != key);
    }
}

/// Reads a draft file or stdin (`-`) into JSON; a syntax error is an invalid draft.
pub(crate) fn read_draft(path: &std::path::Path) -> Result<Json<'static>, Error> {
    let bytes = if path.as_os_str() == "-" {
        read_capped(std::io::stdin().lock(), MAX_DRAFT_FILE).map_err(|e| Error::io("read", "standard input", e))?
    } else {
        read_file_capped(path, MAX_DRAFT_FILE).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { what: format!("file {}", path.display()) },
            _ => Error::io("read", path, e),
        })?
    };
    let Some(bytes) = bytes else {
        return Err(Error::Invalid {
            problems: vec![Problem::new(
                "",
                Code::TooLong,
                format!("the draft is larger than {} MiB", MAX_DRAFT_FILE >> 20),
            )],
        });
    };
    json::parse(&bytes).map(Json::into_owned).map_err(|e| Error::Invalid { problems: vec![e.to_problem()] })
}
