//! Customer workflows (SPEC 14.1), the same for the command line and the daemon: add,
//! edit, archive and delete a customer, and resolve the customer a draft names.
//!
//! The rules live here and in [`crate::invoice::customer`]; the store only keeps rows.

use crate::error::{ConflictKind, Error, Result};
use crate::invoice::customer::{self, Customer, FlagDefaults, Merged};
use crate::invoice::einvoice::Profile;
use crate::invoice::json::{self, Json};
use crate::invoice::parse::{Options, Parsed, customer_from_json};
use crate::invoice::{Code, Defaults, Problem};
use crate::store::{Actor, CustomerWrite, Store};

/// What to do to a customer.
#[derive(Debug)]
pub enum Change {
    /// Add a new customer from its flat JSON form.
    Add(Json<'static>),
    /// Replace a customer's fields with this flat JSON form (its ID stays).
    Edit(Json<'static>),
    /// Archive it.
    Archive,
}

/// Adds, edits or archives customer `id`; returns the customer as stored.
///
/// # Errors
/// [`Error::Invalid`] with every problem of the fields, [`Error::Conflict`] when adding an
/// ID in use, [`Error::NotFound`] when editing an unknown one, [`Error::Store`].
pub async fn change(store: &Store, id: &str, change: Change, actor: &Actor) -> Result<Customer> {
    match change {
        Change::Add(input) => {
            let customer = read(&input)?;
            store.write_customer(CustomerWrite::Insert(customer.clone()), actor).await?;
            Ok(customer)
        }
        Change::Edit(input) => {
            let stored = get(store, id).await?;
            let mut customer = read(&input)?;
            if customer.id != id {
                return Err(Error::Invalid {
                    problems: vec![Problem::new(
                        "/id",
                        Code::InvalidValue,
                        format!("id cannot be changed (it is `{id}`); add a new customer instead"),
                    )],
                });
            }
            customer.archived = stored.archived;
            store.write_customer(CustomerWrite::Update(customer.clone()), actor).await?;
            Ok(customer)
        }
        Change::Archive => {
            let mut customer = get(store, id).await?;
            customer.archived = true;
            store.write_customer(CustomerWrite::Archive(customer.id.clone()), actor).await?;
            Ok(customer)
        }
    }
}

/// Deletes a customer that no invoice and no schedule names.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Conflict`] when invoices or schedules name it.
pub async fn delete(store: &Store, id: &str, actor: &Actor) -> Result<()> {
    store.write_customer(CustomerWrite::Delete(id.to_owned()), actor).await
}

/// One customer.
///
/// # Errors
/// [`Error::NotFound`] when no customer has this ID, [`Error::Store`].
pub async fn get(store: &Store, id: &str) -> Result<Customer> {
    store.customers(Some(id)).await?.pop().ok_or_else(|| not_found(id))
}

/// Every customer by ID; archived ones only with `archived`.
///
/// # Errors
/// [`Error::Store`].
pub async fn list(store: &Store, archived: bool) -> Result<Vec<Customer>> {
    let mut all = store.customers(None).await?;
    all.retain(|c| archived || !c.archived);
    Ok(all)
}

fn not_found(id: &str) -> Error {
    Error::NotFound { what: format!("customer {}", crate::security::text::display_safe(id)) }
}

/// Reads a customer's flat JSON form with the draft's checks.
fn read(input: &Json) -> Result<Customer> {
    let (customer, problems, _) = customer_from_json(input, Options::default());
    match customer {
        Some(customer) if problems.is_empty() => Ok(customer),
        _ => Err(Error::Invalid { problems }),
    }
}

/// The customer's flat JSON form without `archived`, as `edit` starts from.
#[must_use]
pub fn input_json(customer: &Customer) -> Json<'static> {
    let mut public = customer.public_json();
    if let serde_json::Value::Object(map) = &mut public {
        map.remove("archived");
    }
    let text = public.to_string();
    json::parse(text.as_bytes()).map(Json::into_owned).unwrap_or(Json::Object(Vec::new()))
}

/// RFC 7396 JSON merge patch: members of `patch` replace those of `target`, objects
/// merge member by member, `null` removes a member.
#[must_use]
pub fn merge_patch(target: Json<'static>, patch: Json<'static>) -> Json<'static> {
    let Json::Object(patch_members) = patch else { return patch };
    let mut members = match target {
        Json::Object(members) => members,
        _ => Vec::new(),
    };
    for (key, value) in patch_members {
        let at = members.iter().position(|(k, _)| *k == key);
        match (value, at) {
            (Json::Null, Some(i)) => {
                members.remove(i);
            }
            (Json::Null, None) => {}
            (value, Some(i)) => {
                let old = std::mem::replace(&mut members[i].1, Json::Null);
                members[i].1 = merge_patch(old, value);
            }
            (value, None) => members.push((key, merge_patch(Json::Null, value))),
        }
    }
    Json::Object(members)
}

/// Resolves the customer a parsed draft names (if any) and merges every layer
/// ([`customer::merge`]): see [`merge_found`].
///
/// # Errors
/// As [`merge_found`]; [`Error::Store`] when the customer cannot be read.
pub async fn resolve(
    store: &Store,
    parsed: &mut Parsed,
    defaults: &Defaults,
    profile: Profile,
    flags: FlagDefaults,
) -> Result<Merged> {
    let found = match &parsed.draft.customer {
        Some(id) => store.customers(Some(id)).await?.pop(),
        None => None,
    };
    merge_found(found.as_ref(), parsed, defaults, profile, flags)
}

/// Merges the customer the draft names, as `found` in the store (or not), into the draft.
///
/// # Errors
/// [`Error::Invalid`] when the draft names an unknown or archived customer: a problem at
/// `/customer` after the draft's own problems, and none of the "required" problems the
/// missing customer would cause.
pub fn merge_found(
    found: Option<&Customer>,
    parsed: &mut Parsed,
    defaults: &Defaults,
    profile: Profile,
    flags: FlagDefaults,
) -> Result<Merged> {
    if let Some(id) = &parsed.draft.customer
        && found.is_none_or(|c| c.archived)
    {
        let shown = crate::security::text::display_safe(id);
        let message = if found.is_some() {
            format!("customer `{shown}` is archived; it cannot be invoiced any more")
        } else {
            format!("customer `{shown}` does not exist (see `invoice customer list`)")
        };
        let mut problems = std::mem::take(&mut parsed.problems);
        problems.push(Problem::new("/customer", Code::InvalidValue, message));
        return Err(Error::Invalid { problems });
    }
    Ok(customer::merge(found, &mut parsed.draft, defaults, profile, flags))
}

/// The conflict of adding an ID that is taken.
#[must_use]
pub fn exists(id: &str) -> Error {
    Error::Conflict {
        kind: ConflictKind::AlreadyExists,
        message: format!("customer {id} already exists; change it with `invoice customer edit {id}`"),
    }
}
