//! Recurring workflows (SPEC 14.2), the same for every front end: add a schedule, change
//! its status, and `run`: issue every occurrence that is due and not yet issued.
//!
//! Idempotence does not depend on this code being careful: the store links each
//! occurrence to its invoice under a uniqueness constraint, in the transaction that
//! numbers the invoice, so a second process (or host) that reaches the same occurrence
//! gets a conflict and issues nothing.

use super::{Rule, Schedule, Status, occurrence_draft, template_problems, valid_id};
use crate::config::Config;
use crate::customers;
use crate::error::{ConflictKind, Error, Result};
use crate::invoice::customer::{Customer, FlagDefaults};
use crate::invoice::json::{self, Json};
use crate::invoice::model::Language;
use crate::invoice::parse::{Options, draft_from_json};
use crate::invoice::{Code, Problem};
use crate::store::{Actor, Occurrence, ScheduleDocument, ScheduleWrite, Store};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// What `run` did (or, dry, would do) with one occurrence.
#[derive(Debug)]
pub enum Outcome {
    /// Issued as this invoice.
    Issued {
        /// The schedule.
        schedule: String,
        /// The occurrence.
        date: NaiveDate,
        /// The invoice number.
        number: String,
    },
    /// Due and not issued (`--dry-run`).
    Due {
        /// The schedule.
        schedule: String,
        /// The occurrence.
        date: NaiveDate,
    },
    /// The schedule stopped here: this occurrence and its later ones were not issued.
    Failed {
        /// The schedule.
        schedule: String,
        /// The occurrence.
        date: NaiveDate,
        /// Why.
        error: Error,
    },
}

impl Outcome {
    /// The outcome as JSON (`recurring run --format json`).
    #[must_use]
    pub fn public_json(&self) -> serde_json::Value {
        match self {
            Outcome::Issued { schedule, date, number } => {
                serde_json::json!({"schedule": schedule, "occurrence": date, "result": "issued", "number": number})
            }
            Outcome::Due { schedule, date } => {
                serde_json::json!({"schedule": schedule, "occurrence": date, "result": "due"})
            }
            Outcome::Failed { schedule, date, error } => {
                let problems: Vec<_> = match error {
                    Error::Invalid { problems } => problems
                        .iter()
                        .map(|p| serde_json::json!({"path": p.path, "code": p.code.as_str(), "message": p.message}))
                        .collect(),
                    _ => Vec::new(),
                };
                serde_json::json!({"schedule": schedule, "occurrence": date, "result": "failed",
                    "error": error.to_string(), "problems": problems})
            }
        }
    }
}

/// A change of a schedule's status.
#[derive(Debug, Clone, Copy)]
pub enum ScheduleChange {
    /// Pause.
    Pause,
    /// Resume; occurrences before this date are skipped.
    Resume(NaiveDate),
    /// End on this date (the last day an occurrence may fall on).
    End(NaiveDate),
}

/// Adds a schedule after checking its template as the draft of its first occurrence.
///
/// # Errors
/// [`Error::Invalid`] for a bad ID, customer or template; [`Error::Conflict`] for an ID in
/// use; [`Error::Store`].
#[allow(clippy::too_many_arguments)]
pub async fn add(
    store: &Store,
    config: &Config,
    id: &str,
    customer: &str,
    rule: Rule,
    template: Json<'static>,
    today: NaiveDate,
    actor: &Actor,
) -> Result<Schedule> {
    if !valid_id(id) {
        return Err(Error::Usage(format!(
            "schedule ID `{}` is not valid: {}",
            crate::security::text::display_safe(id),
            crate::invoice::customer::ID_RULE
        )));
    }
    let problems = template_problems(&template);
    if !problems.is_empty() {
        return Err(Error::Invalid { problems });
    }
    let schedule = Schedule {
        id: id.to_owned(),
        customer: customer.to_owned(),
        rule,
        template: template.to_text(),
        status: Status::Active,
        not_before: None,
        last_issued: None,
    };
    // The first occurrence's draft must pass every check now, not months later.
    let first = rule.occurrences().next().unwrap_or(rule.start);
    let mut issuer = Issuer { store, config, today: first.max(today), customers: HashMap::new() };
    issuer.preview(&schedule, &template, first).await?;
    store.write_schedule(ScheduleWrite::Insert(stored(&schedule)?), actor).await?;
    Ok(schedule)
}

/// Every schedule by ID.
///
/// # Errors
/// [`Error::Store`].
pub async fn list(store: &Store) -> Result<Vec<Schedule>> {
    schedules(store, None).await
}

/// The schedule with `id`, or all, read back from their stored documents.
async fn schedules(store: &Store, id: Option<&str>) -> Result<Vec<Schedule>> {
    let rows = store.schedules(id).await?;
    rows.into_iter()
        .map(|(row, last)| {
            let mut schedule: Schedule = serde_json::from_str(&row.document)
                .map_err(|e| crate::store::customers::damaged("schedule", &row.id, &e))?;
            schedule.last_issued = last;
            Ok(schedule)
        })
        .collect()
}

/// `schedule` as the store keeps it: its last issued occurrence is left out (the store
/// reads it from the occurrences, never keeping it twice).
fn stored(schedule: &Schedule) -> Result<ScheduleDocument> {
    let mut kept = schedule.clone();
    kept.last_issued = None;
    let document = serde_json::to_string(&kept)
        .map_err(|e| Error::Internal(format!("failed to serialize schedule {}: {e}", schedule.id)))?;
    Ok(ScheduleDocument {
        id: schedule.id.clone(),
        customer: schedule.customer.clone(),
        status: schedule.status.name().to_owned(),
        document,
    })
}

/// One schedule and the invoices it issued (occurrence, number), oldest first.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Store`].
pub async fn show(store: &Store, id: &str) -> Result<(Schedule, Vec<(NaiveDate, String)>)> {
    let schedule = get(store, id).await?;
    let issued = store.occurrences(Some(id)).await?.into_iter().map(|o| (o.date, o.number)).collect();
    Ok((schedule, issued))
}

async fn get(store: &Store, id: &str) -> Result<Schedule> {
    schedules(store, Some(id))
        .await?
        .pop()
        .ok_or_else(|| Error::NotFound { what: format!("schedule {}", crate::security::text::display_safe(id)) })
}

/// Pauses, resumes or ends a schedule.
///
/// # Errors
/// [`Error::NotFound`]; [`Error::Conflict`] for a change an ended schedule cannot take.
pub async fn change(store: &Store, id: &str, change: ScheduleChange, actor: &Actor) -> Result<Schedule> {
    let mut schedule = get(store, id).await?;
    let refuse = |what: &str| Error::Conflict {
        kind: ConflictKind::IllegalTransition,
        message: format!("schedule {id} is ended; it cannot be {what} (add a new schedule instead)"),
    };
    match change {
        ScheduleChange::Pause if schedule.status == Status::Ended => return Err(refuse("paused")),
        ScheduleChange::Resume(_) if schedule.status == Status::Ended => return Err(refuse("resumed")),
        ScheduleChange::Pause => schedule.status = Status::Paused,
        ScheduleChange::Resume(from) => {
            if schedule.status == Status::Paused {
                schedule.not_before = Some(from);
            }
            schedule.status = Status::Active;
        }
        ScheduleChange::End(on) => {
            schedule.rule.end = Some(schedule.rule.end.map_or(on, |end| end.min(on)));
            schedule.status = Status::Ended;
        }
    }
    store.write_schedule(ScheduleWrite::Update(stored(&schedule)?), actor).await?;
    Ok(schedule)
}

/// Issues every occurrence due on or before `as_of` and not yet issued, oldest first
/// across all schedules (so numbers follow dates). A schedule whose occurrence fails
/// stops there; the others go on. `progress` is called with the count done so far.
///
/// # Errors
/// [`Error::Store`] when the schedules cannot be read; a failure of one schedule is an
/// [`Outcome::Failed`], not an error.
pub async fn run(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    today: NaiveDate,
    dry_run: bool,
    actor: &Actor,
    progress: &dyn Fn(usize),
) -> Result<Vec<Outcome>> {
    let schedules = schedules(store, None).await?;
    let mut issued: HashMap<String, HashSet<NaiveDate>> = HashMap::new();
    for occurrence in store.occurrences(None).await? {
        issued.entry(occurrence.schedule).or_default().insert(occurrence.date);
    }
    let mut due: Vec<(NaiveDate, usize)> = Vec::new();
    for (index, schedule) in schedules.iter().enumerate() {
        let done = issued.get(&schedule.id);
        due.extend(schedule.due(as_of).filter(|date| done.is_none_or(|d| !d.contains(date))).map(|date| (date, index)));
    }
    due.sort_unstable_by(|a, b| (a.0, &schedules[a.1].id).cmp(&(b.0, &schedules[b.1].id)));

    let mut outcomes = Vec::with_capacity(due.len());
    let mut stopped: HashSet<usize> = HashSet::new();
    let mut templates: HashMap<usize, Result<Json<'static>, Error>> = HashMap::new();
    let mut issuer = Issuer { store, config, today, customers: HashMap::new() };
    for (n, (date, index)) in due.into_iter().enumerate() {
        progress(n);
        if stopped.contains(&index) {
            continue;
        }
        let schedule = &schedules[index];
        let name = schedule.id.clone();
        if dry_run {
            outcomes.push(Outcome::Due { schedule: name, date });
            continue;
        }
        let template = templates.entry(index).or_insert_with(|| {
            json::parse(schedule.template.as_bytes())
                .map(Json::into_owned)
                .map_err(|e| Error::Invalid { problems: vec![e.to_problem()] })
        });
        let result = match template {
            Ok(template) => issuer.issue(schedule, template, date, actor).await,
            Err(e) => Err(Error::Invalid { problems: invalid_problems(e) }),
        };
        match result {
            Ok(Some(number)) => outcomes.push(Outcome::Issued { schedule: name, date, number }),
            // Another process issued it first: nothing to do, nothing to report.
            Ok(None) => {}
            Err(error) => {
                stopped.insert(index);
                outcomes.push(Outcome::Failed { schedule: name, date, error });
            }
        }
    }
    Ok(outcomes)
}

fn invalid_problems(error: &Error) -> Vec<Problem> {
    match error {
        Error::Invalid { problems } => problems.clone(),
        other => vec![Problem::new("", Code::InvalidValue, other.to_string())],
    }
}

/// What issuing occurrences needs, and the customers read so far (once per run).
struct Issuer<'a> {
    store: &'a Store,
    config: &'a Config,
    today: NaiveDate,
    customers: HashMap<String, Option<Customer>>,
}

impl Issuer<'_> {
    /// The checked invoice of one occurrence (not numbered).
    async fn preview(
        &mut self,
        schedule: &Schedule,
        template: &Json<'_>,
        date: NaiveDate,
    ) -> Result<crate::invoice::Checked> {
        if !self.customers.contains_key(&schedule.customer) {
            let found = self.store.customers(Some(&schedule.customer)).await?.pop();
            self.customers.insert(schedule.customer.clone(), found);
        }
        let config = self.config;
        let customer = self.customers.get(&schedule.customer).and_then(Option::as_ref);
        let language = language_of(config, customer, template);
        let draft = occurrence_draft(template, schedule.rule.every, date, language, &schedule.customer);
        let mut parsed = draft_from_json(&draft, Options::default());
        let merged = customers::merge_found(
            customer,
            &mut parsed,
            &config.defaults,
            config.einvoice_profile,
            FlagDefaults::default(),
        )?;
        let checked = crate::invoice::check(parsed, &merged.defaults, self.today)
            .map_err(|r| Error::Invalid { problems: r.problems })?;
        crate::ops::require(&checked.invoice, merged.required)?;
        Ok(checked)
    }

    /// Issues one occurrence; `None` when another process issued it first.
    async fn issue(
        &mut self,
        schedule: &Schedule,
        template: &Json<'_>,
        date: NaiveDate,
        actor: &Actor,
    ) -> Result<Option<String>> {
        let checked = self.preview(schedule, template, date).await?;
        let occurrence = Occurrence { schedule: schedule.id.clone(), date, number: String::new() };
        match self.store.issue_occurrence(checked.invoice, self.config.numbering(), occurrence, actor).await {
            Ok(number) => Ok(Some(number)),
            Err(Error::Conflict { kind: ConflictKind::OccurrenceIssued, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The document language of an occurrence: the template's, else the customer's, else the
/// configured one, else English (the placeholders are filled before the draft is read).
fn language_of(config: &Config, customer: Option<&Customer>, template: &Json<'_>) -> Language {
    if let Json::Object(members) = template
        && let Some((_, Json::String(name))) = members.iter().find(|(k, _)| k == "language")
        && let Some(language) = Language::from_name(name.trim())
    {
        return language;
    }
    customer.and_then(|c| c.defaults.language).or(config.defaults.language).unwrap_or_default()
}
