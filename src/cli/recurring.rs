//! `invoice recurring add|list|show|pause|resume|end|run` (SPEC 14.2).

use super::create::read_draft;
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::recurring::run::{self, Outcome, ScheduleChange};
use crate::recurring::{Frequency, Rule, Schedule};
use crate::store::Actor;
use chrono::NaiveDate;
use std::path::PathBuf;

/// The recurring commands.
#[derive(Debug, clap::Subcommand)]
pub enum RecurringCommand {
    /// Add a schedule: a draft template issued for a customer every week, month, quarter or year.
    Add(AddArgs),
    /// List schedules.
    List(ListArgs),
    /// Show a schedule, its next occurrence and the invoices it issued.
    Show(IdArgs),
    /// Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up.
    Pause(IdArgs),
    /// Resume a paused schedule from today.
    Resume(IdArgs),
    /// End a schedule: no occurrence after today (or --on DATE) is issued.
    End(EndArgs),
    /// Issue every occurrence due up to today (or --as-of) and not yet issued.
    Run(RunArgs),
}

/// Arguments of `recurring add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The schedule's ID: 1 to 64 of a-z, 0-9, '.', '_', '-'.
    id: String,
    /// The customer invoiced.
    #[arg(long, value_name = "ID")]
    customer: String,
    /// How often.
    #[arg(long, value_name = "PERIOD", value_parser = parse_frequency)]
    every: Frequency,
    /// Day of the month 1-31 (clamped to the month's end), or for weeks the weekday 1 (Monday) - 7.
    #[arg(long, value_name = "N")]
    day: Option<u32>,
    /// First possible occurrence (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    start: NaiveDate,
    /// Last possible occurrence (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    end: Option<NaiveDate>,
    /// The draft template (`-` for stdin): lines, notes, ... without issue_date, due_date,
    /// period or customer; `{period}`, `{month}`, `{year}` in descriptions and notes.
    #[arg(long, short = 'i', value_name = "FILE")]
    input: PathBuf,
}

/// Arguments of `recurring list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Arguments naming one schedule.
#[derive(Debug, clap::Args)]
pub struct IdArgs {
    /// The schedule's ID.
    id: String,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Arguments of `recurring end`.
#[derive(Debug, clap::Args)]
pub struct EndArgs {
    /// The schedule's ID.
    id: String,
    /// The last day an occurrence may fall on (default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<NaiveDate>,
}

/// Arguments of `recurring run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Issue what is due up to this date (default today; at most tomorrow).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Say what would be issued; issue nothing.
    #[arg(long)]
    dry_run: bool,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// JSON.
    Json,
}

fn parse_frequency(text: &str) -> Result<Frequency, String> {
    Frequency::from_name(text).ok_or_else(|| format!("give one of {}", Frequency::NAMES))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::invoice::parse::parse_date(text).ok_or_else(|| "give a calendar date as YYYY-MM-DD".to_owned())
}

/// Runs a recurring command.
///
/// # Errors
/// [`Error::Invalid`] for a bad template, [`Error::Usage`] for a bad rule,
/// [`Error::NotFound`], [`Error::Conflict`], [`Error::Store`]. `run` returns exit status 1
/// (after issuing what it could) when a schedule failed.
pub fn exec(command: &RecurringCommand, config: &Config) -> Result<ExitStatus, Error> {
    let actor = Actor::cli(&config.user);
    let today = super::today();
    match command {
        RecurringCommand::Add(args) => {
            let rule = Rule { every: args.every, day: args.day, start: args.start, end: args.end };
            rule.check().map_err(Error::Usage)?;
            let template = read_draft(&args.input)?;
            let schedule = super::with_store(config, async |store| {
                run::add(store, config, &args.id, &args.customer, rule, template, today, &actor).await
            })?;
            print_schedules(&[schedule], Format::Text, today)
        }
        RecurringCommand::List(args) => {
            let list = super::with_store(config, async |store| run::list(store).await)?;
            print_schedules(&list, args.format, today)
        }
        RecurringCommand::Show(args) => {
            let (schedule, issued) = super::with_store(config, async |store| run::show(store, &args.id).await)?;
            match args.format {
                Format::Json => {
                    let mut value = schedule.public_json(today);
                    value["issued"] = serde_json::Value::Array(
                        issued
                            .iter()
                            .map(|(date, number)| serde_json::json!({"occurrence": date, "number": number}))
                            .collect(),
                    );
                    write_json(&value)
                }
                Format::Text => {
                    let mut text = schedule_line(&schedule, today);
                    for (date, number) in &issued {
                        text.push_str(&format!("  {date}  {number}\n"));
                    }
                    super::write_stdout(text.as_bytes())?;
                    Ok(ExitStatus::Success)
                }
            }
        }
        RecurringCommand::Pause(args) | RecurringCommand::Resume(args) => {
            let change = if matches!(command, RecurringCommand::Pause(_)) {
                ScheduleChange::Pause
            } else {
                ScheduleChange::Resume(today)
            };
            let schedule = super::with_store(config, async |store| run::change(store, &args.id, change, &actor).await)?;
            print_schedules(&[schedule], Format::Text, today)
        }
        RecurringCommand::End(args) => {
            let on = args.on.unwrap_or(today);
            let schedule = super::with_store(config, async |store| {
                run::change(store, &args.id, ScheduleChange::End(on), &actor).await
            })?;
            print_schedules(&[schedule], Format::Text, today)
        }
        RecurringCommand::Run(args) => exec_run(args, config, today, &actor),
    }
}

fn exec_run(args: &RunArgs, config: &Config, today: NaiveDate, actor: &Actor) -> Result<ExitStatus, Error> {
    let as_of = args.as_of.unwrap_or(today);
    let tomorrow = today.succ_opt().unwrap_or(today);
    if as_of > tomorrow && !args.dry_run {
        return Err(Error::Usage(format!(
            "--as-of {as_of} is after tomorrow ({tomorrow}): invoices are not issued for future days (try --dry-run)"
        )));
    }
    let progress = super::output::Progress::new("recurring run", "occurrences");
    let report = super::with_store(config, async |store| {
        run::run(store, config, as_of, today, args.dry_run, actor, &|n| progress.update(n)).await
    })?;
    progress.finish();
    let mut text = String::new();
    let mut failed = false;
    for outcome in &report {
        match outcome {
            Outcome::Issued { schedule, date, number } => {
                text.push_str(&format!("issued  {schedule}  {date}  {number}\n"));
            }
            Outcome::Due { schedule, date } => text.push_str(&format!("due     {schedule}  {date}\n")),
            Outcome::Failed { schedule, date, error } => {
                failed = true;
                eprintln!(
                    "invoice: error: schedule {schedule} stopped at its occurrence of {date}: {}",
                    crate::security::text::escape_controls(&error.to_string(), true)
                );
                if let Error::Invalid { problems } = error {
                    for problem in problems {
                        eprintln!("  {}", super::problem_line(problem));
                    }
                }
            }
        }
    }
    match args.format {
        Format::Text => super::write_stdout(text.as_bytes())?,
        Format::Json => {
            let list: Vec<_> = report.iter().map(Outcome::public_json).collect();
            write_json(&serde_json::Value::Array(list))?;
        }
    }
    Ok(if failed { ExitStatus::Invalid } else { ExitStatus::Success })
}

fn schedule_line(s: &Schedule, today: NaiveDate) -> String {
    let next = s.next_after_issued(today).map_or_else(|| "-".to_owned(), |d| d.to_string());
    let day = s.rule.day.map(|d| format!(" day {d}")).unwrap_or_default();
    let end = s.rule.end.map(|d| format!(" until {d}")).unwrap_or_default();
    let status = s.status.name();
    let text = format!(
        "{}  {}  every {}{day} from {}{end}  {status}  next {next}\n",
        s.id,
        s.customer,
        s.rule.every.name(),
        s.rule.start
    );
    crate::security::text::escape_controls(&text, true)
}

fn print_schedules(list: &[Schedule], format: Format, today: NaiveDate) -> Result<ExitStatus, Error> {
    match format {
        Format::Json => write_json(&serde_json::Value::Array(list.iter().map(|s| s.public_json(today)).collect())),
        Format::Text => {
            let text: String = list.iter().map(|s| schedule_line(s, today)).collect();
            super::write_stdout(text.as_bytes())?;
            Ok(ExitStatus::Success)
        }
    }
}

fn write_json(value: &serde_json::Value) -> Result<ExitStatus, Error> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| Error::Internal(format!("failed to serialize: {e}")))?;
    text.push('\n');
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}
