//! Customers, schedules and the occurrences they issued (SPEC 14) in the store: the rows
//! both engines keep, and the [`Store`] calls over them.
//!
//! The engines store and return rows; reading a row's document into a [`Customer`]
//! happens here, once for both. A schedule is the recurring layer's type: the store keeps
//! the document that layer writes ([`ScheduleDocument`]) and hands back its rows.

use super::{Actor, Issue, Numbering, Store};
use crate::error::{ConflictKind, Error, Result};
use crate::invoice::Invoice;
use crate::invoice::customer::Customer;
use chrono::NaiveDate;

/// A change of the customer table (each writes its audit entry in the same transaction).
#[derive(Debug, Clone)]
pub enum CustomerWrite {
    /// A new customer; a taken ID is [`ConflictKind::AlreadyExists`].
    Insert(Customer),
    /// New fields for an existing customer (its archived flag stays).
    Update(Customer),
    /// Archive the customer with this ID.
    Archive(String),
    /// Delete the customer with this ID: refused ([`ConflictKind::InUse`]) while an
    /// invoice or a schedule names it.
    Delete(String),
}

/// A change of the schedule table.
#[derive(Debug, Clone)]
pub enum ScheduleWrite {
    /// A new schedule; a taken ID is [`ConflictKind::AlreadyExists`].
    Insert(ScheduleDocument),
    /// New rule or status for an existing schedule.
    Update(ScheduleDocument),
}

/// A schedule as the store receives it: its keys, and the document the recurring layer
/// wrote (without its last issued occurrence, which the store reads from the occurrences).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleDocument {
    /// ID.
    pub id: String,
    /// The customer's ID.
    pub customer: String,
    /// The status's name, for the audit entry of a change.
    pub status: String,
    /// The schedule as JSON.
    pub document: String,
}

/// One issued occurrence of a schedule: which invoice it produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The schedule's ID.
    pub schedule: String,
    /// The occurrence's date.
    pub date: NaiveDate,
    /// The invoice it produced.
    pub number: String,
}

/// A stored customer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    /// ID.
    pub id: String,
    /// The customer as JSON (its `archived` is the column's).
    pub document: String,
    /// Archived.
    pub archived: bool,
    /// Creation time, RFC 3339.
    pub created_at: String,
    /// Last change, RFC 3339.
    pub updated_at: String,
}

/// A stored schedule row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    /// ID.
    pub id: String,
    /// The customer's ID.
    pub customer: String,
    /// The schedule as JSON.
    pub document: String,
    /// Creation time, RFC 3339.
    pub created_at: String,
    /// Last change, RFC 3339.
    pub updated_at: String,
}

/// The customer and schedule tables of a store (part of its dump).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Customers by ID.
    pub customers: Vec<CustomerRow>,
    /// Schedules by ID.
    pub schedules: Vec<ScheduleRow>,
    /// Issued occurrences by schedule and date.
    pub occurrences: Vec<Occurrence>,
}

pub(crate) fn customer_row(customer: &Customer, now: &str) -> Result<CustomerRow> {
    let document = serde_json::to_string(customer)
        .map_err(|e| Error::Internal(format!("failed to serialize customer {}: {e}", customer.id)))?;
    Ok(CustomerRow {
        id: customer.id.clone(),
        document,
        archived: customer.archived,
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
    })
}

pub(crate) fn schedule_row(schedule: &ScheduleDocument, now: &str) -> ScheduleRow {
    ScheduleRow {
        id: schedule.id.clone(),
        customer: schedule.customer.clone(),
        document: schedule.document.clone(),
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
    }
}

/// The error of a stored document that does not read back.
pub(crate) fn damaged(what: &str, id: &str, e: &serde_json::Error) -> Error {
    Error::Store { action: format!("read {what} {id}"), message: format!("the stored document is damaged: {e}") }
}

/// The conflict of an ID that is taken.
pub(crate) fn exists(what: &str, id: &str) -> Error {
    Error::Conflict { kind: ConflictKind::AlreadyExists, message: format!("{what} {id} already exists") }
}

/// An unknown customer or schedule.
pub(crate) fn unknown(what: &str, id: &str) -> Error {
    Error::NotFound { what: format!("{what} {}", crate::security::text::display_safe(id)) }
}

/// The refusal to delete a customer that invoices or schedules name.
pub(crate) fn in_use(id: &str, invoices: i64, schedules: i64) -> Error {
    Error::Conflict {
        kind: ConflictKind::InUse,
        message: format!(
            "customer {id} has {invoices} invoice(s) and {schedules} schedule(s); it cannot be deleted, \
             archive it instead (`invoice customer archive {id}`)"
        ),
    }
}

/// An occurrence issued before (by this or another process).
pub(crate) fn occurrence_issued(occurrence: &Occurrence) -> Error {
    Error::Conflict {
        kind: ConflictKind::OccurrenceIssued,
        message: format!("the occurrence of {} on {} was already issued", occurrence.schedule, occurrence.date),
    }
}

/// The audit action and detail of a customer write.
pub(crate) fn customer_audit(write: &CustomerWrite) -> (&'static str, String) {
    match write {
        CustomerWrite::Insert(c) => ("customer_add", c.id.clone()),
        CustomerWrite::Update(c) => ("customer_edit", c.id.clone()),
        CustomerWrite::Archive(id) => ("customer_archive", id.clone()),
        CustomerWrite::Delete(id) => ("customer_delete", id.clone()),
    }
}

/// The audit action and detail of a schedule write.
pub(crate) fn schedule_audit(write: &ScheduleWrite) -> (&'static str, String) {
    match write {
        ScheduleWrite::Insert(s) => ("schedule_add", format!("{} for customer {}", s.id, s.customer)),
        ScheduleWrite::Update(s) => ("schedule_change", format!("{} is {}", s.id, s.status)),
    }
}

impl Store {
    /// Customers by ID: the one with `id`, or all.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures or a damaged row.
    pub async fn customers(&self, id: Option<&str>) -> Result<Vec<Customer>> {
        let rows = self.engine.customers(id.map(str::to_owned)).await?;
        rows.into_iter()
            .map(|row| {
                let mut customer: Customer =
                    serde_json::from_str(&row.document).map_err(|e| damaged("customer", &row.id, &e))?;
                customer.archived = row.archived;
                Ok(customer)
            })
            .collect()
    }

    /// Adds, changes, archives or deletes a customer, with its audit entry, in one transaction.
    ///
    /// # Errors
    /// [`Error::Conflict`] for a taken ID or a customer in use, [`Error::NotFound`],
    /// [`Error::Store`].
    pub async fn write_customer(&self, write: CustomerWrite, actor: &Actor) -> Result<()> {
        self.engine.write_customer(write, actor.clone()).await
    }

    /// Schedule rows by ID: the one with `id`, or all; each with its last issued occurrence.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn schedules(&self, id: Option<&str>) -> Result<Vec<(ScheduleRow, Option<NaiveDate>)>> {
        self.engine.schedules(id.map(str::to_owned)).await
    }

    /// Adds or changes a schedule, with its audit entry.
    ///
    /// # Errors
    /// [`Error::Conflict`] for a taken ID, [`Error::NotFound`], [`Error::Store`].
    pub async fn write_schedule(&self, write: ScheduleWrite, actor: &Actor) -> Result<()> {
        self.engine.write_schedule(write, actor.clone()).await
    }

    /// The issued occurrences of one schedule, or of all, by schedule and date.
    ///
    /// # Errors
    /// [`Error::Store`].
    pub async fn occurrences(&self, schedule: Option<&str>) -> Result<Vec<Occurrence>> {
        self.engine.occurrences(schedule.map(str::to_owned)).await
    }

    /// Issues the invoice of one occurrence and links the two in the same transaction; the
    /// link is unique, so an occurrence is issued once whatever runs at the same time.
    ///
    /// # Errors
    /// [`ConflictKind::OccurrenceIssued`] when it was issued already (nothing is written and
    /// no number used); otherwise as [`Store::issue`].
    pub async fn issue_occurrence<'a>(
        &self,
        invoice: Invoice,
        numbering: impl Into<Numbering<'a>>,
        occurrence: Occurrence,
        actor: &Actor,
    ) -> Result<String> {
        let numbering = numbering.into();
        let issue = Issue {
            invoice,
            pattern: numbering.pattern.to_owned(),
            chronological: numbering.chronological,
            idempotency: None,
            actor: actor.clone(),
            occurrence: Some(occurrence),
        };
        let issued = self.engine.issue(issue).await?;
        issued.invoice.number.ok_or_else(|| Error::Internal("an issued invoice has no number".into()))
    }
}
