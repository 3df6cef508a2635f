
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'invoice' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'invoice'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'invoice' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Validate a draft, compute totals, assign a number, store it and print it')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate draft files (directories are searched recursively for *.json; - is stdin)')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a stored invoice or a draft as text, HTML, JSON or PDF')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List stored invoices')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one stored invoice')
            [CompletionResult]::new('void', 'void', [CompletionResultType]::ParameterValue, 'Void an issued invoice (it keeps its number)')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Record a payment: the whole outstanding balance, or --amount of it')
            [CompletionResult]::new('payment', 'payment', [CompletionResultType]::ParameterValue, 'Payments: reverse one recorded in error')
            [CompletionResult]::new('payments', 'payments', [CompletionResultType]::ParameterValue, 'List recorded payments')
            [CompletionResult]::new('aging', 'aging', [CompletionResultType]::ParameterValue, 'Outstanding amounts per buyer and currency by days past due')
            [CompletionResult]::new('remind', 'remind', [CompletionResultType]::ParameterValue, 'Issue the payment reminders that are due (dunning levels, fees, interest)')
            [CompletionResult]::new('statement', 'statement', [CompletionResultType]::ParameterValue, 'A buyer''s statement of account: invoices, credit notes, payments, reminder fees')
            [CompletionResult]::new('credit', 'credit', [CompletionResultType]::ParameterValue, 'Issue a credit note for a whole invoice; the invoice becomes `credited`')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read the audit log')
            [CompletionResult]::new('einvoice', 'einvoice', [CompletionResultType]::ParameterValue, 'Received e-invoices: validate them with the official rules, show them')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'Keep customers: a buyer with its defaults under a short ID (`create --customer ID`)')
            [CompletionResult]::new('recurring', 'recurring', [CompletionResultType]::ParameterValue, 'Recurring invoices: schedules issued by `recurring run` (daily from a timer or cron)')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage API keys for the daemon')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Copy or verify a whole store (SQLite or PostgreSQL)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the HTTP daemon for local applications')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Write or show the configuration')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of an invoice draft')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the config, store, keys, keyring, TLS files and port; say how to fix what is wrong')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;create' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read the draft from a JSON file (`-` for stdin); flags below override its fields')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Read the draft from a JSON file (`-` for stdin); flags below override its fields')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Buyer name')
            [CompletionResult]::new('--to-email', '--to-email', [CompletionResultType]::ParameterName, 'Buyer e-mail')
            [CompletionResult]::new('--to-country', '--to-country', [CompletionResultType]::ParameterName, 'Buyer country (ISO 3166-1 alpha-2)')
            [CompletionResult]::new('--to-city', '--to-city', [CompletionResultType]::ParameterName, 'Buyer city')
            [CompletionResult]::new('--to-postal-code', '--to-postal-code', [CompletionResultType]::ParameterName, 'Buyer postal code')
            [CompletionResult]::new('--to-address-line', '--to-address-line', [CompletionResultType]::ParameterName, 'Buyer street line (repeatable, at most 3); replaces the draft''s address lines')
            [CompletionResult]::new('--to-vat-id', '--to-vat-id', [CompletionResultType]::ParameterName, 'Buyer VAT identifier')
            [CompletionResult]::new('--to-electronic-address', '--to-electronic-address', [CompletionResultType]::ParameterName, 'Buyer electronic address, e.g. 0204:991-12345-67 (Leitweg-ID) or EM:ap@example.org')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Fill the buyer and its defaults from this customer (`invoice customer add`)')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency (ISO 4217)')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'Due date: YYYY-MM-DD, or Nd for N days after the issue date (e.g. 30d)')
            [CompletionResult]::new('--issue-date', '--issue-date', [CompletionResultType]::ParameterName, 'Issue date (YYYY-MM-DD; default today)')
            [CompletionResult]::new('--series', '--series', [CompletionResultType]::ParameterName, 'Numbering series')
            [CompletionResult]::new('--order-reference', '--order-reference', [CompletionResultType]::ParameterName, 'Purchase order reference')
            [CompletionResult]::new('--buyer-reference', '--buyer-reference', [CompletionResultType]::ParameterName, 'Buyer reference (e.g. Leitweg-ID)')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'Notes printed on the invoice')
            [CompletionResult]::new('--tax', '--tax', [CompletionResultType]::ParameterName, 'Tax rate in percent for lines without one')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the printed documents (stored with the invoice)')
            [CompletionResult]::new('--item', '--item', [CompletionResultType]::ParameterName, 'A line item description (repeatable)')
            [CompletionResult]::new('--qty', '--qty', [CompletionResultType]::ParameterName, 'Quantity of the n-th item')
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'Unit price of the n-th item')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--render', '--render', [CompletionResultType]::ParameterName, 'Also render the document (needs --out)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write the rendered document')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'PDF paper size')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'E-invoice profile for --render ubl|cii|facturx (default: `[defaults] einvoice_profile`, else en16931)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'Return the first invoice when a create with this key and the same draft is retried')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and compute only: store nothing, assign no number')
            [CompletionResult]::new('--sanitize', '--sanitize', [CompletionResultType]::ParameterName, 'Strip markup from text fields (with a warning per field) instead of rejecting it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Also check what this e-invoice profile requires (`einvoice_requirement` problems)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--sanitize', '--sanitize', [CompletionResultType]::ParameterName, 'Strip markup from text fields (with a warning per field) instead of rejecting it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;render' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Render a draft from a JSON file instead (`-` for stdin); it is marked DRAFT')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Render a draft from a JSON file instead (`-` for stdin); it is marked DRAFT')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'E-invoice profile for ubl, cii and facturx (default: `[defaults] einvoice_profile`, else en16931)')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'Paper size for PDF, and the print page size of HTML')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (`-` is stdout, the default)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (`-` is stdout, the default)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Print in this language instead of the invoice''s own (text, HTML, PDF)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--sanitize', '--sanitize', [CompletionResultType]::ParameterName, 'Strip markup from a draft''s text fields instead of rejecting it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only invoices with this status; `overdue`: issued or partially paid invoices whose due date is before today (or `--as-of`)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The day `--status overdue` is seen from (default today)')
            [CompletionResult]::new('--buyer', '--buyer', [CompletionResultType]::ParameterName, 'Only buyers whose name contains this text (case-insensitive for ASCII)')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Only invoices issued to this customer (`create --customer`, recurring invoices)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Issued on or after this date')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Issued on or before this date')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Fit the table to this many columns (default: the terminal''s width; output to a pipe or file is not shortened)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Newest first (default: oldest first)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;void' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is voided (kept with the invoice and in the audit log)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;pay' {
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount received, in the invoice''s currency (default: the whole outstanding balance)')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Payment date (default today; not before the issue date, not after tomorrow)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How it was paid: a payment means word (sepa_credit_transfer, card, ...) or free text')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Bank statement line or other reference (at most 140 characters)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'A retry with the same key and the same request returns the first payment')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;payment' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;payment;reverse' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (kept with the reversal and in the audit log)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;payment;help' {
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;payment;help;reverse' {
            break
        }
        'invoice;payment;help;help' {
            break
        }
        'invoice;payments' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Dated on or after')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Dated on or before')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;aging' {
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The day the report is seen from (default today)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;remind' {
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The day of the run (default today)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The reminder documents'' format')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write one file per reminder into this directory (created if missing), named after the invoice and level: INV-2026-0007-reminder-2.pdf')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'Paper size of PDF reminders')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be issued; store and write nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;statement' {
            [CompletionResult]::new('--buyer', '--buyer', [CompletionResultType]::ParameterName, 'The buyer''s name (the whole name, compared case-insensitively)')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'The customer ID: the invoices created from that customer record')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day shown; what came before is the opening balance')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day shown')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout (needed for PDF on a terminal)')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'Paper size of the PDF')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;credit' {
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Credit this gross amount (tax included), spread over the invoice''s VAT groups')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'Credit these whole lines, numbered from 1 as printed (e.g. 1,3)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (printed on the credit note)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;audit' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries from this date on (UTC)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;einvoice' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;einvoice;validate' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which rules judge: those the document declares in BT-24 (auto), the CEN EN 16931 rules, or CEN + XRechnung')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;einvoice;show' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Print in this language instead of the document''s own (text, HTML, PDF)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (`-` is stdout, the default)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (`-` is stdout, the default)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;einvoice;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;einvoice;help;validate' {
            break
        }
        'invoice;einvoice;help;show' {
            break
        }
        'invoice;einvoice;help;help' {
            break
        }
        'invoice;customer' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer: a buyer with its invoicing defaults, under a short ID')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers (archived ones with --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change some fields of a customer (issued invoices keep their own copy of the buyer)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a customer: kept for its invoices, refused by new ones')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a customer that has no invoices and no schedules')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;customer;add' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone')
            [CompletionResult]::new('--contact-name', '--contact-name', [CompletionResultType]::ParameterName, 'Contact person or department')
            [CompletionResult]::new('--vat-id', '--vat-id', [CompletionResultType]::ParameterName, 'VAT identifier')
            [CompletionResult]::new('--legal-id', '--legal-id', [CompletionResultType]::ParameterName, 'Legal registration identifier')
            [CompletionResult]::new('--address-line', '--address-line', [CompletionResultType]::ParameterName, 'Street line (repeatable, at most 3); replaces the address lines')
            [CompletionResult]::new('--city', '--city', [CompletionResultType]::ParameterName, 'City')
            [CompletionResult]::new('--postal-code', '--postal-code', [CompletionResultType]::ParameterName, 'Postal code')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Country (ISO 3166-1 alpha-2)')
            [CompletionResult]::new('--buyer-reference', '--buyer-reference', [CompletionResultType]::ParameterName, 'Buyer reference (e.g. Leitweg-ID)')
            [CompletionResult]::new('--electronic-address', '--electronic-address', [CompletionResultType]::ParameterName, 'Electronic address SCHEME:ID, e.g. 0204:991-12345-67')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Document language (en, de, fr)')
            [CompletionResult]::new('--einvoice-profile', '--einvoice-profile', [CompletionResultType]::ParameterName, 'E-invoice profile (en16931, xrechnung, peppol)')
            [CompletionResult]::new('--payment-terms-days', '--payment-terms-days', [CompletionResultType]::ParameterName, 'Days from issue to due date')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency (ISO 4217)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;customer;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include archived customers')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;customer;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;customer;edit' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone')
            [CompletionResult]::new('--contact-name', '--contact-name', [CompletionResultType]::ParameterName, 'Contact person or department')
            [CompletionResult]::new('--vat-id', '--vat-id', [CompletionResultType]::ParameterName, 'VAT identifier')
            [CompletionResult]::new('--legal-id', '--legal-id', [CompletionResultType]::ParameterName, 'Legal registration identifier')
            [CompletionResult]::new('--address-line', '--address-line', [CompletionResultType]::ParameterName, 'Street line (repeatable, at most 3); replaces the address lines')
            [CompletionResult]::new('--city', '--city', [CompletionResultType]::ParameterName, 'City')
            [CompletionResult]::new('--postal-code', '--postal-code', [CompletionResultType]::ParameterName, 'Postal code')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Country (ISO 3166-1 alpha-2)')
            [CompletionResult]::new('--buyer-reference', '--buyer-reference', [CompletionResultType]::ParameterName, 'Buyer reference (e.g. Leitweg-ID)')
            [CompletionResult]::new('--electronic-address', '--electronic-address', [CompletionResultType]::ParameterName, 'Electronic address SCHEME:ID, e.g. 0204:991-12345-67')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Document language (en, de, fr)')
            [CompletionResult]::new('--einvoice-profile', '--einvoice-profile', [CompletionResultType]::ParameterName, 'E-invoice profile (en16931, xrechnung, peppol)')
            [CompletionResult]::new('--payment-terms-days', '--payment-terms-days', [CompletionResultType]::ParameterName, 'Days from issue to due date')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency (ISO 4217)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;customer;archive' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;customer;delete' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;customer;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer: a buyer with its invoicing defaults, under a short ID')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers (archived ones with --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change some fields of a customer (issued invoices keep their own copy of the buyer)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a customer: kept for its invoices, refused by new ones')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a customer that has no invoices and no schedules')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;customer;help;add' {
            break
        }
        'invoice;customer;help;list' {
            break
        }
        'invoice;customer;help;show' {
            break
        }
        'invoice;customer;help;edit' {
            break
        }
        'invoice;customer;help;archive' {
            break
        }
        'invoice;customer;help;delete' {
            break
        }
        'invoice;customer;help;help' {
            break
        }
        'invoice;recurring' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a schedule: a draft template issued for a customer every week, month, quarter or year')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List schedules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a schedule, its next occurrence and the invoices it issued')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused schedule from today')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a schedule: no occurrence after today (or --on DATE) is issued')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Issue every occurrence due up to today (or --as-of) and not yet issued')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;recurring;add' {
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'The customer invoiced')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'How often')
            [CompletionResult]::new('--day', '--day', [CompletionResultType]::ParameterName, 'Day of the month 1-31 (clamped to the month''s end), or for weeks the weekday 1 (Monday) - 7')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'First possible occurrence (YYYY-MM-DD)')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'Last possible occurrence (YYYY-MM-DD)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The draft template (`-` for stdin): lines, notes, ... without issue_date, due_date, period or customer; `{period}`, `{month}`, `{year}` in descriptions and notes')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The draft template (`-` for stdin): lines, notes, ... without issue_date, due_date, period or customer; `{period}`, `{month}`, `{year}` in descriptions and notes')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;recurring;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;recurring;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;recurring;pause' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;recurring;resume' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;recurring;end' {
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'The last day an occurrence may fall on (default today)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;recurring;run' {
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Issue what is due up to this date (default today; at most tomorrow)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be issued; issue nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;recurring;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a schedule: a draft template issued for a customer every week, month, quarter or year')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List schedules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a schedule, its next occurrence and the invoices it issued')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused schedule from today')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a schedule: no occurrence after today (or --on DATE) is issued')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Issue every occurrence due up to today (or --as-of) and not yet issued')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;recurring;help;add' {
            break
        }
        'invoice;recurring;help;list' {
            break
        }
        'invoice;recurring;help;show' {
            break
        }
        'invoice;recurring;help;pause' {
            break
        }
        'invoice;recurring;help;resume' {
            break
        }
        'invoice;recurring;help;end' {
            break
        }
        'invoice;recurring;help;run' {
            break
        }
        'invoice;recurring;help;help' {
            break
        }
        'invoice;keys' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Issue an API key for the daemon; the key is printed once and never again')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List API keys (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an API key at once; a running daemon refuses it from the next request on')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)')
            [CompletionResult]::new('set-static', 'set-static', [CompletionResultType]::ParameterValue, 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)')
            [CompletionResult]::new('delete-static', 'delete-static', [CompletionResultType]::ParameterValue, 'Delete the static API key from the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;keys;create' {
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Who the key is for (shown in `keys list`)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Comma-separated scopes: read, write, admin')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Lifetime: Nd or Nh, at most 365d')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;keys;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;keys;revoke' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;keys;rotate' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Keep the old key working this long (Nd or Nh) so clients can switch; default: revoke at once')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Lifetime of the new key: Nd or Nh, at most 365d')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;keys;set-static' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;keys;delete-static' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;keys;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Issue an API key for the daemon; the key is printed once and never again')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List API keys (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an API key at once; a running daemon refuses it from the next request on')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)')
            [CompletionResult]::new('set-static', 'set-static', [CompletionResultType]::ParameterValue, 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)')
            [CompletionResult]::new('delete-static', 'delete-static', [CompletionResultType]::ParameterValue, 'Delete the static API key from the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;keys;help;create' {
            break
        }
        'invoice;keys;help;list' {
            break
        }
        'invoice;keys;help;revoke' {
            break
        }
        'invoice;keys;help;rotate' {
            break
        }
        'invoice;keys;help;set-static' {
            break
        }
        'invoice;keys;help;delete-static' {
            break
        }
        'invoice;keys;help;help' {
            break
        }
        'invoice;store' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;store;copy' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The store to copy (a SQLite file or a postgres:// URL)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The empty store to copy into (a SQLite file or a postgres:// URL)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;store;check' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;store;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;store;help;copy' {
            break
        }
        'invoice;store;help;check' {
            break
        }
        'invoice;store;help;help' {
            break
        }
        'invoice;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on [default: 127.0.0.1:8080]. Port 0 picks a free port')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Unauthenticated requests per minute per client (IPv4 address, IPv6 /64, all of loopback) [default: 60]')
            [CompletionResult]::new('--key-rate-limit', '--key-rate-limit', [CompletionResultType]::ParameterName, 'Authenticated requests per minute per API key [default: 1200]')
            [CompletionResult]::new('--auth-fail-limit', '--auth-fail-limit', [CompletionResultType]::ParameterName, 'Failed authentications per minute per client IP [default: 10, or --rate-limit if lower]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest request body in bytes [default: 1048576]')
            [CompletionResult]::new('--cors-origin', '--cors-origin', [CompletionResultType]::ParameterName, 'Allow browser calls from this origin (repeatable; `*` is never accepted)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads [default: the number of CPUs]')
            [CompletionResult]::new('--db-pool', '--db-pool', [CompletionResultType]::ParameterName, 'Database connections on PostgreSQL (the daemon''s pool) [default: 8]')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Concurrent connections; over it idle ones are closed first, then new ones get 503 [default: 256]')
            [CompletionResult]::new('--max-connections-per-client', '--max-connections-per-client', [CompletionResultType]::ParameterName, 'Concurrent connections per client (IPv4 address, IPv6 /64, all of loopback); not applied with --trust-proxy [default: 32]')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'TLS certificate chain (PEM); serves HTTPS natively with --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'TLS private key (PEM)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Access log format [default: text]')
            [CompletionResult]::new('--header-timeout-ms', '--header-timeout-ms', [CompletionResultType]::ParameterName, 'Time to send a request head, and the idle keep-alive time, in milliseconds')
            [CompletionResult]::new('--body-timeout-ms', '--body-timeout-ms', [CompletionResultType]::ParameterName, 'Time to send a request body, in milliseconds')
            [CompletionResult]::new('--shutdown-grace-ms', '--shutdown-grace-ms', [CompletionResultType]::ParameterName, 'Time in-flight requests get after SIGINT/SIGTERM, in milliseconds')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--trust-proxy', '--trust-proxy', [CompletionResultType]::ParameterName, 'Take the client IP from the rightmost X-Forwarded-For entry (behind a reverse proxy)')
            [CompletionResult]::new('--allow-plain-http', '--allow-plain-http', [CompletionResultType]::ParameterName, 'Serve plain HTTP on a non-loopback address (only on a trusted network)')
            [CompletionResult]::new('--sanitize', '--sanitize', [CompletionResultType]::ParameterName, 'Strip markup from drafts (reported as warnings) instead of refusing it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;config' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented config template (to --config or the default path)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration and where each value came from (secrets redacted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;config;init' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;config;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented config template (to --config or the default path)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration and where each value came from (secrets redacted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;config;help;init' {
            break
        }
        'invoice;config;help;show' {
            break
        }
        'invoice;config;help;help' {
            break
        }
        'invoice;schema' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;completions' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;doctor' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is respected)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more (repeat for more detail); logs go to stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'invoice;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Validate a draft, compute totals, assign a number, store it and print it')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate draft files (directories are searched recursively for *.json; - is stdin)')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a stored invoice or a draft as text, HTML, JSON or PDF')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List stored invoices')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one stored invoice')
            [CompletionResult]::new('void', 'void', [CompletionResultType]::ParameterValue, 'Void an issued invoice (it keeps its number)')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Record a payment: the whole outstanding balance, or --amount of it')
            [CompletionResult]::new('payment', 'payment', [CompletionResultType]::ParameterValue, 'Payments: reverse one recorded in error')
            [CompletionResult]::new('payments', 'payments', [CompletionResultType]::ParameterValue, 'List recorded payments')
            [CompletionResult]::new('aging', 'aging', [CompletionResultType]::ParameterValue, 'Outstanding amounts per buyer and currency by days past due')
            [CompletionResult]::new('remind', 'remind', [CompletionResultType]::ParameterValue, 'Issue the payment reminders that are due (dunning levels, fees, interest)')
            [CompletionResult]::new('statement', 'statement', [CompletionResultType]::ParameterValue, 'A buyer''s statement of account: invoices, credit notes, payments, reminder fees')
            [CompletionResult]::new('credit', 'credit', [CompletionResultType]::ParameterValue, 'Issue a credit note for a whole invoice; the invoice becomes `credited`')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read the audit log')
            [CompletionResult]::new('einvoice', 'einvoice', [CompletionResultType]::ParameterValue, 'Received e-invoices: validate them with the official rules, show them')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'Keep customers: a buyer with its defaults under a short ID (`create --customer ID`)')
            [CompletionResult]::new('recurring', 'recurring', [CompletionResultType]::ParameterValue, 'Recurring invoices: schedules issued by `recurring run` (daily from a timer or cron)')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage API keys for the daemon')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Copy or verify a whole store (SQLite or PostgreSQL)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the HTTP daemon for local applications')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Write or show the configuration')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of an invoice draft')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the config, store, keys, keyring, TLS files and port; say how to fix what is wrong')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'invoice;help;create' {
            break
        }
        'invoice;help;validate' {
            break
        }
        'invoice;help;render' {
            break
        }
        'invoice;help;list' {
            break
        }
        'invoice;help;show' {
            break
        }
        'invoice;help;void' {
            break
        }
        'invoice;help;pay' {
            break
        }
        'invoice;help;payment' {
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row')
            break
        }
        'invoice;help;payment;reverse' {
            break
        }
        'invoice;help;payments' {
            break
        }
        'invoice;help;aging' {
            break
        }
        'invoice;help;remind' {
            break
        }
        'invoice;help;statement' {
            break
        }
        'invoice;help;credit' {
            break
        }
        'invoice;help;audit' {
            break
        }
        'invoice;help;einvoice' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top')
            break
        }
        'invoice;help;einvoice;validate' {
            break
        }
        'invoice;help;einvoice;show' {
            break
        }
        'invoice;help;customer' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer: a buyer with its invoicing defaults, under a short ID')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers (archived ones with --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change some fields of a customer (issued invoices keep their own copy of the buyer)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a customer: kept for its invoices, refused by new ones')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a customer that has no invoices and no schedules')
            break
        }
        'invoice;help;customer;add' {
            break
        }
        'invoice;help;customer;list' {
            break
        }
        'invoice;help;customer;show' {
            break
        }
        'invoice;help;customer;edit' {
            break
        }
        'invoice;help;customer;archive' {
            break
        }
        'invoice;help;customer;delete' {
            break
        }
        'invoice;help;recurring' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a schedule: a draft template issued for a customer every week, month, quarter or year')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List schedules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a schedule, its next occurrence and the invoices it issued')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused schedule from today')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a schedule: no occurrence after today (or --on DATE) is issued')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Issue every occurrence due up to today (or --as-of) and not yet issued')
            break
        }
        'invoice;help;recurring;add' {
            break
        }
        'invoice;help;recurring;list' {
            break
        }
        'invoice;help;recurring;show' {
            break
        }
        'invoice;help;recurring;pause' {
            break
        }
        'invoice;help;recurring;resume' {
            break
        }
        'invoice;help;recurring;end' {
            break
        }
        'invoice;help;recurring;run' {
            break
        }
        'invoice;help;keys' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Issue an API key for the daemon; the key is printed once and never again')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List API keys (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an API key at once; a running daemon refuses it from the next request on')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)')
            [CompletionResult]::new('set-static', 'set-static', [CompletionResultType]::ParameterValue, 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)')
            [CompletionResult]::new('delete-static', 'delete-static', [CompletionResultType]::ParameterValue, 'Delete the static API key from the OS keyring')
            break
        }
        'invoice;help;keys;create' {
            break
        }
        'invoice;help;keys;list' {
            break
        }
        'invoice;help;keys;revoke' {
            break
        }
        'invoice;help;keys;rotate' {
            break
        }
        'invoice;help;keys;set-static' {
            break
        }
        'invoice;help;keys;delete-static' {
            break
        }
        'invoice;help;store' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong')
            break
        }
        'invoice;help;store;copy' {
            break
        }
        'invoice;help;store;check' {
            break
        }
        'invoice;help;serve' {
            break
        }
        'invoice;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented config template (to --config or the default path)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration and where each value came from (secrets redacted)')
            break
        }
        'invoice;help;config;init' {
            break
        }
        'invoice;help;config;show' {
            break
        }
        'invoice;help;schema' {
            break
        }
        'invoice;help;completions' {
            break
        }
        'invoice;help;doctor' {
            break
        }
        'invoice;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
