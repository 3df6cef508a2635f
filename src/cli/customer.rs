//! `invoice customer add|list|show|edit|archive|delete` (SPEC 14.1): flags and `--input`
//! become one flat customer JSON object, read by the draft's own parser.

use super::create::{read_draft, set_path};
use crate::config::Config;
use crate::customers::{self, Change};
use crate::error::{Error, ExitStatus};
use crate::invoice::customer::Customer;
use crate::invoice::json::Json;
use crate::store::Actor;
use std::path::PathBuf;

/// The customer commands.
#[derive(Debug, clap::Subcommand)]
pub enum CustomerCommand {
    /// Add a customer: a buyer with its invoicing defaults, under a short ID.
    Add(AddArgs),
    /// List customers (archived ones with --all).
    List(ListArgs),
    /// Show one customer.
    Show(ShowArgs),
    /// Change some fields of a customer (issued invoices keep their own copy of the buyer).
    Edit(AddArgs),
    /// Archive a customer: kept for its invoices, refused by new ones.
    Archive(IdArgs),
    /// Delete a customer that has no invoices and no schedules.
    Delete(IdArgs),
}

/// Arguments of `customer add` and `customer edit`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The customer's ID: 1 to 64 of a-z, 0-9, '.', '_', '-' (e.g. bund-xyz).
    id: String,
    /// Read the fields from a JSON object (`-` for stdin): the draft's buyer fields plus
    /// buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit,
    /// it is merged into the stored customer (null removes a field). Flags override it.
    #[arg(long, short = 'i', value_name = "FILE")]
    input: Option<PathBuf>,
    #[command(flatten)]
    fields: Fields,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// The customer's fields as flags.
#[derive(Debug, Default, clap::Args)]
pub struct Fields {
    /// Name.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// E-mail.
    #[arg(long, value_name = "EMAIL")]
    email: Option<String>,
    /// Phone.
    #[arg(long, value_name = "PHONE")]
    phone: Option<String>,
    /// Contact person or department.
    #[arg(long, value_name = "NAME")]
    contact_name: Option<String>,
    /// VAT identifier.
    #[arg(long, value_name = "ID")]
    vat_id: Option<String>,
    /// Legal registration identifier.
    #[arg(long, value_name = "ID")]
    legal_id: Option<String>,
    /// Street line (repeatable, at most 3); replaces the address lines.
    #[arg(long, value_name = "LINE")]
    address_line: Vec<String>,
    /// City.
    #[arg(long, value_name = "CITY")]
    city: Option<String>,
    /// Postal code.
    #[arg(long, value_name = "CODE")]
    postal_code: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    /// Buyer reference (e.g. Leitweg-ID).
    #[arg(long, value_name = "REF")]
    buyer_reference: Option<String>,
    /// Electronic address SCHEME:ID, e.g. 0204:991-12345-67.
    #[arg(long, value_name = "SCHEME:ID")]
    electronic_address: Option<String>,
    /// Document language (en, de, fr).
    #[arg(long, value_name = "LANG")]
    language: Option<String>,
    /// E-invoice profile (en16931, xrechnung, peppol).
    #[arg(long, value_name = "PROFILE")]
    einvoice_profile: Option<String>,
    /// Days from issue to due date.
    #[arg(long, value_name = "DAYS")]
    payment_terms_days: Option<String>,
    /// Currency (ISO 4217).
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
}

/// Arguments of `customer list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Include archived customers.
    #[arg(long)]
    all: bool,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Arguments of `customer show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The customer's ID.
    id: String,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Arguments naming one customer.
#[derive(Debug, clap::Args)]
pub struct IdArgs {
    /// The customer's ID.
    id: String,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// The customer as a JSON object (a list: an array).
    Json,
}

/// Runs a customer command.
///
/// # Errors
/// [`Error::Invalid`] for bad fields, [`Error::NotFound`], [`Error::Conflict`] (an ID in use,
/// a customer with invoices), [`Error::Store`].
pub fn exec(command: &CustomerCommand, config: &Config) -> Result<ExitStatus, Error> {
    let actor = Actor::cli(&config.user);
    match command {
        CustomerCommand::Add(args) => {
            let (input, from_flags) = args.fields.to_json(&args.id, read_input(args.input.as_ref())?)?;
            let customer = super::with_store(config, async |store| {
                customers::change(store, &args.id, Change::Add(input), &actor).await
            })
            .map_err(|e| attribute(e, &from_flags))?;
            print_one(&customer, args.format)
        }
        CustomerCommand::Edit(args) => {
            let patch = read_input(args.input.as_ref())?;
            let customer = super::with_store(config, async |store| {
                let stored = customers::get(store, &args.id).await?;
                let base = customers::input_json(&stored);
                let merged = match patch {
                    Some(patch) => customers::merge_patch(base, patch),
                    None => base,
                };
                let (input, from_flags) = args.fields.to_json(&args.id, Some(merged))?;
                customers::change(store, &args.id, Change::Edit(input), &actor)
                    .await
                    .map_err(|e| attribute(e, &from_flags))
            })?;
            print_one(&customer, args.format)
        }
        CustomerCommand::Archive(args) => {
            let customer = super::with_store(config, async |store| {
                customers::change(store, &args.id, Change::Archive, &actor).await
            })?;
            print_one(&customer, Format::Text)
        }
        CustomerCommand::Delete(args) => {
            super::with_store(config, async |store| customers::delete(store, &args.id, &actor).await)?;
            super::write_stdout(format!("deleted customer {}\n", args.id).as_bytes())?;
            Ok(ExitStatus::Success)
        }
        CustomerCommand::Show(args) => {
            let customer = super::with_store(config, async |store| customers::get(store, &args.id).await)?;
            print_one(&customer, args.format)
        }
        CustomerCommand::List(args) => {
            let list = super::with_store(config, async |store| customers::list(store, args.all).await)?;
            print_list(&list, args.format)
        }
    }
}

fn read_input(path: Option<&PathBuf>) -> Result<Option<Json<'static>>, Error> {
    path.map(|p| read_draft(p)).transpose()
}

/// Which JSON Pointer each flag set.
type FromFlags = Vec<(String, &'static str)>;

/// Appends "(from --flag)" to the problems at paths a flag set.
fn attribute(error: Error, from_flags: &[(String, &'static str)]) -> Error {
    match error {
        Error::Invalid { mut problems } => {
            for problem in &mut problems {
                if let Some((_, flag)) = from_flags.iter().find(|(path, _)| problem.path == *path) {
                    problem.message.push_str(&format!(" (from {flag})"));
                }
            }
            Error::Invalid { problems }
        }
        other => other,
    }
}

impl Fields {
    /// Writes the flags (and the ID) into `base` (an empty object when `None`), and says
    /// which JSON Pointer each flag set.
    fn to_json(&self, id: &str, base: Option<Json<'static>>) -> Result<(Json<'static>, FromFlags), Error> {
        let mut json = base.unwrap_or(Json::Object(Vec::new()));
        let mut from_flags = Vec::new();
        let mut set = |json: &mut Json<'static>, path: &[&str], value: Option<&String>, flag: &'static str| {
            if let Some(value) = value {
                set_path(json, path, Json::String(value.clone().into()));
                from_flags.push((format!("/{}", path.join("/")), flag));
            }
        };
        set(&mut json, &["id"], Some(&id.to_owned()), "the ID argument");
        set(&mut json, &["name"], self.name.as_ref(), "--name");
        set(&mut json, &["email"], self.email.as_ref(), "--email");
        set(&mut json, &["phone"], self.phone.as_ref(), "--phone");
        set(&mut json, &["contact_name"], self.contact_name.as_ref(), "--contact-name");
        set(&mut json, &["vat_id"], self.vat_id.as_ref(), "--vat-id");
        set(&mut json, &["legal_id"], self.legal_id.as_ref(), "--legal-id");
        set(&mut json, &["address", "city"], self.city.as_ref(), "--city");
        set(&mut json, &["address", "postal_code"], self.postal_code.as_ref(), "--postal-code");
        set(&mut json, &["address", "country"], self.country.as_ref(), "--country");
        set(&mut json, &["buyer_reference"], self.buyer_reference.as_ref(), "--buyer-reference");
        set(&mut json, &["language"], self.language.as_ref(), "--language");
        set(&mut json, &["einvoice_profile"], self.einvoice_profile.as_ref(), "--einvoice-profile");
        set(&mut json, &["currency"], self.currency.as_ref(), "--currency");
        set(&mut json, &["payment_terms_days"], self.payment_terms_days.as_ref(), "--payment-terms-days");
        if let Some(address) = &self.electronic_address {
            let (scheme, id) = super::create::split_electronic_address(address, "--electronic-address")?;
            set_path(&mut json, &["electronic_address"], Json::Object(Vec::new()));
            for (key, value) in [("scheme", scheme), ("id", id)] {
                set_path(&mut json, &["electronic_address", key], Json::String(value.to_owned().into()));
                from_flags.push((format!("/electronic_address/{key}"), "--electronic-address"));
            }
        }
        if !self.address_line.is_empty() {
            let lines = self.address_line.iter().map(|line| Json::String(line.clone().into())).collect();
            set_path(&mut json, &["address", "lines"], Json::Array(lines));
            from_flags.push(("/address/lines".to_owned(), "--address-line"));
            for n in 0..self.address_line.len() {
                from_flags.push((format!("/address/lines/{n}"), "--address-line"));
            }
        }
        Ok((json, from_flags))
    }
}

fn print_one(customer: &Customer, format: Format) -> Result<ExitStatus, Error> {
    let text = match format {
        Format::Json => json_text(&customer.public_json())?,
        Format::Text => describe(customer),
    };
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

fn print_list(list: &[Customer], format: Format) -> Result<ExitStatus, Error> {
    let text = match format {
        Format::Json => json_text(&serde_json::Value::Array(list.iter().map(Customer::public_json).collect()))?,
        Format::Text => {
            let mut out = String::new();
            for c in list {
                let address = c.buyer.address.as_ref();
                let place = [address.and_then(|a| a.city.as_deref()), address.and_then(|a| a.country.as_deref())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                let state = if c.archived { "  (archived)" } else { "" };
                let name = c.buyer.name.as_deref().unwrap_or("");
                out.push_str(&crate::security::text::escape_controls(
                    &format!("{}  {name}  {place}{state}\n", c.id),
                    true,
                ));
            }
            out
        }
    };
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

fn json_text(value: &serde_json::Value) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Internal(format!("failed to serialize a customer: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// `key: value` lines of the customer's fields, in the public JSON's order.
fn describe(customer: &Customer) -> String {
    let mut out = String::new();
    if let serde_json::Value::Object(fields) = customer.public_json() {
        for (key, value) in fields {
            let value = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Object(_) if key == "address" => {
                    let a = customer.buyer.address.clone().unwrap_or_default();
                    let place = [a.postal_code, a.city].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    a.lines
                        .into_iter()
                        .chain([place])
                        .chain(a.country)
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
                serde_json::Value::Object(_) if key == "electronic_address" => {
                    format!("{}:{}", value["scheme"].as_str().unwrap_or(""), value["id"].as_str().unwrap_or(""))
                }
                serde_json::Value::Object(map) => map
                    .iter()
                    .map(|(k, v)| match v {
                        serde_json::Value::Array(lines) => {
                            lines.iter().filter_map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
                        }
                        serde_json::Value::String(s) if k != "country" => s.clone(),
                        other => other.as_str().map_or_else(|| other.to_string(), str::to_owned),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            out.push_str(&crate::security::text::escape_controls(&format!("{key}: {value}\n"), true));
        }
    }
    out
}
