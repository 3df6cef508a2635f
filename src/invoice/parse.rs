//! From JSON text to a [`Draft`], collecting every problem on the way.
//!
//! Each value is checked where it stands: its JSON type, exact number, text rules
//! (trimming, length, forbidden characters, markup) and code lists. Rules that need
//! several fields or the config file live in `validate.rs`.
//!
//! The accepted field names of each object come from the model types themselves (the
//! `serde` field lists), the same types `invoice schema` is generated from.

use super::customer::{self, Customer, CustomerDefaults};
use super::einvoice::Profile;
use super::json::{self, Json};
use super::model::{
    Address, Adjustment, DocumentType, Draft, ElectronicAddress, Language, Line, MAX_ADDRESS_LINES, MAX_ADJUSTMENTS,
    MAX_DESCRIPTION, MAX_LEGAL_LINE, MAX_LEGAL_LINES, MAX_LINES, MAX_NAME, MAX_NOTES, MAX_TERMS, MAX_TEXT, Party,
    Payment, PaymentMeans, Period, TaxCategory,
};
use super::money::{self, NumberError};
use super::problem::{Code, Problem, field_name};
use crate::security::text;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How text with markup is treated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Strip markup (reporting a warning per field) instead of refusing it.
    pub sanitize: bool,
}

/// The outcome of reading a draft: the draft (with refused values left out), every
/// problem found, and the sanitize-mode warnings.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// What could be read.
    pub draft: Draft,
    /// Every violation, in document order.
    pub problems: Vec<Problem>,
    /// Fields changed by sanitize mode.
    pub warnings: Vec<Problem>,
}

/// Reads a draft from raw bytes (a file or a request body).
#[must_use]
pub fn parse_draft(bytes: &[u8], options: Options) -> Parsed {
    match json::parse(bytes) {
        Ok(value) => draft_from_json(&value, options),
        Err(e) => Parsed { problems: vec![e.to_problem()], ..Parsed::default() },
    }
}

/// Reads a draft from a parsed JSON value.
#[must_use]
pub fn draft_from_json(value: &Json, options: Options) -> Parsed {
    let mut walker = Walker { problems: Vec::new(), warnings: Vec::new(), options };
    let draft = walker.draft(value);
    Parsed { draft, problems: walker.problems, warnings: walker.warnings }
}

/// Reads a party (used for the config file's `[seller]` table, with the same rules).
#[must_use]
pub fn party_from_json(value: &Json, path: &str) -> (Option<Party>, Vec<Problem>) {
    let mut walker = Walker { problems: Vec::new(), warnings: Vec::new(), options: Options::default() };
    let party = walker.party(value, &Loc::Root(path));
    (party, walker.problems)
}

/// Reads a customer (SPEC 14.1) from its flat JSON form: `id`, the draft's buyer fields,
/// and the defaults `buyer_reference`, `language`, `currency`, `payment_terms_days`,
/// `einvoice_profile`. Every field is checked exactly as in a draft (same codes and
/// messages); `id` and `name` are required.
#[must_use]
pub fn customer_from_json(value: &Json, options: Options) -> (Option<Customer>, Vec<Problem>, Vec<Problem>) {
    let mut walker = Walker { problems: Vec::new(), warnings: Vec::new(), options };
    let customer = walker.customer(value);
    let customer = customer.filter(|_| walker.problems.is_empty());
    (customer, walker.problems, walker.warnings)
}

/// Reads payment defaults (the config file's `[payment]` table), with the draft's rules.
#[must_use]
pub fn payment_from_json(value: &Json, path: &str) -> (Option<Payment>, Vec<Problem>) {
    let mut walker = Walker { problems: Vec::new(), warnings: Vec::new(), options: Options::default() };
    let payment = walker.payment(value, &Loc::Root(path));
    (payment, walker.problems)
}

/// Checks one free-text value (a void or credit reason) with the draft's text rules.
///
/// # Errors
/// The problem found (`forbidden_character`, `markup_not_allowed`, `too_long`, or
/// `required` for blank text), reported at `path`.
pub fn check_text(text: &str, path: &str, limit: usize, multiline: bool) -> Result<String, Problem> {
    let mut walker = Walker { problems: Vec::new(), warnings: Vec::new(), options: Options::default() };
    match walker.text(&Json::String(text.into()), &Loc::Root(path), limit, multiline) {
        Some(text) => Ok(text),
        None => Err(walker
            .problems
            .pop()
            .unwrap_or_else(|| Problem::new(path, Code::Required, format!("{} must not be blank", field_name(path))))),
    }
}

/// The field names serde accepts for `T`, in declaration order.
///
/// Taken from the derived `Deserialize` impl so the parser and the schema share one
/// list; see `tests::every_model_field_is_read`.
#[must_use]
pub fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut probe = FieldProbe(&[]);
    let _ = T::deserialize(&mut probe);
    probe.0
}

struct FieldProbe(&'static [&'static str]);

/// The accepted keys of each object in a draft, read once from the model types.
struct FieldLists {
    draft: &'static [&'static str],
    party: &'static [&'static str],
    address: &'static [&'static str],
    line: &'static [&'static str],
    adjustment: &'static [&'static str],
    payment: &'static [&'static str],
    electronic_address: &'static [&'static str],
    period: &'static [&'static str],
}

/// The accepted keys of a customer: its ID, the buyer's fields, its defaults.
static CUSTOMER_FIELDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut fields = vec!["id"];
    // `legal_text` is the seller's footer: a customer is a buyer and has none.
    fields.extend(field_names::<Party>().iter().filter(|&&f| f != "legal_text"));
    fields.extend_from_slice(field_names::<CustomerDefaults>());
    fields
});

static FIELDS: LazyLock<FieldLists> = LazyLock::new(|| FieldLists {
    draft: field_names::<Draft>(),
    party: field_names::<Party>(),
    address: field_names::<Address>(),
    line: field_names::<Line>(),
    adjustment: field_names::<Adjustment>(),
    payment: field_names::<Payment>(),
    electronic_address: field_names::<ElectronicAddress>(),
    period: field_names::<Period>(),
});

/// The members of an object that name a known field, first occurrence of each, in
/// document order. Unknown and repeated keys were reported by [`Walker::members`].
struct Members<'j, 'x> {
    entries: std::slice::Iter<'j, (Cow<'x, str>, Json<'x>)>,
    /// The accepted keys, or `None` when every key of the object is known and appears
    /// once (the usual case), so nothing needs skipping.
    fields: Option<&'static [&'static str]>,
    /// Bit `i` is set once `fields[i]` was yielded (no model type has 64 fields).
    seen: u64,
}

impl<'j, 'x> Iterator for Members<'j, 'x> {
    type Item = (&'j str, &'j Json<'x>);

    fn next(&mut self) -> Option<Self::Item> {
        let Some(fields) = self.fields else {
            return self.entries.next().map(|(key, value)| (key.as_ref(), value));
        };
        for (key, value) in self.entries.by_ref() {
            let Some(i) = fields.iter().position(|f| f == key) else { continue };
            let bit = 1u64 << i;
            if self.seen & bit == 0 {
                self.seen |= bit;
                return Some((key, value));
            }
        }
        None
    }
}

impl<'de> serde::Deserializer<'de> for &mut FieldProbe {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("field probe"))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(serde::de::Error::custom("field probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// Where a value sits in the draft. It becomes a JSON Pointer string only when a problem
/// is reported, so valid drafts build no path strings at all.
#[derive(Clone, Copy)]
enum Loc<'a> {
    /// A starting pointer ("" for the document, "/seller" for a config table).
    Root(&'a str),
    /// A member of an object.
    Key(&'a Loc<'a>, &'a str),
    /// An element of an array.
    Index(&'a Loc<'a>, usize),
}

impl<'a> Loc<'a> {
    fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Loc::Root(base) => out.push_str(base),
            Loc::Key(parent, key) => {
                parent.write(out);
                out.push('/');
                if key.contains(['~', '/']) {
                    out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                } else {
                    out.push_str(key);
                }
            }
            Loc::Index(parent, i) => {
                parent.write(out);
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }

    /// Whether this is a member of the seller (`/seller/...`), the only party with a
    /// legal text.
    fn is_seller(&self) -> bool {
        match self {
            Loc::Key(parent, _) => parent.pointer() == "/seller",
            Loc::Root(_) | Loc::Index(..) => false,
        }
    }

    /// The field name for messages ("/lines/0/quantity" → "quantity", "/lines/0" → "lines").
    fn name(&self) -> &'a str {
        match *self {
            Loc::Root(base) => field_name(base),
            Loc::Key(_, key) => key,
            Loc::Index(parent, _) => parent.name(),
        }
    }
}

/// Resolves a unit alias or UN/ECE Rec 20 code to the code.
#[must_use]
///
/// Exact words first (`h`, `Std`, `pièce`), then the codes themselves, then words ignoring
/// case and a trailing dot (`Std.`, `STK`): a code is never shadowed by a folded word.
pub fn unit_code(unit: &str) -> Option<&'static str> {
    use crate::render::vocabulary::{unit_word_code, unit_word_code_folded};
    if let Some(code) = unit_word_code(unit) {
        return Some(code);
    }
    if let Some(code) = super::unit_codes::known(unit) {
        return Some(code);
    }
    unit_word_code_folded(unit)
}

struct Walker {
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    options: Options,
}

impl Walker {
    fn problem(&mut self, path: &Loc<'_>, code: Code, message: impl Into<String>) {
        self.problems.push(Problem::new(path.pointer(), code, message));
    }

    fn type_error(&mut self, path: &Loc<'_>, expected: &str, found: &Json) {
        let name = path.name();
        self.problem(path, Code::InvalidType, format!("{name} must be {expected}, not {}", found.type_name()));
    }

    /// Checks `value` is an object, reports unknown and repeated keys, and returns the
    /// known members (first occurrence of each).
    fn members<'j, 'x>(
        &mut self,
        value: &'j Json<'x>,
        path: &Loc<'_>,
        fields: &'static [&'static str],
    ) -> Option<Members<'j, 'x>> {
        let Json::Object(entries) = value else {
            self.type_error(path, "an object", value);
            return None;
        };
        debug_assert!(fields.len() <= 64);
        let mut seen = 0u64;
        let mut clean = true;
        for (key, _) in entries {
            let key_path = Loc::Key(path, key);
            let index = fields.iter().position(|f| f == key);
            clean &= index.is_some_and(|i| seen & (1 << i) == 0);
            match index {
                None => {
                    let shown = text::display_safe(key);
                    self.problem(
                        &key_path,
                        Code::UnknownField,
                        format!("unknown field `{shown}`; expected one of: {}", fields.join(", ")),
                    );
                }
                Some(i) if seen & (1 << i) != 0 => {
                    self.problem(&key_path, Code::DuplicateField, format!("field `{key}` appears more than once"));
                }
                Some(i) => seen |= 1 << i,
            }
        }
        Some(Members { entries: entries.iter(), fields: (!clean).then_some(fields), seen: 0 })
    }

    fn draft(&mut self, value: &Json) -> Draft {
        let mut draft = Draft::default();
        let Some(members) = self.members(value, &Loc::Root(""), FIELDS.draft) else { return draft };
        for (key, value) in members {
            let path = Loc::Key(&Loc::Root(""), key);
            if matches!(value, Json::Null) {
                continue; // null means "not given" for every optional field
            }
            match key {
                "type" => draft.kind = self.document_type(value, &path),
                "series" => draft.series = self.series(value, &path),
                "issue_date" => draft.issue_date = self.date(value, &path),
                "due_date" => draft.due_date = self.date(value, &path),
                "currency" => draft.currency = self.currency(value, &path),
                "seller" => draft.seller = self.party(value, &path),
                "buyer" => draft.buyer = self.party(value, &path),
                "buyer_reference" => draft.buyer_reference = self.text(value, &path, MAX_TEXT, false),
                "order_reference" => draft.order_reference = self.text(value, &path, MAX_TEXT, false),
                "preceding_invoice" => draft.preceding_invoice = self.text(value, &path, MAX_TEXT, false),
                "delivery_date" => draft.delivery_date = self.date(value, &path),
                "delivery_address" => draft.delivery_address = self.address(value, &path),
                "period" => draft.period = self.period(value, &path),
                "lines" => draft.lines = self.list(value, &path, MAX_LINES, Self::line),
                "allowances" => draft.allowances = self.list(value, &path, MAX_ADJUSTMENTS, Self::adjustment),
                "charges" => draft.charges = self.list(value, &path, MAX_ADJUSTMENTS, Self::adjustment),
                "prepaid" => draft.prepaid = self.amount(value, &path),
                "payment" => draft.payment = self.payment(value, &path),
                "notes" => draft.notes = self.text(value, &path, MAX_NOTES, true),
                "language" => draft.language = self.language(value, &path),
                "customer" => draft.customer = self.customer_id(value, &path),
                _ => self.unhandled(&path),
            }
        }
        draft
    }

    fn unhandled(&mut self, path: &Loc<'_>) {
        // A model field without a parser arm is a bug; say so instead of dropping data.
        self.problem(
            path,
            Code::UnknownField,
            "field is not supported by this version (internal error, please report)",
        );
    }

    fn list<T>(
        &mut self,
        value: &Json,
        path: &Loc<'_>,
        max: usize,
        read: fn(&mut Self, &Json, &Loc<'_>) -> Option<T>,
    ) -> Vec<T> {
        let Json::Array(items) = value else {
            self.type_error(path, "an array", value);
            return Vec::new();
        };
        if items.len() > max {
            let name = path.name();
            self.problem(path, Code::TooMany, format!("{name} has {} entries; at most {max} are allowed", items.len()));
        }
        // Entries past the cap are not checked (SPEC 11): the one `too_many` above says it.
        let mut list = Vec::with_capacity(items.len().min(max));
        list.extend(items.iter().take(max).enumerate().filter_map(|(i, item)| read(self, item, &Loc::Index(path, i))));
        list
    }

    fn party(&mut self, value: &Json, path: &Loc<'_>) -> Option<Party> {
        let members = self.members(value, path, FIELDS.party)?;
        let mut party = Party::default();
        for (key, value) in members {
            let path = Loc::Key(path, key);
            if matches!(value, Json::Null) {
                continue;
            }
            self.party_field(&mut party, key, value, &path);
        }
        Some(party)
    }

    /// One member of a party (a draft's seller or buyer, a customer).
    fn party_field(&mut self, party: &mut Party, key: &str, value: &Json, path: &Loc<'_>) {
        match key {
            "name" => party.name = self.text(value, path, MAX_NAME, false),
            "vat_id" => party.vat_id = self.text(value, path, MAX_TEXT, false),
            "tax_id" => party.tax_id = self.text(value, path, MAX_TEXT, false),
            "email" => party.email = self.email(value, path),
            "phone" => party.phone = self.text(value, path, MAX_TEXT, false),
            "address" => party.address = self.address(value, path),
            "contact_name" => party.contact_name = self.text(value, path, MAX_NAME, false),
            "electronic_address" => party.electronic_address = self.electronic_address(value, path),
            "legal_id" => party.legal_id = self.text(value, path, MAX_TEXT, false),
            "legal_text" if path.is_seller() => {
                party.legal_text =
                    self.list(value, path, MAX_LEGAL_LINES, |w, v, p| w.text(v, p, MAX_LEGAL_LINE, false));
            }
            "legal_text" => self.problem(
                path,
                Code::InvalidValue,
                "legal_text belongs to the seller only (the legal mentions printed in the footer)",
            ),
            _ => self.unhandled(path),
        }
    }

    /// A customer (SPEC 14.1): `id`, the buyer's fields and the customer's defaults in one
    /// flat object; the buyer's fields are read exactly as a draft's buyer.
    fn customer(&mut self, value: &Json) -> Option<Customer> {
        let root = Loc::Root("");
        let members = self.members(value, &root, CUSTOMER_FIELDS.as_slice())?;
        let mut customer = Customer::default();
        for (key, value) in members {
            let path = Loc::Key(&root, key);
            if matches!(value, Json::Null) {
                continue;
            }
            let defaults = &mut customer.defaults;
            match key {
                "id" => customer.id = self.customer_id(value, &path).unwrap_or_default(),
                "buyer_reference" => defaults.buyer_reference = self.text(value, &path, MAX_TEXT, false),
                "language" => defaults.language = self.language(value, &path),
                "currency" => defaults.currency = self.currency(value, &path),
                "payment_terms_days" => defaults.payment_terms_days = self.days(value, &path),
                "einvoice_profile" => defaults.einvoice_profile = self.profile(value, &path),
                _ => self.party_field(&mut customer.buyer, key, value, &path),
            }
        }
        self.require(!customer.id.is_empty(), &root, "id");
        self.require(customer.buyer.name.is_some(), &root, "name");
        Some(customer)
    }

    /// A customer's ID, see [`customer::valid_id`].
    fn customer_id(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        let id = self.text(value, path, MAX_TEXT, false)?;
        if customer::valid_id(&id) {
            Some(id)
        } else {
            let name = path.name();
            let shown = text::display_safe(&id);
            self.problem(
                path,
                Code::InvalidValue,
                format!("{name} `{shown}` is not a customer ID: {}", customer::ID_RULE),
            );
            None
        }
    }

    /// A whole number of days, 0 to 3650 (ten years, as `[defaults] payment_terms_days`).
    fn days(&mut self, value: &Json, path: &Loc<'_>) -> Option<u32> {
        let days = self.decimal(value, path)?;
        let name = path.name();
        match u32::try_from(days.normalize().mantissa()) {
            Ok(n) if days.normalize().scale() == 0 && n <= 3650 => Some(n),
            _ => {
                self.problem(path, Code::OutOfRange, format!("{name} must be a whole number of days from 0 to 3650"));
                None
            }
        }
    }

    fn profile(&mut self, value: &Json, path: &Loc<'_>) -> Option<Profile> {
        let name = self.text_ref(value, path, MAX_TEXT, false)?;
        let profile = Profile::from_name(&name);
        if profile.is_none() {
            let field = path.name();
            self.problem(path, Code::InvalidValue, format!("{field} must be one of {}", Profile::NAMES));
        }
        profile
    }

    fn address(&mut self, value: &Json, path: &Loc<'_>) -> Option<Address> {
        let members = self.members(value, path, FIELDS.address)?;
        let mut address = Address::default();
        for (key, value) in members {
            let path = Loc::Key(path, key);
            if matches!(value, Json::Null) {
                continue;
            }
            match key {
                "lines" => {
                    address.lines = self.list(value, &path, MAX_ADDRESS_LINES, |w, v, p| w.text(v, p, MAX_TEXT, false));
                }
                "city" => address.city = self.text(value, &path, MAX_TEXT, false),
                "postal_code" => address.postal_code = self.text(value, &path, MAX_TEXT, false),
                "country" => address.country = self.country(value, &path),
                _ => self.unhandled(&path),
            }
        }
        Some(address)
    }

    fn line(&mut self, value: &Json, path: &Loc<'_>) -> Option<Line> {
        let members = self.members(value, path, FIELDS.line)?;
        let mut line = Line::default();
        for (key, value) in members {
            let path = Loc::Key(path, key);
            if matches!(value, Json::Null) {
                continue;
            }
            match key {
                "description" => line.description = self.text(value, &path, MAX_DESCRIPTION, false),
                "quantity" => line.quantity = self.quantity(value, &path),
                "unit" => line.unit = self.unit(value, &path),
                "unit_price" => line.unit_price = self.non_negative(value, &path),
                "tax_rate" | "discount_percent" => {
                    let v = self.percent(value, &path);
                    if key == "tax_rate" { line.tax_rate = v } else { line.discount_percent = v }
                }
                "tax_category" => line.tax_category = self.tax_category(value, &path),
                "tax_exemption_reason" => line.tax_exemption_reason = self.text(value, &path, MAX_TEXT, false),
                _ => self.unhandled(&path),
            }
        }
        self.require(line.description.is_some(), path, "description");
        self.require(line.quantity.is_some(), path, "quantity");
        self.require(line.unit_price.is_some(), path, "unit_price");
        Some(line)
    }

    fn adjustment(&mut self, value: &Json, path: &Loc<'_>) -> Option<Adjustment> {
        let members = self.members(value, path, FIELDS.adjustment)?;
        let mut adjustment = Adjustment::default();
        for (key, value) in members {
            let path = Loc::Key(path, key);
            if matches!(value, Json::Null) {
                continue;
            }
            match key {
                "reason" => adjustment.reason = self.text(value, &path, MAX_TEXT, false),
                "amount" => adjustment.amount = self.amount(value, &path),
                "tax_rate" => adjustment.tax_rate = self.percent(value, &path),
                "tax_category" => adjustment.tax_category = self.tax_category(value, &path),
                "tax_exemption_reason" => adjustment.tax_exemption_reason = self.text(value, &path, MAX_TEXT, false),
                _ => self.unhandled(&path),
            }
        }
        self.require(adjustment.reason.is_some(), path, "reason");
        self.require(adjustment.amount.is_some(), path, "amount");
        Some(adjustment)
    }

    /// Reports `required` for a member that has no value: missing, null or blank. A member
    /// that was given but refused already has its own problem, and gets no second one.
    fn require(&mut self, has_value: bool, path: &Loc<'_>, field: &str) {
        if has_value {
            return;
        }
        let field_path = Loc::Key(path, field);
        let pointer = field_path.pointer();
        // This object's problems are the newest ones (its members were just read), so
        // look back only through those: scanning every problem so far made a draft with
        // many bad lines cost quadratic time.
        let object = path.pointer();
        let inside = |p: &&Problem| p.path.strip_prefix(object.as_str()).is_some_and(|rest| rest.starts_with('/'));
        if !self.problems.iter().rev().take_while(inside).any(|p| p.path == pointer) {
            self.problems.push(Problem::new(pointer, Code::Required, format!("{field} is required")));
        }
    }

    fn payment(&mut self, value: &Json, path: &Loc<'_>) -> Option<Payment> {
        let members = self.members(value, path, FIELDS.payment)?;
        let mut payment = Payment::default();
        for (key, value) in members {
            let path = Loc::Key(path, key);
            if matches!(value, Json::Null) {
                continue;
            }
            match key {
                "means" => {
                    let Some(means) = self.text_ref(value, &path, MAX_TEXT, false) else { continue };
                    payment.means = PaymentMeans::from_name(&means);
                    if payment.means.is_none() {
                        self.problem(
                            &path,
                            Code::InvalidValue,
                            format!("means must be one of: {}", PaymentMeans::NAMES),
                        );
                    }
                }
                "iban" => payment.iban = self.iban(value, &path),
                "bic" => payment.bic = self.bic(value, &path),
                "terms" => payment.terms = self.text(value, &path, MAX_TERMS, false),
                "reference" => payment.reference = self.text(value, &path, MAX_TEXT, false),
                "mandate_reference" => payment.mandate_reference = self.text(value, &path, MAX_TEXT, false),
                "creditor_id" => payment.creditor_id = self.text(value, &path, MAX_TEXT, false),
                "debtor_iban" => payment.debtor_iban = self.iban(value, &path),
                _ => self.unhandled(&path),
            }
        }
        Some(payment)
    }

    /// An electronic address: a CEF EAS `scheme` and an `id`, both required.
    fn electronic_address(&mut self, value: &Json, path: &Loc<'_>) -> Option<ElectronicAddress> {
        let members = self.members(value, path, FIELDS.electronic_address)?;
        let mut address = ElectronicAddress::default();
        for (key, value) in members {
            let path = Loc::Key(path, key);
            if matches!(value, Json::Null) {
                continue;
            }
            match key {
                "scheme" => {
                    let Some(scheme) = self.text(value, &path, MAX_TEXT, false) else { continue };
                    if crate::invoice::eas::is_eas_code(&scheme) {
                        address.scheme = Some(scheme);
                    } else {
                        self.problem(
                            &path,
                            Code::InvalidValue,
                            format!(
                                "scheme `{}` is not a code of the CEF EAS list (EM e-mail, 0088 GLN, 0204 Leitweg-ID, 9930 German VAT, 0208 Belgian enterprise number, ...)",
                                text::display_safe(&scheme)
                            ),
                        );
                    }
                }
                "id" => address.id = self.text(value, &path, MAX_TEXT, false),
                _ => self.unhandled(&path),
            }
        }
        self.require(address.scheme.is_some(), path, "scheme");
        self.require(address.id.is_some(), path, "id");
        Some(address)
    }

    /// An invoicing period: `start` and/or `end`; `end` before `start` is `invalid_value`.
    fn period(&mut self, value: &Json, path: &Loc<'_>) -> Option<Period> {
        let members = self.members(value, path, FIELDS.period)?;
        let mut period = Period::default();
        for (key, value) in members {
            let path = Loc::Key(path, key);
            if matches!(value, Json::Null) {
                continue;
            }
            match key {
                "start" => period.start = self.date(value, &path),
                "end" => period.end = self.date(value, &path),
                _ => self.unhandled(&path),
            }
        }
        if let (Some(start), Some(end)) = (period.start, period.end)
            && end < start
        {
            self.problem(
                &Loc::Key(path, "end"),
                Code::InvalidValue,
                format!("period end {end} is earlier than its start {start}"),
            );
            return None;
        }
        if period.start.is_none() && period.end.is_none() {
            return None;
        }
        Some(period)
    }

    /// A text field: trimmed, length-checked in characters, free of forbidden characters
    /// and markup. Blank text counts as absent.
    fn text(&mut self, value: &Json, path: &Loc<'_>, limit: usize, multiline: bool) -> Option<String> {
        self.text_ref(value, path, limit, multiline).map(Cow::into_owned)
    }

    /// [`Self::text`] without copying: the trimmed text borrowed from the value, or the
    /// sanitized copy.
    fn text_ref<'v>(&mut self, value: &'v Json, path: &Loc<'_>, limit: usize, multiline: bool) -> Option<Cow<'v, str>> {
        let Json::String(raw) = value else {
            self.type_error(path, "a string", value);
            return None;
        };
        let trimmed = trim(raw);
        if trimmed.is_empty() {
            return None;
        }
        // One pass tells which exact checks can find anything; most text needs none.
        let scan = text::scan(trimmed);
        if !scan.maybe_forbidden && !scan.maybe_markup {
            if scan.chars > limit {
                self.too_long(path, scan.chars, limit);
                return None;
            }
            return Some(Cow::Borrowed(trimmed));
        }
        let name = path.name();
        let forbidden = if scan.maybe_forbidden { text::forbidden_char(trimmed, multiline) } else { None };
        if let Some(c) = forbidden {
            let (code, what) = if text::xml_char(c) {
                (Code::ForbiddenCharacter, "the forbidden character")
            } else {
                (Code::InvalidCharacter, "a character XML cannot carry,")
            };
            self.problem(path, code, format!("{name} contains {what} {}", text::describe_char(c)));
            return None;
        }
        let mut sanitized = None;
        let markup = if scan.maybe_markup { text::find_markup(trimmed) } else { None };
        if let Some(kind) = markup {
            if !self.options.sanitize {
                self.problem(
                    path,
                    Code::MarkupNotAllowed,
                    format!(
                        "{name} contains {}; markup is not allowed in invoice text (use --sanitize to strip it)",
                        kind.describe()
                    ),
                );
                return None;
            }
            self.warnings.push(Problem::new(
                path.pointer(),
                Code::MarkupRemoved,
                format!("{name}: removed {} (sanitize mode)", kind.describe()),
            ));
            let stripped = text::strip_markup(trimmed).unwrap_or_default();
            if stripped.trim().is_empty() {
                return None;
            }
            sanitized = Some(stripped);
        }
        let length = sanitized.as_deref().map_or(scan.chars, |stripped| stripped.trim().chars().count());
        if length > limit {
            self.too_long(path, length, limit);
            return None;
        }
        Some(match sanitized {
            Some(stripped) => Cow::Owned(stripped.trim().to_owned()),
            None => Cow::Borrowed(trimmed),
        })
    }

    fn too_long(&mut self, path: &Loc<'_>, length: usize, limit: usize) {
        let name = path.name();
        self.problem(path, Code::TooLong, format!("{name} is {length} characters long; at most {limit} are allowed"));
    }

    fn series(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        let series = self.text(value, path, MAX_TEXT, false)?;
        if valid_series(&series) {
            Some(series)
        } else {
            self.problem(
                path,
                Code::InvalidValue,
                "series may contain only ASCII letters, digits, '-' and '_' (1 to 20 characters)",
            );
            None
        }
    }

    fn document_type(&mut self, value: &Json, path: &Loc<'_>) -> Option<DocumentType> {
        let name = self.text_ref(value, path, MAX_TEXT, false)?;
        match name.as_ref() {
            "invoice" => Some(DocumentType::Invoice),
            "credit_note" => Some(DocumentType::CreditNote),
            _ => {
                self.problem(path, Code::InvalidValue, "type must be `invoice` or `credit_note`");
                None
            }
        }
    }

    fn language(&mut self, value: &Json, path: &Loc<'_>) -> Option<Language> {
        let name = self.text_ref(value, path, MAX_TEXT, false)?;
        let language = Language::from_name(&name);
        if language.is_none() {
            let names = Language::NAMES;
            self.problem(path, Code::InvalidValue, format!("language must be one of {names}"));
        }
        language
    }

    fn date(&mut self, value: &Json, path: &Loc<'_>) -> Option<NaiveDate> {
        let text = self.text_ref(value, path, MAX_TEXT, false)?;
        let date = parse_date(&text);
        if date.is_none() {
            let name = path.name();
            self.problem(
                path,
                Code::InvalidDate,
                format!("{name} `{}` is not a calendar date in YYYY-MM-DD form", text::display_safe(&text)),
            );
        }
        date
    }

    fn currency(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        let code = self.text_ref(value, path, MAX_TEXT, false)?.to_ascii_uppercase();
        if money::minor_units(&code).is_some() {
            Some(code)
        } else {
            self.problem(
                path,
                Code::InvalidCurrency,
                format!(
                    "currency `{}` is not an active ISO 4217 currency code (e.g. EUR, USD, JPY)",
                    text::display_safe(&code)
                ),
            );
            None
        }
    }

    fn country(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        let code = self.text_ref(value, path, MAX_TEXT, false)?.to_ascii_uppercase();
        if code.len() == 2 && isocountry::CountryCode::for_alpha2(&code).is_ok() {
            Some(code)
        } else {
            self.problem(
                path,
                Code::InvalidCountry,
                format!("country `{}` is not an ISO 3166-1 alpha-2 code (e.g. DE, GB, JP)", text::display_safe(&code)),
            );
            None
        }
    }

    fn email(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        use validator::ValidateEmail;
        let email = self.text(value, path, MAX_TEXT, false)?;
        if email.validate_email() {
            Some(email)
        } else {
            self.problem(
                path,
                Code::InvalidEmail,
                format!("`{}` is not an e-mail address", text::display_safe(&email)),
            );
            None
        }
    }

    fn unit(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        let unit = self.text_ref(value, path, MAX_TEXT, false)?;
        if let Some(code) = unit_code(&unit) {
            Some(code.to_owned())
        } else {
            self.problem(path, Code::InvalidUnit, format!("unit `{}` is neither a UN/ECE Recommendation 20 code (HUR, DAY, C62, KGM, ...) nor a known unit word (h, Std, heure, day, Tag, jour, pcs, Stk, pièce, kg, ...)", text::display_safe(&unit)));
            None
        }
    }

    fn tax_category(&mut self, value: &Json, path: &Loc<'_>) -> Option<TaxCategory> {
        let code = self.text_ref(value, path, MAX_TEXT, false)?;
        let category = TaxCategory::from_code(&code);
        if category.is_none() {
            self.problem(
                path,
                Code::InvalidTaxCategory,
                format!("tax_category `{}` is not one of S, Z, E, AE, K, G, O", text::display_safe(&code)),
            );
        }
        category
    }

    fn iban(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        let raw = self.text_ref(value, path, MAX_TEXT, false)?;
        let mut normalized = String::with_capacity(raw.len());
        normalized.extend(raw.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()));
        match normalized.parse::<iban::Iban>() {
            Ok(_) => Some(normalized),
            Err(e) => {
                let why = match e {
                    iban::ParseIbanError::InvalidBaseIban { source: iban::ParseBaseIbanError::InvalidChecksum } => {
                        "its check digits are wrong"
                    }
                    iban::ParseIbanError::InvalidBban(_) | iban::ParseIbanError::UnknownCountry(_) => {
                        "its length or format does not match its country"
                    }
                    iban::ParseIbanError::InvalidBaseIban { .. } => "it is not in IBAN format",
                };
                let name = path.name();
                self.problem(path, Code::InvalidIban, format!("{name} is not valid: {why}"));
                None
            }
        }
    }

    fn bic(&mut self, value: &Json, path: &Loc<'_>) -> Option<String> {
        let bic = self.text_ref(value, path, MAX_TEXT, false)?.to_ascii_uppercase();
        let b = bic.as_bytes();
        let valid = (b.len() == 8 || b.len() == 11)
            && b.is_ascii()
            && b[..4].iter().all(u8::is_ascii_alphabetic)
            && isocountry::CountryCode::for_alpha2(&bic[4..6]).is_ok()
            && b[6..].iter().all(u8::is_ascii_alphanumeric);
        if valid {
            Some(bic)
        } else {
            self.problem(
                path,
                Code::InvalidValue,
                "bic must be a BIC of 8 or 11 characters (bank, country, location, branch), e.g. COBADEFFXXX",
            );
            None
        }
    }

    /// Any exact decimal, string or number.
    fn decimal(&mut self, value: &Json, path: &Loc<'_>) -> Option<Decimal> {
        let name = path.name();
        let result = match value {
            Json::Number(text) => money::parse_json_number(text),
            Json::String(text) => money::parse_decimal_text(trim(text)),
            other => {
                self.type_error(path, "a number or a decimal string", other);
                return None;
            }
        };
        match result {
            Ok(v) => Some(v),
            Err(NumberError::NotDecimal) => {
                self.problem(path, Code::InvalidType, format!("{name} must be a plain decimal number like \"12.50\""));
                None
            }
            Err(NumberError::TooLarge) => {
                self.problem(path, Code::OutOfRange, format!("{name} is larger than 10^12 in magnitude"));
                None
            }
            Err(NumberError::TooPrecise) => {
                self.problem(
                    path,
                    Code::OutOfRange,
                    format!("{name} has more than {} decimal places", money::MAX_DECIMALS),
                );
                None
            }
        }
    }

    fn quantity(&mut self, value: &Json, path: &Loc<'_>) -> Option<Decimal> {
        let q = self.decimal(value, path)?;
        if q.is_sign_negative() || q.is_zero() {
            self.problem(path, Code::MustBePositive, "quantity must be greater than 0");
            return None;
        }
        Some(q)
    }

    fn non_negative(&mut self, value: &Json, path: &Loc<'_>) -> Option<Decimal> {
        let v = self.decimal(value, path)?;
        if v.is_sign_negative() && !v.is_zero() {
            let name = path.name();
            self.problem(path, Code::OutOfRange, format!("{name} must not be negative"));
            return None;
        }
        Some(v)
    }

    /// A document amount: not negative; its decimals are checked against the currency later.
    fn amount(&mut self, value: &Json, path: &Loc<'_>) -> Option<Decimal> {
        self.non_negative(value, path)
    }

    fn percent(&mut self, value: &Json, path: &Loc<'_>) -> Option<Decimal> {
        let v = self.decimal(value, path)?;
        if (v.is_sign_negative() && !v.is_zero()) || v > Decimal::ONE_HUNDRED {
            let name = path.name();
            self.problem(path, Code::OutOfRange, format!("{name} must be between 0 and 100"));
            return None;
        }
        Some(v)
    }
}

/// `str::trim`, with a shortcut for the usual text that starts and ends with a visible
/// ASCII character (nothing to trim, no need to decode characters at either end).
fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether `series` can be used in invoice numbers: 1–20 of `A-Za-z0-9-_`.
#[must_use]
pub fn valid_series(series: &str) -> bool {
    (1..=20).contains(&series.len()) && series.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Parses a strict `YYYY-MM-DD` calendar date.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    // The shape check above leaves only ASCII digits in these ranges.
    let number = |range: std::ops::Range<usize>| b[range].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let year = i32::try_from(number(0..4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
}

#[cfg(test)]
mod tests;
