# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_invoice_global_optspecs
    string join \n store= config= v/verbose q/quiet color= h/help V/version
end

function __fish_invoice_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_invoice_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_invoice_using_subcommand
    set -l cmd (__fish_invoice_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c invoice -n "__fish_invoice_needs_command" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_needs_command" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_needs_command" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_needs_command" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_needs_command" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "create" -d 'Validate a draft, compute totals, assign a number, store it and print it'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "validate" -d 'Validate draft files (directories are searched recursively for *.json; - is stdin)'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "render" -d 'Render a stored invoice or a draft as text, HTML, JSON or PDF'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "list" -d 'List stored invoices'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "show" -d 'Show one stored invoice'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "void" -d 'Void an issued invoice (it keeps its number)'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "pay" -d 'Record a payment: the whole outstanding balance, or --amount of it'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "payment" -d 'Payments: reverse one recorded in error'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "payments" -d 'List recorded payments'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "aging" -d 'Outstanding amounts per buyer and currency by days past due'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "remind" -d 'Issue the payment reminders that are due (dunning levels, fees, interest)'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "statement" -d 'A buyer\'s statement of account: invoices, credit notes, payments, reminder fees'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "credit" -d 'Issue a credit note for a whole invoice; the invoice becomes `credited`'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "audit" -d 'Read the audit log'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "einvoice" -d 'Received e-invoices: validate them with the official rules, show them'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "customer" -d 'Keep customers: a buyer with its defaults under a short ID (`create --customer ID`)'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "recurring" -d 'Recurring invoices: schedules issued by `recurring run` (daily from a timer or cron)'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "keys" -d 'Manage API keys for the daemon'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "store" -d 'Copy or verify a whole store (SQLite or PostgreSQL)'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "serve" -d 'Run the HTTP daemon for local applications'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "config" -d 'Write or show the configuration'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of an invoice draft'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "doctor" -d 'Check the config, store, keys, keyring, TLS files and port; say how to fix what is wrong'
complete -c invoice -n "__fish_invoice_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand create" -s i -l input -d 'Read the draft from a JSON file (`-` for stdin); flags below override its fields' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to -d 'Buyer name' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to-email -d 'Buyer e-mail' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to-country -d 'Buyer country (ISO 3166-1 alpha-2)' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to-city -d 'Buyer city' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to-postal-code -d 'Buyer postal code' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to-address-line -d 'Buyer street line (repeatable, at most 3); replaces the draft\'s address lines' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to-vat-id -d 'Buyer VAT identifier' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l to-electronic-address -d 'Buyer electronic address, e.g. 0204:991-12345-67 (Leitweg-ID) or EM:ap@example.org' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l customer -d 'Fill the buyer and its defaults from this customer (`invoice customer add`)' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l currency -d 'Currency (ISO 4217)' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l due -d 'Due date: YYYY-MM-DD, or Nd for N days after the issue date (e.g. 30d)' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l issue-date -d 'Issue date (YYYY-MM-DD; default today)' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l series -d 'Numbering series' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l order-reference -d 'Purchase order reference' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l buyer-reference -d 'Buyer reference (e.g. Leitweg-ID)' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l note -d 'Notes printed on the invoice' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l tax -d 'Tax rate in percent for lines without one' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l lang -d 'Language of the printed documents (stored with the invoice)' -r -f -a "en\t''
de\t''
fr\t''"
complete -c invoice -n "__fish_invoice_using_subcommand create" -l item -d 'A line item description (repeatable)' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l qty -d 'Quantity of the n-th item' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l price -d 'Unit price of the n-th item' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l format -d 'What to print' -r -f -a "text\t'A one-line summary'
json\t'The whole invoice as JSON'
number\t'Only the number, for scripts'"
complete -c invoice -n "__fish_invoice_using_subcommand create" -l render -d 'Also render the document (needs --out)' -r -f -a "text\t'Aligned plain text for terminals and e-mail'
html\t'One self-contained HTML file (inline CSS, no scripts)'
json\t'The invoice as JSON'
pdf\t'A PDF document with an embedded font'
ubl\t'EN 16931 e-invoice as OASIS UBL 2.1 XML (SPEC 8)'
cii\t'EN 16931 e-invoice as UN/CEFACT CII D16B XML (SPEC 8)'
facturx\t'Factur-X: the PDF as PDF/A-3b with the CII XML embedded (SPEC 8)'"
complete -c invoice -n "__fish_invoice_using_subcommand create" -l out -d 'Where to write the rendered document' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand create" -l paper -d 'PDF paper size' -r -f -a "a4\t'ISO A4, 210 × 297 mm'
letter\t'US Letter, 8.5 × 11 in'"
complete -c invoice -n "__fish_invoice_using_subcommand create" -l profile -d 'E-invoice profile for --render ubl|cii|facturx (default: `[defaults] einvoice_profile`, else en16931)' -r -f -a "en16931\t'The CEN EN 16931 rules (default)'
xrechnung\t'KoSIT XRechnung 3.0 (German public sector); UBL or CII'
peppol\t'Peppol BIS Billing 3.0; UBL only'"
complete -c invoice -n "__fish_invoice_using_subcommand create" -l idempotency-key -d 'Return the first invoice when a create with this key and the same draft is retried' -r
complete -c invoice -n "__fish_invoice_using_subcommand create" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand create" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand create" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand create" -l dry-run -d 'Validate and compute only: store nothing, assign no number'
complete -c invoice -n "__fish_invoice_using_subcommand create" -l sanitize -d 'Strip markup from text fields (with a warning per field) instead of rejecting it'
complete -c invoice -n "__fish_invoice_using_subcommand create" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand create" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand create" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand validate" -l format -d 'Output format' -r -f -a "text\t'One line per problem, then a summary'
json\t'One JSON document'
junit\t'JUnit XML for CI systems: one testcase per file, one failure per problem'"
complete -c invoice -n "__fish_invoice_using_subcommand validate" -l profile -d 'Also check what this e-invoice profile requires (`einvoice_requirement` problems)' -r -f -a "en16931\t'The CEN EN 16931 rules (default)'
xrechnung\t'KoSIT XRechnung 3.0 (German public sector); UBL or CII'
peppol\t'Peppol BIS Billing 3.0; UBL only'"
complete -c invoice -n "__fish_invoice_using_subcommand validate" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand validate" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand validate" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand validate" -l sanitize -d 'Strip markup from text fields (with a warning per field) instead of rejecting it'
complete -c invoice -n "__fish_invoice_using_subcommand validate" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand validate" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand validate" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand render" -s i -l input -d 'Render a draft from a JSON file instead (`-` for stdin); it is marked DRAFT' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand render" -s f -l format -d 'Output format' -r -f -a "text\t'Aligned plain text for terminals and e-mail'
html\t'One self-contained HTML file (inline CSS, no scripts)'
json\t'The invoice as JSON'
pdf\t'A PDF document with an embedded font'
ubl\t'EN 16931 e-invoice as OASIS UBL 2.1 XML (SPEC 8)'
cii\t'EN 16931 e-invoice as UN/CEFACT CII D16B XML (SPEC 8)'
facturx\t'Factur-X: the PDF as PDF/A-3b with the CII XML embedded (SPEC 8)'"
complete -c invoice -n "__fish_invoice_using_subcommand render" -l profile -d 'E-invoice profile for ubl, cii and facturx (default: `[defaults] einvoice_profile`, else en16931)' -r -f -a "en16931\t'The CEN EN 16931 rules (default)'
xrechnung\t'KoSIT XRechnung 3.0 (German public sector); UBL or CII'
peppol\t'Peppol BIS Billing 3.0; UBL only'"
complete -c invoice -n "__fish_invoice_using_subcommand render" -l paper -d 'Paper size for PDF, and the print page size of HTML' -r -f -a "a4\t'ISO A4, 210 × 297 mm'
letter\t'US Letter, 8.5 × 11 in'"
complete -c invoice -n "__fish_invoice_using_subcommand render" -s o -l out -d 'Write to this file (`-` is stdout, the default)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand render" -l lang -d 'Print in this language instead of the invoice\'s own (text, HTML, PDF)' -r -f -a "en\t''
de\t''
fr\t''"
complete -c invoice -n "__fish_invoice_using_subcommand render" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand render" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand render" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand render" -l sanitize -d 'Strip markup from a draft\'s text fields instead of rejecting it'
complete -c invoice -n "__fish_invoice_using_subcommand render" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand render" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand render" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand list" -l status -d 'Only invoices with this status; `overdue`: issued or partially paid invoices whose due date is before today (or `--as-of`)' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l as-of -d 'The day `--status overdue` is seen from (default today)' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l buyer -d 'Only buyers whose name contains this text (case-insensitive for ASCII)' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l customer -d 'Only invoices issued to this customer (`create --customer`, recurring invoices)' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l from -d 'Issued on or after this date' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l to -d 'Issued on or before this date' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l limit -d 'At most this many' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l width -d 'Fit the table to this many columns (default: the terminal\'s width; output to a pipe or file is not shortened)' -r
complete -c invoice -n "__fish_invoice_using_subcommand list" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
json\t'A JSON array of summaries (number, type, status, dates, buyer, amounts)'
csv\t'CSV with a header row; cells are neutralized against formula injection'"
complete -c invoice -n "__fish_invoice_using_subcommand list" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand list" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand list" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand list" -l reverse -d 'Newest first (default: oldest first)'
complete -c invoice -n "__fish_invoice_using_subcommand list" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand list" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand list" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand show" -l format -d 'Output format' -r -f -a "text\t'The text rendering'
json\t'JSON'"
complete -c invoice -n "__fish_invoice_using_subcommand show" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand show" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand show" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand show" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand show" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand show" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand void" -l reason -d 'Why it is voided (kept with the invoice and in the audit log)' -r
complete -c invoice -n "__fish_invoice_using_subcommand void" -l format -d 'What to print' -r -f -a "text\t'A one-line summary'
json\t'The whole invoice as JSON'
number\t'Only the number, for scripts'"
complete -c invoice -n "__fish_invoice_using_subcommand void" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand void" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand void" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand void" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand void" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand void" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand void" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l amount -d 'Amount received, in the invoice\'s currency (default: the whole outstanding balance)' -r
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l date -d 'Payment date (default today; not before the issue date, not after tomorrow)' -r
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l method -d 'How it was paid: a payment means word (sepa_credit_transfer, card, ...) or free text' -r
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l reference -d 'Bank statement line or other reference (at most 140 characters)' -r
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l idempotency-key -d 'A retry with the same key and the same request returns the first payment' -r
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l format -d 'What to print' -r -f -a "text\t'A one-line summary'
json\t'The whole invoice as JSON'
number\t'Only the number, for scripts'"
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand pay" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand pay" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand pay" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand pay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand pay" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -f -a "reverse" -d 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and not __fish_seen_subcommand_from reverse help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -l reason -d 'Why (kept with the reversal and in the audit log)' -r
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -l format -d 'What to print' -r -f -a "text\t'A one-line summary'
json\t'The whole invoice as JSON'
number\t'Only the number, for scripts'"
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from reverse" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "reverse" -d 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row'
complete -c invoice -n "__fish_invoice_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand payments" -l from -d 'Dated on or after' -r
complete -c invoice -n "__fish_invoice_using_subcommand payments" -l to -d 'Dated on or before' -r
complete -c invoice -n "__fish_invoice_using_subcommand payments" -l format -d 'What to print' -r -f -a "table\t'An aligned table'
json\t'A JSON array'
csv\t'CSV with a header'"
complete -c invoice -n "__fish_invoice_using_subcommand payments" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand payments" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand payments" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand payments" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand payments" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand payments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand payments" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand aging" -l as-of -d 'The day the report is seen from (default today)' -r
complete -c invoice -n "__fish_invoice_using_subcommand aging" -l format -d 'What to print' -r -f -a "table\t'An aligned table'
json\t'JSON'
csv\t'CSV with a header'
html\t'A self-contained HTML page with a bar chart per currency'"
complete -c invoice -n "__fish_invoice_using_subcommand aging" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand aging" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand aging" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand aging" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand aging" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand aging" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand aging" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l as-of -d 'The day of the run (default today)' -r
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l format -d 'The reminder documents\' format' -r -f -a "text\t'Plain text letters'
html\t'Self-contained HTML letters (needs --out)'
pdf\t'PDF letters (needs --out)'
json\t'JSON: one array of the reminders on stdout, or one file per reminder'"
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l out -d 'Write one file per reminder into this directory (created if missing), named after the invoice and level: INV-2026-0007-reminder-2.pdf' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l paper -d 'Paper size of PDF reminders' -r -f -a "a4\t'ISO A4, 210 × 297 mm'
letter\t'US Letter, 8.5 × 11 in'"
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand remind" -l dry-run -d 'Say what would be issued; store and write nothing'
complete -c invoice -n "__fish_invoice_using_subcommand remind" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand remind" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand remind" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand remind" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l buyer -d 'The buyer\'s name (the whole name, compared case-insensitively)' -r
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l customer -d 'The customer ID: the invoices created from that customer record' -r
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l from -d 'First day shown; what came before is the opening balance' -r
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l to -d 'Last day shown' -r
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l format -d 'What to print' -r -f -a "text\t'Text in the language of the buyer\'s latest invoice'
html\t'A self-contained HTML page'
pdf\t'PDF'
csv\t'CSV: currency,date,kind,reference,invoice,amount,balance'
json\t'JSON: one statement per currency'"
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l out -d 'Write to this file instead of stdout (needed for PDF on a terminal)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l paper -d 'Paper size of the PDF' -r -f -a "a4\t'ISO A4, 210 × 297 mm'
letter\t'US Letter, 8.5 × 11 in'"
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand statement" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand statement" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand statement" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand statement" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand statement" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand credit" -l amount -d 'Credit this gross amount (tax included), spread over the invoice\'s VAT groups' -r
complete -c invoice -n "__fish_invoice_using_subcommand credit" -l lines -d 'Credit these whole lines, numbered from 1 as printed (e.g. 1,3)' -r
complete -c invoice -n "__fish_invoice_using_subcommand credit" -l reason -d 'Why (printed on the credit note)' -r
complete -c invoice -n "__fish_invoice_using_subcommand credit" -l format -d 'What to print' -r -f -a "text\t'A one-line summary'
json\t'The whole invoice as JSON'
number\t'Only the number, for scripts'"
complete -c invoice -n "__fish_invoice_using_subcommand credit" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand credit" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand credit" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand credit" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand credit" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand credit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand credit" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand audit" -l since -d 'Only entries from this date on (UTC)' -r
complete -c invoice -n "__fish_invoice_using_subcommand audit" -l format -d 'Output format' -r -f -a "text\t'One line per entry'
json\t'A JSON array of {time, actor, action, number, request_id, detail}'"
complete -c invoice -n "__fish_invoice_using_subcommand audit" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand audit" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand audit" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand audit" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand audit" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand audit" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -f -a "validate" -d 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -f -a "show" -d 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and not __fish_seen_subcommand_from validate show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -l profile -d 'Which rules judge: those the document declares in BT-24 (auto), the CEN EN 16931 rules, or CEN + XRechnung' -r -f -a "auto\t'The rules the document declares in BT-24: XRechnung → CEN + KoSIT, anything else → CEN'
en16931\t'The CEN EN 16931 rules only'
xrechnung\t'The CEN rules, then the KoSIT XRechnung 3.0 rules'"
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -l format -d 'Output format' -r -f -a "text\t'One line per finding, then a summary'
json\t'One JSON document'"
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -s f -l format -d 'Output format' -r -f -a "text\t'Plain text for a terminal'
html\t'One self-contained HTML page'
pdf\t'A PDF document'
json\t'The product\'s invoice model (as `invoice show --format json` gives a stored one)'"
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -l lang -d 'Print in this language instead of the document\'s own (text, HTML, PDF)' -r -f -a "en\t''
de\t''
fr\t''"
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -s o -l out -d 'Write to this file (`-` is stdout, the default)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top'
complete -c invoice -n "__fish_invoice_using_subcommand einvoice; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -f -a "add" -d 'Add a customer: a buyer with its invoicing defaults, under a short ID'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -f -a "list" -d 'List customers (archived ones with --all)'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -f -a "show" -d 'Show one customer'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -f -a "edit" -d 'Change some fields of a customer (issued invoices keep their own copy of the buyer)'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -f -a "archive" -d 'Archive a customer: kept for its invoices, refused by new ones'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -f -a "delete" -d 'Delete a customer that has no invoices and no schedules'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and not __fish_seen_subcommand_from add list show edit archive delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -s i -l input -d 'Read the fields from a JSON object (`-` for stdin): the draft\'s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l name -d 'Name' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l email -d 'E-mail' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l phone -d 'Phone' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l contact-name -d 'Contact person or department' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l vat-id -d 'VAT identifier' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l legal-id -d 'Legal registration identifier' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l address-line -d 'Street line (repeatable, at most 3); replaces the address lines' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l city -d 'City' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l postal-code -d 'Postal code' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l country -d 'Country (ISO 3166-1 alpha-2)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l buyer-reference -d 'Buyer reference (e.g. Leitweg-ID)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l electronic-address -d 'Electronic address SCHEME:ID, e.g. 0204:991-12345-67' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l language -d 'Document language (en, de, fr)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l einvoice-profile -d 'E-invoice profile (en16931, xrechnung, peppol)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l payment-terms-days -d 'Days from issue to due date' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l currency -d 'Currency (ISO 4217)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'The customer as a JSON object (a list: an array)'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'The customer as a JSON object (a list: an array)'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -l all -d 'Include archived customers'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'The customer as a JSON object (a list: an array)'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -s i -l input -d 'Read the fields from a JSON object (`-` for stdin): the draft\'s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l name -d 'Name' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l email -d 'E-mail' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l phone -d 'Phone' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l contact-name -d 'Contact person or department' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l vat-id -d 'VAT identifier' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l legal-id -d 'Legal registration identifier' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l address-line -d 'Street line (repeatable, at most 3); replaces the address lines' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l city -d 'City' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l postal-code -d 'Postal code' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l country -d 'Country (ISO 3166-1 alpha-2)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l buyer-reference -d 'Buyer reference (e.g. Leitweg-ID)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l electronic-address -d 'Electronic address SCHEME:ID, e.g. 0204:991-12345-67' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l language -d 'Document language (en, de, fr)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l einvoice-profile -d 'E-invoice profile (en16931, xrechnung, peppol)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l payment-terms-days -d 'Days from issue to due date' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l currency -d 'Currency (ISO 4217)' -r
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'The customer as a JSON object (a list: an array)'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from archive" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from archive" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from archive" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from archive" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from archive" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from archive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from archive" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from delete" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from delete" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a customer: a buyer with its invoicing defaults, under a short ID'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "list" -d 'List customers (archived ones with --all)'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one customer'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change some fields of a customer (issued invoices keep their own copy of the buyer)'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "archive" -d 'Archive a customer: kept for its invoices, refused by new ones'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a customer that has no invoices and no schedules'
complete -c invoice -n "__fish_invoice_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "add" -d 'Add a schedule: a draft template issued for a customer every week, month, quarter or year'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "list" -d 'List schedules'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "show" -d 'Show a schedule, its next occurrence and the invoices it issued'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "pause" -d 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "resume" -d 'Resume a paused schedule from today'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "end" -d 'End a schedule: no occurrence after today (or --on DATE) is issued'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "run" -d 'Issue every occurrence due up to today (or --as-of) and not yet issued'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and not __fish_seen_subcommand_from add list show pause resume end run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l customer -d 'The customer invoiced' -r
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l every -d 'How often' -r
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l day -d 'Day of the month 1-31 (clamped to the month\'s end), or for weeks the weekday 1 (Monday) - 7' -r
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l start -d 'First possible occurrence (YYYY-MM-DD)' -r
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l end -d 'Last possible occurrence (YYYY-MM-DD)' -r
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -s i -l input -d 'The draft template (`-` for stdin): lines, notes, ... without issue_date, due_date, period or customer; `{period}`, `{month}`, `{year}` in descriptions and notes' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'JSON'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'JSON'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'JSON'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'JSON'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from resume" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -l on -d 'The last day an occurrence may fall on (default today)' -r
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from end" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -l as-of -d 'Issue what is due up to this date (default today; at most tomorrow)' -r
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -l format -d 'What to print' -r -f -a "text\t'For people'
json\t'JSON'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -l dry-run -d 'Say what would be issued; issue nothing'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a schedule: a draft template issued for a customer every week, month, quarter or year'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "list" -d 'List schedules'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a schedule, its next occurrence and the invoices it issued'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Resume a paused schedule from today'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "end" -d 'End a schedule: no occurrence after today (or --on DATE) is issued'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "run" -d 'Issue every occurrence due up to today (or --as-of) and not yet issued'
complete -c invoice -n "__fish_invoice_using_subcommand recurring; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -f -a "create" -d 'Issue an API key for the daemon; the key is printed once and never again'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -f -a "list" -d 'List API keys (never their secrets)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -f -a "revoke" -d 'Revoke an API key at once; a running daemon refuses it from the next request on'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -f -a "rotate" -d 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -f -a "set-static" -d 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -f -a "delete-static" -d 'Delete the static API key from the OS keyring'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate set-static delete-static help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -l client -d 'Who the key is for (shown in `keys list`)' -r
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -l scopes -d 'Comma-separated scopes: read, write, admin' -r
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -l expires-in -d 'Lifetime: Nd or Nh, at most 365d' -r
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -l format -d 'Output format' -r -f -a "text\t'The key on the first line, then its facts'
json\t'One JSON object: `key`, `id`, `client`, `scopes`, `created_at`, `expires_at` (and `rotated`: the old key\'s `id` and `revoked_at`)'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'Aligned columns'
json\t'A JSON array of key records with their state'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l grace -d 'Keep the old key working this long (Nd or Nh) so clients can switch; default: revoke at once' -r
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l expires-in -d 'Lifetime of the new key: Nd or Nh, at most 365d' -r
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l format -d 'Output format' -r -f -a "text\t'The key on the first line, then its facts'
json\t'One JSON object: `key`, `id`, `client`, `scopes`, `created_at`, `expires_at` (and `rotated`: the old key\'s `id` and `revoked_at`)'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from set-static" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from set-static" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from set-static" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from set-static" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from set-static" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from set-static" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from set-static" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from delete-static" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from delete-static" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from delete-static" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from delete-static" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from delete-static" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from delete-static" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from delete-static" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "create" -d 'Issue an API key for the daemon; the key is printed once and never again'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List API keys (never their secrets)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke an API key at once; a running daemon refuses it from the next request on'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "set-static" -d 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "delete-static" -d 'Delete the static API key from the OS keyring'
complete -c invoice -n "__fish_invoice_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -f -a "copy" -d 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both'
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -f -a "check" -d 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong'
complete -c invoice -n "__fish_invoice_using_subcommand store; and not __fish_seen_subcommand_from copy check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -l from -d 'The store to copy (a SQLite file or a postgres:// URL)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -l to -d 'The empty store to copy into (a SQLite file or a postgres:// URL)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from copy" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from check" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from check" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from check" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "check" -d 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong'
complete -c invoice -n "__fish_invoice_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l bind -d 'Address to listen on [default: 127.0.0.1:8080]. Port 0 picks a free port' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l rate-limit -d 'Unauthenticated requests per minute per client (IPv4 address, IPv6 /64, all of loopback) [default: 60]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l key-rate-limit -d 'Authenticated requests per minute per API key [default: 1200]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l auth-fail-limit -d 'Failed authentications per minute per client IP [default: 10, or --rate-limit if lower]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l max-body -d 'Largest request body in bytes [default: 1048576]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l cors-origin -d 'Allow browser calls from this origin (repeatable; `*` is never accepted)' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l threads -d 'Worker threads [default: the number of CPUs]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l db-pool -d 'Database connections on PostgreSQL (the daemon\'s pool) [default: 8]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l max-connections -d 'Concurrent connections; over it idle ones are closed first, then new ones get 503 [default: 256]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l max-connections-per-client -d 'Concurrent connections per client (IPv4 address, IPv6 /64, all of loopback); not applied with --trust-proxy [default: 32]' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l tls-cert -d 'TLS certificate chain (PEM); serves HTTPS natively with --tls-key' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l tls-key -d 'TLS private key (PEM)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l log-format -d 'Access log format [default: text]' -r -f -a "text\t'`key=value` text lines'
json\t'One JSON object per line'"
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l header-timeout-ms -d 'Time to send a request head, and the idle keep-alive time, in milliseconds' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l body-timeout-ms -d 'Time to send a request body, in milliseconds' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l shutdown-grace-ms -d 'Time in-flight requests get after SIGINT/SIGTERM, in milliseconds' -r
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l trust-proxy -d 'Take the client IP from the rightmost X-Forwarded-For entry (behind a reverse proxy)'
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l allow-plain-http -d 'Serve plain HTTP on a non-loopback address (only on a trusted network)'
complete -c invoice -n "__fish_invoice_using_subcommand serve" -l sanitize -d 'Strip markup from drafts (reported as warnings) instead of refusing it'
complete -c invoice -n "__fish_invoice_using_subcommand serve" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand serve" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand serve" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -f -a "init" -d 'Write a commented config template (to --config or the default path)'
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -f -a "show" -d 'Print the effective configuration and where each value came from (secrets redacted)'
complete -c invoice -n "__fish_invoice_using_subcommand config; and not __fish_seen_subcommand_from init show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Overwrite an existing file'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from show" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented config template (to --config or the default path)'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective configuration and where each value came from (secrets redacted)'
complete -c invoice -n "__fish_invoice_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand schema" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand schema" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand schema" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand schema" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand schema" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand schema" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand completions" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand completions" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand completions" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand completions" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand completions" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand doctor" -l store -d 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand doctor" -l config -d 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)' -r -F
complete -c invoice -n "__fish_invoice_using_subcommand doctor" -l color -d 'When to use colors on stderr (NO_COLOR is respected)' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c invoice -n "__fish_invoice_using_subcommand doctor" -s v -l verbose -d 'Say more (repeat for more detail); logs go to stderr'
complete -c invoice -n "__fish_invoice_using_subcommand doctor" -s q -l quiet -d 'Print only results and errors'
complete -c invoice -n "__fish_invoice_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c invoice -n "__fish_invoice_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "create" -d 'Validate a draft, compute totals, assign a number, store it and print it'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "validate" -d 'Validate draft files (directories are searched recursively for *.json; - is stdin)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "render" -d 'Render a stored invoice or a draft as text, HTML, JSON or PDF'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "list" -d 'List stored invoices'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "show" -d 'Show one stored invoice'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "void" -d 'Void an issued invoice (it keeps its number)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "pay" -d 'Record a payment: the whole outstanding balance, or --amount of it'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "payment" -d 'Payments: reverse one recorded in error'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "payments" -d 'List recorded payments'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "aging" -d 'Outstanding amounts per buyer and currency by days past due'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "remind" -d 'Issue the payment reminders that are due (dunning levels, fees, interest)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "statement" -d 'A buyer\'s statement of account: invoices, credit notes, payments, reminder fees'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "credit" -d 'Issue a credit note for a whole invoice; the invoice becomes `credited`'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "audit" -d 'Read the audit log'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "einvoice" -d 'Received e-invoices: validate them with the official rules, show them'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "customer" -d 'Keep customers: a buyer with its defaults under a short ID (`create --customer ID`)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "recurring" -d 'Recurring invoices: schedules issued by `recurring run` (daily from a timer or cron)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "keys" -d 'Manage API keys for the daemon'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "store" -d 'Copy or verify a whole store (SQLite or PostgreSQL)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "serve" -d 'Run the HTTP daemon for local applications'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "config" -d 'Write or show the configuration'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of an invoice draft'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "completions" -d 'Print shell completions'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "doctor" -d 'Check the config, store, keys, keyring, TLS files and port; say how to fix what is wrong'
complete -c invoice -n "__fish_invoice_using_subcommand help; and not __fish_seen_subcommand_from create validate render list show void pay payment payments aging remind statement credit audit einvoice customer recurring keys store serve config schema completions doctor help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from payment" -f -a "reverse" -d 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from einvoice" -f -a "validate" -d 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from einvoice" -f -a "show" -d 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "add" -d 'Add a customer: a buyer with its invoicing defaults, under a short ID'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "list" -d 'List customers (archived ones with --all)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "show" -d 'Show one customer'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "edit" -d 'Change some fields of a customer (issued invoices keep their own copy of the buyer)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "archive" -d 'Archive a customer: kept for its invoices, refused by new ones'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "delete" -d 'Delete a customer that has no invoices and no schedules'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from recurring" -f -a "add" -d 'Add a schedule: a draft template issued for a customer every week, month, quarter or year'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from recurring" -f -a "list" -d 'List schedules'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from recurring" -f -a "show" -d 'Show a schedule, its next occurrence and the invoices it issued'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from recurring" -f -a "pause" -d 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from recurring" -f -a "resume" -d 'Resume a paused schedule from today'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from recurring" -f -a "end" -d 'End a schedule: no occurrence after today (or --on DATE) is issued'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from recurring" -f -a "run" -d 'Issue every occurrence due up to today (or --as-of) and not yet issued'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "create" -d 'Issue an API key for the daemon; the key is printed once and never again'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List API keys (never their secrets)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "revoke" -d 'Revoke an API key at once; a running daemon refuses it from the next request on'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "rotate" -d 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "set-static" -d 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "delete-static" -d 'Delete the static API key from the OS keyring'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "copy" -d 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "check" -d 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a commented config template (to --config or the default path)'
complete -c invoice -n "__fish_invoice_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective configuration and where each value came from (secrets redacted)'
