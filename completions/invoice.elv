
use builtin;
use str;

set edit:completion:arg-completer[invoice] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'invoice'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'invoice'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Validate a draft, compute totals, assign a number, store it and print it'
            cand validate 'Validate draft files (directories are searched recursively for *.json; - is stdin)'
            cand render 'Render a stored invoice or a draft as text, HTML, JSON or PDF'
            cand list 'List stored invoices'
            cand show 'Show one stored invoice'
            cand void 'Void an issued invoice (it keeps its number)'
            cand pay 'Record a payment: the whole outstanding balance, or --amount of it'
            cand payment 'Payments: reverse one recorded in error'
            cand payments 'List recorded payments'
            cand aging 'Outstanding amounts per buyer and currency by days past due'
            cand remind 'Issue the payment reminders that are due (dunning levels, fees, interest)'
            cand statement 'A buyer''s statement of account: invoices, credit notes, payments, reminder fees'
            cand credit 'Issue a credit note for a whole invoice; the invoice becomes `credited`'
            cand audit 'Read the audit log'
            cand einvoice 'Received e-invoices: validate them with the official rules, show them'
            cand customer 'Keep customers: a buyer with its defaults under a short ID (`create --customer ID`)'
            cand recurring 'Recurring invoices: schedules issued by `recurring run` (daily from a timer or cron)'
            cand keys 'Manage API keys for the daemon'
            cand store 'Copy or verify a whole store (SQLite or PostgreSQL)'
            cand serve 'Run the HTTP daemon for local applications'
            cand config 'Write or show the configuration'
            cand schema 'Print the JSON Schema (draft 2020-12) of an invoice draft'
            cand completions 'Print shell completions'
            cand doctor 'Check the config, store, keys, keyring, TLS files and port; say how to fix what is wrong'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;create'= {
            cand -i 'Read the draft from a JSON file (`-` for stdin); flags below override its fields'
            cand --input 'Read the draft from a JSON file (`-` for stdin); flags below override its fields'
            cand --to 'Buyer name'
            cand --to-email 'Buyer e-mail'
            cand --to-country 'Buyer country (ISO 3166-1 alpha-2)'
            cand --to-city 'Buyer city'
            cand --to-postal-code 'Buyer postal code'
            cand --to-address-line 'Buyer street line (repeatable, at most 3); replaces the draft''s address lines'
            cand --to-vat-id 'Buyer VAT identifier'
            cand --to-electronic-address 'Buyer electronic address, e.g. 0204:991-12345-67 (Leitweg-ID) or EM:ap@example.org'
            cand --customer 'Fill the buyer and its defaults from this customer (`invoice customer add`)'
            cand --currency 'Currency (ISO 4217)'
            cand --due 'Due date: YYYY-MM-DD, or Nd for N days after the issue date (e.g. 30d)'
            cand --issue-date 'Issue date (YYYY-MM-DD; default today)'
            cand --series 'Numbering series'
            cand --order-reference 'Purchase order reference'
            cand --buyer-reference 'Buyer reference (e.g. Leitweg-ID)'
            cand --note 'Notes printed on the invoice'
            cand --tax 'Tax rate in percent for lines without one'
            cand --lang 'Language of the printed documents (stored with the invoice)'
            cand --item 'A line item description (repeatable)'
            cand --qty 'Quantity of the n-th item'
            cand --price 'Unit price of the n-th item'
            cand --format 'What to print'
            cand --render 'Also render the document (needs --out)'
            cand --out 'Where to write the rendered document'
            cand --paper 'PDF paper size'
            cand --profile 'E-invoice profile for --render ubl|cii|facturx (default: `[defaults] einvoice_profile`, else en16931)'
            cand --idempotency-key 'Return the first invoice when a create with this key and the same draft is retried'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --dry-run 'Validate and compute only: store nothing, assign no number'
            cand --sanitize 'Strip markup from text fields (with a warning per field) instead of rejecting it'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;validate'= {
            cand --format 'Output format'
            cand --profile 'Also check what this e-invoice profile requires (`einvoice_requirement` problems)'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --sanitize 'Strip markup from text fields (with a warning per field) instead of rejecting it'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;render'= {
            cand -i 'Render a draft from a JSON file instead (`-` for stdin); it is marked DRAFT'
            cand --input 'Render a draft from a JSON file instead (`-` for stdin); it is marked DRAFT'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --profile 'E-invoice profile for ubl, cii and facturx (default: `[defaults] einvoice_profile`, else en16931)'
            cand --paper 'Paper size for PDF, and the print page size of HTML'
            cand -o 'Write to this file (`-` is stdout, the default)'
            cand --out 'Write to this file (`-` is stdout, the default)'
            cand --lang 'Print in this language instead of the invoice''s own (text, HTML, PDF)'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --sanitize 'Strip markup from a draft''s text fields instead of rejecting it'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;list'= {
            cand --status 'Only invoices with this status; `overdue`: issued or partially paid invoices whose due date is before today (or `--as-of`)'
            cand --as-of 'The day `--status overdue` is seen from (default today)'
            cand --buyer 'Only buyers whose name contains this text (case-insensitive for ASCII)'
            cand --customer 'Only invoices issued to this customer (`create --customer`, recurring invoices)'
            cand --from 'Issued on or after this date'
            cand --to 'Issued on or before this date'
            cand --limit 'At most this many'
            cand --width 'Fit the table to this many columns (default: the terminal''s width; output to a pipe or file is not shortened)'
            cand --format 'Output format'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --reverse 'Newest first (default: oldest first)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;show'= {
            cand --format 'Output format'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;void'= {
            cand --reason 'Why it is voided (kept with the invoice and in the audit log)'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;pay'= {
            cand --amount 'Amount received, in the invoice''s currency (default: the whole outstanding balance)'
            cand --date 'Payment date (default today; not before the issue date, not after tomorrow)'
            cand --method 'How it was paid: a payment means word (sepa_credit_transfer, card, ...) or free text'
            cand --reference 'Bank statement line or other reference (at most 140 characters)'
            cand --idempotency-key 'A retry with the same key and the same request returns the first payment'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;payment'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand reverse 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;payment;reverse'= {
            cand --reason 'Why (kept with the reversal and in the audit log)'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;payment;help'= {
            cand reverse 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;payment;help;reverse'= {
        }
        &'invoice;payment;help;help'= {
        }
        &'invoice;payments'= {
            cand --from 'Dated on or after'
            cand --to 'Dated on or before'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;aging'= {
            cand --as-of 'The day the report is seen from (default today)'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;remind'= {
            cand --as-of 'The day of the run (default today)'
            cand --format 'The reminder documents'' format'
            cand --out 'Write one file per reminder into this directory (created if missing), named after the invoice and level: INV-2026-0007-reminder-2.pdf'
            cand --paper 'Paper size of PDF reminders'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --dry-run 'Say what would be issued; store and write nothing'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;statement'= {
            cand --buyer 'The buyer''s name (the whole name, compared case-insensitively)'
            cand --customer 'The customer ID: the invoices created from that customer record'
            cand --from 'First day shown; what came before is the opening balance'
            cand --to 'Last day shown'
            cand --format 'What to print'
            cand --out 'Write to this file instead of stdout (needed for PDF on a terminal)'
            cand --paper 'Paper size of the PDF'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;credit'= {
            cand --amount 'Credit this gross amount (tax included), spread over the invoice''s VAT groups'
            cand --lines 'Credit these whole lines, numbered from 1 as printed (e.g. 1,3)'
            cand --reason 'Why (printed on the credit note)'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;audit'= {
            cand --since 'Only entries from this date on (UTC)'
            cand --format 'Output format'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;einvoice'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules'
            cand show 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;einvoice;validate'= {
            cand --profile 'Which rules judge: those the document declares in BT-24 (auto), the CEN EN 16931 rules, or CEN + XRechnung'
            cand --format 'Output format'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;einvoice;show'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --lang 'Print in this language instead of the document''s own (text, HTML, PDF)'
            cand -o 'Write to this file (`-` is stdout, the default)'
            cand --out 'Write to this file (`-` is stdout, the default)'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;einvoice;help'= {
            cand validate 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules'
            cand show 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;einvoice;help;validate'= {
        }
        &'invoice;einvoice;help;show'= {
        }
        &'invoice;einvoice;help;help'= {
        }
        &'invoice;customer'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a customer: a buyer with its invoicing defaults, under a short ID'
            cand list 'List customers (archived ones with --all)'
            cand show 'Show one customer'
            cand edit 'Change some fields of a customer (issued invoices keep their own copy of the buyer)'
            cand archive 'Archive a customer: kept for its invoices, refused by new ones'
            cand delete 'Delete a customer that has no invoices and no schedules'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;customer;add'= {
            cand -i 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it'
            cand --input 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it'
            cand --name 'Name'
            cand --email 'E-mail'
            cand --phone 'Phone'
            cand --contact-name 'Contact person or department'
            cand --vat-id 'VAT identifier'
            cand --legal-id 'Legal registration identifier'
            cand --address-line 'Street line (repeatable, at most 3); replaces the address lines'
            cand --city 'City'
            cand --postal-code 'Postal code'
            cand --country 'Country (ISO 3166-1 alpha-2)'
            cand --buyer-reference 'Buyer reference (e.g. Leitweg-ID)'
            cand --electronic-address 'Electronic address SCHEME:ID, e.g. 0204:991-12345-67'
            cand --language 'Document language (en, de, fr)'
            cand --einvoice-profile 'E-invoice profile (en16931, xrechnung, peppol)'
            cand --payment-terms-days 'Days from issue to due date'
            cand --currency 'Currency (ISO 4217)'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;customer;list'= {
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --all 'Include archived customers'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;customer;show'= {
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;customer;edit'= {
            cand -i 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it'
            cand --input 'Read the fields from a JSON object (`-` for stdin): the draft''s buyer fields plus buyer_reference, language, currency, payment_terms_days, einvoice_profile. For edit, it is merged into the stored customer (null removes a field). Flags override it'
            cand --name 'Name'
            cand --email 'E-mail'
            cand --phone 'Phone'
            cand --contact-name 'Contact person or department'
            cand --vat-id 'VAT identifier'
            cand --legal-id 'Legal registration identifier'
            cand --address-line 'Street line (repeatable, at most 3); replaces the address lines'
            cand --city 'City'
            cand --postal-code 'Postal code'
            cand --country 'Country (ISO 3166-1 alpha-2)'
            cand --buyer-reference 'Buyer reference (e.g. Leitweg-ID)'
            cand --electronic-address 'Electronic address SCHEME:ID, e.g. 0204:991-12345-67'
            cand --language 'Document language (en, de, fr)'
            cand --einvoice-profile 'E-invoice profile (en16931, xrechnung, peppol)'
            cand --payment-terms-days 'Days from issue to due date'
            cand --currency 'Currency (ISO 4217)'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;customer;archive'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;customer;delete'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;customer;help'= {
            cand add 'Add a customer: a buyer with its invoicing defaults, under a short ID'
            cand list 'List customers (archived ones with --all)'
            cand show 'Show one customer'
            cand edit 'Change some fields of a customer (issued invoices keep their own copy of the buyer)'
            cand archive 'Archive a customer: kept for its invoices, refused by new ones'
            cand delete 'Delete a customer that has no invoices and no schedules'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;customer;help;add'= {
        }
        &'invoice;customer;help;list'= {
        }
        &'invoice;customer;help;show'= {
        }
        &'invoice;customer;help;edit'= {
        }
        &'invoice;customer;help;archive'= {
        }
        &'invoice;customer;help;delete'= {
        }
        &'invoice;customer;help;help'= {
        }
        &'invoice;recurring'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a schedule: a draft template issued for a customer every week, month, quarter or year'
            cand list 'List schedules'
            cand show 'Show a schedule, its next occurrence and the invoices it issued'
            cand pause 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up'
            cand resume 'Resume a paused schedule from today'
            cand end 'End a schedule: no occurrence after today (or --on DATE) is issued'
            cand run 'Issue every occurrence due up to today (or --as-of) and not yet issued'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;recurring;add'= {
            cand --customer 'The customer invoiced'
            cand --every 'How often'
            cand --day 'Day of the month 1-31 (clamped to the month''s end), or for weeks the weekday 1 (Monday) - 7'
            cand --start 'First possible occurrence (YYYY-MM-DD)'
            cand --end 'Last possible occurrence (YYYY-MM-DD)'
            cand -i 'The draft template (`-` for stdin): lines, notes, ... without issue_date, due_date, period or customer; `{period}`, `{month}`, `{year}` in descriptions and notes'
            cand --input 'The draft template (`-` for stdin): lines, notes, ... without issue_date, due_date, period or customer; `{period}`, `{month}`, `{year}` in descriptions and notes'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;recurring;list'= {
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;recurring;show'= {
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;recurring;pause'= {
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;recurring;resume'= {
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;recurring;end'= {
            cand --on 'The last day an occurrence may fall on (default today)'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;recurring;run'= {
            cand --as-of 'Issue what is due up to this date (default today; at most tomorrow)'
            cand --format 'What to print'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --dry-run 'Say what would be issued; issue nothing'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;recurring;help'= {
            cand add 'Add a schedule: a draft template issued for a customer every week, month, quarter or year'
            cand list 'List schedules'
            cand show 'Show a schedule, its next occurrence and the invoices it issued'
            cand pause 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up'
            cand resume 'Resume a paused schedule from today'
            cand end 'End a schedule: no occurrence after today (or --on DATE) is issued'
            cand run 'Issue every occurrence due up to today (or --as-of) and not yet issued'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;recurring;help;add'= {
        }
        &'invoice;recurring;help;list'= {
        }
        &'invoice;recurring;help;show'= {
        }
        &'invoice;recurring;help;pause'= {
        }
        &'invoice;recurring;help;resume'= {
        }
        &'invoice;recurring;help;end'= {
        }
        &'invoice;recurring;help;run'= {
        }
        &'invoice;recurring;help;help'= {
        }
        &'invoice;keys'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Issue an API key for the daemon; the key is printed once and never again'
            cand list 'List API keys (never their secrets)'
            cand revoke 'Revoke an API key at once; a running daemon refuses it from the next request on'
            cand rotate 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)'
            cand set-static 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)'
            cand delete-static 'Delete the static API key from the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;keys;create'= {
            cand --client 'Who the key is for (shown in `keys list`)'
            cand --scopes 'Comma-separated scopes: read, write, admin'
            cand --expires-in 'Lifetime: Nd or Nh, at most 365d'
            cand --format 'Output format'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;keys;list'= {
            cand --format 'Output format'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;keys;revoke'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;keys;rotate'= {
            cand --grace 'Keep the old key working this long (Nd or Nh) so clients can switch; default: revoke at once'
            cand --expires-in 'Lifetime of the new key: Nd or Nh, at most 365d'
            cand --format 'Output format'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;keys;set-static'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;keys;delete-static'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;keys;help'= {
            cand create 'Issue an API key for the daemon; the key is printed once and never again'
            cand list 'List API keys (never their secrets)'
            cand revoke 'Revoke an API key at once; a running daemon refuses it from the next request on'
            cand rotate 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)'
            cand set-static 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)'
            cand delete-static 'Delete the static API key from the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;keys;help;create'= {
        }
        &'invoice;keys;help;list'= {
        }
        &'invoice;keys;help;revoke'= {
        }
        &'invoice;keys;help;rotate'= {
        }
        &'invoice;keys;help;set-static'= {
        }
        &'invoice;keys;help;delete-static'= {
        }
        &'invoice;keys;help;help'= {
        }
        &'invoice;store'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand copy 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both'
            cand check 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;store;copy'= {
            cand --from 'The store to copy (a SQLite file or a postgres:// URL)'
            cand --to 'The empty store to copy into (a SQLite file or a postgres:// URL)'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;store;check'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;store;help'= {
            cand copy 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both'
            cand check 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;store;help;copy'= {
        }
        &'invoice;store;help;check'= {
        }
        &'invoice;store;help;help'= {
        }
        &'invoice;serve'= {
            cand --bind 'Address to listen on [default: 127.0.0.1:8080]. Port 0 picks a free port'
            cand --rate-limit 'Unauthenticated requests per minute per client (IPv4 address, IPv6 /64, all of loopback) [default: 60]'
            cand --key-rate-limit 'Authenticated requests per minute per API key [default: 1200]'
            cand --auth-fail-limit 'Failed authentications per minute per client IP [default: 10, or --rate-limit if lower]'
            cand --max-body 'Largest request body in bytes [default: 1048576]'
            cand --cors-origin 'Allow browser calls from this origin (repeatable; `*` is never accepted)'
            cand --threads 'Worker threads [default: the number of CPUs]'
            cand --db-pool 'Database connections on PostgreSQL (the daemon''s pool) [default: 8]'
            cand --max-connections 'Concurrent connections; over it idle ones are closed first, then new ones get 503 [default: 256]'
            cand --max-connections-per-client 'Concurrent connections per client (IPv4 address, IPv6 /64, all of loopback); not applied with --trust-proxy [default: 32]'
            cand --tls-cert 'TLS certificate chain (PEM); serves HTTPS natively with --tls-key'
            cand --tls-key 'TLS private key (PEM)'
            cand --log-format 'Access log format [default: text]'
            cand --header-timeout-ms 'Time to send a request head, and the idle keep-alive time, in milliseconds'
            cand --body-timeout-ms 'Time to send a request body, in milliseconds'
            cand --shutdown-grace-ms 'Time in-flight requests get after SIGINT/SIGTERM, in milliseconds'
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --trust-proxy 'Take the client IP from the rightmost X-Forwarded-For entry (behind a reverse proxy)'
            cand --allow-plain-http 'Serve plain HTTP on a non-loopback address (only on a trusted network)'
            cand --sanitize 'Strip markup from drafts (reported as warnings) instead of refusing it'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;config'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write a commented config template (to --config or the default path)'
            cand show 'Print the effective configuration and where each value came from (secrets redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;config;init'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand --force 'Overwrite an existing file'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;config;show'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;config;help'= {
            cand init 'Write a commented config template (to --config or the default path)'
            cand show 'Print the effective configuration and where each value came from (secrets redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;config;help;init'= {
        }
        &'invoice;config;help;show'= {
        }
        &'invoice;config;help;help'= {
        }
        &'invoice;schema'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;completions'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;doctor'= {
            cand --store 'The store (SQLite file). Default: $XDG_DATA_HOME/invoice/invoices.db'
            cand --config 'The config file. Default: $XDG_CONFIG_HOME/invoice/invoice.toml (if present)'
            cand --color 'When to use colors on stderr (NO_COLOR is respected)'
            cand -v 'Say more (repeat for more detail); logs go to stderr'
            cand --verbose 'Say more (repeat for more detail); logs go to stderr'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'invoice;help'= {
            cand create 'Validate a draft, compute totals, assign a number, store it and print it'
            cand validate 'Validate draft files (directories are searched recursively for *.json; - is stdin)'
            cand render 'Render a stored invoice or a draft as text, HTML, JSON or PDF'
            cand list 'List stored invoices'
            cand show 'Show one stored invoice'
            cand void 'Void an issued invoice (it keeps its number)'
            cand pay 'Record a payment: the whole outstanding balance, or --amount of it'
            cand payment 'Payments: reverse one recorded in error'
            cand payments 'List recorded payments'
            cand aging 'Outstanding amounts per buyer and currency by days past due'
            cand remind 'Issue the payment reminders that are due (dunning levels, fees, interest)'
            cand statement 'A buyer''s statement of account: invoices, credit notes, payments, reminder fees'
            cand credit 'Issue a credit note for a whole invoice; the invoice becomes `credited`'
            cand audit 'Read the audit log'
            cand einvoice 'Received e-invoices: validate them with the official rules, show them'
            cand customer 'Keep customers: a buyer with its defaults under a short ID (`create --customer ID`)'
            cand recurring 'Recurring invoices: schedules issued by `recurring run` (daily from a timer or cron)'
            cand keys 'Manage API keys for the daemon'
            cand store 'Copy or verify a whole store (SQLite or PostgreSQL)'
            cand serve 'Run the HTTP daemon for local applications'
            cand config 'Write or show the configuration'
            cand schema 'Print the JSON Schema (draft 2020-12) of an invoice draft'
            cand completions 'Print shell completions'
            cand doctor 'Check the config, store, keys, keyring, TLS files and port; say how to fix what is wrong'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'invoice;help;create'= {
        }
        &'invoice;help;validate'= {
        }
        &'invoice;help;render'= {
        }
        &'invoice;help;list'= {
        }
        &'invoice;help;show'= {
        }
        &'invoice;help;void'= {
        }
        &'invoice;help;pay'= {
        }
        &'invoice;help;payment'= {
            cand reverse 'Reverse a payment recorded in error (a bounced direct debit): adds a negative row'
        }
        &'invoice;help;payment;reverse'= {
        }
        &'invoice;help;payments'= {
        }
        &'invoice;help;aging'= {
        }
        &'invoice;help;remind'= {
        }
        &'invoice;help;statement'= {
        }
        &'invoice;help;credit'= {
        }
        &'invoice;help;audit'= {
        }
        &'invoice;help;einvoice'= {
            cand validate 'Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules'
            cand show 'Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top'
        }
        &'invoice;help;einvoice;validate'= {
        }
        &'invoice;help;einvoice;show'= {
        }
        &'invoice;help;customer'= {
            cand add 'Add a customer: a buyer with its invoicing defaults, under a short ID'
            cand list 'List customers (archived ones with --all)'
            cand show 'Show one customer'
            cand edit 'Change some fields of a customer (issued invoices keep their own copy of the buyer)'
            cand archive 'Archive a customer: kept for its invoices, refused by new ones'
            cand delete 'Delete a customer that has no invoices and no schedules'
        }
        &'invoice;help;customer;add'= {
        }
        &'invoice;help;customer;list'= {
        }
        &'invoice;help;customer;show'= {
        }
        &'invoice;help;customer;edit'= {
        }
        &'invoice;help;customer;archive'= {
        }
        &'invoice;help;customer;delete'= {
        }
        &'invoice;help;recurring'= {
            cand add 'Add a schedule: a draft template issued for a customer every week, month, quarter or year'
            cand list 'List schedules'
            cand show 'Show a schedule, its next occurrence and the invoices it issued'
            cand pause 'Pause a schedule: `run` skips it; occurrences that fall while paused are not caught up'
            cand resume 'Resume a paused schedule from today'
            cand end 'End a schedule: no occurrence after today (or --on DATE) is issued'
            cand run 'Issue every occurrence due up to today (or --as-of) and not yet issued'
        }
        &'invoice;help;recurring;add'= {
        }
        &'invoice;help;recurring;list'= {
        }
        &'invoice;help;recurring;show'= {
        }
        &'invoice;help;recurring;pause'= {
        }
        &'invoice;help;recurring;resume'= {
        }
        &'invoice;help;recurring;end'= {
        }
        &'invoice;help;recurring;run'= {
        }
        &'invoice;help;keys'= {
            cand create 'Issue an API key for the daemon; the key is printed once and never again'
            cand list 'List API keys (never their secrets)'
            cand revoke 'Revoke an API key at once; a running daemon refuses it from the next request on'
            cand rotate 'Issue a new key for the same client and scopes and revoke the old one (at once, or after --grace)'
            cand set-static 'Store the static API key in the OS keyring (read from stdin, or a prompt that does not echo)'
            cand delete-static 'Delete the static API key from the OS keyring'
        }
        &'invoice;help;keys;create'= {
        }
        &'invoice;help;keys;list'= {
        }
        &'invoice;help;keys;revoke'= {
        }
        &'invoice;help;keys;rotate'= {
        }
        &'invoice;help;keys;set-static'= {
        }
        &'invoice;help;keys;delete-static'= {
        }
        &'invoice;help;store'= {
            cand copy 'Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an empty one, SQLite or PostgreSQL in either direction, then compare both'
            cand check 'Verify a store: numbering without gaps, totals recomputed and equal, an audit entry for every invoice. Exits 1 listing what is wrong'
        }
        &'invoice;help;store;copy'= {
        }
        &'invoice;help;store;check'= {
        }
        &'invoice;help;serve'= {
        }
        &'invoice;help;config'= {
            cand init 'Write a commented config template (to --config or the default path)'
            cand show 'Print the effective configuration and where each value came from (secrets redacted)'
        }
        &'invoice;help;config;init'= {
        }
        &'invoice;help;config;show'= {
        }
        &'invoice;help;schema'= {
        }
        &'invoice;help;completions'= {
        }
        &'invoice;help;doctor'= {
        }
        &'invoice;help;help'= {
        }
    ]
    $completions[$command]
}
