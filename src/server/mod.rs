//! The HTTP daemon (hyper 1 on tokio): a thin layer over the same core the CLI uses.
