//! The `alloc` names the pure modules use, imported with
//! `use crate::prelude::*;` so that they compile both with `std` (the reader,
//! the tests) and without it (the embed engine builds this crate as
//! `no_std`, where the standard prelude does not exist).

pub use alloc::borrow::ToOwned;
pub use alloc::boxed::Box;
pub use alloc::format;
pub use alloc::string::{String, ToString};
pub use alloc::vec;
pub use alloc::vec::Vec;
