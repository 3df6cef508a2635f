//! The `invoice` command. Everything happens in the library; see `invoice::cli`.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    invoice::cli::main()
}
