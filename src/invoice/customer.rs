//! Customers (SPEC 14.1): a buyer kept under a short ID with its invoicing defaults, and
//! how a customer fills a draft.
//!
//! Pure: the record, the ID rule and the merge. Reading a customer from JSON goes
//! through the draft's own parser ([`super::parse::customer_from_json`]), so every field
//! is checked exactly as a draft's buyer is; storing customers is the store's business.

use super::einvoice::Profile;
use super::model::{Address, Draft, Language, Party};
use super::validate::Defaults;
use serde::{Deserialize, Serialize};

/// Longest customer ID, in characters.
pub const MAX_ID: usize = 64;

/// What an ID must look like, for messages.
pub const ID_RULE: &str =
    "1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit (e.g. bund-xyz)";

/// Whether `id` is a customer ID: `[a-z0-9][a-z0-9._-]{0,63}`.
#[must_use]
pub fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    (1..=MAX_ID).contains(&b.len())
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-'))
}

/// A customer's invoicing defaults: used when neither a flag nor the draft sets them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerDefaults {
    /// Buyer reference, e.g. a Leitweg-ID (BT-10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_reference: Option<String>,
    /// Language of the documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Currency (ISO 4217).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Days from issue to due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_terms_days: Option<u32>,
    /// E-invoice profile for the e-invoice formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub einvoice_profile: Option<Profile>,
}

/// A customer as stored: its ID, the buyer it stands for, its defaults and whether it is
/// archived (an archived customer is kept for its invoices but refused by new ones).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// The handle, see [`valid_id`].
    pub id: String,
    /// The buyer, with the draft's buyer fields.
    pub buyer: Party,
    /// Invoicing defaults.
    #[serde(default)]
    pub defaults: CustomerDefaults,
    /// Archived customers cannot be invoiced any more.
    #[serde(default)]
    pub archived: bool,
}

/// The flat public form: `id`, the buyer's fields, the defaults, `archived`.
#[derive(Serialize)]
struct Flat<'a> {
    id: &'a str,
    #[serde(flatten)]
    buyer: &'a Party,
    #[serde(flatten)]
    defaults: &'a CustomerDefaults,
    archived: bool,
}

impl Customer {
    /// The customer as users read and write it (`customer show --format json`, the API):
    /// one flat object, the buyer's fields next to the defaults.
    #[must_use]
    pub fn public_json(&self) -> serde_json::Value {
        let flat = Flat { id: &self.id, buyer: &self.buyer, defaults: &self.defaults, archived: self.archived };
        // Plain strings, numbers and enums: serializing cannot fail.
        serde_json::to_value(flat).unwrap_or(serde_json::Value::Null)
    }
}

/// Defaults given on the command line that are not draft fields (a flag beats the draft
/// and the customer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlagDefaults {
    /// `--due Nd`.
    pub payment_terms_days: Option<u32>,
    /// `--profile`.
    pub einvoice_profile: Option<Profile>,
}

/// What a create uses once every layer is merged: the defaults for [`super::check`] and
/// the e-invoice profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The defaults to check the draft with.
    pub defaults: Defaults,
    /// The e-invoice profile.
    pub profile: Profile,
    /// The customer's own e-invoice profile, unless a flag chose another: the customer
    /// receives e-invoices of it, so every invoice for them must meet its requirements.
    pub required: Option<Profile>,
}

/// Merges the layers of a create, highest first: flags > draft > customer > config >
/// built-in (SPEC 14.1).
///
/// `draft` already holds the flags that are draft fields (`--to`, `--lang`, ...; the
/// command line writes them into it). Each buyer field the draft leaves empty is taken from
/// the customer, the address field by field (its `lines` as a whole), the electronic
/// address as a whole; so are `language`, `currency` and `buyer_reference`. `config`
/// holds the config file's defaults over the built-in ones, `config_profile` its profile.
#[must_use]
pub fn merge(
    customer: Option<&Customer>,
    draft: &mut Draft,
    config: &Defaults,
    config_profile: Profile,
    flags: FlagDefaults,
) -> Merged {
    let mut defaults = config.clone();
    let mut profile = config_profile;
    let mut required = None;
    if let Some(customer) = customer {
        let buyer = draft.buyer.get_or_insert_with(Party::default);
        fill_party(buyer, &customer.buyer);
        let d = &customer.defaults;
        fill(&mut draft.language, d.language);
        fill(&mut draft.currency, d.currency.clone());
        fill(&mut draft.buyer_reference, d.buyer_reference.clone());
        if let Some(days) = d.payment_terms_days {
            defaults.payment_terms_days = days;
        }
        if let Some(customer_profile) = d.einvoice_profile {
            profile = customer_profile;
            required = Some(customer_profile);
        }
        draft.customer = Some(customer.id.clone());
    }
    if let Some(days) = flags.payment_terms_days {
        defaults.payment_terms_days = days;
    }
    if let Some(flag_profile) = flags.einvoice_profile {
        profile = flag_profile;
        required = None;
    }
    Merged { defaults, profile, required }
}

fn fill<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn fill_party(party: &mut Party, from: &Party) {
    fill(&mut party.name, from.name.clone());
    fill(&mut party.vat_id, from.vat_id.clone());
    fill(&mut party.tax_id, from.tax_id.clone());
    fill(&mut party.email, from.email.clone());
    fill(&mut party.phone, from.phone.clone());
    fill(&mut party.contact_name, from.contact_name.clone());
    fill(&mut party.electronic_address, from.electronic_address.clone());
    fill(&mut party.legal_id, from.legal_id.clone());
    if let Some(from_address) = &from.address {
        let address = party.address.get_or_insert_with(Address::default);
        if address.lines.is_empty() {
            address.lines.clone_from(&from_address.lines);
        }
        fill(&mut address.city, from_address.city.clone());
        fill(&mut address.postal_code, from_address.postal_code.clone());
        fill(&mut address.country, from_address.country.clone());
    }
}

#[cfg(test)]
mod tests;
