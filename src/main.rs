//! The `invoice` command. Everything happens in the library; see `invoice::cli`.

#![forbid(unsafe_code)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    invoice::cli::main()
}
