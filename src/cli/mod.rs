//! The command line: argument definitions, dispatch, and how errors reach the user.
//!
//! Each subcommand lives in its own file with an `Args` struct and an `exec` function
//! that parses, loads config and calls the library; nothing else.

pub mod aging;
pub mod audit;
pub mod completions;
pub mod config;
pub mod create;
pub mod customer;
pub mod doctor;
pub mod einvoice;
pub mod keys;
pub mod list;
pub mod output;
pub mod payments;
pub mod recurring;
pub mod remind;
pub mod render;
pub mod schema;
pub mod serve;
pub mod statement;
pub mod status;
pub mod store;
pub mod validate;

use crate::config::{Config, Overrides};
use crate::error::{Error, ExitStatus};
use crate::invoice::Problem;
use crate::security::text::escape_controls;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub use completions::{completion_files, man_pages};

/// Invoice Generator Pro: issue, validate and render invoices with exact decimal money.
#[derive(Debug, Parser)]
#[command(name = "invoice", version, about, long_about = None, propagate_version = true)]
#[command(after_help = exit_codes_help())]
pub struct Cli {
    /// The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db.
    #[arg(long, global = true, env = "INVOICE_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present).
    #[arg(long, global = true, env = "INVOICE_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Say more (repeat for more detail); logs go to stderr.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print only results and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// When to use colors on stderr (NO_COLOR is respected).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The exit-code list at the end of `--help`, from [`ExitStatus::ALL`].
fn exit_codes_help() -> String {
    let mut help = String::from("Exit codes:");
    for status in ExitStatus::ALL {
        help.push_str(&format!("\n  {}  {}", status.code(), status.meaning().replace('`', "")));
    }
    help
}

/// Color choice for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when stderr is a terminal and NO_COLOR is unset.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a draft, compute totals, assign a number, store it and print it.
    Create(Box<create::Args>),
    /// Validate draft files (directories are searched recursively for *.json; - is stdin).
    Validate(validate::Args),
    /// Render a stored invoice or a draft as text, HTML, JSON or PDF.
    Render(render::Args),
    /// List stored invoices.
    List(list::ListArgs),
    /// Show one stored invoice.
    Show(list::ShowArgs),
    /// Void an issued invoice (it keeps its number).
    Void(status::VoidArgs),
    /// Record a payment: the whole outstanding balance, or --amount of it.
    Pay(payments::PayArgs),
    /// Payments: reverse one recorded in error.
    #[command(subcommand)]
    Payment(payments::PaymentCommand),
    /// List recorded payments.
    Payments(payments::ListArgs),
    /// Outstanding amounts per buyer and currency by days past due.
    Aging(aging::Args),
    /// Issue the payment reminders that are due (dunning levels, fees, interest).
    Remind(remind::Args),
    /// A buyer's statement of account: invoices, credit notes, payments, reminder fees.
    Statement(statement::Args),
    /// Issue a credit note for a whole invoice; the invoice becomes `credited`.
    Credit(status::CreditArgs),
    /// Read the audit log.
    Audit(audit::Args),
    /// Received e-invoices: validate them with the official rules, show them.
    #[command(subcommand)]
    Einvoice(einvoice::EinvoiceCommand),
    /// Keep customers: a buyer with its defaults under a short ID (`create --customer ID`).
    #[command(subcommand)]
    Customer(Box<customer::CustomerCommand>),
    /// Recurring invoices: schedules issued by `recurring run` (daily from a timer or cron).
    #[command(subcommand)]
    Recurring(Box<recurring::RecurringCommand>),
    /// Manage API keys for the daemon.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Copy or verify a whole store (SQLite or PostgreSQL).
    #[command(subcommand)]
    Store(store::StoreCommand),
    /// Run the HTTP daemon for local applications.
    Serve(Box<serve::Args>),
    /// Write or show the configuration.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print the JSON Schema (draft 2020-12) of an invoice draft.
    Schema(schema::Args),
    /// Print shell completions.
    Completions(completions::Args),
    /// Check the config, store, keys, keyring, TLS files and port; say how to fix what is wrong.
    Doctor(doctor::Args),
}

/// Runs the program and returns its exit code.
#[must_use]
pub fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    init_logging(&cli);
    match run(&cli) {
        Ok(status) => status.into(),
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// Parses the command line; `create` also learns where its item flags stood.
fn parse_args() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let matches = command().try_get_matches()?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    if let (Command::Create(args), Some(("create", sub))) = (&mut cli.command, matches.subcommand()) {
        args.positions = create::ItemPositions::from_matches(sub);
    }
    Ok(cli)
}

fn init_logging(cli: &Cli) {
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    let env = env_logger::Env::new().filter_or("INVOICE_LOG", level);
    // usvg logs each glyph an SVG logo's text lacks on every draw; the config checks
    // (`doctor`, `config show`) say it once instead (SPEC 15). `INVOICE_LOG=usvg=warn` wins.
    let _ = env_logger::Builder::new()
        .filter_module("usvg", log::LevelFilter::Error)
        .parse_env(env)
        .format_timestamp(None)
        .target(env_logger::Target::Stderr)
        .try_init();
}

/// Dispatches one command. `Ok(status)` carries non-error exit statuses (validate's 1).
///
/// # Errors
/// Whatever the command fails with; [`main`] prints it and maps it to an exit code.
pub fn run(cli: &Cli) -> Result<ExitStatus, Error> {
    let allow_missing = matches!(cli.command, Command::Config(config::ConfigCommand::Init { .. }));
    let overrides = Overrides { config: cli.config.clone(), store: cli.store.clone(), allow_missing };
    match &cli.command {
        Command::Create(args) => create::exec(args, &Config::load(&overrides)?),
        Command::Validate(args) => validate::exec(args, &Config::load(&overrides)?),
        Command::Render(args) => render::exec(args, &Config::load(&overrides)?),
        Command::List(args) => list::exec_list(args, &Config::load(&overrides)?),
        Command::Show(args) => list::exec_show(args, &Config::load(&overrides)?),
        Command::Void(args) => status::exec_void(args, &Config::load(&overrides)?),
        Command::Pay(args) => payments::exec_pay(args, &Config::load(&overrides)?),
        Command::Payment(command) => payments::exec_payment(command, &Config::load(&overrides)?),
        Command::Payments(args) => payments::exec_list(args, &Config::load(&overrides)?),
        Command::Aging(args) => aging::exec(args, &Config::load(&overrides)?),
        Command::Remind(args) => remind::exec(args, &Config::load(&overrides)?),
        Command::Statement(args) => statement::exec(args, &Config::load(&overrides)?),
        Command::Credit(args) => status::exec_credit(args, &Config::load(&overrides)?),
        Command::Audit(args) => audit::exec(args, &Config::load(&overrides)?),
        Command::Einvoice(command) => einvoice::exec(command),
        Command::Keys(command) => keys::exec(command, &Config::load(&overrides)?),
        Command::Customer(command) => customer::exec(command, &Config::load(&overrides)?),
        Command::Recurring(command) => recurring::exec(command, &Config::load(&overrides)?),
        Command::Store(command) => store::exec(command, &Config::load(&overrides)?),
        Command::Serve(args) => serve::exec(args, &Config::load(&overrides)?),
        Command::Config(command) => config::exec(command, &Config::load(&overrides)?),
        Command::Schema(args) => schema::exec(args),
        Command::Completions(args) => completions::exec(args),
        Command::Doctor(args) => doctor::exec(args, &overrides),
    }
}

/// Runs the async part of a command: the one place a command enters the async world (the
/// store's interface is async), on a runtime of this thread that lives for the command.
///
/// # Errors
/// `work`'s error, or [`Error::Io`] when the runtime cannot start.
pub(crate) fn block_on<T>(work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("start", "the async runtime", e))?
        .block_on(work)
}

/// Opens the configured store and runs `work` on it ([`block_on`]).
///
/// # Errors
/// As [`crate::store::Store::open`], and `work`'s error.
pub(crate) fn with_store<T>(
    config: &Config,
    work: impl AsyncFnOnce(&crate::store::Store) -> Result<T, Error>,
) -> Result<T, Error> {
    let location = config.store_location()?;
    block_on(async move {
        let store = crate::store::Store::open(&location).await?;
        work(&store).await
    })
}

/// Prints an error once, to stderr, as `invoice: error: …`.
fn report(error: &Error) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "invoice: error: {}", escape_controls(&error.to_string(), true));
    if let Some(problems) = error.problems() {
        for problem in problems {
            let _ = writeln!(stderr, "  {}", problem_line(problem));
        }
    }
}

/// `/lines/0/quantity: quantity must be greater than 0 [must_be_positive]`
pub(crate) fn problem_line(problem: &Problem) -> String {
    let mut line = String::new();
    push_problem_line(&mut line, problem);
    line
}

/// Appends [`problem_line`] to `out` without building it first (a report of a large batch
/// prints one per problem): the problem's own `Display`, escaped piece by piece.
pub(crate) fn push_problem_line(out: &mut String, problem: &Problem) {
    struct Escaping<'a>(&'a mut String);
    impl std::fmt::Write for Escaping<'_> {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            crate::security::text::push_escaped_str(self.0, text, false);
            Ok(())
        }
    }
    // Writing into a String cannot fail.
    let _ = std::fmt::Write::write_fmt(&mut Escaping(out), format_args!("{problem}"));
}

/// Prints sanitize-mode warnings to stderr.
pub(crate) fn print_warnings(warnings: &[Problem]) {
    for warning in warnings {
        eprintln!("invoice: warning: {}", problem_line(warning));
    }
}

/// Writes `bytes` to stdout; a closed pipe (`| head`) is not an error.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("write", "standard output", e)),
    }
}

/// Today's date on this machine (SPEC 7: "today" is the local date).
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The clap command, for completions and man pages.
#[must_use]
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// `--profile`: the command line's names of the domain's e-invoice profiles (the domain
/// knows nothing of clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileArg {
    /// The CEN EN 16931 rules (default).
    En16931,
    /// KoSIT XRechnung 3.0 (German public sector); UBL or CII.
    Xrechnung,
    /// Peppol BIS Billing 3.0; UBL only.
    Peppol,
}

impl From<ProfileArg> for crate::invoice::einvoice::Profile {
    fn from(arg: ProfileArg) -> Self {
        match arg {
            ProfileArg::En16931 => Self::En16931,
            ProfileArg::Xrechnung => Self::Xrechnung,
            ProfileArg::Peppol => Self::Peppol,
        }
    }
}

/// The e-invoice profile for `format`: the flag, else `[defaults] einvoice_profile`; a
/// profile with a format that is not an e-invoice, or a pair SPEC 8.1 does not allow, is
/// a usage error.
fn einvoice_profile(
    format: crate::render::Format,
    flag: Option<ProfileArg>,
    config: &Config,
) -> Result<crate::render::einvoice::Profile, Error> {
    let flag = flag.map(crate::render::einvoice::Profile::from);
    let Some(syntax) = format.einvoice() else {
        return match flag {
            Some(_) => Err(Error::Usage("--profile applies only to the e-invoice formats ubl, cii and facturx".into())),
            None => Ok(config.einvoice_profile),
        };
    };
    let profile = flag.unwrap_or(config.einvoice_profile);
    crate::render::einvoice::check_pair(syntax, profile).map_err(Error::Usage)?;
    Ok(profile)
}
