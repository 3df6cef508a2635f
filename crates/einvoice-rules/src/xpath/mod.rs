//! A small XPath 2.0 engine over roxmltree: exactly the constructs and functions the official
//! CEN and KoSIT rule files use, with Saxon's typing (untyped atomics, exact `xs:decimal`,
//! IEEE `xs:double`) and its dynamic errors.

pub mod ast;
pub mod code;
pub mod eval;
pub mod parse;
pub mod regex;
pub mod value;

pub use ast::Expr;
pub use eval::{Env, Eval, Focus, coerce, ebv, is_simple_pattern, matches_pattern, normalize_space};
pub use parse::{Namespaces, parse};
pub use value::{Atom, Item, Seq, XErr, XNode, XResult};
